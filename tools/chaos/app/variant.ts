// Variants of a synthesised orders-app assembly: the same cloud assembly with some orders' template
// changed (properties, DeletionPolicy, a renamed logical ID, an order left out), as an edited app
// would synthesise. Edits that the construct refuses at synth (two orders listing one number)
// reach the handler this way, as they would from another app or a hand-written template.
import * as fs from 'fs';
import * as path from 'path';
import type { Json, Template, TemplateResource } from '../../local-deploy/template';
import { type Connector, orderPath, routingPath } from './shape';

export type DeletionPolicy = 'Delete' | 'Retain' | 'RetainExceptOnCreate';

export interface OrderEdit {
  numbers?: string[];
  /** Search criteria as PhoneNumberSearch.of takes them ({"areaCode": "206"}); the template's Search property. */
  search?: Record<string, string>;
  quantity?: number;
  adopt?: boolean;
  allowPartial?: boolean;
  productType?: string;
  api?: string;
  /** The user's label for the numbers (`name`); null leaves it unset. */
  name?: string | null;
  /** DeletionPolicy and UpdateReplacePolicy, as the construct's removalPolicy sets both. */
  deletionPolicy?: DeletionPolicy;
  /** A new logical ID: a renamed or moved construct, as CloudFormation sees it. */
  logicalId?: string;
  /** Left out of the template, outputs included: CloudFormation deletes it as its DeletionPolicy says. */
  removed?: boolean;
  /**
   * A routed order's target: another of the stack's Voice Connectors, or null for no routing (the
   * Routing property, the routing resource and the routing outputs left out). Undefined: as synthesised.
   */
  route?: Connector | null;
}

export interface StackEdit {
  /** Construct ID → edit. */
  orders?: Record<string, OrderEdit>;
  /** INLINE_WAIT_SECONDS of the stack's onEvent function: how long onEvent waits for an order itself. */
  inlineWaitSeconds?: number;
  /** Environment variables for both handler functions (onEvent and isComplete). */
  handlerEnv?: Record<string, string>;
}

/** Stack name → edit. */
export type TemplateEdits = Record<string, StackEdit>;

/** Copies the assembly to `target` with the edits applied to its templates; returns `target`. */
export function writeVariant(base: string, target: string, edits: TemplateEdits): string {
  fs.cpSync(base, target, { recursive: true });
  for (const [stack, edit] of Object.entries(edits)) {
    const file = path.join(target, `${stack}.template.json`);
    if (!fs.existsSync(file)) throw new Error(`the assembly has no stack ${stack}`);
    let template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
    for (const [construct, order] of Object.entries(edit.orders ?? {})) template = applyOrderEdit(template, stack, construct, order);
    if (edit.inlineWaitSeconds !== undefined) setInlineWait(template, stack, edit.inlineWaitSeconds);
    if (edit.handlerEnv) setHandlerEnv(template, edit.handlerEnv);
    fs.writeFileSync(file, JSON.stringify(template, null, 1));
  }
  return target;
}

/** The logical ID and resource of an order, found by its construct path (renames keep it). */
export function findOrder(template: Template, stack: string, construct: string): [string, TemplateResource] {
  const found = Object.entries(template.Resources ?? {}).find(([, r]) => r.Metadata?.['aws:cdk:path'] === orderPath(stack, construct));
  if (!found) throw new Error(`no order ${stack}/${construct} in the template`);
  return found;
}

