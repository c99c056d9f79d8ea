// Delivery faults end to end: the example stack, its bundled handler and the Provider framework's
// own code, with events delivered twice, invoke answers lost and answers to CloudFormation lost.
// After each: the stack's final state and the emulator's order book and inventory.
import { LocalStack, outputsOf } from '../lifecycle/support';

const [A, B] = ['+12065550100', '+12065550101'];
jest.setTimeout(120_000);

let assembly: string;
let stack: LocalStack;
beforeAll(async () => { assembly = await LocalStack.synth(); }, 180_000);
beforeEach(async () => { stack = await LocalStack.start(assembly); });
afterEach(async () => {
  expect(stack.emulator.stats().malformedDetails).toEqual([]);
  await stack.close();
});

test('a Create delivered twice at once: the handler runs twice concurrently; each number acquired once, the stack complete', async () => {
  stack.emulator.configure({ orderDelayMs: 1_000 });
  const r = await stack.deploy({ numbers: [A, B] }, { faults: [{ kind: 'duplicate-at-once', requestType: 'Create' }] });
  expect({ status: r.result.stacks[0].status, err: r.err }).toEqual({ status: 'CREATE_COMPLETE', err: '' });
  const [first, second] = stack.onEventInvocations();
  expect(second.start).toBeLessThan(first.end);
  // Both deliveries may look before either has ordered, and Chime has no conditional create: the
  // later order then fails every number (the account already holds them) and acquires nothing.
  const orders = stack.emulator.orders();
  const acquiring = orders.filter(o => o.OrderedPhoneNumbers.some(n => n.Status === 'Acquired'));
  expect(acquiring.map(o => o.OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort())).toEqual([[A, B]]);
  expect(orders.filter(o => !acquiring.includes(o)).every(o => o.Status === 'Failed')).toBe(true);
  expect(stack.held()).toEqual([A, B]);
  expect(outputsOf(r)).toEqual({ orderId: acquiring[0].PhoneNumberOrderId, numbers: `${A},${B}` });
});

test('a Create delivered again after its answer: the second delivery changes nothing', async () => {
  const r = await stack.deploy({ numbers: [A, B] }, { faults: [{ kind: 'duplicate-after-answer', requestType: 'Create' }] });
  expect({ status: r.result.stacks[0].status, err: r.err }).toEqual({ status: 'CREATE_COMPLETE', err: '' });
  expect(stack.onEventInvocations()).toHaveLength(2);
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.held()).toEqual([A, B]);
  expect(outputsOf(r).orderId).toBe(stack.emulator.orders()[0].PhoneNumberOrderId);
});

test('the answer of the onEvent invoke is lost after the order was placed: the framework invokes again, which adopts it', async () => {
  const r = await stack.deploy({ numbers: [A, B] }, { faults: [{ kind: 'invoke-answer-lost', requestType: 'Create' }] });
  expect({ status: r.result.stacks[0].status, err: r.err }).toEqual({ status: 'CREATE_COMPLETE', err: '' });
  expect(stack.onEventInvocations()).toHaveLength(2);
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.emulator.stats().byOperation.CreatePhoneNumberOrder).toBe(1);
  expect(stack.held()).toEqual([A, B]);
});

test('an answer that never reaches CloudFormation: CREATE_FAILED after ServiceTimeout, and the rollback releases what the create acquired', async () => {
  const r = await stack.deploy({ numbers: [A, B] }, { faults: [{ kind: 'no-answer', requestType: 'Create' }], serviceTimeoutSeconds: 3 });
  expect(r.result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
  expect(r.out).toMatch(/CREATE_FAILED +\| Custom::ChimePhoneNumberOrder +\| Numbers\/Resource\/Default \(Numbers\w+\) CloudFormation did not receive a response from your Custom Resource/);
  expect(r.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Create FAILED', 'Delete SUCCESS']);
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.held()).toEqual([]);
});
