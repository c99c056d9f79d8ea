// The order-book audit on made-up books: who held a number an order failed because the account had it.
import type { EmulatorOrder } from '../../emulator';
import { auditOrders } from '../../tools/chaos/audit/orders';

const [A, B] = ['+12055550100', '+12055550101'];
const R = '0123456789abcdef';
const S = 'fedcba9876543210';
let clock = 0;

function order(id: string, numbers: [string, 'Acquired' | 'Failed'][], opts: { name?: string; api?: 'chime' | 'chime-sdk-voice'; held?: EmulatorOrder['HeldAtPlacement'] } = {}): EmulatorOrder {
  const at = new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString();
  return {
    PhoneNumberOrderId: id, ProductType: 'VoiceConnector', OrderType: 'New', CreatedTimestamp: at, UpdatedTimestamp: at, Unrelated: false,
    Status: numbers.every(([, s]) => s === 'Acquired') ? 'Successful' : numbers.every(([, s]) => s === 'Failed') ? 'Failed' : 'Partial',
    OrderedPhoneNumbers: numbers.map(([n, s]) => ({ E164PhoneNumber: n, Status: s })),
    Api: opts.api ?? 'chime-sdk-voice', ...(opts.name ? { Name: opts.name } : {}), ...(opts.held ? { HeldAtPlacement: opts.held } : {}),
  };
}
const mark = (resource: string, request: string) => `pno.${resource}.o${request}`;

test('a duplicate delivery\'s order is redundant; the same resource\'s other request is counted apart; neither is a violation', () => {
  const orders = [
    order('o1', [[A, 'Acquired']], { name: mark(R, 'aaaaaaaa') }),
    order('o2', [[A, 'Failed']], { name: mark(R, 'aaaaaaaa'), held: { [A]: { Status: 'AcquireInProgress', Name: mark(R, 'aaaaaaaa'), OrderId: 'o1' } } }),
    order('o3', [[A, 'Failed']], { name: mark(R, 'bbbbbbbb'), held: { [A]: { Status: 'Unassigned', Name: mark(R, 'aaaaaaaa'), OrderId: 'o1' } } }),
  ];
  const f = auditOrders({ orders, stepOf: new Map([['o1', 0], ['o2', 0], ['o3', 1]]), purged: new Map() });
  expect(f).toMatchObject({ placed: 3, redundant: 1, redundantAcrossRequests: 1, contended: 0, heldBefore: [], acquiredTwice: [] });
  expect(f.byStatus).toEqual({ Successful: 1, Failed: 2 });
});

test('another resource\'s order of the same step is contention; a number held before the step is a violation', () => {
  const orders = [
    order('o1', [[A, 'Acquired']], { name: mark(R, 'aaaaaaaa') }),
    order('o2', [[A, 'Failed'], [B, 'Acquired']], { name: mark(S, 'cccccccc'), held: { [A]: { Status: 'AcquireInProgress', Name: mark(R, 'aaaaaaaa'), OrderId: 'o1' } } }),
    order('o3', [[A, 'Failed']], { name: mark(S, 'dddddddd'), held: { [A]: { Status: 'Unassigned', Name: mark(R, 'aaaaaaaa'), OrderId: 'o1' } } }),
  ];
  const f = auditOrders({ orders, stepOf: new Map([['o1', 2], ['o2', 2], ['o3', 3]]), purged: new Map() });
  expect(f.contended).toBe(1);
  expect(f.heldBefore).toEqual([`***0100: order o3 (step 3) was placed while the account held it (Unassigned, ordered mark of resource ${R})`]);
});

test('under the legacy API, an identical order is the same request\'s', () => {
  const orders = [
    order('o1', [[A, 'Acquired'], [B, 'Acquired']], { api: 'chime' }),
    order('o2', [[B, 'Failed'], [A, 'Failed']], { api: 'chime', held: { [A]: { Status: 'AcquireInProgress', OrderId: 'o1' }, [B]: { Status: 'AcquireInProgress', OrderId: 'o1' } } }),
    order('o3', [[A, 'Failed']], { api: 'chime', held: { [A]: { Status: 'Unassigned', OrderId: 'o1' } } }),
  ];
  const f = auditOrders({ orders, stepOf: new Map([['o1', 0], ['o2', 0], ['o3', 1]]), purged: new Map() });
  expect(f.redundant).toBe(1);
  expect(f.heldBefore).toHaveLength(1);
});

test('a number acquired twice is a violation unless Chime purged it in between', () => {
  const orders = [order('o1', [[A, 'Acquired']], { name: mark(R, 'aaaaaaaa') }), order('o2', [[A, 'Acquired']], { name: mark(S, 'bbbbbbbb') })];
  expect(auditOrders({ orders, stepOf: new Map(), purged: new Map() }).acquiredTwice).toEqual(['***0100 acquired by 2 orders (o1, o2)']);
  expect(auditOrders({ orders, stepOf: new Map(), purged: new Map([[A, 1]]) }).acquiredTwice).toEqual([]);
});
