import { IConstruct } from 'constructs';
import { normalizeNumber } from './order-rules';

/** Every order's concrete numbers (normalised), by the app it belongs to: one app's orders must not share a number. */
const ordersByApp = new WeakMap<IConstruct, Map<IConstruct, Set<string>>>();

export function registerNumbers(order: IConstruct, numbers: string[]): void {
  const root = order.node.root;
  const orders = ordersByApp.get(root) ?? new Map<IConstruct, Set<string>>();
  ordersByApp.set(root, orders);
  orders.set(order, new Set(numbers.map(normalizeNumber)));
}

/**
 * Numbers `order` shares with other orders of its app, in one stack or across stacks: a number can
 * belong to one order only, and the second would fail at deploy as already held.
 */
export function sharedNumberProblems(order: IConstruct): string[] {
  const orders = ordersByApp.get(order.node.root);
  const mine = orders?.get(order);
  if (!orders || !mine) return [];
  const problems: string[] = [];
  for (const [other, theirs] of orders) {
    if (other === order || other.node.root !== order.node.root) continue;
    const shared = [...mine].filter(n => theirs.has(n)).sort();
    if (shared.length === 0) continue;
    problems.push(`${shared.join(', ')} ${shared.length === 1 ? 'is' : 'are'} listed by both ${order.node.path} and ${other.node.path}: `
      + 'a number can belong to one PhoneNumberOrder only (the second would fail at deploy as already held); list it in one of them');
  }
  return problems;
}
