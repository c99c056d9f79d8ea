import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import type { HandlerName, SandboxMessage } from './protocol';

const SANDBOX = path.join(__dirname, 'sandbox.ts');

/** The driver's side of one sandbox process. */
export class Sandbox {
  /** Starts a sandbox with exactly these environment variables, and waits until the bundle is loaded. */
  static start(env: Record<string, string>): Promise<Sandbox> {
    const child = fork(SANDBOX, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...env, PATH: process.env.PATH ?? '' },
      // The handlers log a JSON line per step on stdout; the figures do not need them.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const sandbox = new Sandbox(child);
    return new Promise((resolve, reject) => {
      child.once('exit', code => reject(new Error(`sandbox exited with ${code} before it was ready: ${sandbox.stderr.slice(-2000)}`)));
      child.once('message', () => resolve(sandbox));
    });
  }

  private stderr = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-10_000); });
    child.on('message', (message: SandboxMessage) => {
      if (!('id' in message)) return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if ('error' in message) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    child.on('exit', code => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`sandbox exited with ${code}: ${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
  }

  invoke<T>(handler: HandlerName, event: object, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, handler, event, timeoutMs });
    });
  }

  close(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}
