// Apps of several PhoneNumberOrder resources, deployed through the local deploy against one
// emulator the test controls, and the audit of the account's books after every step: the
// ownership promises (no number held by two resources or by none, none released that a
// resource lists, no stack left in a *_FAILED state; a routed resource's numbers routed where its
// answer says, and no SIP rule carrying a routing mark left on a number no routed resource lists).
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator } from '../../emulator';
import { synthesise } from '../../tools/local-deploy/synth';
import type { Template } from '../../tools/local-deploy/template';
import { ROOT, tempDir } from '../local-deploy/example-app';
import { run, type Run } from '../local-deploy/run';

const APP = `npx tsx ${path.join(ROOT, 'test', 'lifecycle', 'apps', 'orders-app.ts')}`;

export interface OrderProps {
  numbers?: string[];
  /** An order by search: the criteria as PhoneNumberSearch.of takes them, and how many. */
  search?: Record<string, string>;
  quantity?: number;
  productType?: string;
  adopt?: boolean;
  allowPartial?: boolean;
  removalPolicy?: 'destroy' | 'retain' | 'retain-on-update-or-delete';
  /** Routes the numbers to a Voice Connector or SIP media application the stack declares beside the order. */
  target?: 'voiceConnector' | 'sipMediaApplication';
}
export type AppShape = Record<string, Record<string, OrderProps>>;

/** Per stack, per construct ID: new properties, or a new logical ID (a rename or a moved construct). */
export type Change = Record<string, Record<string, Partial<OrderProps> & { logicalId?: string }>>;

export interface DeployOptions {
  stacks?: string[];
  /** After a successful deploy, roll it back as a later resource's failure would. */
  rehearseRollback?: boolean;
  /** Environment variables for the handler's functions (onEvent and isComplete), e.g. INLINE_WAIT_SECONDS. */
  handlerEnv?: Record<string, string>;
}

/** The cloud assembly of an app of this shape (a synth costs seconds: share it between tests). */
export async function synthApp(shape: AppShape, provider?: { queryIntervalSeconds: number; totalTimeoutSeconds: number }): Promise<string> {
  const { assemblyDir } = await synthesise({
    cwd: ROOT, app: APP, context: { orders: JSON.stringify(shape), ...(provider ? { provider: JSON.stringify(provider) } : {}) }, outdir: path.join(tempDir('multi-assembly-'), 'base.out'),
    region: 'us-east-1', account: '123456789012',
  });
  return assemblyDir;
}

/** One CDK app (its own state directory, like a team's own checkout) against the shared account. */
export class LocalApp {
  constructor(private readonly assembly: string, readonly emulator: Emulator, readonly root = tempDir('multi-')) {}

  private variants = 0;
  /** The last successful outputs, per stack. */
  outputs: Record<string, Record<string, string>> = {};
  statuses: Record<string, string> = {};

  async deploy(change: Change = {}, opts: DeployOptions = {}): Promise<Run> {
    const r = await run({
      app: this.variant(change, opts.handlerEnv), stateDir: path.join(this.root, 'state'), endpoint: this.emulator.url, queryIntervalMs: 50,
      rehearseRollback: opts.rehearseRollback,
      ...(opts.stacks ? { stacks: opts.stacks } : { all: true }),
    });
    this.record(r);
    return r;
  }

  async destroy(stacks?: string[]): Promise<Run> {
    const r = await run({ app: this.assembly, stateDir: path.join(this.root, 'state'), endpoint: this.emulator.url, destroy: true, queryIntervalMs: 50, stacks });
    for (const s of r.result.stacks) {
      this.statuses[s.stackName] = s.status;
      if (s.ok) delete this.outputs[s.stackName];
    }
    return r;
  }

  /** Numbers each resource lists as its own in the stack outputs: "Stack/Construct" → numbers. */
  listed(): Record<string, string[]> {
    return this.fromOutputs(/^(.+?)PhoneNumbers$/, value => (value ? value.split(',') : []));
  }

