/**
 * The account: inventory and order book, as a pure state machine driven by an injectable clock.
 * Time-based transitions (order completion, deletion-queue expiry) are applied lazily by
 * `settle()`, so no timers run and the whole state can be written to a file and resumed.
 */
import { ApiError, errorForCode, notFound, refused } from './errors';
import { classify, E164_PATTERN, mask, normalize } from './numbers';
import { Prng } from './random';
import { emptyRouting, Routing, RoutingState } from './routing';
import { checkSeed, Scripts } from './scripts';
import { inStock } from './stock';
import {
  ApiName, AssociationName, InProgressOrderStatus, PhoneNumberStatus, ProductType, ScriptedOrderEnd, SeededNumber, UnrelatedOrderOptions,
} from './types';
import { CreateInput, UpdateInput } from './validation';

export interface NumberRecord {
  id: string;
  country: string;
  type: 'Local' | 'TollFree';
  productType: ProductType;
  status: PhoneNumberStatus;
  associations: { value: string; name: AssociationName; at: number }[];
  callingName?: string;
  name?: string;
  orderId?: string;
  createdAt: number;
  updatedAt: number;
  deletedAt?: number;
  /** When the number leaves the deletion queue for good (fixed at release time). */
  purgeAt?: number;
}

export interface OrderRecord {
  id: string;
  api: ApiName;
  productType: ProductType;
  name?: string;
  createdAt: number;
  /** End of Processing, fixed at creation from the orderDelayMs then in force. */
  readyAt: number;
  /** Each number's fate is decided when the order is placed, so observing the order cannot change it. */
  numbers: { e164: string; outcome: 'Acquired' | 'Failed'; heldBy?: HeldAtPlacement }[];
  /** Whether the inventory has been updated for the terminal outcome. */
  settled: boolean;
  unrelated: boolean;
  /** Scripted: the status shown while processing (default Processing). */
  processingStatus?: InProgressOrderStatus;
  /** Scripted: every number failed, and the order ends with this status. */
  end?: ScriptedOrderEnd;
}

/** What held a number when an order for it was placed (the order fails it): for audits of the order book. */
export interface HeldAtPlacement {
  status: PhoneNumberStatus;
  name?: string;
  orderId?: string;
}

export interface ModelSettings {
  orderDelayMs: number;
  deletionQueueMs: number;
}

export interface AccountState {
  orders: OrderRecord[];
  numbers: NumberRecord[];
  unavailable: string[];
  /** Stock numbers other customers took (absent in state files written before there was a stock). */
  taken?: string[];
  /** Absent in state files written before the emulator modelled routing. */
  routing?: RoutingState;
}

export interface PhoneNumberErrorEntry {
  PhoneNumberId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

const OWNED: PhoneNumberStatus[] = ['Unassigned', 'Assigned'];
/** Records of numbers the account does not hold: ordering such a number again is allowed. */
const REORDERABLE: PhoneNumberStatus[] = ['AcquireFailed', 'Cancelled'];
const DELETION_QUEUE: PhoneNumberStatus[] = ['DeleteInProgress', 'ReleaseInProgress'];
/** Held numbers that a release may be tried on (a failed release can be tried again). */
const RELEASABLE: PhoneNumberStatus[] = ['Unassigned', 'Assigned', 'ReleaseFailed', 'DeleteFailed'];
const ASSOCIATION_NAMES: AssociationName[] = ['VoiceConnectorId', 'SipRuleId', 'UserId', 'VoiceConnectorGroupId'];
// Fictional numbers of unrelated orders are spread over real U.S. area codes.
const US_AREA_CODES = ['201', '202', '206', '212', '213', '303', '305', '312', '404', '415', '503', '512', '617', '702', '713', '919'];

export class Model {
  orders: OrderRecord[] = [];
  inventory = new Map<string, NumberRecord>();
  unavailable = new Set<string>();
  /** Numbers other customers took: no search finds them, and an order of them fails. */
  taken = new Set<string>();
  readonly scripts = new Scripts();
  readonly routing: Routing;

