// A routed order (the shape's R, with its Custom::ChimePhoneNumberRouting resource beside it): its
// target moved to the stack's other Voice Connector, its routing taken out of the template (the
// routing resource's Delete takes the routing away, the numbers stay), and put back. The list
// scenarios edit its numbers too: the order routes what it adds and unroutes what it releases.
import { CONNECTORS } from '../app/shape';
import type { ScenarioKind } from './kind';
import { change, one } from './pick';

export const retarget: ScenarioKind = {
  name: 'retarget',
  weight: 7,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => x.route));
    if (!o) return undefined;
    const route = CONNECTORS.find(c => c !== o.route)!;
    return { label: 'retarget: to the stack\'s other Voice Connector', changes: change(o, { route }), expect: 'ok', ordersNothing: true };
  },
};

export const unroute: ScenarioKind = {
  name: 'unroute',
  weight: 4,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => x.route));
    if (!o) return undefined;
    return { label: 'unroute: routing taken out, the numbers kept', changes: change(o, { route: null }), expect: 'ok', ordersNothing: true };
  },
};

export const reroute: ScenarioKind = {
  name: 'reroute',
  weight: 4,
  plan(world, rng) {
    const o = one(rng, world.lists().filter(x => x.route === null));
    if (!o) return undefined;
    return { label: 'reroute: routing put back', changes: change(o, { route: rng.pick(CONNECTORS) }), expect: 'ok', ordersNothing: true };
  },
};