  /**
   * Where each routed resource routes its numbers, as its last answer says (the local deploy's
   * record of its attributes: after a rolled-back update the outputs are the earlier ones, while a
   * number restored by the rollback has a new SIP rule): "Stack/Construct" → target, numbers, and
   * their SIP rules in the same order.
   */
  routed(): Record<string, { type: string; id: string; numbers: string[]; sipRuleIds: string[] }> {
    const found: Record<string, { type: string; id: string; numbers: string[]; sipRuleIds: string[] }> = {};
    for (const stack of Object.keys(this.outputs)) {
      const record = JSON.parse(fs.readFileSync(path.join(this.root, 'state', 'stacks', `${stack}.json`), 'utf8')) as
        { resources: Record<string, { type: string; path?: string; attributes: Record<string, unknown> }> };
      for (const r of Object.values(record.resources)) {
        if (r.type !== 'Custom::ChimePhoneNumberOrder' || typeof r.attributes.RoutingTargetType !== 'string') continue;
        const resource = (r.path ?? '').replace(/\/Resource\/Default$/, '').replace(/^([^/]+)\/(.*)$/, (_m, s: string, rest: string) => `${s}/${rest.replace(/\//g, '')}`);
        found[resource] = {
          type: r.attributes.RoutingTargetType, id: String(r.attributes.RoutingTargetId),
          numbers: r.attributes.PhoneNumbers as string[], sipRuleIds: (r.attributes.SipRuleIds as string[] | undefined) ?? [],
        };
      }
    }
    return found;
  }

  /** Per "Stack/Construct", the value of each stack output whose key matches (the construct's key prefix in group 1). */
  private fromOutputs<T>(key: RegExp, read: (value: string) => T): Record<string, T> {
    const found: Record<string, T> = {};
    for (const [stack, outputs] of Object.entries(this.outputs)) {
      for (const [k, value] of Object.entries(outputs)) {
        const m = key.exec(k);
        if (m) found[`${stack}/${m[1]}`] = read(value);
      }
    }
    return found;
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private record(r: Run): void {
    for (const s of r.result.stacks) this.statuses[s.stackName] = s.status;
    for (const [stack, outputs] of Object.entries(r.result.outputs)) this.outputs[stack] = outputs;
  }

  /** A copy of the assembly with the changes applied to the templates. */
  private variant(change: Change, handlerEnv: Record<string, string> = {}): string {
    const dir = path.join(this.root, `v${++this.variants}.out`);
    fs.cpSync(this.assembly, dir, { recursive: true });
    const stacks = new Set([...Object.keys(change), ...(Object.keys(handlerEnv).length > 0 ? stackNames(dir) : [])]);
    for (const stack of stacks) {
      const orders = change[stack] ?? {};
      const file = path.join(dir, `${stack}.template.json`);
      let template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
      for (const r of Object.values(template.Resources ?? {})) {
        const p = r.Properties as { Handler?: string; Environment?: { Variables?: Record<string, unknown> } } | undefined;
        if (r.Type !== 'AWS::Lambda::Function' || !p?.Handler?.startsWith('index.')) continue;
        p.Environment = { ...p.Environment, Variables: { ...p.Environment?.Variables, ...handlerEnv } };
      }
      for (const [id, props] of Object.entries(orders)) {
        const [logicalId, resource] = Object.entries(template.Resources ?? {})
          .find(([, r]) => r.Metadata?.['aws:cdk:path'] === `${stack}/${id}/Resource/Default`) ?? [];
        if (!resource || !logicalId) throw new Error(`no order ${stack}/${id}`);
        const p = resource.Properties as Record<string, unknown>;
        // A routed order's routing resource holds the order's numbers or search, as a synth would write them.
        const routing = Object.values(template.Resources ?? {}).find(r => r.Metadata?.['aws:cdk:path'] === `${stack}/${id}/Routing/Resource/Default`);
        for (const q of [p, ...(routing ? [routing.Properties as Record<string, unknown>] : [])]) {
          if (props.numbers) q.E164PhoneNumbers = props.numbers;
          if (props.search) q.Search = searchProperties(props.search);
          if (props.quantity !== undefined) q.Quantity = props.quantity;
        }
        if (props.adopt !== undefined) p.AdoptExistingNumbers = props.adopt;
        if (props.allowPartial !== undefined) p.AllowPartial = props.allowPartial;
        if (props.logicalId) template = renamed(template, logicalId, props.logicalId);
      }
      fs.writeFileSync(file, JSON.stringify(template, null, 1));
    }
    return dir;
  }
}

function stackNames(assemblyDir: string): string[] {
  return fs.readdirSync(assemblyDir).filter(f => f.endsWith('.template.json')).map(f => f.slice(0, -'.template.json'.length));
}

/** Criteria as PhoneNumberSearch.of takes them, as the template's Search property holds them. */
function searchProperties(search: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(search).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v]));
}

