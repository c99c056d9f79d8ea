// The seeded scenario of one run: what the simulated stack asks of the custom resource.
// Updates are drawn from the properties the stack holds at that moment (a failed update is
// rolled back, so the next one starts from the old properties), so they are planned lazily.
import { normalize, type NumberPool } from './numbers';
import { Rng } from './random';
import { type RoutingUpdateKind, type Targets, draw, fitRouting, routingFor, routingUpdate } from './routing';
import { type SearchCreateKind, type SearchUpdateKind, isSearchProps, nextSearchUpdate, planSearchCreate } from './search-scenario';
import type { DeletionPolicy, Props, RunSpec } from './types';

type ListCreateKind = 'plain' | 'partial' | 'partial-allowed' | 'failed' | 'invalid';
type ListUpdateKind = 'add' | 'remove' | 'add+remove' | 'product-type' | 'api' | 'no-op' | 'add-unavailable' | 'invalid';
export type CreateKind = ListCreateKind | SearchCreateKind;
export type UpdateKind = ListUpdateKind | SearchUpdateKind | RoutingUpdateKind;

export interface Plan {
  readonly policy: DeletionPolicy;
  readonly createKind: CreateKind;
  readonly create: Props;
  /** After a successful create, another resource fails and CloudFormation rolls the stack back. */
  readonly rehearseCreateRollback: boolean;
  readonly updates: number;
  readonly orderDelayMs: number;
  readonly pageSize: number;
  /**
   * How long onEvent may wait for an order itself (the handler's INLINE_WAIT_SECONDS): 0 leaves
   * every order to the framework's isComplete waiter; undefined is the handler's default.
   */
  readonly inlineWaitSeconds?: number;
  /** Search runs: another customer takes numbers after this share of searches (the emulator's takenAfterSearchRate). */
  readonly takenAfterSearchRate: number;
  /** The order routes its numbers (see routing.ts): a Routing property, and the routing resource beside it. */
  readonly routed: boolean;
}

export interface UpdateStep {
  readonly kind: UpdateKind;
  readonly props: Props;
  /** After a successful update, another resource fails: UPDATE_ROLLBACK sends the old properties. */
  readonly rehearseRollback: boolean;
}

const CREATE_KINDS: Record<ListCreateKind, number> = { plain: 55, partial: 13, 'partial-allowed': 17, failed: 8, invalid: 7 };
const UPDATE_KINDS: Record<ListUpdateKind, number> = {
  add: 18, remove: 14, 'add+remove': 14, 'product-type': 12, api: 12, 'no-op': 12, 'add-unavailable': 10, invalid: 8,
};
const POLICIES: readonly DeletionPolicy[] = ['Delete', 'Retain', 'RetainExceptOnCreate'];
/** The share of runs that order by search (search-scenario.ts) instead of listing numbers. */
const SEARCH_RUNS = 0.3;
/** Share of list runs whose order routes its numbers, and of their updates that change the routing. */
const ROUTED_RUNS = 0.4;
const ROUTING_UPDATES = 0.3;
const ROUTING_STREAM = 0x726f757465;

export class Planner {
  private revision = 0;

  private routed = false;

  /** `targets`: where a routed run may route (made in the run's emulator); without them no run is routed. */
  constructor(private readonly rng: Rng, private readonly pool: NumberPool, private readonly index: number, private readonly targets?: Targets) {}

  plan(spec: RunSpec): Plan {
    const r = this.rng;
    const createKind = r.weighted(CREATE_KINDS);
    // Its own stream, so that deciding it leaves the seed's other draws (list and search runs) as they were.
    this.routed = !!this.targets && new Rng(spec.seed ^ ROUTING_STREAM).chance(ROUTED_RUNS);
    const plan: Plan = {
      routed: this.routed,
      policy: r.pick(POLICIES),
      createKind,
      create: this.createProps(createKind),
      rehearseCreateRollback: r.chance(0.1),
      updates: r.int(1, 3),
      orderDelayMs: this.orderDelay(spec.maxOrderDelayMs),
      pageSize: r.int(spec.pageSizes[0], spec.pageSizes[1]),
      inlineWaitSeconds: { waiter: 0, short: 0.3, default: undefined }[r.weighted({ waiter: 40, short: 30, default: 30 })],
      takenAfterSearchRate: 0,
    };
    // Drawn last, so that a seed's list runs stay what they were before search runs existed.
    if (!r.chance(SEARCH_RUNS)) return plan;
    // Search orders route nothing (the construct refuses a target with a search).
    this.routed = false;
    const search = planSearchCreate(r, this.index);
    return { ...plan, routed: false, createKind: search.kind, create: search.props, takenAfterSearchRate: search.takenAfterSearchRate };
  }

