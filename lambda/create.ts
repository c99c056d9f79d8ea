import type { OnEventResult, ResourceEvent } from './events';
import { placeOrder } from './place-order';
import { portFor } from './ports';
import { parseSpec } from './spec';

/** Places the order; isComplete waits for it to turn terminal. */
export async function create(event: ResourceEvent): Promise<OnEventResult> {
  const spec = parseSpec(event.ResourceProperties);
  const order = await placeOrder(portFor(spec.api), spec);
  return { PhysicalResourceId: order.id, Data: { OrderId: order.id, OrderStatus: order.status } };
}
