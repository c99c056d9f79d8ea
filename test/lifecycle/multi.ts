// Apps of several PhoneNumberOrder resources, deployed through the local deploy against one
// emulator the test controls, and the audit of the account's books after every step: the
// ownership promises (no number held by two resources or by none, none released that a
// resource lists, every listed number marked as its resource's, no stack left in a *_FAILED state; a
// routed resource's numbers routed where its answer says, and no SIP rule carrying a routing mark left
// on a number no routed resource lists). The app, its variants, the reading of deployed stacks and the
// ownership audit are the chaos suite's.
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator } from '../../emulator';
import { type DeployedStack, type RoutedTo, readDeployed } from '../../tools/chaos/app/deployed';
import type { AppShape, OrderProps, ProviderSettings } from '../../tools/chaos/app/shape';
import { synthApp as synth } from '../../tools/chaos/app/synth';
import { type TemplateEdits, writeVariant } from '../../tools/chaos/app/variant';
import { auditOwnership } from '../../tools/chaos/audit/ownership';
import { resourceMark } from '../../tools/chaos/marks';
import { tempDir } from '../local-deploy/example-app';
import { run, type Run } from '../local-deploy/run';

export type { AppShape, OrderProps } from '../../tools/chaos/app/shape';

/** Per stack, per construct ID: new properties, or a new logical ID (a rename or a moved construct). */
export type Change = Record<string, Record<string, Partial<Omit<OrderProps, 'route' | 'target'>> & { logicalId?: string }>>;

export interface DeployOptions {
  stacks?: string[];
  /** After a successful deploy, roll it back as a later resource's failure would. */
  rehearseRollback?: boolean;
  /** Environment variables for the handler's functions (onEvent and isComplete), e.g. INLINE_WAIT_SECONDS. */
  handlerEnv?: Record<string, string>;
}

/** The cloud assembly of an app of this shape (a synth costs seconds: share it between tests). */
export function synthApp(shape: AppShape, provider?: ProviderSettings): Promise<string> {
  return synth(shape, path.join(tempDir('multi-assembly-'), 'base.out'), provider);
}

/** One CDK app (its own state directory, like a team's own checkout) against the shared account. */
export class LocalApp {
  constructor(private readonly assembly: string, readonly emulator: Emulator, readonly root = tempDir('multi-')) {}

  private variants = 0;
  /** The status each stack reached in the last run that touched it. */
  statuses: Record<string, string> = {};

  get stateDir(): string {
    return path.join(this.root, 'state');
  }

  async deploy(change: Change = {}, opts: DeployOptions = {}): Promise<Run> {
    const app = writeVariant(this.assembly, path.join(this.root, `v${++this.variants}.out`), editsOf(this.assembly, change, opts.handlerEnv));
    const r = await run({
      app, stateDir: this.stateDir, endpoint: this.emulator.url, queryIntervalMs: 50,
      rehearseRollback: opts.rehearseRollback,
      ...(opts.stacks ? { stacks: opts.stacks } : { all: true }),
    });
    for (const s of r.result.stacks) this.statuses[s.stackName] = s.status;
    return r;
  }

  async destroy(stacks?: string[]): Promise<Run> {
    const r = await run({ app: this.assembly, stateDir: this.stateDir, endpoint: this.emulator.url, destroy: true, queryIntervalMs: 50, stacks });
    for (const s of r.result.stacks) this.statuses[s.stackName] = s.status;
    return r;
  }

  /** Numbers each resource lists as its own in the stack outputs: "Stack/Construct" → numbers. */
  listed(): Record<string, string[]> {
    return listedIn(readDeployed(this.stateDir));
  }