function renamed(template: Template, from: string, to: string): Template {
  return JSON.parse(JSON.stringify(template).replace(new RegExp(`"${from}"`, 'g'), `"${to}"`)) as Template;
}

const HELD = ['Unassigned', 'Assigned', 'ReleaseFailed', 'DeleteFailed', 'AcquireInProgress'];

/**
 * The ownership audit over every app deployed against the account. `elsewhere`: numbers put in the
 * account outside any stack (they may stay held by nobody's stack).
 */
export function audit(emulator: Emulator, apps: LocalApp[], elsewhere: string[] = []): string[] {
  const problems: string[] = [];
  const listedBy = new Map<string, string[]>();
  for (const app of apps) {
    for (const [resource, numbers] of Object.entries(app.listed())) {
      for (const n of numbers) listedBy.set(n, [...(listedBy.get(n) ?? []), resource]);
    }
    for (const [stack, status] of Object.entries(app.statuses)) if (/_FAILED$/.test(status)) problems.push(`${stack} is ${status}`);
  }
  const status = new Map(emulator.phoneNumbers().map(n => [n.E164PhoneNumber, n.Status]));
  for (const [n, resources] of listedBy) {
    if (resources.length > 1) problems.push(`${n} is listed by ${resources.join(' and ')}`);
    if (!HELD.includes(status.get(n) ?? 'none')) problems.push(`${n} is listed by ${resources[0]} but is ${status.get(n) ?? 'not in the account'}`);
  }
  for (const [n, s] of status) {
    if (HELD.includes(s) && !listedBy.has(n) && !elsewhere.includes(n)) problems.push(`${n} is held (${s}) by no resource`);
  }
  return [...problems, ...routingProblems(emulator, apps)];
}

/** A routing mark in a SIP rule's Name (see lambda/ownership.ts): the rule was made by a PhoneNumberOrder. */
const ROUTING_MARK = /(^|\s)pno\.[0-9a-f]{16}\.r[0-9a-f]{8}(\s|$)/;

/**
 * Each routed resource's numbers routed where its answer says, by exactly that route; every SIP
 * rule a PhoneNumberOrder made routes a number a routed resource lists, to that resource's target.
 */
function routingProblems(emulator: Emulator, apps: LocalApp[]): string[] {
  const problems: string[] = [];
  const numbers = new Map(emulator.phoneNumbers().map(n => [n.E164PhoneNumber, n]));
  const rules = emulator.routing().sipRules as unknown as { SipRuleId: string; Name: string; TriggerValue: string; Disabled: boolean; TargetApplications: { SipMediaApplicationId: string }[] }[];
  const ruledBy = new Map<string, string>();
  for (const app of apps) {
    const listed = app.listed();
    for (const [resource, target] of Object.entries(app.routed())) {
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
  }
  for (const r of rules.filter(x => ROUTING_MARK.test(x.Name) && !ruledBy.has(x.SipRuleId))) {
    problems.push(`SIP rule ${r.SipRuleId} ("${r.Name}") on ${r.TriggerValue} was made by a PhoneNumberOrder, and no routed resource lists it`);
  }
  return problems;
}
