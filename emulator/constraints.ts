/**
 * The service models' constraints (required, length, range, pattern, enum), checked as the
 * service's validation layer checks them and refused with its message form. Model patterns are
 * Java regular expressions matched anywhere in the value (they carry their own anchors when they
 * mean the whole value); Java's `\s` is ASCII whitespace only, unlike JavaScript's.
 */
import { ApiError, invalid } from './errors';

/** Java's `\s`: space, tab, newline, vertical tab, form feed, carriage return. */
export const JAVA_SPACE = '[ \\t\\n\\x0B\\f\\r]';

/** A model pattern as a JavaScript RegExp with the model's (Java) meaning of `\s` and `\S`. */
export function modelPattern(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\\s/g, JAVA_SPACE).replace(/\\S/g, '[^ \\t\\n\\x0B\\f\\r]'));
}

/**
 * @param member the member's path as the service names it (`productType`, `e164PhoneNumbers.1.member`)
 * @param value shown in the message; undefined for sensitive members, whose values AWS leaves out
 */
export function violation(member: string, rule: string, value?: string | null): ApiError {
  const shown = value === undefined ? 'Value' : value === null ? 'Value null' : `Value '${value}'`;
  return invalid(`1 validation error detected: ${shown} at '${member}' failed to satisfy constraint: ${rule}`);
}

export function required(member: string): ApiError {
  return violation(member, 'Member must not be null', null);
}

export function checkPattern(member: string, pattern: string, value: string, sensitive: boolean): void {
  if (!modelPattern(pattern).test(value)) {
    throw violation(member, `Member must satisfy regular expression pattern: ${pattern}`, sensitive ? undefined : value);
  }
}

export function checkLength(member: string, value: { length: number }, shown: string | undefined, min?: number, max?: number): void {
  if (min !== undefined && value.length < min) throw violation(member, `Member must have length greater than or equal to ${min}`, shown);
  if (max !== undefined && value.length > max) throw violation(member, `Member must have length less than or equal to ${max}`, shown);
}

export function checkRange(member: string, value: number, min: number, max: number): void {
  if (value < min) throw violation(member, `Member must have value greater than or equal to ${min}`, String(value));
  if (value > max) throw violation(member, `Member must have value less than or equal to ${max}`, String(value));
}

export function checkEnum<T extends string>(member: string, allowed: readonly T[], value: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw violation(member, `Member must satisfy enum value set: [${allowed.join(', ')}]`, value);
  }
  return value as T;
}
