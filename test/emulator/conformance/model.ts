// The service models' facts (test/fixtures/chime-model-facts.json, derived by
// scripts/derive-model-facts.js) and what they accept: the oracle of the conformance test.
import facts from '../../fixtures/chime-model-facts.json';

export type Api = 'chime' | 'chime-sdk-voice';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header';
  locationName?: string;
}

export interface Shape {
  type: string;
  required?: string[];
  members?: Record<string, MemberRef>;
  member?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  httpStatusCode?: number;
}

export interface Operation {
  method: string;
  requestUri: string;
  responseCode: number;
  input: string;
  output?: string;
  errors: string[];
}

export interface ApiFacts {
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export const APIS: Api[] = ['chime', 'chime-sdk-voice'];
export const model = (api: Api): ApiFacts => facts.apis[api] as unknown as ApiFacts;
export const voiceEndpoints = facts.voiceEndpoints;

/**
 * Model patterns are Java regular expressions, matched anywhere in the value unless anchored.
 * Java's `\s` is ASCII whitespace; JavaScript's also takes in Unicode spaces, so it is spelled out.
 */
export function javaPattern(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\\s/g, '[ \\t\\n\\x0B\\f\\r]').replace(/\\S/g, '[^ \\t\\n\\x0B\\f\\r]'));
}

/** The service's name for a member in its messages: lower camel case. */
export const memberPath = (member: string): string => member[0].toLowerCase() + member.slice(1);

export interface Violation {
  /** `productType`, `e164PhoneNumbers.1.member`: where the service says the fault is. */
  path: string;
  rule: string;
}

/** Why the model refuses a value of a shape; [] when it accepts it. JSON null counts as absent. */
export function violations(api: Api, shapeName: string, value: unknown, path: string): Violation[] {
  const s = model(api).shapes[shapeName];
  if (value === null || value === undefined) return [];
  const v = (rule: string): Violation[] => [{ path, rule }];
  switch (s.type) {
    case 'string': {
      if (typeof value !== 'string') return v('not a string');
      if (s.enum && !s.enum.includes(value)) return v('enum');
      if (s.min !== undefined && value.length < s.min) return v('min length');
      if (s.max !== undefined && value.length > s.max) return v('max length');
      if (s.pattern !== undefined && !javaPattern(s.pattern).test(value)) return v('pattern');
      return [];
    }
    case 'integer':
      if (!Number.isInteger(value)) return v('not an integer');
      if (s.min !== undefined && (value as number) < s.min) return v('min');
      if (s.max !== undefined && (value as number) > s.max) return v('max');
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : v('not a boolean');
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? [] : v('not an ISO 8601 timestamp');
    case 'list': {
      if (!Array.isArray(value)) return v('not a list');
      if (s.min !== undefined && value.length < s.min) return v('min items');
      if (s.max !== undefined && value.length > s.max) return v('max items');
      return value.flatMap((item, i) => violations(api, s.member as string, item, `${path}.${i + 1}.member`));
    }
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return v('not an object');
      const obj = value as Record<string, unknown>;
      const members = s.members ?? {};
      const at = (k: string) => (path ? `${path}.${memberPath(k)}` : memberPath(k));
      const out: Violation[] = [];
      for (const r of s.required ?? []) if (obj[r] === undefined || obj[r] === null) out.push({ path: at(r), rule: 'required' });
      for (const [k, item] of Object.entries(obj)) {
        if (!members[k]) out.push({ path: at(k), rule: 'not a member of the model' });
        else out.push(...violations(api, members[k].shape, item, at(k)));
      }
      return out;
    }
    default:
      throw new Error(`shape type ${s.type} is not handled`);
  }
}

/** Every structure reachable from a value of `shapeName`, with the member names the value carries. */
export function membersSeen(api: Api, shapeName: string, value: unknown, into: Map<string, Set<string>>): void {
  const s = model(api).shapes[shapeName];
  if (value === null || value === undefined) return;
  if (s.type === 'list' && Array.isArray(value)) value.forEach((item) => membersSeen(api, s.member as string, item, into));
  if (s.type !== 'structure' || typeof value !== 'object') return;
  const seen = into.get(shapeName) ?? new Set<string>();
  into.set(shapeName, seen);
  for (const [k, item] of Object.entries(value as Record<string, unknown>)) {
    seen.add(k);
    const m = s.members?.[k];
    if (m) membersSeen(api, m.shape, item, into);
  }
}