  nextUpdate(current: Props): UpdateStep {
    const r = this.rng;
    if (isSearchProps(current)) {
      const step = nextSearchUpdate(r, current, ++this.revision);
      return { ...step, rehearseRollback: r.chance(0.3) };
    }
    if (this.targets && this.routed && r.chance(ROUTING_UPDATES)) {
      const routingKind = draw(r);
      const props: Props = { ...current, Revision: String(++this.revision) };
      routingUpdate(routingKind, props, this.targets);
      fitRouting(props, this.targets);
      return { kind: routingKind, props, rehearseRollback: r.chance(0.3) };
    }
    let kind: UpdateKind = r.weighted(UPDATE_KINDS);
    const numbers = numbersOf(current);
    const addable = this.pool.available.filter(n => !numbers.includes(n));
    if ((kind === 'remove' || kind === 'add+remove') && numbers.length < 2) kind = 'add';
    if ((kind === 'add' || kind === 'add+remove') && addable.length === 0) kind = 'no-op';
    const props: Props = { ...current, Revision: String(++this.revision) };
    let next = numbers;
    switch (kind) {
      case 'add': next = [...numbers, ...r.shuffle(addable).slice(0, r.int(1, 2))]; break;
      case 'remove': next = r.shuffle(numbers).slice(0, r.int(1, numbers.length - 1)); break;
      case 'add+remove': next = [...r.shuffle(numbers).slice(1), r.pick(addable)]; break;
      case 'product-type': props.ProductType = current.ProductType === 'VoiceConnector' ? 'SipMediaApplicationDialIn' : 'VoiceConnector'; break;
      case 'api': this.switchApi(props); break;
      case 'no-op': this.touch(props); break;
      case 'add-unavailable': {
        const missing = this.pool.unavailable.filter(n => !numbers.includes(n));
        next = missing.length > 0 ? [...numbers, r.pick(missing)] : numbers;
        props.AllowPartial = String(r.chance(0.5));
        break;
      }
      case 'invalid':
        // VoiceConnector refuses numbers outside the U.S.: the handler must fail before calling Chime.
        props.ProductType = 'VoiceConnector';
        next = [...numbers, this.pool.foreign];
        break;
    }
    props.E164PhoneNumbers = this.spell(r.shuffle(next));
    fitRouting(props, this.targets);
    return { kind, props, rehearseRollback: r.chance(0.3) };
  }

  private createProps(kind: ListCreateKind): Props {
    const r = this.rng;
    // Routing is Chime SDK Voice only: a routed run's order uses it (without drawing more than an unrouted run would).
    const voice = r.chance(0.7);
    const api = voice || this.routed ? 'chime-sdk-voice' : 'chime';
    const some = r.shuffle(this.pool.available).slice(0, r.int(1, 3));
    const numbers = {
      plain: some,
      partial: [...some.slice(0, 2), this.pool.unavailable[0]],
      'partial-allowed': [...some.slice(0, 2), this.pool.unavailable[0]],
      failed: this.pool.unavailable.slice(0, r.int(1, 2)),
      invalid: [...some.slice(0, 1), this.pool.foreign],
    }[kind];
    const props: Props = {
      ProductType: kind === 'invalid' || r.chance(0.6) ? 'VoiceConnector' : 'SipMediaApplicationDialIn',
      E164PhoneNumbers: this.spell(r.shuffle(numbers)),
      Api: api,
      AllowPartial: String(kind === 'partial-allowed' || (kind !== 'partial' && r.chance(0.3))),
      Revision: '0',
    };
    if (voice && r.chance(0.4)) props.Name = `chaos run ${this.index}`;
    if (this.routed && this.targets) props.Routing = routingFor(props.ProductType, this.targets, 0);
    return props;
  }

  /** Orders that complete at once, within a few polls, or only after many polls. */
  private orderDelay(max: number): number {
    const r = this.rng;
    const band = r.weighted({ fast: 40, medium: 35, slow: 25 });
    if (band === 'fast') return r.int(0, Math.min(50, max));
    if (band === 'medium') return r.int(Math.min(50, max), Math.min(400, max));
    return r.int(Math.min(400, max), max);
  }

  private switchApi(props: Props): void {
    if (props.Api === 'chime') {
      props.Api = 'chime-sdk-voice';
      if (this.rng.chance(0.5)) props.Name = `chaos run ${this.index}`;
    } else {
      // The legacy API has no order names; the construct refuses a Name with it.
      props.Api = 'chime';
      delete props.Name;
    }
  }

  /** A change CloudFormation sees as an update but that asks nothing new of Chime. */
  private touch(props: Props): void {
    if (this.rng.chance(0.4)) props.AllowPartial = props.AllowPartial === 'true' ? 'false' : 'true';
    if (props.Api === 'chime-sdk-voice' && this.rng.chance(0.5)) props.Name = `chaos run ${this.index} rev ${this.revision}`;
  }

  /** Mostly `+1...`, sometimes without the plus, which E.164 lets callers omit. */
  private spell(numbers: string[]): string[] {
    return numbers.map(n => (this.rng.chance(0.1) ? n.slice(1) : n));
  }
}

export function numbersOf(props: Props): string[] {
  const raw = props.E164PhoneNumbers;
  return Array.isArray(raw) ? raw.map(n => normalize(String(n))) : [];
}