  constructor(
    private readonly now: () => number,
    private readonly ids: Prng,
    public settings: ModelSettings,
  ) {
    this.routing = new Routing(() => this.inventory, now, ids);
  }

  /** Applies every transition that is due by now; returns whether anything changed. */
  settle(): boolean {
    const now = this.now();
    let changed = false;
    for (const order of this.orders) {
      if (order.settled || now < order.readyAt) continue;
      for (const { e164, outcome } of order.numbers) {
        const rec = this.inventory.get(e164);
        if (!rec || rec.orderId !== order.id || rec.status !== 'AcquireInProgress') continue;
        // A failed acquisition leaves a record (with the order's Name and OrderId), as Chime SDK Voice
        // lists AcquireFailed numbers; ordering the number again later replaces it.
        rec.status = outcome === 'Acquired' ? 'Unassigned' : order.end === 'Cancelled' ? 'Cancelled' : 'AcquireFailed';
        rec.updatedAt = order.readyAt;
      }
      order.settled = true;
      changed = true;
    }
    for (const [id, rec] of this.inventory) {
      if (DELETION_QUEUE.includes(rec.status) && rec.purgeAt !== undefined && now >= rec.purgeAt) {
        this.inventory.delete(id);
        changed = true;
      }
    }
    return changed;
  }

  private newOrderId(): string {
    let id = this.ids.uuid();
    // A resumed state file may already hold ids from an earlier run with the same seed.
    while (this.orders.some((o) => o.id === id)) id = this.ids.uuid();
    return id;
  }

  createOrder(api: ApiName, input: CreateInput): OrderRecord {
    const now = this.now();
    const id = this.newOrderId();
    const script = this.scripts.takeOrderScript(input.numbers);
    const numbers = input.numbers.map((e164) => {
      const existing = this.inventory.get(e164);
      if (existing && !REORDERABLE.includes(existing.status)) {
        const heldBy: HeldAtPlacement = { status: existing.status, name: existing.name, orderId: existing.orderId };
        return { e164, outcome: 'Failed' as const, heldBy };
      }
      const info = classify(e164);
      this.inventory.set(e164, {
        id: e164,
        country: info.country,
        // The stock knows freephone numbers outside the NANP, which the classifier does not.
        type: inStock(e164)?.type ?? info.type,
        productType: input.productType,
        status: 'AcquireInProgress',
        associations: [],
        name: input.name,
        orderId: id,
        createdAt: now,
        updatedAt: now,
      });
      const lost = this.unavailable.has(e164) || this.taken.has(e164);
      return { e164, outcome: lost || script?.end ? ('Failed' as const) : ('Acquired' as const) };
    });
    const order: OrderRecord = {
      id,
      api,
      productType: input.productType,
      name: input.name,
      createdAt: now,
      readyAt: now + this.settings.orderDelayMs,
      numbers,
      settled: false,
      unrelated: false,
      ...(script?.processingStatus ? { processingStatus: script.processingStatus } : {}),
      ...(script?.end ? { end: script.end } : {}),
    };
    this.orders.push(order);
    return order;
  }

  getOrder(id: string): OrderRecord {
    const order = this.orders.find((o) => o.id === id);
    if (!order) throw notFound(`Phone number order ${id} not found.`);
    return order;
  }

  getNumber(id: string): NumberRecord {
    const rec = this.inventory.get(id);
    if (!rec) throw notFound(`Phone number ${mask(id)} not found.`);
    return rec;
  }

