// A warm Lambda execution environment: loads the shipped bundle once, as the runtime does, then
// runs onEvent or isComplete for each message from the driver. Run as a child process so each
// scenario has its own environment variables (endpoint, inline wait, query interval), as each
// deployed function would.
import type { Invocation, SandboxMessage } from './protocol';

type Handler = (event: object, context: { getRemainingTimeInMillis: () => number }) => Promise<unknown>;

const file = process.env.BENCH_HANDLER;
if (!file) throw new Error('BENCH_HANDLER names the bundle to load');
const handlers = require(file) as Record<string, Handler>;
if (typeof handlers.onEvent !== 'function' || typeof handlers.isComplete !== 'function') throw new Error(`${file} exports no onEvent and isComplete`);

const send = (message: SandboxMessage) => process.send?.(message);

process.on('message', (invocation: Invocation) => {
  const deadline = Date.now() + invocation.timeoutMs;
  const context = { getRemainingTimeInMillis: () => deadline - Date.now() };
  handlers[invocation.handler](invocation.event, context).then(
    result => send({ id: invocation.id, result }),
    (err: Error) => send({ id: invocation.id, error: err?.message ?? String(err) }),
  );
});
// The driver going away ends the sandbox, so no process outlives the bench.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
