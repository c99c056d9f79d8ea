// CloudFormation's intrinsic functions, as far as ordinary CDK stacks use them. Anything else
// fails loudly, naming the construct: a silently wrong value would deploy the wrong thing.
import type { Json, JsonObject } from './template';

/** What `Ref: AWS::NoValue` leaves behind: the surrounding property or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = Json | typeof NO_VALUE;

export class IntrinsicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicError';
  }
}

export interface Scope {
  /** Names the construct in messages, e.g. "PhoneNumberOrderExample/Numbers/Resource/Default (Numbers114013F5)". */
  readonly where: string;
  readonly region: string;
  ref(name: string): Resolved;
  getAtt(logicalId: string, attribute: string): Json;
  condition(name: string): boolean;
  findInMap(map: string, top: string, second: string): Json;
}

export const SUPPORTED_INTRINSICS = [
  'Ref', 'Fn::GetAtt', 'Fn::Join', 'Fn::Split', 'Fn::Select', 'Fn::Sub', 'Fn::If',
  'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs',
];

/** The intrinsic a value calls, if it is one: an object whose only key is Ref or Fn::*. */
export function intrinsicName(value: Json): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::') ? keys[0] : undefined;
}

/** The first intrinsic in a value that local deploy cannot evaluate, if any. */
export function unsupportedIntrinsic(value: Json): string | undefined {
  const fn = intrinsicName(value);
  if (fn && !SUPPORTED_INTRINSICS.includes(fn)) return fn;
  if (value === null || typeof value !== 'object') return undefined;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const found = unsupportedIntrinsic(v);
    if (found) return found;
  }
  return undefined;
}

export function resolve(value: Json, scope: Scope): Resolved {
  const fn = intrinsicName(value);
  if (fn) return evaluate(fn, (value as JsonObject)[fn], scope);
  if (Array.isArray(value)) {
    return value.map(v => resolve(v, scope)).filter((v): v is Json => v !== NO_VALUE);
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolve(v, scope);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }
  return value;
}

/** A condition expression: Fn::Equals/And/Or/Not and { Condition: name }. */
export function evaluateCondition(expr: Json, scope: Scope): boolean {
  if (typeof expr === 'object' && expr !== null && !Array.isArray(expr) && Object.keys(expr).length === 1 && 'Condition' in expr) {
    const name = expr.Condition;
    if (typeof name !== 'string') throw fail(scope, 'Condition', 'needs a condition name');
    return scope.condition(name);
  }
  const fn = intrinsicName(expr);
  if (!fn || !['Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not'].includes(fn)) {
    throw fail(scope, fn ?? 'Condition', 'is not a condition function (use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)');
  }
  const result = evaluate(fn, (expr as JsonObject)[fn], scope);
  return result === true;
}

function evaluate(fn: string, arg: Json, scope: Scope): Resolved {
  switch (fn) {
    case 'Ref':
      if (typeof arg !== 'string') throw fail(scope, fn, 'needs a logical ID or parameter name');
      return scope.ref(arg);
    case 'Fn::GetAtt': return getAtt(arg, scope);
    case 'Fn::Join': return join(arg, scope);
    case 'Fn::Split': {
      const [delimiter, source] = pair(fn, arg, scope).map(v => resolve(v, scope));
      if (typeof delimiter !== 'string' || typeof source !== 'string') throw fail(scope, fn, 'needs [delimiter, string]');
      return source.split(delimiter);
    }
    case 'Fn::Select': {
      const [index, list] = pair(fn, arg, scope).map(v => resolve(v, scope));
      const i = typeof index === 'number' ? index : Number(index);
      if (!Array.isArray(list) || !Number.isInteger(i)) throw fail(scope, fn, 'needs [index, list]');
      if (i < 0 || i >= list.length) throw fail(scope, fn, `index ${i} is outside the list of ${list.length}`);
      return list[i];
    }
    case 'Fn::Sub': return sub(arg, scope);
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') throw fail(scope, fn, 'needs [condition, valueIfTrue, valueIfFalse]');
      return resolve(scope.condition(arg[0]) ? arg[1] : arg[2], scope);
    }
    case 'Fn::Equals': {
      const [a, b] = pair(fn, arg, scope).map(v => resolve(v, scope));
      return JSON.stringify(scalarToString(a)) === JSON.stringify(scalarToString(b));
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) throw fail(scope, fn, 'needs 2 to 10 conditions');
      const values = arg.map(c => evaluateCondition(c, scope));
      return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) throw fail(scope, fn, 'needs [condition]');
      return !evaluateCondition(arg[0], scope);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length !== 3) throw fail(scope, fn, 'needs [map, topLevelKey, secondLevelKey]');
      const [map, top, second] = arg.map(v => resolve(v, scope));
      return scope.findInMap(String(map), String(top), String(second));
    }
    case 'Fn::Base64': {
      const text = resolve(arg, scope);
      if (typeof text !== 'string') throw fail(scope, fn, 'needs a string');
      return Buffer.from(text, 'utf8').toString('base64');
    }
    case 'Fn::GetAZs': {
      const region = resolve(arg, scope);
      const r = typeof region === 'string' && region !== '' ? region : scope.region;
      return [`${r}a`, `${r}b`, `${r}c`];
    }
    default:
      throw new IntrinsicError(`${scope.where}: ${fn} is not supported by local deploy (it evaluates ${SUPPORTED_INTRINSICS.join(', ')})`);
  }
}

