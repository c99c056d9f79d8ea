import { clientConfig } from './client-config';

interface Client {
  send(command: never, options?: never): Promise<unknown>;
}

/**
 * The two clients an adapter needs for one invocation: `send` with the SDK's standard retries, `once`
 * for calls that must not be repeated blindly (a lost answer may hide a done deed). Every call is
 * aborted at `deadline` (epoch ms), so the invocation can still answer.
 */
export function boundedClients<Output = unknown>(Sdk: new (config: ReturnType<typeof clientConfig>) => Client, region: string, deadline: number) {
  const retrying = new Sdk(clientConfig(region));
  const single = new Sdk(clientConfig(region, 1));
  const options = () => (Number.isFinite(deadline) ? { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) } : {});
  // Each command's input and output types are checked where it is built; the client's union of them is not needed.
  return {
    send: <T = Output>(command: object) => retrying.send(command as never, options() as never) as Promise<T>,
    once: <T = Output>(command: object) => single.send(command as never, options() as never) as Promise<T>,
  };
}
