// A worker process of the chaos runner. The handlers reach Chime through the SDK's
// AWS_ENDPOINT_URL_* variables, which are process-wide, so each process plays one run at a
// time against that run's own emulator. Handler logs go to this process's stdout, which the
// runner reads line by line and scans.
import type { FromWorker, ToWorker } from './protocol';
import { redactDigits } from './numbers';
import { playRun } from './run';

let crashes: string[] = [];
let port: number | undefined;

// A rejection nobody awaited crashes a real Lambda invocation: the run records it.
process.on('unhandledRejection', reason => crashes.push(redactDigits(`unhandled rejection: ${describe(reason)}`)));
process.on('uncaughtException', err => crashes.push(redactDigits(`uncaught exception: ${describe(err)}`)));

function send(msg: FromWorker): void {
  process.send?.(msg);
}

process.on('message', (msg: ToWorker) => {
  if (msg.type === 'stop') {
    process.disconnect();
    return;
  }
  crashes = [];
  playRun(msg.spec, crashes, port).then(
    ({ result, port: used }) => {
      port = used;
      const retire = result.events.some(e => e.hung);
      send({ type: 'result', result, retire });
      if (retire) process.disconnect();
    },
    (err: unknown) => send({ type: 'error', index: msg.spec.index, message: redactDigits(describe(err)) }),
  );
});

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

send({ type: 'ready' });
