/** Decides, per request, which fault (if any) the emulator plays. */
import { Prng } from './random';
import { ROUTING_MUTATING_OPERATIONS } from './routing-operations';
import { FaultCounters, FaultSettings, InjectedFault, InjectedFaultKind } from './types';

export const MUTATING_OPERATIONS = new Set([
  'CreatePhoneNumberOrder',
  'UpdatePhoneNumber',
  'DeletePhoneNumber',
  'BatchDeletePhoneNumber',
  'RestorePhoneNumber',
  ...ROUTING_MUTATING_OPERATIONS,
]);

const KINDS: InjectedFaultKind[] = [
  'throttle',
  'server-error',
  'service-unavailable',
  'drop-after-act',
  'drop-before-act',
  'bad-request',
  'access-denied',
  'resource-limit-exceeded',
];

/** What to do with one request: an error or drop instead of acting (`before`), a drop after acting, a delay. */
export interface FaultPlan {
  before?: Exclude<InjectedFaultKind, 'drop-after-act'>;
  dropAfterAct: boolean;
  latencyMs: number;
}

export function emptyCounters(): FaultCounters {
  return { throttle: 0, serverError: 0, dropAfterAct: 0, dropBeforeAct: 0, latency: 0, injected: 0 };
}

export function validateFaultSettings(f: FaultSettings): void {
  for (const key of ['throttleRate', 'serverErrorRate', 'dropAfterActRate', 'takenAfterSearchRate'] as const) {
    const v = f[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) throw new Error(`faults.${key} must be within 0..1`);
  }
  const l = f.latencyMs;
  if (l !== undefined && !(Number.isFinite(l.min) && Number.isFinite(l.max) && l.min >= 0 && l.max >= l.min)) {
    throw new Error('faults.latencyMs needs 0 <= min <= max');
  }
  if (f.operations !== undefined && !(Array.isArray(f.operations) && f.operations.every((o) => typeof o === 'string'))) {
    throw new Error('faults.operations must be a list of operation names');
  }
}

export function validateInjectedFault(f: InjectedFault): void {
  if (typeof f.operation !== 'string' || f.operation === '') throw new Error('operation is required');
  if (!KINDS.includes(f.kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (f.count !== undefined && !(Number.isInteger(f.count) && f.count >= 1)) throw new Error('count must be a positive integer');
}

export class FaultInjector {
  private queue: { operation: string; kind: InjectedFaultKind; remaining: number }[] = [];
  counters: FaultCounters = emptyCounters();

  constructor(
    private readonly prng: Prng,
    public settings: FaultSettings,
  ) {}

  injectOnce(fault: InjectedFault): void {
    validateInjectedFault(fault);
    this.queue.push({ operation: fault.operation, kind: fault.kind, remaining: fault.count ?? 1 });
  }

  plan(operation: string): FaultPlan {
    const plan: FaultPlan = { dropAfterAct: false, latencyMs: 0 };
    const s = this.settings;
    const applies = !s.operations || s.operations.includes(operation);
    if (applies && s.latencyMs && s.latencyMs.max > 0) {
      plan.latencyMs = s.latencyMs.min + this.prng.next() * (s.latencyMs.max - s.latencyMs.min);
      this.counters.latency++;
    }
    const injected = this.takeInjected(operation);
    if (injected) {
      this.counters.injected++;
      this.apply(plan, injected);
      return plan;
    }
    if (!applies) return plan;
    // Draws happen in a fixed order whatever the outcome, so one seed gives one sequence.
    const throttle = this.draw(s.throttleRate);
    const serverError = this.draw(s.serverErrorRate);
    const unavailable = this.prng.next() < 0.5;
    const drop = MUTATING_OPERATIONS.has(operation) && this.draw(s.dropAfterActRate);
    if (throttle) this.apply(plan, 'throttle');
    else if (serverError) this.apply(plan, unavailable ? 'service-unavailable' : 'server-error');
    else if (drop) this.apply(plan, 'drop-after-act');
    return plan;
  }

  /** Whether another customer takes some of what this search found (drawn only for searches that found something). */
  takesAfterSearch(): boolean {
    return this.draw(this.settings.takenAfterSearchRate);
  }

  private draw(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.prng.next() < rate;
  }

  private apply(plan: FaultPlan, kind: InjectedFaultKind): void {
    if (kind === 'drop-after-act') {
      plan.dropAfterAct = true;
      this.counters.dropAfterAct++;
      return;
    }
    plan.before = kind;
    if (kind === 'throttle') this.counters.throttle++;
    else if (kind === 'server-error' || kind === 'service-unavailable') this.counters.serverError++;
    else if (kind === 'drop-before-act') this.counters.dropBeforeAct++;
  }

  private takeInjected(operation: string): InjectedFaultKind | undefined {
    const i = this.queue.findIndex((q) => q.operation === operation || q.operation === '*');
    if (i < 0) return undefined;
    const entry = this.queue[i];
    entry.remaining--;
    if (entry.remaining <= 0) this.queue.splice(i, 1);
    return entry.kind;
  }
}
