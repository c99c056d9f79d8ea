// Every update row of the lifecycle contract, end to end: the example stack deployed through
// the local deploy (bundled handlers, Provider framework semantics) against the emulator,
// asserting the emulator's inventory and order book after each step.
import { LocalStack, outputsOf } from './support';

const [A, B, C, D, E, F, G] = ['+12065550100', '+12065550101', '+12065550102', '+12065550103', '+12065550104', '+12065550105', '+12065550106'];
jest.setTimeout(120_000);

let stack: LocalStack;
beforeAll(async () => { stack = await LocalStack.start(await LocalStack.synth()); }, 180_000);
afterAll(() => stack.close());
afterEach(() => expect(stack.emulator.stats().malformedDetails).toEqual([]));

const ok = (r: { result: { exitCode: number } ; err: string }) => expect({ exit: r.result.exitCode, err: r.err }).toEqual({ exit: 0, err: '' });
const orderIds = () => stack.emulator.orders().map(o => o.PhoneNumberOrderId);

test('create: one order for the listed numbers', async () => {
  const r = await stack.deploy({ numbers: [A, B] });
  ok(r);
  expect(stack.ordersFor()).toEqual([[A, B]]);
  expect(stack.held()).toEqual([A, B]);
  expect(outputsOf(r)).toEqual({ orderId: orderIds()[0], numbers: `${A},${B}` });
});

test('add: one new order for the added numbers only; OrderId names it', async () => {
  const r = await stack.deploy({ numbers: [A, B, C] });
  ok(r);
  expect(stack.ordersFor()).toEqual([[A, B], [C]]);
  expect(stack.held()).toEqual([A, B, C]);
  expect(outputsOf(r)).toEqual({ orderId: orderIds()[1], numbers: `${A},${B},${C}` });
  expect(r.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS']);
});

test('remove: the removed number is released, nothing ordered', async () => {
  const r = await stack.deploy({ numbers: [A, B] });
  ok(r);
  expect(stack.status(C)).toBe('DeleteInProgress');
  expect(stack.held()).toEqual([A, B]);
  expect(stack.ordersFor()).toHaveLength(2);
  expect(outputsOf(r).numbers).toBe(`${A},${B}`);
});

test('add and remove together: D ordered, B released after', async () => {
  const r = await stack.deploy({ numbers: [A, D] });
  ok(r);
  expect(stack.ordersFor()).toEqual([[A, B], [C], [D]]);
  expect(stack.held()).toEqual([A, D]);
  expect(stack.status(B)).toBe('DeleteInProgress');
  expect(outputsOf(r)).toEqual({ orderId: orderIds()[2], numbers: `${A},${D}` });
});

test('product type change: numbers moved with UpdatePhoneNumber, nothing ordered or released', async () => {
  const before = stack.emulator.stats().byOperation.UpdatePhoneNumber ?? 0;
  const r = await stack.deploy({ numbers: [A, D], productType: 'SipMediaApplicationDialIn' });
  ok(r);
  expect(stack.emulator.phoneNumbers().filter(n => stack.held().includes(n.E164PhoneNumber)).map(n => n.ProductType))
    .toEqual(['SipMediaApplicationDialIn', 'SipMediaApplicationDialIn']);
  expect((stack.emulator.stats().byOperation.UpdatePhoneNumber ?? 0) - before).toBe(2);
  expect(stack.ordersFor()).toHaveLength(3);
  expect(stack.held()).toEqual([A, D]);
});

test('API change: nothing ordered or released; the legacy API serves later calls', async () => {
  const ops = { ...stack.emulator.stats().byOperation };
  const r = await stack.deploy({ numbers: [A, D], productType: 'SipMediaApplicationDialIn', api: 'chime' });
  ok(r);
  const after = stack.emulator.stats().byOperation;
  expect(after.CreatePhoneNumberOrder).toBe(ops.CreatePhoneNumberOrder);
  expect(after.BatchDeletePhoneNumber ?? 0).toBe(ops.BatchDeletePhoneNumber ?? 0);
  expect(stack.held()).toEqual([A, D]);
  expect(outputsOf(r).numbers).toBe(`${A},${D}`);
});

test('rehearsed rollback of a removal: the released number comes back with RestorePhoneNumber', async () => {
  const restores = stack.emulator.stats().byOperation.RestorePhoneNumber ?? 0;
  const r = await stack.deploy({ numbers: [A], productType: 'SipMediaApplicationDialIn', api: 'chime' }, { rehearseRollback: true });
  expect(r.result.exitCode).toBe(0);
  expect(r.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS', 'Update SUCCESS']);
  expect(stack.held()).toEqual([A, D]);
  expect(stack.status(D)).toBe('Unassigned');
  expect((stack.emulator.stats().byOperation.RestorePhoneNumber ?? 0) - restores).toBe(1);
  expect(stack.ordersFor()).toHaveLength(3);
});

test('a partial update without allowPartial fails, and its rollback releases what it added', async () => {
  stack.emulator.setUnavailable([E]);
  const r = await stack.deploy({ numbers: [A, D, E, F], productType: 'SipMediaApplicationDialIn', api: 'chime' });
  expect(r.result.exitCode).toBe(1);
  expect(r.result.stacks[0].status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(r.err).toMatch(/only partly filled \(1 of 2 acquired; Partial: .*\*\*\*0104 Failed/);
  expect(stack.ordersFor()[3]).toEqual([E, F]);
  expect(stack.held()).toEqual([A, D]);
  expect(stack.status(F)).toBe('DeleteInProgress');
  expect(stack.status(E)).toBe('AcquireFailed');
});

test('a partial update with allowPartial keeps what it got and lists it', async () => {
  stack.emulator.setUnavailable([E]);
  const r = await stack.deploy({ numbers: [A, B, D, E, G], productType: 'SipMediaApplicationDialIn', api: 'chime', allowPartial: true });
  ok(r);
  // B sat in the deletion queue (released by an earlier update): restored, not ordered; E failed.
  expect(stack.held()).toEqual([A, B, D, G]);
  expect(stack.ordersFor()[4]).toEqual([E, G]);
  expect(outputsOf(r).numbers).toBe(`${A},${B},${D},${G}`);
});

test('destroy with DeletionPolicy Delete: a number still associated fails the delete, naming it; after disassociation it goes', async () => {
  ok(await stack.deploy({ numbers: [A, B, D, E, G], productType: 'SipMediaApplicationDialIn', api: 'chime', allowPartial: true, deletionPolicy: 'Delete' }));
  stack.emulator.associate(B, 'SipRuleId', 'sip-rule-1');
  const failed = await stack.destroy();
  expect(failed.result.exitCode).toBe(1);
  expect(failed.out + failed.err).toMatch(/Cannot release \*\*\*0101 \(SipRuleId sip-rule-1\): still associated/);
  expect(stack.held()).toEqual([A, B, D, G]);
  stack.emulator.disassociate(B);
  const destroyed = await stack.destroy();
  expect(destroyed.result.exitCode).toBe(0);
  expect(stack.held()).toEqual([]);
});
