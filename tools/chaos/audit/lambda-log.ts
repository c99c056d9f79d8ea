// What the local deploy's log file tells about a run: every line the functions wrote (scanned
// for whole numbers and credentials), invocations past their Lambda timeout, runtime crashes, how
// many events were in flight at once, and which events a delivery fault was applied to.
import * as fs from 'fs';
import { LogScanner, type LogFigures } from '../log-scan';
import { redactDigits } from '../numbers';

export interface LambdaLogFigures {
  readonly logs: LogFigures;
  /** Invocations that ran past their Lambda timeout: "function (request)". */
  readonly hangs: string[];
  /** Runtime crashes (an unhandled rejection, a module that would not load). */
  readonly crashes: string[];
  /** The most CloudFormation events in flight at once. */
  readonly maxConcurrentEvents: number;
  /** Events each delivery fault kind was applied to. */
  readonly deliveryFaults: Record<string, number>;
}

interface Record_ {
  time?: string;
  type?: string;
  record?: { requestId?: string; functionName?: string; status?: string; faults?: string[] };
  message?: { errorType?: string; errorMessage?: string };
}

export function readLambdaLog(file: string, secrets: readonly string[]): LambdaLogFigures {
  const scanner = new LogScanner(secrets);
  const hangs: string[] = [];
  const crashes: string[] = [];
  const deliveryFaults: Record<string, number> = {};
  const spans = new Map<string, { start?: number; end?: number }>();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    scanner.add(line);
    const r = parse(line);
    if (!r) continue;
    const id = r.record?.requestId;
    if (r.type === 'platform.report' && r.record?.status === 'timeout') hangs.push(`${r.record.functionName} (${id})`);
    if (r.type === 'local-deploy.request' && id) {
      spans.set(id, { ...spans.get(id), start: Date.parse(r.time ?? '') });
      for (const kind of r.record?.faults ?? []) deliveryFaults[kind] = (deliveryFaults[kind] ?? 0) + 1;
    }
    if (r.type === 'local-deploy.response' && id) spans.set(id, { ...spans.get(id), end: Date.parse(r.time ?? '') });
    const error = r.message?.errorType;
    if (typeof error === 'string' && error.startsWith('Runtime.')) crashes.push(redactDigits(`${error}: ${r.message?.errorMessage ?? ''}`).slice(0, 300));
  }
  return { logs: scanner.figures, hangs, crashes, maxConcurrentEvents: maxOverlap([...spans.values()]), deliveryFaults };
}

function parse(line: string): Record_ | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record_;
  } catch {
    return undefined;
  }
}

function maxOverlap(spans: { start?: number; end?: number }[]): number {
  const edges = spans.filter(s => s.start !== undefined).flatMap(s => [[s.start!, 1], [s.end ?? Infinity, -1]] as [number, number][]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}
