// The first deploy of a run's stacks: every resource with numbers of its own, each with a
// DeletionPolicy, product type and API drawn per run; and, on top, one thing the contract has a
// row for: a partial order, an adopted number (asked or not), two resources racing for a number,
// an invalid number. When a create fails, the stack is gone and the next step creates it again
// from the template without that extra: its numbers, left in the deletion queue with their
// resources' marks, are restored.
import type { Rng } from '../random';
import type { OrderModel, World } from '../world';
import type { StepPlan } from './kind';
import { change, one, voice } from './pick';

const POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate'] as const;

/** Resource by resource: what each is first deployed with. */
export function initialTemplate(world: World, rng: Rng, orders: { stack: string; construct: string; logicalId: string }[]): void {
  for (const o of orders) {
    const model: OrderModel = {
      ...o,
      present: true,
      numbers: world.takeFresh(rng.int(1, 2)),
      adopt: false,
      allowPartial: rng.chance(0.3),
      productType: rng.chance(0.7) ? 'VoiceConnector' : 'SipMediaApplicationDialIn',
      api: rng.chance(0.1) ? 'chime' : 'chime-sdk-voice',
      deletionPolicy: rng.pick(POLICIES),
    };
    world.template.set(`${o.stack}/${o.construct}`, model);
  }
}

type Variant = 'plain' | 'partial' | 'adopt' | 'race' | 'invalid';
const VARIANTS: Record<Variant, number> = { plain: 50, partial: 16, adopt: 14, race: 10, invalid: 10 };

/** The first deploy of the stacks not deployed yet (`first`: the run's very first, which may carry an extra). */
export function createStep(world: World, rng: Rng, stacks: readonly string[], first: boolean): StepPlan {
  const orders = world.orders().filter(o => o.present && stacks.includes(o.stack));
  const plain: StepPlan = { label: first ? 'create' : 'create again', changes: {}, expect: 'ok' };
  if (!first) return plain;
  const variant = rng.weighted(VARIANTS);
  if (variant === 'partial') {
    const o = rng.pick(orders);
    const allowPartial = rng.chance(0.5);
    return {
      label: allowPartial ? 'create: partial, allowPartial' : 'create: partial, refused',
      changes: change(o, { numbers: [...o.numbers, world.pool.unavailable[0]], allowPartial }),
      expect: allowPartial ? 'ok' : 'fail',
    };
  }
  if (variant === 'adopt') {
    const o = one(rng, orders.filter(voice));
    const asked = rng.chance(0.7);
    if (o) {
      return {
        label: asked ? 'create: adopts an unowned number' : 'create: an unowned number, adoption not asked',
        changes: change(o, { numbers: [...o.numbers, world.pool.seeded[0]], adopt: asked }),
        expect: asked ? 'ok' : 'fail',
      };
    }
  }
  if (variant === 'race') {
    const a = one(rng, orders.filter(x => voice(x) && orders.some(y => y !== x && y.stack === x.stack && voice(y))));
    const b = a && one(rng, orders.filter(x => x !== a && x.stack === a.stack && voice(x)));
    const [n] = a && b ? world.takeFresh(1) : [];
    if (a && b && n) {
      // A number of their own besides: whichever wins it, the create that follows does not list it.
      return {
        label: 'create: two resources list one number',
        changes: { ...change(a, { numbers: [...a.numbers, n], allowPartial: false }), ...change(b, { numbers: [...b.numbers, n], allowPartial: false }) },
        expect: 'fail',
      };
    }
  }
  if (variant === 'invalid') {
    const o = one(rng, orders.filter(x => x.productType === 'VoiceConnector'));
    if (o) return { label: 'create: a number the product type refuses', changes: change(o, { numbers: [...o.numbers, world.pool.foreign] }), expect: 'fail' };
  }
  return plain;
}