  updateNumber(id: string, input: UpdateInput): NumberRecord {
    const rec = this.getNumber(id);
    const changes = input.productType !== undefined || input.callingName !== undefined || input.name !== undefined;
    if (changes && !OWNED.includes(rec.status)) {
      throw refused(`Phone number ${mask(id)} cannot be updated while its status is ${rec.status}.`);
    }
    if (input.productType !== undefined && input.productType !== rec.productType) {
      if (rec.associations.length > 0) {
        throw refused(
          `Phone number ${mask(id)} has associations (${rec.associations.map((a) => a.name).join(', ')}); ` +
            'disassociate it before changing its product type.',
          'PhoneNumberAssociationsExist',
        );
      }
      rec.productType = input.productType;
    }
    if (input.callingName !== undefined) rec.callingName = input.callingName === '' ? undefined : input.callingName;
    if (input.name !== undefined) rec.name = input.name === '' ? undefined : input.name;
    if (changes) rec.updatedAt = this.now();
    return rec;
  }

  deleteNumber(id: string): void {
    const rec = this.getNumber(id);
    if (DELETION_QUEUE.includes(rec.status)) throw refused(`Phone number ${mask(id)} is already in the deletion queue.`);
    if (rec.status === 'AcquireInProgress') throw refused(`Phone number ${mask(id)} is still being acquired and cannot be deleted yet.`);
    if (!RELEASABLE.includes(rec.status)) throw refused(`Phone number ${mask(id)} cannot be deleted while its status is ${rec.status}.`);
    const scripted = this.scripts.takeReleaseFailure(id);
    if (scripted) throw errorForCode(scripted.code, `Phone number ${mask(id)} could not be deleted.`);
    if (rec.associations.length > 0) {
      throw refused(
        `Phone number ${mask(id)} cannot be deleted: it is associated with ${rec.associations.map((a) => `${a.name} ${a.value}`).join(', ')}.`,
        'PhoneNumberAssociationsExist',
      );
    }
    const now = this.now();
    rec.status = 'DeleteInProgress';
    rec.deletedAt = now;
    rec.purgeAt = now + this.settings.deletionQueueMs;
    rec.updatedAt = now;
  }

  /** Each number succeeds or fails on its own; failures come back as entries, as the service reports them. */
  batchDelete(ids: string[]): PhoneNumberErrorEntry[] {
    const errors: PhoneNumberErrorEntry[] = [];
    for (const id of ids) {
      try {
        this.deleteNumber(id);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push({ PhoneNumberId: id, ErrorCode: e.code, ErrorMessage: e.message });
      }
    }
    return errors;
  }

  restoreNumber(id: string): NumberRecord {
    const rec = this.getNumber(id);
    if (!DELETION_QUEUE.includes(rec.status)) throw refused(`Phone number ${mask(id)} is not in the deletion queue.`);
    rec.status = 'Unassigned';
    rec.associations = [];
    rec.deletedAt = undefined;
    rec.purgeAt = undefined;
    rec.updatedAt = this.now();
    return rec;
  }

  // ---- controls ----

  putNumber(seed: SeededNumber): void {
    checkSeed(seed);
    const id = normalize(seed.number);
    const info = classify(id);
    const now = this.now();
    const status = seed.status ?? 'Unassigned';
    this.inventory.set(id, {
      id, country: info.country, type: info.type, productType: seed.productType ?? 'VoiceConnector', status, associations: [],
      ...(seed.name !== undefined ? { name: seed.name } : {}), ...(seed.orderId !== undefined ? { orderId: seed.orderId } : {}),
      createdAt: now, updatedAt: now,
      ...(DELETION_QUEUE.includes(status) ? { deletedAt: now, purgeAt: now + this.settings.deletionQueueMs } : {}),
    });
  }

  /** Whether a search may offer the number: the account does not hold it (nor queue it for deletion) and nobody took it. */
  isAvailable(e164: string): boolean {
    const rec = this.inventory.get(e164);
    return !this.taken.has(e164) && (!rec || REORDERABLE.includes(rec.status));
  }

  /** Another customer takes these numbers; the account cannot hold them. */
  take(numbers: string[]): void {
    const ids = numbers.map((n) => normalize(checkNumber(n)));
    const held = ids.filter((id) => !this.isAvailable(id) && !this.taken.has(id));
    if (held.length > 0) throw new Error(`${held.map(mask).join(', ')} cannot be taken by another customer: this account holds it`);
    for (const id of ids) this.taken.add(id);
  }

