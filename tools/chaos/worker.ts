// A worker process of the chaos runner: plays one run at a time (each with its own emulator and
// local deploy), so that the runs' own work spreads over the machine's cores.
import type { FromWorker, ToWorker } from './protocol';
import { redactDigits } from './numbers';
import { playRun } from './run';

let crashes: string[] = [];

// A rejection nobody awaited would crash a real process: the run records it.
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
  playRun(msg.spec, crashes).then(
    result => send({ type: 'result', result }),
    (err: unknown) => send({ type: 'error', index: msg.spec.index, message: redactDigits(describe(err)) }),
  );
});

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

send({ type: 'ready' });