  /**
   * Where each routed resource routes its numbers, as its last answer says (the local deploy's
   * record of its attributes: after a rolled-back update the outputs are the earlier ones, while a
   * number restored by the rollback has a new SIP rule): "Stack/Construct" → target, numbers, and
   * their SIP rules in the same order.
   */
  routed(): Record<string, RoutedTo> {
    return routedIn(readDeployed(this.stateDir));
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** "Stack/Construct" → the numbers its PhoneNumbers output lists. */
function listedIn(stacks: DeployedStack[]): Record<string, string[]> {
  return Object.fromEntries(stacks.flatMap(s => s.orders.map(o => [`${s.stackName}/${o.construct}`, o.listed])));
}

/** "Stack/Construct" → where its last answer routes its numbers, for routed orders that answered. */
function routedIn(stacks: DeployedStack[]): Record<string, RoutedTo> {
  return Object.fromEntries(stacks.flatMap(s => s.orders.flatMap(o => (o.routedTo ? [[`${s.stackName}/${o.construct}`, o.routedTo]] : []))));
}

/** The changes as template edits; handler variables go to every stack of the assembly. */
function editsOf(assembly: string, change: Change, handlerEnv?: Record<string, string>): TemplateEdits {
  const stacks = handlerEnv ? fs.readdirSync(assembly).filter(f => f.endsWith('.template.json')).map(f => f.slice(0, -'.template.json'.length)) : Object.keys(change);
  return Object.fromEntries(stacks.map(stack => [stack, { orders: change[stack], handlerEnv }]));
}

/**
 * The ownership audit over every app deployed against the account. `elsewhere`: numbers put in the
 * account outside any stack (unmarked, they may stay held by nobody's stack). `retained`: numbers a
 * DeletionPolicy kept, with the mark's resource part of the resource that kept them.
 */
export function audit(emulator: Emulator, apps: LocalApp[], elsewhere: string[] = [], retained: ReadonlyMap<string, string> = new Map()): string[] {
  const stacks = apps.flatMap(app => readDeployed(app.stateDir));
  const listings = stacks.flatMap(s => s.orders.map(o => ({
    resource: `${s.stackName}/${o.construct}`,
    mark: o.api === 'chime' ? undefined : resourceMark(s.stackName, o.logicalId, s.region, s.account),
    numbers: o.listed,
  })));
  const failed = [...new Set([...stacks.map(s => [s.stackName, s.status]), ...apps.flatMap(a => Object.entries(a.statuses))]
    .filter(([, status]) => /_FAILED$/.test(status)).map(([stack, status]) => `${stack} is ${status}`))];
  return [
    ...failed,
    ...auditOwnership({ listings, inventory: emulator.phoneNumbers(), elsewhere: new Set(elsewhere), retained }).map(f => f.text),
    ...routingProblems(emulator, stacks),
  ];
}

/** A routing mark in a SIP rule's Name (see lambda/ownership.ts): the rule was made by a PhoneNumberOrder. */
const ROUTING_MARK = /(^|\s)pno\.[0-9a-f]{16}\.r[0-9a-f]{8}(\s|$)/;

/**
 * Each routed resource's numbers routed where its answer says, by exactly that route; every SIP
 * rule a PhoneNumberOrder made routes a number a routed resource lists, to that resource's target.
 */
function routingProblems(emulator: Emulator, stacks: DeployedStack[]): string[] {
  const problems: string[] = [];
  const numbers = new Map(emulator.phoneNumbers().map(n => [n.E164PhoneNumber, n]));
  const rules = emulator.routing().sipRules as unknown as { SipRuleId: string; Name: string; TriggerValue: string; Disabled: boolean; TargetApplications: { SipMediaApplicationId: string }[] }[];
  const ruledBy = new Map<string, string>();
  const listed = listedIn(stacks);
  for (const [resource, target] of Object.entries(routedIn(stacks))) {
    if (target.numbers.join() !== (listed[resource] ?? []).join()) problems.push(`${resource} answered ${target.numbers.join()}, and its outputs list ${listed[resource]}`);
    target.numbers.forEach((n, i) => {
      const routes = numbers.get(n)?.Associations.map(a => `${a.Name} ${a.Value}`) ?? [];
      const expected = target.type === 'SipMediaApplication' ? `SipRuleId ${target.sipRuleIds[i]}` : `${target.type}Id ${target.id}`;
      if (routes.join() !== expected) problems.push(`${n} of ${resource} should be routed by ${expected}, and is ${routes.join(', ') || 'not routed'}`);
      if (target.type !== 'SipMediaApplication') return;
      const rule = rules.find(r => r.SipRuleId === target.sipRuleIds[i]);
      if (!rule || rule.Disabled || rule.TriggerValue !== n || rule.TargetApplications.map(t => t.SipMediaApplicationId).join() !== target.id) {
        problems.push(`${n} of ${resource}: its SIP rule ${target.sipRuleIds[i]} is ${rule ? `${rule.Disabled ? 'disabled, ' : ''}on ${rule.TriggerValue} to ${rule.TargetApplications.map(t => t.SipMediaApplicationId)}` : 'gone'}`);
      }
      ruledBy.set(target.sipRuleIds[i], resource);
    });
  }
  for (const r of rules.filter(x => ROUTING_MARK.test(x.Name) && !ruledBy.has(x.SipRuleId))) {
    problems.push(`SIP rule ${r.SipRuleId} ("${r.Name}") on ${r.TriggerValue} was made by a PhoneNumberOrder, and no routed resource lists it`);
  }
  return problems;
}
