import type { Budget } from './budget';
import { answerForOrder, describeHoldings } from './conclude';
import type { OnEventResult, ResourceEvent } from './events';
import { observe } from './holdings';
import { newestOrderFor } from './newest-order';
import { createExactlyOnce, findRecentOrder, refuseOwned } from './place-order';
import { portFor } from './ports';
import { restore } from './restore';
import { parseSpec } from './spec';

/**
 * Places the order and waits briefly; isComplete waits for longer orders. A retried request
 * adopts the order it already placed. Numbers in the deletion queue (released by the rollback
 * of an earlier attempt) are restored rather than refused, so a failed first deploy can be retried.
 */
export async function create(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api, budget);
  const holdings = await observe(port, spec.numbers);
  const released = holdings.leaving.map(h => h.number);
  const adopted = await findRecentOrder(port, spec.productType, spec.numbers, released);
  if (adopted) return answerForOrder(event, port, spec, adopted, budget, adopted.id);

  refuseOwned(holdings.owned);
  for (const held of holdings.leaving) await restore(port, held);
  if (holdings.absent.length === 0) {
    const behind = await newestOrderFor(port, spec.numbers);
    const data = await describeHoldings(port, spec, behind?.id ?? '', behind);
    return { PhysicalResourceId: data.OrderId, Data: data };
  }
  const order = await createExactlyOnce(port, spec, holdings.absent);
  return answerForOrder(event, port, spec, order, budget, order.id);
}
