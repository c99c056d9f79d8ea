// How a resource recognises the numbers it owns. On Chime SDK Voice each number's Name carries a
// mark word, `pno.<resource>.<kind><request>`, next to the user's label:
//   resource: 16 hex digits of SHA-256 over the stack's ARN without its unique suffix, plus the
//             logical ID; so a resource keeps its identity across retries and redeploys, and a
//             stack deleted with its numbers retained gets them back when deployed again under
//             the same name, while another stack, a copy of the construct or a renamed one does not;
//   kind:     o = ordered (or restored) by the resource, a = adopted, u = let go (an adopted number
//             given back when removed from the list: owned by nobody, taken back only by this resource),
//             r = routed: not on numbers but on the SIP rules that route them (see routing/plan.ts);
//   request:  8 hex digits of the CloudFormation request that marked it, so a retried delivery of
//             the same request recognises its own order's numbers, even failed ones (on a SIP
//             rule: of the number it routes, so each rule's name is its own).
// CreatePhoneNumberOrder's Name lands on the ordered numbers, so the mark is set atomically with
// the order. The legacy `chime` API has no Name: there, ownership cannot be proven.
import { createHash } from 'crypto';

export interface Identity {
  readonly resource: string;
  readonly request: string;
}

export type MarkKind = 'ordered' | 'adopted' | 'let-go' | 'routed';

export interface Mark {
  readonly resource: string;
  readonly kind: MarkKind;
  readonly request: string;
}

/** Characters a mark takes in a Name, with the space before it. */
export const MARK_LENGTH = ' pno.0123456789abcdef.o01234567'.length;

const KIND_LETTER: Record<MarkKind, string> = { 'ordered': 'o', 'adopted': 'a', 'let-go': 'u', 'routed': 'r' };
const MARK_WORD = /^pno\.([0-9a-f]{16})\.([oaur])([0-9a-f]{8})$/;

export function identityOf(stackId: string | undefined, logicalId: string | undefined, requestId: string | undefined): Identity {
  // arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>: the uuid changes on every create of the stack.
  const stack = String(stackId ?? '').replace(/\/[0-9a-f-]{36}$/i, '');
  return {
    resource: sha256(`${stack}|${logicalId ?? ''}`).slice(0, 16),
    request: sha256(String(requestId ?? '')).slice(0, 8),
  };
}

export function markOf(identity: Identity, kind: MarkKind): Mark {
  return { resource: identity.resource, kind, request: identity.request };
}

export function markWord(mark: Mark): string {
  return `pno.${mark.resource}.${KIND_LETTER[mark.kind]}${mark.request}`;
}

/** A Name split into the user's label and the mark, if any. */
export function parseName(name: string | undefined): { label: string; mark?: Mark } {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const at = words.findIndex(w => MARK_WORD.test(w));
  if (at < 0) return { label: words.join(' ') };
  const [, resource, letter, request] = MARK_WORD.exec(words[at])!;
  const kind = (Object.keys(KIND_LETTER) as MarkKind[]).find(k => KIND_LETTER[k] === letter)!;
  return { label: words.filter((_, i) => i !== at).join(' '), mark: { resource, kind, request } };
}

/** The mark of the SIP rule this resource made to route `number`. */
export function routeMark(identity: Identity, number: string): Mark {
  return { resource: identity.resource, kind: 'routed', request: sha256(number).slice(0, 8) };
}

export function nameWith(label: string, mark: Mark): string {
  return [label.trim(), markWord(mark)].filter(Boolean).join(' ');
}

/**
 * Who a number belongs to, as far as this resource can tell:
 * - self: marked by this resource (ordered or adopted);
 * - former: an adopted number this resource let go (nobody owns it; this resource may take it back);
 * - other: marked by another PhoneNumberOrder resource;
 * - none: in the account without a mark (bought elsewhere, ported in, let go by another resource);
 * - unknown: the API keeps no marks (legacy `chime`).
 */
export type Owner =
  | { readonly kind: 'self'; readonly mark: Mark }
  | { readonly kind: 'former'; readonly mark: Mark }
  | { readonly kind: 'other'; readonly mark: Mark }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown' };

export function ownerOf(mark: Mark | undefined, identity: Identity, marksNumbers: boolean): Owner {
  if (!marksNumbers) return { kind: 'unknown' };
  // A routing mark names a SIP rule, never a number's owner.
  if (!mark || mark.kind === 'routed') return { kind: 'none' };
  if (mark.resource === identity.resource) return mark.kind === 'let-go' ? { kind: 'former', mark } : { kind: 'self', mark };
  return mark.kind === 'let-go' ? { kind: 'none' } : { kind: 'other', mark };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
