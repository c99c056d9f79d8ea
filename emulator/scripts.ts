/**
 * Scripted outcomes a test asks for: how the next orders end, and which releases fail. Like
 * injected faults they are one-shot and not persisted; unlike faults they act on the account.
 */
import { E164_PATTERN, normalize } from './numbers';
import { InProgressOrderStatus, OrderScript, ReleaseFailureScript, ScriptedOrderEnd, SeededNumber, TakeAfterSearchScript } from './types';

const ENDS: ScriptedOrderEnd[] = ['Failed', 'Exception', 'Cancelled'];
const IN_PROGRESS: InProgressOrderStatus[] = ['Processing', 'PendingDocuments', 'Submitted', 'FOC', 'ChangeRequested', 'CancelRequested'];
/** The PhoneNumberError ErrorCode values of both models. */
const ERROR_CODES = [
  'BadRequest', 'Conflict', 'Forbidden', 'NotFound', 'PreconditionFailed', 'ResourceLimitExceeded', 'ServiceFailure', 'AccessDenied',
  'ServiceUnavailable', 'Throttled', 'Throttling', 'Unauthorized', 'Unprocessable', 'VoiceConnectorGroupAssociationsExist',
  'PhoneNumberAssociationsExist',
];
export const SEEDABLE_STATUSES = [
  'AcquireInProgress', 'AcquireFailed', 'Unassigned', 'Assigned', 'ReleaseInProgress', 'DeleteInProgress', 'ReleaseFailed',
  'DeleteFailed', 'Cancelled', 'PortinInProgress', 'PortinCancelRequested',
] as const;

export interface ReleaseFailure {
  code: string;
}

export class Scripts {
  private orderScripts: { script: OrderScript; numbers?: Set<string>; remaining: number }[] = [];
  private releaseFailures = new Map<string, { code: string; remaining: number }>();
  private takes: { share: number; remaining: number }[] = [];

  addTakeAfterSearch(script: TakeAfterSearchScript = {}): void {
    const share = script.share ?? 0.5;
    if (!(typeof share === 'number' && share > 0 && share <= 1)) throw new Error('share must be within (0, 1]');
    this.takes.push({ share, remaining: positive(script.count, 'count') });
  }

  /** The share of a search's numbers another customer takes now, consumed; undefined when none is scripted. */
  takeTakeAfterSearch(): number | undefined {
    const entry = this.takes[0];
    if (!entry) return undefined;
    if (--entry.remaining <= 0) this.takes.shift();
    return entry.share;
  }

  addOrderScript(script: OrderScript): void {
    if (script.end !== undefined && !ENDS.includes(script.end)) throw new Error(`end must be one of ${ENDS.join(', ')}`);
    if (script.processingStatus !== undefined && !IN_PROGRESS.includes(script.processingStatus)) {
      throw new Error(`processingStatus must be one of ${IN_PROGRESS.join(', ')}`);
    }
    if (script.end === undefined && script.processingStatus === undefined) throw new Error('a script needs end or processingStatus');
    const numbers = script.numbers === undefined ? undefined : new Set(checkNumbers(script.numbers));
    this.orderScripts.push({ script, numbers, remaining: positive(script.count, 'count') });
  }

  /** The script for an order of these numbers, consumed. */
  takeOrderScript(numbers: string[]): OrderScript | undefined {
    const i = this.orderScripts.findIndex(s => !s.numbers || numbers.some(n => s.numbers!.has(n)));
    if (i < 0) return undefined;
    const entry = this.orderScripts[i];
    if (--entry.remaining <= 0) this.orderScripts.splice(i, 1);
    return entry.script;
  }

  addReleaseFailure(failure: ReleaseFailureScript): void {
    const code = failure.code ?? 'ServiceFailure';
    if (!ERROR_CODES.includes(code)) throw new Error(`code must be one of ${ERROR_CODES.join(', ')}`);
    const remaining = positive(failure.count, 'count');
    for (const n of checkNumbers(failure.numbers)) this.releaseFailures.set(n, { code, remaining });
  }

  /** Whether this release attempt of the number is scripted to fail, consumed. */
  takeReleaseFailure(number: string): ReleaseFailure | undefined {
    const entry = this.releaseFailures.get(number);
    if (!entry) return undefined;
    if (--entry.remaining <= 0) this.releaseFailures.delete(number);
    return { code: entry.code };
  }

  clear(): void {
    this.orderScripts = [];
    this.takes = [];
    this.releaseFailures.clear();
  }
}

export function checkSeed(seed: SeededNumber): void {
  checkNumbers([seed.number]);
  if (seed.status !== undefined && !(SEEDABLE_STATUSES as readonly string[]).includes(seed.status)) {
    throw new Error(`status must be one of ${SEEDABLE_STATUSES.join(', ')}`);
  }
}

function checkNumbers(numbers: unknown): string[] {
  if (!Array.isArray(numbers) || numbers.length === 0) throw new Error('numbers must be a non-empty list');
  return numbers.map(n => {
    if (typeof n !== 'string' || !E164_PATTERN.test(n)) throw new Error('numbers must be E.164 phone numbers');
    return normalize(n);
  });
}

function positive(v: number | undefined, field: string): number {
  if (v === undefined) return 1;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${field} must be a positive integer`);
  return v;
}
