// The resource mark a PhoneNumberOrder puts in a number's Name, read the way the README documents
// it (`pno.<resource>.<kind><request>`), computed here independently of the handler so that the
// audit checks the handler against the documented format rather than against itself.
import { createHash } from 'crypto';
import { ACCOUNT, REGION } from './app/shape';

export type MarkKind = 'ordered' | 'adopted' | 'given-back';

export interface Mark {
  /** 16 hex digits naming the resource: stack ARN without its unique suffix, and logical ID. */
  readonly resource: string;
  readonly kind: MarkKind;
  /** 8 hex digits naming the CloudFormation request that set it. */
  readonly request: string;
}

const WORD = /(?:^|\s)pno\.([0-9a-f]{16})\.([oau])([0-9a-f]{8})(?=\s|$)/;
const KINDS: Record<string, MarkKind> = { o: 'ordered', a: 'adopted', u: 'given-back' };

export function markIn(name: string | undefined): Mark | undefined {
  const m = WORD.exec(name ?? '');
  return m ? { resource: m[1], kind: KINDS[m[2]], request: m[3] } : undefined;
}

/** The mark's resource part for a logical ID of a stack (by name: the same name is the same stack, across deletes). */
export function resourceMark(stackName: string, logicalId: string, region = REGION, account = ACCOUNT): string {
  const stack = `arn:aws:cloudformation:${region}:${account}:stack/${stackName}`;
  return createHash('sha256').update(`${stack}|${logicalId}`).digest('hex').slice(0, 16);
}
