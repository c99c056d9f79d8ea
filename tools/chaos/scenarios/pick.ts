// Small helpers the scenario kinds share: choosing resources and numbers from the world.
import type { Rng } from '../random';
import { type Changes, type OrderChange, type OrderModel, World } from '../world';

/** Under Chime SDK Voice, where numbers carry marks; the legacy API proves no ownership, so ownership scenarios leave it out. */
export const voice = (o: OrderModel) => o.api === 'chime-sdk-voice';

export function one<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items.length > 0 ? rng.pick(items) : undefined;
}

export function change(o: OrderModel, c: OrderChange): Changes {
  return { [World.key(o)]: c };
}

/** Another live resource of the same stack (its update rolls back with this one). */
export function sibling(world: World, rng: Rng, o: OrderModel, where: (s: OrderModel) => boolean = () => true): OrderModel | undefined {
  return one(rng, world.live().filter(s => s.stack === o.stack && s.construct !== o.construct && where(s)));
}

/** Numbers the resource lists that it adopted (given back when removed, not released). */
export function adopted(world: World, o: OrderModel): string[] {
  return world.listed(o).filter(n => world.mark(n)?.kind === 'adopted');
}
