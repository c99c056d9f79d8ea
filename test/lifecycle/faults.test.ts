// Creates that go wrong, end to end through the local deploy: the emulator's order book must
// show exactly one order per number set, and nothing held that the stack does not list.
import { spawn } from 'child_process';
import * as path from 'path';
import { ROOT } from '../local-deploy/example-app';
import { LocalStack, outputsOf } from './support';

const CLI = path.join(ROOT, 'tools', 'local-deploy', 'cli.ts');

const [A, B] = ['+12065550100', '+12065550101'];
jest.setTimeout(120_000);

let stack: LocalStack;
let assembly: string;
beforeAll(async () => { assembly = await LocalStack.synth(); }, 180_000);
beforeEach(async () => { stack = await LocalStack.start(assembly); });
afterEach(async () => {
  expect(stack.emulator.stats().malformedDetails).toEqual([]);
  await stack.close();
});

test('a create whose answer was lost after the order was placed adopts it: exactly one order', async () => {
  stack.emulator.injectOnce({ operation: 'CreatePhoneNumberOrder', kind: 'drop-after-act' });
  const r = await stack.deploy({ numbers: [A, B] });
  expect(r.result.exitCode).toBe(0);
  expect(stack.emulator.stats().faultsInjected.dropAfterAct).toBe(1);
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
  expect(outputsOf(r)).toEqual({ orderId: stack.emulator.orders()[0].PhoneNumberOrderId, numbers: `${A},${B}` });
});

test('a deploy killed after onEvent placed its order is retried by the next deploy, which adopts the order', async () => {
  // As when CloudFormation's call to the provider dies mid-way and the event is sent again.
  stack.emulator.configure({ orderDelayMs: 3_000 });
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--app', stack.assemblyWith({ numbers: [A, B] }), '--state-dir', stack.stateDir,
    '--endpoint', stack.emulator.url], { cwd: ROOT, detached: true, stdio: 'ignore' });
  const exited = new Promise(resolve => child.on('exit', resolve));
  while (stack.emulator.orders().length === 0) await new Promise(r => setTimeout(r, 50));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.emulator.orders()[0].Status).toBe('Processing');

  const retry = await stack.deploy({ numbers: [A, B] });
  expect({ exit: retry.result.exitCode, out: retry.out.slice(-600), err: retry.err }).toEqual({ exit: 0, out: expect.anything(), err: '' });
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
  expect(outputsOf(retry).orderId).toBe(stack.emulator.orders()[0].PhoneNumberOrderId);
  expect(stack.held()).toEqual([A, B]);
});

test('a partial create is refused and what it acquired released; a retry once the number is available succeeds', async () => {
  stack.emulator.setUnavailable([B]);
  const first = await stack.deploy({ numbers: [A, B] });
  expect(first.result.exitCode).toBe(1);
  expect(first.result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
  expect(first.out + first.err).toMatch(/only partly filled \(1 of 2 acquired; Partial: .*\*\*\*0101 Failed/);
  expect(stack.held()).toEqual([]);
  expect(stack.status(A)).toBe('DeleteInProgress');

  stack.emulator.setUnavailable([]);
  const retry = await stack.deploy({ numbers: [A, B] });
  expect(retry.result.exitCode).toBe(0);
  expect(stack.held()).toEqual([A, B]);
  expect(stack.ordersFor()).toEqual([[A, B], [B]]);
  expect(outputsOf(retry).numbers).toBe(`${A},${B}`);
});

test('a partial create with allowPartial succeeds and outputs only what it acquired', async () => {
  stack.emulator.setUnavailable([B]);
  const r = await stack.deploy({ numbers: [A, B], allowPartial: true });
  expect(r.result.exitCode).toBe(0);
  expect(stack.held()).toEqual([A]);
  expect(outputsOf(r).numbers).toBe(A);
});
