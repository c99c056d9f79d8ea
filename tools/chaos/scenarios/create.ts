// The first deploy of a run's stacks: some resources of each stack, with numbers of their own and
// a DeletionPolicy, product type and API drawn per resource; the rest join later (resources.ts,
// add-resource), so that a resource's first deploy can fail inside an update without deleting
// the stack (and the provider's functions with it, under work still going on in the background).
import type { Rng } from '../random';
import type { OrderModel, World } from '../world';
import type { StepPlan } from './kind';
import { searchCreate } from './search';

const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate'] as const;

/** Resource by resource: what each is first deployed with; the first of each stack is in the first deploy. */
export function initialTemplate(world: World, rng: Rng, orders: { stack: string; construct: string; logicalId: string; search?: boolean; route?: boolean }[]): void {
  for (const { search, route, ...o } of orders) {
    const first = orders.find(x => x.stack === o.stack)?.construct === o.construct;
    if (search) {
      world.template.set(`${o.stack}/${o.construct}`, searchCreate(world, rng, o, first || rng.chance(0.5)));
      continue;
    }
    const model: OrderModel = {
      ...o,
      present: first || rng.chance(0.5),
      numbers: world.takeFresh(rng.int(1, 2)),
      adopt: false,
      allowPartial: rng.chance(0.3),
      productType: rng.chance(0.7) ? 'VoiceConnector' : 'SipMediaApplicationDialIn',
      api: rng.chance(0.1) ? 'chime' : 'chime-sdk-voice',
      deletionPolicy: rng.pick(POLICIES),
      // Routing is Chime SDK Voice only, to a Voice Connector: VoiceConnector numbers.
      ...(route ? { route: 'ConnectorA' as const, productType: 'VoiceConnector' as const, api: 'chime-sdk-voice' as const } : {}),
    };
    world.template.set(`${o.stack}/${o.construct}`, model);
  }
}

/** The deploy of stacks that are not deployed: the run's first, or again after a first deploy failed. */
export function createStep(first: boolean): StepPlan {
  return { label: first ? 'create' : 'create again', changes: {}, expect: 'ok' };
}
