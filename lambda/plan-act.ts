// What onEvent does for a Create or an Update: pure, from the event and one snapshot.
// Refusals come before any side effect; the steps that follow are each undone by a later
// handler if something after them fails (see plan-settle.ts and the README's lifecycle table).
import { RESPONSE_LIMIT_BYTES, maskNumber, numberProblems, worstCaseResponseBytes } from '../lib/order-rules';
import type { NumberFacts, Snapshot } from './observe';
import { factsOf } from './observe';
import { type Identity, markOf, nameWith } from './ownership';
import { refusalFor, staleDelivery } from './refusals';
import { viewOf } from './routing/context';
import { missingTarget, unrouteBeforeMove } from './routing/order-plan';
import { type RoutingStep, planRoute } from './routing/plan';
import type { OrderSpec, PreviousSpec } from './spec';

export type ActStep =
  | { readonly kind: 'restore'; readonly number: string }
  /** Routing this resource made, taken away before the numbers change product type (Chime refuses it while they are associated). */
  | { readonly kind: 'route'; readonly steps: RoutingStep[] }
  | { readonly kind: 'name'; readonly number: string; readonly name: string; readonly why: 'adopt' | 'claim' | 'rename' }
  | { readonly kind: 'move'; readonly number: string; readonly productType: string }
  | { readonly kind: 'order'; readonly numbers: string[]; readonly productType: string; readonly name?: string };

export interface ActPlan {
  /** Reasons to fail the event before anything is done. */
  readonly refusals: string[];
  readonly steps: ActStep[];
  /** This resource's numbers still being acquired: their orders are waited for. */
  readonly acquiring: string[];
}

export interface ActInput {
  readonly requestType: 'Create' | 'Update';
  readonly spec: OrderSpec;
  /** Update only: what the previous properties listed. */
  readonly previous?: PreviousSpec;
  readonly identity: Identity;
  readonly snapshot: Snapshot;
  /** Legacy API, Create only: this resource's own order for exactly these numbers, found in the order book. */
  readonly recentOrderNumbers?: string[];
  /** Whether the routing target exists where the handler runs; undefined when not looked up. */
  readonly targetExists?: boolean;
  /** The handler's AWS Region, for messages. */
  readonly region?: string;
}