function getAtt(arg: Json, scope: Scope): Json {
  let parts: Json[];
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    parts = dot > 0 ? [arg.slice(0, dot), arg.slice(dot + 1)] : [arg];
  } else {
    parts = Array.isArray(arg) ? arg : [];
  }
  const [id, attr] = parts.map(p => resolve(p, scope));
  if (parts.length !== 2 || typeof id !== 'string' || typeof attr !== 'string') throw fail(scope, 'Fn::GetAtt', 'needs [logicalId, attribute]');
  return scope.getAtt(id, attr);
}

function join(arg: Json, scope: Scope): string {
  const [delimiter, rawList] = pair('Fn::Join', arg, scope);
  const list = resolve(rawList, scope);
  if (typeof delimiter !== 'string' || !Array.isArray(list)) throw fail(scope, 'Fn::Join', 'needs [delimiter, list]');
  return list.map(v => text('Fn::Join', v, scope)).join(delimiter);
}

function sub(arg: Json, scope: Scope): string {
  let template: Json;
  let vars: Json = {};
  if (Array.isArray(arg)) {
    if (arg.length !== 2) throw fail(scope, 'Fn::Sub', 'needs a string or [string, { variables }]');
    [template, vars] = arg;
  } else {
    template = arg;
  }
  if (typeof template !== 'string' || vars === null || typeof vars !== 'object' || Array.isArray(vars)) {
    throw fail(scope, 'Fn::Sub', 'needs a string or [string, { variables }]');
  }
  const values = new Map(Object.entries(vars).map(([k, v]) => [k, resolve(v, scope)]));
  return template.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const key = name.trim();
    if (values.has(key)) return text('Fn::Sub', values.get(key) as Resolved, scope);
    const dot = key.indexOf('.');
    if (dot > 0) return text('Fn::Sub', scope.getAtt(key.slice(0, dot), key.slice(dot + 1)), scope);
    return text('Fn::Sub', scope.ref(key), scope);
  });
}

/** Names a value refers to (Ref targets, GetAtt logical IDs, Fn::Sub variables), for dependency order. */
export function referencedNames(value: Json): string[] {
  const names = new Set<string>();
  const walk = (v: Json): void => {
    const fn = intrinsicName(v);
    const arg = fn ? (v as JsonObject)[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') names.add(arg);
    if (fn === 'Fn::GetAtt') {
      if (typeof arg === 'string') names.add(arg.split('.')[0]);
      else if (Array.isArray(arg) && typeof arg[0] === 'string') names.add(arg[0]);
    }
    if (fn === 'Fn::Sub') {
      const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
      const local = vars !== null && typeof vars === 'object' && !Array.isArray(vars) ? Object.keys(vars) : [];
      if (typeof template === 'string') {
        for (const m of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const key = m[1].trim();
          if (!local.includes(key)) names.add(key.split('.')[0]);
        }
      }
    }
    if (v !== null && typeof v === 'object') (Array.isArray(v) ? v : Object.values(v)).forEach(walk);
  };
  walk(value);
  return [...names];
}

function pair(fn: string, arg: Json, scope: Scope): [Json, Json] {
  if (!Array.isArray(arg) || arg.length !== 2) throw fail(scope, fn, 'needs a list of two arguments');
  return [arg[0], arg[1]];
}

function text(fn: string, v: Resolved, scope: Scope): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw fail(scope, fn, `got ${v === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(v)} where a string is needed`);
}

function scalarToString(v: Resolved): Resolved {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

function fail(scope: Scope, fn: string, problem: string): IntrinsicError {
  return new IntrinsicError(`${scope.where}: ${fn} ${problem}`);
}
