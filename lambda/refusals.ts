// Why a number cannot be taken by this resource, in words a person can act on. Pure.
import { maskNumber } from '../lib/order-rules';
import type { NumberFacts } from './observe';
import { markWord } from './ownership';

const ADOPT_HINT = 'to bring it under this resource without ordering it, set adoptExistingNumbers: true';

/** The reason a listed number cannot be ordered, restored or adopted, or undefined when it can. */
export function refusalFor(f: NumberFacts, adopt: boolean): string | undefined {
  const n = maskNumber(f.number);
  if (f.owner.kind === 'other') {
    const mark = markWord(f.owner.mark);
    if (f.state === 'failed' || f.state === 'gone') return undefined;
    return `${n} (${f.status}) belongs to another PhoneNumberOrder resource (its Name carries ${mark}): a number belongs to one resource; `
      + 'remove it from this list or from the other resource. If that resource no longer exists (its stack was deleted with the number retained, '
      + 'or its construct was renamed), clear the mark with `aws chime-sdk-voice update-phone-number --phone-number-id <number> --name ""`, '
      + `then ${ADOPT_HINT}`;
  }
  switch (f.state) {
    case 'held':
      if (f.owner.kind === 'unknown' || adopt) return undefined;
      return `${n} is already in the account (${f.status}) but was not ordered by this resource; ${ADOPT_HINT}, or remove it from the list`;
    case 'acquiring':
      return `${n} is being acquired by an order this resource did not place${f.orderId ? ` (${f.orderId})` : ''}: remove it from the list, `
        + `or wait for that order to finish and then ${ADOPT_HINT}`;
    case 'porting':
      return `${n} is being ported in (${f.status}): once the port-in completes, ${ADOPT_HINT}`;
    case 'leaving':
      return `${n} is in the account's deletion queue, released by a previous holder that was not this resource: Chime frees it within 7 days; `
        + 'order it after that, or restore it yourself and adopt it';
    case 'unknown':
      return `${n} has status ${f.status}, which this version of PhoneNumberOrder does not know, so it is left alone: check it in the Chime console`;
    default:
      return undefined;
  }
}

/**
 * A repeated delivery that comes after its event ended: a number this very request ordered is in the
 * deletion queue, released since by the resource's rollback, its delete or the event's own undo.
 * Acting again (restoring it, ordering afresh) would leave numbers held that no resource lists.
 */
export function staleDelivery(numbers: Iterable<NumberFacts>, request: string): string[] {
  const released = [...numbers].filter(f => f.state === 'leaving' && f.owner.kind === 'self'
    && f.owner.mark.kind === 'ordered' && f.owner.mark.request === request);
  if (released.length === 0) return [];
  return [`${released.map(f => maskNumber(f.number)).join(', ')} ${released.length === 1 ? 'was' : 'were'} ordered by this very request and `
    + 'released since: this is a repeated delivery of an event that has already ended, and acting on it now would leave numbers held that no resource lists'];
}