function applyOrderEdit(template: Template, stack: string, construct: string, edit: OrderEdit): Template {
  const [logicalId, resource] = findOrder(template, stack, construct);
  const routing = findRouting(template, stack, construct);
  // The routing resource depends on its order: it goes with it.
  if (edit.removed) return withoutResource(routing ? withoutResource(template, routing[0]) : template, logicalId);
  if (routing && edit.route === null) {
    template = withoutRouting(template, logicalId, routing[0]);
    return applyOrderEdit(template, stack, construct, { ...edit, route: undefined });
  }
  const p = resource.Properties ?? {};
  // The routing resource carries the order's numbers, product type, API and target (what it takes away on Delete).
  const mirrors = [p, ...(routing ? [routing[1].Properties ?? {}] : [])];
  if (routing && edit.route) for (const m of mirrors) (m.Routing as Record<string, Json>).TargetId = { 'Fn::GetAtt': [edit.route, 'VoiceConnectorId'] };
  for (const m of mirrors.slice(1)) {
    if (edit.numbers) m.E164PhoneNumbers = edit.numbers;
    if (edit.productType) m.ProductType = edit.productType;
    if (edit.api) m.Api = edit.api;
  }
  if (edit.numbers) p.E164PhoneNumbers = edit.numbers;
  if (edit.search) p.Search = searchProperty(edit.search);
  if (edit.quantity !== undefined) p.Quantity = edit.quantity;
  if (edit.adopt !== undefined) p.AdoptExistingNumbers = edit.adopt;
  if (edit.allowPartial !== undefined) p.AllowPartial = edit.allowPartial;
  if (edit.productType) p.ProductType = edit.productType;
  if (edit.api) p.Api = edit.api;
  if (edit.name === null) delete p.Name;
  else if (edit.name !== undefined) p.Name = edit.name;
  if (edit.deletionPolicy) {
    resource.DeletionPolicy = edit.deletionPolicy;
    resource.UpdateReplacePolicy = edit.deletionPolicy === 'Delete' ? 'Delete' : 'Retain';
  }
  return edit.logicalId && edit.logicalId !== logicalId ? renamed(template, logicalId, edit.logicalId) : template;
}

function findRouting(template: Template, stack: string, construct: string): [string, TemplateResource] | undefined {
  return Object.entries(template.Resources ?? {}).find(([, r]) => r.Metadata?.['aws:cdk:path'] === routingPath(stack, construct));
}

/** The order without its target: no Routing property, no routing resource, no outputs of the routing attributes. */
function withoutRouting(template: Template, order: string, routing: string): Template {
  const out = withoutResource(template, routing);
  delete out.Resources![order].Properties?.Routing;
  for (const [key, o] of Object.entries(out.Outputs ?? {})) {
    if (/"Fn::GetAtt":\["[^"]+","(RoutingTargetType|RoutingTargetId|SipRuleIds)"\]/.test(JSON.stringify(o.Value))) delete out.Outputs![key];
  }
  return out;
}

function withoutResource(template: Template, logicalId: string): Template {
  const out = structuredClone(template);
  delete out.Resources![logicalId];
  for (const [key, o] of Object.entries(out.Outputs ?? {})) if (references(o.Value, logicalId)) delete out.Outputs![key];
  return out;
}

function references(value: Json, logicalId: string): boolean {
  return JSON.stringify(value).includes(`"${logicalId}"`);
}

function renamed(template: Template, from: string, to: string): Template {
  return JSON.parse(JSON.stringify(template).replace(new RegExp(`"${from}"`, 'g'), `"${to}"`)) as Template;
}

function setInlineWait(template: Template, stack: string, seconds: number): void {
  const fn = Object.values(template.Resources ?? {})
    .find(r => r.Metadata?.['aws:cdk:path'] === `${stack}/PhoneNumberOrderProvider/OnEvent/Resource`);
  if (!fn?.Properties) throw new Error(`no onEvent function in ${stack}`);
  const env = (fn.Properties.Environment ?? {}) as { Variables?: Record<string, Json> };
  env.Variables = { ...env.Variables, INLINE_WAIT_SECONDS: String(seconds) };
  fn.Properties.Environment = env as Json;
}

function setHandlerEnv(template: Template, vars: Record<string, string>): void {
  for (const r of Object.values(template.Resources ?? {})) {
    const p = r.Properties as { Handler?: string; Environment?: { Variables?: Record<string, Json> } } | undefined;
    if (r.Type !== 'AWS::Lambda::Function' || !p?.Handler?.startsWith('index.')) continue;
    p.Environment = { ...p.Environment, Variables: { ...p.Environment?.Variables, ...vars } };
  }
}

/** Criteria as PhoneNumberSearch.of takes them, as the template's Search property holds them. */
function searchProperty(search: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(search).map(([k, v]) => [k[0].toUpperCase() + k.slice(1), v]));
}
