// What one run knows between steps: the template each stack was last deployed with (the model
// the scenarios edit), what the local deploy says is deployed, and what the account holds. The
// scenarios plan from the world as it is, so a step that failed or was rolled back is planned on.
import type { EmulatorPhoneNumber } from '../../emulator';
import type { DeployedOrder, DeployedStack } from './app/deployed';
import type { Connector } from './app/shape';
import type { DeletionPolicy, TemplateEdits } from './app/variant';
import { type Mark, markIn, resourceMark } from './marks';
import type { NumberPool } from './numbers';

export type ProductType = 'VoiceConnector' | 'SipMediaApplicationDialIn';
export type Api = 'chime-sdk-voice' | 'chime';

/** One PhoneNumberOrder resource as the app's template declares it. */
export interface OrderModel {
  readonly stack: string;
  readonly construct: string;
  readonly logicalId: string;
  /** False once a scenario left it out of the template. */
  readonly present: boolean;
  readonly numbers: readonly string[];
  readonly adopt: boolean;
  readonly allowPartial: boolean;
  readonly productType: ProductType;
  readonly api: Api;
  readonly deletionPolicy: DeletionPolicy;
  /** The user's label for the numbers (`name`); never with the legacy API. */
  readonly label?: string;
  /** An order by search (Chime SDK Voice only): the criteria as PhoneNumberSearch.of takes them; `numbers` stays empty. */
  readonly search?: Readonly<Record<string, string>>;
  /** How many numbers a search order holds. */
  readonly quantity?: number;
  /** A routed resource's target (null: its routing taken out of the template); undefined for a resource that never routes. */
  readonly route?: Connector | null;
}

export type OrderChange = Partial<Omit<OrderModel, 'stack' | 'construct'>>;
/** "Stack/Construct" → change. */
export type Changes = Record<string, OrderChange>;

const LEAVING = ['DeleteInProgress', 'ReleaseInProgress'];

export class World {
  /** The template the stacks were last deployed with, or will first be created with, by "Stack/Construct". */
  readonly template = new Map<string, OrderModel>();
  /** INLINE_WAIT_SECONDS of each stack's onEvent function; absent: the handler's default. */
  readonly inlineWait = new Map<string, number>();
  deployed: DeployedStack[] = [];
  inventory: EmulatorPhoneNumber[] = [];
  /** Numbers a template of this run has listed: no longer fresh. */
  readonly used = new Set<string>();
  /** Numbers a DeletionPolicy kept → the mark's resource part of the resource that kept them ('' for the legacy API's unmarked ones). */
  readonly retained = new Map<string, string>();
  /** How often each number left the deletion queue for good (the run moved the clock past it). */
  readonly purged = new Map<string, number>();
  /** Resources ("Stack/Construct") that have been in a deployed stack. */
  readonly everDeployed = new Set<string>();
  /** Numbers any order of this run asked for: the pool's, and what search orders found in the emulator's stock. */
  readonly ordered = new Set<string>();
  /** Search criteria (JSON) some template of this run has used. */
  readonly searchedFor = new Set<string>();

  constructor(readonly pool: NumberPool, readonly stacks: readonly string[]) {}

  static key(o: { stack: string; construct: string }): string {
    return `${o.stack}/${o.construct}`;
  }

  orders(): OrderModel[] {
    return [...this.template.values()];
  }

  stackOf(name: string): DeployedStack | undefined {
    return this.deployed.find(s => s.stackName === name);
  }

  deployedOrder(o: OrderModel): DeployedOrder | undefined {
    return this.stackOf(o.stack)?.orders.find(d => d.logicalId === o.logicalId);
  }

  /** Resources in the template of a deployed stack: the ones that list numbers now. */
  live(): OrderModel[] {
    return this.orders().filter(o => o.present && this.deployedOrder(o));
  }

  /** Live resources that list their numbers (not by search): the ones a scenario may edit the list of. */
  lists(): OrderModel[] {
    return this.live().filter(o => !o.search);
  }

  /** Live search orders. */
  searches(): OrderModel[] {
    return this.live().filter(o => o.search);
  }

  /** Whether the audit judges this number: the run's pool, or a number one of the run's orders asked for. */
  ours(n: string): boolean {
    return this.pool.has(n) || this.ordered.has(n);
  }

  listed(o: OrderModel): string[] {
    return this.deployedOrder(o)?.listed ?? [];
  }

  /** The live resource listing this number, if any. */
  lister(n: string): OrderModel | undefined {
    return this.live().find(o => this.listed(o).includes(n));
  }

  record(n: string): EmulatorPhoneNumber | undefined {
    return this.inventory.find(r => r.E164PhoneNumber === n);
  }

  mark(n: string): Mark | undefined {
    return markIn(this.record(n)?.Name);
  }

  identity(o: { stack: string; logicalId: string }): string {
    return resourceMark(o.stack, o.logicalId);
  }

  /** Up to `count` numbers no template of this run has listed yet; they count as used from now on. */
  takeFresh(count: number): string[] {
    const fresh = this.pool.available.filter(n => !this.used.has(n)).slice(0, count);
    for (const n of fresh) this.used.add(n);
    return fresh;
  }

  /** This resource's numbers in the deletion queue (it released them; only it may restore them). */
  queuedBy(o: OrderModel): string[] {
    return this.inventory.filter(r => LEAVING.includes(r.Status) && markIn(r.Name)?.resource === this.identity(o)).map(r => r.E164PhoneNumber);
  }

  /** Numbers put in the account outside any stack that nobody owns now: unmarked or given back, listed by nobody. */
  unowned(): string[] {
    return this.pool.seeded.filter(n => {
      const r = this.record(n);
      const mark = markIn(r?.Name);
      return r && (r.Status === 'Unassigned' || r.Status === 'Assigned') && (!mark || mark.kind === 'given-back') && !this.lister(n);
    });
  }

  /** The template with the changes applied (the world's own template is committed per stack after the deploy). */
  candidate(changes: Changes): Map<string, OrderModel> {
    const next = new Map(this.template);
    for (const [key, change] of Object.entries(changes)) {
      const o = next.get(key);
      if (!o) throw new Error(`no order ${key}`);
      next.set(key, { ...o, ...change });
      for (const n of change.numbers ?? []) this.used.add(n);
      if (change.search) this.searchedFor.add(JSON.stringify(change.search));
    }
    return next;
  }

  /** Takes the candidate's orders of these stacks as deployed. */
  commit(candidate: Map<string, OrderModel>, stacks: readonly string[]): void {
    for (const [key, o] of candidate) if (stacks.includes(o.stack)) this.template.set(key, o);
  }

  /** The template edits that give a stack exactly the candidate's orders. */
  edits(candidate: Map<string, OrderModel>, stacks: readonly string[]): TemplateEdits {
    const edits: TemplateEdits = {};
    for (const stack of stacks) {
      const orders = [...candidate.values()].filter(o => o.stack === stack);
      edits[stack] = {
        inlineWaitSeconds: this.inlineWait.get(stack),
        orders: Object.fromEntries(orders.map(o => [o.construct, o.present ? {
          ...(o.search ? { search: { ...o.search }, quantity: o.quantity } : { numbers: [...o.numbers] }), adopt: o.adopt, allowPartial: o.allowPartial, productType: o.productType, api: o.api,
          deletionPolicy: o.deletionPolicy, logicalId: o.logicalId, name: o.label ?? null, route: o.route,
        } : { removed: true }])),
      };
    }
    return edits;
  }
}
