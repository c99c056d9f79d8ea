import type { Budget } from './budget';
import { answerForOrder } from './conclude';
import type { OnEventResult, ResourceEvent } from './events';
import { placeOrder } from './place-order';
import { portFor } from './ports';
import { parseSpec } from './spec';

/** Places the order and waits briefly; isComplete waits for longer orders. */
export async function create(event: ResourceEvent, budget: Budget): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const port = portFor(spec.api, budget);
  const order = await placeOrder(port, spec);
  return answerForOrder(event, port, spec, order, budget, order.id);
}