  setUnavailable(numbers: string[]): void {
    this.unavailable = new Set(numbers.map((n) => normalize(checkNumber(n))));
  }

  associate(number: string, name: AssociationName, value: string): void {
    if (!ASSOCIATION_NAMES.includes(name)) throw new Error(`association name must be one of ${ASSOCIATION_NAMES.join(', ')}`);
    if (typeof value !== 'string' || value === '') throw new Error('association value is required');
    const rec = this.inventory.get(normalize(checkNumber(number)));
    if (!rec || !OWNED.includes(rec.status)) throw new Error(`phone number ${mask(number)} is not an owned number`);
    rec.associations.push({ value, name, at: this.now() });
    rec.status = 'Assigned';
  }

  disassociate(number: string): void {
    const rec = this.inventory.get(normalize(checkNumber(number)));
    if (!rec) throw new Error(`phone number ${mask(number)} is not in the inventory`);
    rec.associations = [];
    if (rec.status === 'Assigned') rec.status = 'Unassigned';
  }

  addUnrelatedOrders(count: number, opts: UnrelatedOrderOptions, prng: Prng): void {
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
    const status = opts.status ?? 'Successful';
    if (!['Successful', 'Partial', 'Failed'].includes(status)) throw new Error('status must be Successful, Partial or Failed');
    if (opts.productType !== undefined && !['BusinessCalling', 'VoiceConnector', 'SipMediaApplicationDialIn'].includes(opts.productType)) {
      throw new Error('productType must be BusinessCalling, VoiceConnector or SipMediaApplicationDialIn');
    }
    if (opts.api !== undefined && opts.api !== 'chime' && opts.api !== 'chime-sdk-voice') throw new Error('api must be chime or chime-sdk-voice');
    if (opts.ageMs !== undefined && !(typeof opts.ageMs === 'number' && Number.isFinite(opts.ageMs) && opts.ageMs >= 0)) {
      throw new Error('ageMs must be a non-negative number');
    }
    const fixed = opts.e164PhoneNumbers?.map((n) => normalize(checkNumber(n)));
    if (status === 'Partial' && fixed && fixed.length < 2) throw new Error('a Partial order needs at least two numbers');
    const newest = this.now() - (opts.ageMs ?? 24 * 3600_000);
    for (let i = 0; i < count; i++) {
      const numbers = fixed ?? [0, 1].map(() => `+1${US_AREA_CODES[prng.int(0, US_AREA_CODES.length - 1)]}55501${String(prng.int(0, 99)).padStart(2, '0')}`);
      const createdAt = newest - (count - 1 - i) * 60_000;
      this.orders.push({
        id: this.newOrderId(),
        api: opts.api ?? 'chime-sdk-voice',
        productType: opts.productType ?? 'VoiceConnector',
        createdAt,
        readyAt: createdAt,
        numbers: numbers.map((e164, j) => ({
          e164,
          outcome: status === 'Failed' || (status === 'Partial' && j === 0) ? 'Failed' : 'Acquired',
        })),
        settled: true,
        unrelated: true,
      });
    }
  }

  // ---- persistence ----

  toState(): AccountState {
    return { orders: this.orders, numbers: [...this.inventory.values()], unavailable: [...this.unavailable], taken: [...this.taken], routing: this.routing.state };
  }

  load(state: AccountState): void {
    this.orders = state.orders;
    this.inventory = new Map(state.numbers.map((n) => [n.id, n]));
    this.unavailable = new Set(state.unavailable);
    this.taken = new Set(state.taken ?? []);
    this.routing.state = state.routing ?? emptyRouting();
  }

  clear(): void {
    this.load({ orders: [], numbers: [], unavailable: [] });
    this.scripts.clear();
  }
}

function checkNumber(n: string): string {
  if (typeof n !== 'string' || !E164_PATTERN.test(n)) throw new Error(`not an E.164 phone number: ${typeof n === 'string' ? mask(n) : typeof n}`);
  return n;
}