export function planAct(input: ActInput): ActPlan {
  const { spec, identity, snapshot } = input;
  const previous = input.previous?.numbers ?? [];
  const refusals: string[] = [];
  const steps: ActStep[] = [];
  const acquiring: string[] = [];
  const toOrder: string[] = [];
  const named = (f: NumberFacts, kind: 'ordered' | 'adopted', label = f.label) => nameWith(label, markOf(identity, kind));
  // Numbers the legacy API left unmarked become this resource's when it moves to Chime SDK Voice:
  // under the legacy API the list was all the ownership there was.
  const claimLegacy = input.previous?.api === 'chime' && spec.api === 'chime-sdk-voice';

  for (const n of spec.numbers) {
    const f = factsOf(snapshot, n);
    const owner = f.owner;
    if (owner.kind === 'self' || (owner.kind === 'unknown' && mayTakeUnmarked(input, n))) {
      if (f.state === 'acquiring') acquiring.push(n);
      else if (f.state === 'leaving') steps.push({ kind: 'restore', number: n });
      else if (f.state === 'failed' || f.state === 'gone') {
        const ownRequest = owner.kind === 'self' && owner.mark.request === identity.request;
        if (!ownRequest && !previous.includes(n)) toOrder.push(n);
      } else if (f.state !== 'held') refusals.push(refusalFor(f, spec.adopt) ?? `${maskNumber(n)} is ${f.status}`);
      if (f.state === 'held' || f.state === 'leaving') {
        if (f.productType && f.productType !== spec.productType) steps.push({ kind: 'move', number: n, productType: spec.productType });
        const label = desiredLabel(spec, f);
        if (owner.kind === 'self' && label !== f.label) steps.push({ kind: 'name', number: n, name: nameWith(label, owner.mark), why: 'rename' });
      }
      continue;
    }
    if (f.state === 'failed' || f.state === 'gone') {
      if (!previous.includes(n)) toOrder.push(n);
      continue;
    }
    if (f.state === 'held' && owner.kind === 'former') {
      steps.push({ kind: 'name', number: n, name: named(f, 'adopted', spec.name ?? f.label), why: 'adopt' });
      continue;
    }
    if (f.state === 'held' && owner.kind === 'none' && claimLegacy && previous.includes(n)) {
      steps.push({ kind: 'name', number: n, name: named(f, 'ordered', spec.name ?? f.label), why: 'claim' });
      continue;
    }
    const refusal = owner.kind === 'unknown'
      ? `${maskNumber(n)} is already in the account (${f.status}) and this resource did not order it: remove it from e164PhoneNumbers, `
        + 'or release it before ordering it here (the legacy chime API cannot mark numbers, so it cannot adopt them)'
      : refusalFor(f, spec.adopt);
    if (refusal) refusals.push(refusal);
    else steps.push({ kind: 'name', number: n, name: named(f, 'adopted', spec.name ?? f.label), why: 'adopt' });
  }
  if (claimLegacy) {
    for (const n of previous.filter(p => !spec.numbers.includes(p))) {
      const f = factsOf(snapshot, n);
      if (f.state === 'held' && f.owner.kind === 'none') steps.push({ kind: 'name', number: n, name: named(f, 'ordered'), why: 'claim' });
    }
  }

  const moved = steps.filter(s => s.kind === 'move').map(s => (s as { number: string }).number);
  for (const n of [...toOrder, ...moved]) refusals.push(...numberProblems(n, spec.productType, maskNumber(n)));
  refusals.push(...routingRefusals(input, steps, moved), ...staleDelivery(snapshot.numbers.values(), identity.request));
  if (toOrder.length > 0 && worstCaseResponseBytes(spec.numbers, undefined, spec.target?.type) > RESPONSE_LIMIT_BYTES) {
    refusals.push(`${spec.numbers.length} numbers do not fit CloudFormation's 4,096-byte response: split them over several PhoneNumberOrder resources`);
  }
  if (refusals.length > 0) return { refusals, steps: [], acquiring: [] };
  if (toOrder.length > 0) {
    steps.push({ kind: 'order', numbers: toOrder, productType: spec.productType, name: snapshot.marksNumbers ? nameWith(spec.name ?? '', markOf(identity, 'ordered')) : undefined });
  }
  return { refusals, steps, acquiring };
}

/**
 * Before anything changes: the target must exist, and no number the resource holds (or is about to
 * adopt) may be routed by someone else unless the target says takeOver. Numbers that change product
 * type lose the routing this resource made first (a step put before every other).
 */
function routingRefusals(input: ActInput, steps: ActStep[], moved: string[]): string[] {
  const { spec, snapshot, identity } = input;
  const refusals = missingTarget(spec.target, input.targetExists, input.region);
  const view = viewOf(snapshot, identity, [spec.target, input.previous?.target]);
  if (!view) return refusals;
  const unroute = unrouteBeforeMove(moved.map(n => factsOf(snapshot, n)), view);
  refusals.push(...unroute.refusals);
  if (unroute.steps.length > 0) steps.unshift({ kind: 'route', steps: unroute.steps });
  if (!spec.target) return refusals;
  // Numbers taken in now (adopted): someone else's routing is refused before anything changes.
  // Numbers the resource already held and someone routed elsewhere since are reported by isComplete, never refused here.
  const adopting = spec.numbers.map(n => factsOf(snapshot, n)).filter(f => f.state === 'held' && !moved.includes(f.number)
    && steps.some(s => s.kind === 'name' && s.why !== 'rename' && s.number === f.number));
  return [...refusals, ...planRoute(adopting, spec.target, view).blocked.map(b => b.reason)];
}

/**
 * Legacy API (no marks): Update takes the listed numbers the account holds, since it cannot tell
 * a rollback taking back its own number from a takeover; Create takes them only when they are the
 * numbers of its own recent order for exactly this list (a retried request).
 */
function mayTakeUnmarked(input: ActInput, n: string): boolean {
  if (input.requestType === 'Update') return true;
  const f = factsOf(input.snapshot, n);
  if (f.state === 'held' || f.state === 'acquiring') return input.recentOrderNumbers?.includes(n) ?? false;
  return true;
}

/** The name applies to numbers the resource ordered; adopted ones keep their own label unless a name is set. */
export function desiredLabel(spec: OrderSpec, f: NumberFacts): string {
  if (spec.name !== undefined) return spec.name;
  return f.owner.kind === 'self' && f.owner.mark.kind === 'adopted' ? f.label : '';
}
