// Scans every line of the handler log (and whatever the workers print) for what must never be
// logged: a whole phone number, or anything of the request signing.
import { redactDigits } from './numbers';

/** A whole E.164 number: ten or more digits in a row, whatever surrounds them. */
export const FULL_NUMBER = /\+?[1-9]\d{9,14}/;
/**
 * Order and request IDs are UUIDs, whose hex groups can hold ten digits in a row. They are taken
 * out before the test rather than exempting every digit run next to a letter or hyphen, so that a
 * number glued to a word (`id-12065550100`) is still caught.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** The account ID in an ARN is twelve digits, and no phone number. */
const ARN_ACCOUNT = /(arn:[\w-]+:[\w-]*:[\w-]*:)\d{12}(?=:)/g;

export function hasFullNumber(line: string): boolean {
  return FULL_NUMBER.test(line.replace(UUID, '<uuid>').replace(ARN_ACCOUNT, '$1<account>'));
}
/** Signing material: the header, the signature, the session token. */
const SIGNING = /authorization|signature=|x-amz-security-token/i;
const MAX_SAMPLES = 5;

export interface LogFigures {
  lines: number;
  /** Lines that parse as the handlers' JSON log records. */
  jsonLines: number;
  fullNumbers: number;
  credentials: number;
  /** A few offending lines, digits masked, for the report. */
  samples: string[];
}

export function emptyLogFigures(): LogFigures {
  return { lines: 0, jsonLines: 0, fullNumbers: 0, credentials: 0, samples: [] };
}

export function addLogFigures(a: LogFigures, b: LogFigures): LogFigures {
  return {
    lines: a.lines + b.lines, jsonLines: a.jsonLines + b.jsonLines, fullNumbers: a.fullNumbers + b.fullNumbers,
    credentials: a.credentials + b.credentials, samples: [...a.samples, ...b.samples].slice(0, MAX_SAMPLES),
  };
}

export class LogScanner {
  readonly figures: LogFigures = emptyLogFigures();

  /** @param secrets the credentials the workers run with: none may appear in a log line. */
  constructor(private readonly secrets: readonly string[]) {}

  add(line: string): void {
    if (line.trim() === '') return;
    const f = this.figures;
    f.lines++;
    if (line.startsWith('{') && isJson(line)) f.jsonLines++;
    const number = hasFullNumber(line);
    const credential = SIGNING.test(line) || this.secrets.some(s => line.includes(s));
    if (number) f.fullNumbers++;
    if (credential) f.credentials++;
    if ((number || credential) && f.samples.length < MAX_SAMPLES) {
      let shown = redactDigits(line);
      for (const s of this.secrets) shown = shown.split(s).join('<credential>');
      f.samples.push(shown.slice(0, 400));
    }
  }
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
