// The order book after a run. Chime never acquires a number twice: an order for a number the
// account holds fails that number. So what is judged is who held it when the order was placed
// (the emulator notes it):
// - redundant: the same resource (its mark; under the legacy API, an identical order of the legacy
//   API): a duplicate delivery that placed its order before it could see the first one's;
// - contended: another resource's order placed in the same step (two resources racing for a
//   number: neither could see the other's order before placing its own);
// - a violation otherwise: the number was held, by another owner or by nobody, before the step
//   began, so the handler should have refused it instead of ordering it.
// And a number acquired by two orders is a violation unless Chime purged it in between.
import type { EmulatorOrder } from '../../../emulator';
import { markIn } from '../marks';
import { mask } from '../numbers';

export interface OrderFigures {
  placed: number;
  byStatus: Record<string, number>;
  /** Orders a duplicate delivery (the same request) placed for numbers its first delivery had ordered. */
  redundant: number;
  /** Orders of a resource for numbers it already held from another of its requests (counted apart, not a violation). */
  redundantAcrossRequests: number;
  /** Orders that lost a number to another resource's order of the same step. */
  contended: number;
  /** Violations, masked: numbers acquired twice, orders for numbers held before their step. */
  acquiredTwice: string[];
  heldBefore: string[];
}

export interface OrdersInput {
  /** This run's orders (unrelated ones left out). */
  readonly orders: readonly EmulatorOrder[];
  /** The step each order was placed in. */
  readonly stepOf: ReadonlyMap<string, number>;
  /** How often the run's clock moved each number past the deletion queue. */
  readonly purged: ReadonlyMap<string, number>;
}

export function auditOrders(input: OrdersInput): OrderFigures {
  const orders = [...input.orders].sort((a, b) => a.CreatedTimestamp.localeCompare(b.CreatedTimestamp));
  const byId = new Map(orders.map(o => [o.PhoneNumberOrderId, o]));
  const figures: OrderFigures = { placed: orders.length, byStatus: {}, redundant: 0, redundantAcrossRequests: 0, contended: 0, acquiredTwice: [], heldBefore: [] };
  const acquired = new Map<string, string[]>();
  for (const o of orders) {
    figures.byStatus[o.Status] = (figures.byStatus[o.Status] ?? 0) + 1;
    for (const n of o.OrderedPhoneNumbers) {
      if (n.Status !== 'Failed') acquired.set(n.E164PhoneNumber, [...(acquired.get(n.E164PhoneNumber) ?? []), o.PhoneNumberOrderId]);
    }
    const held = Object.entries(o.HeldAtPlacement ?? {});
    if (held.length === 0) continue;
    const kinds = held.map(([n, holder]) => {
      const same = sameResource(o, holder, byId);
      if (same) return same;
      const step = input.stepOf.get(o.PhoneNumberOrderId);
      if (holder.OrderId && step !== undefined && input.stepOf.get(holder.OrderId) === step) return 'contended';
      figures.heldBefore.push(`${mask(n)}: order ${o.PhoneNumberOrderId} (step ${step}) was placed while the account held it (${holder.Status}, ${owner(holder.Name)})`);
      return 'violation';
    });
    if (kinds.every(k => k === 'request')) figures.redundant++;
    else if (kinds.every(k => k === 'request' || k === 'resource')) figures.redundantAcrossRequests++;
    else if (kinds.every(k => k !== 'violation')) figures.contended++;
  }
  for (const [n, ids] of acquired) {
    if (ids.length > 1 + (input.purged.get(n) ?? 0)) figures.acquiredTwice.push(`${mask(n)} acquired by ${ids.length} orders (${ids.join(', ')})`);
  }
  return figures;
}

/** Whether the holder was the same request's, or the same resource's, or neither. */
function sameResource(o: EmulatorOrder, holder: { Name?: string; OrderId?: string }, byId: Map<string, EmulatorOrder>): 'request' | 'resource' | false {
  const mine = markIn(o.Name);
  const theirs = markIn(holder.Name);
  if (mine || theirs) {
    if (mine?.resource !== theirs?.resource) return false;
    return mine?.request === theirs?.request ? 'request' : 'resource';
  }
  // The legacy API keeps no marks: a delivery of the same event orders exactly the same list.
  const first = holder.OrderId ? byId.get(holder.OrderId) : undefined;
  return !!first && first.Api === 'chime' && o.Api === 'chime' && numbersOf(first) === numbersOf(o) ? 'request' : false;
}

function numbersOf(o: EmulatorOrder): string {
  return o.OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort().join(',');
}

function owner(name: string | undefined): string {
  const mark = markIn(name);
  return mark ? `${mark.kind} mark of resource ${mark.resource}` : 'no mark';
}
