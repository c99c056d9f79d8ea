import type { BundleResult, DetectionRow, Goal } from './types';

// The goals of issue 6.
/** Orders up to this long are expected to be caught by onEvent's inline wait. */
const FAST_ORDER_SECONDS = 30;
const OVERHEAD_BASE_SECONDS = 0.5;
const OVERHEAD_SHARE = 0.1;
const EXTRA_CALLS_OVER_FIXED5S = 10;
const BUNDLE_SHARE = 0.4;
/** Cold load for an event of each API, as a share of the anchor's. */
const INIT_SHARE: Record<string, number> = { 'chime-sdk-voice': 0.35, 'chime': 0.6 };

export function checkGoals(detection: DetectionRow[], bundle: BundleResult): Goal[] {
  const goals: Goal[] = [];
  for (const row of detection.filter(r => r.orderSeconds <= FAST_ORDER_SECONDS)) {
    const limit = OVERHEAD_BASE_SECONDS + OVERHEAD_SHARE * row.orderSeconds;
    goals.push(atMost(`median detection overhead, ${row.orderSeconds} s order, ≤ 0.5 s + 10 %`, row.overheadSeconds, limit, v => `${v.toFixed(2)} s`));
  }
  for (const row of detection) {
    const limit = row.baselines.fixed5s.getCalls + EXTRA_CALLS_OVER_FIXED5S;
    goals.push(atMost(`GetPhoneNumberOrder calls, ${row.orderSeconds} s order, ≤ fixed 5 s + 10`, row.getCalls, limit, v => `${v} call${v === 1 ? '' : 's'}`));
  }
  goals.push(atMost('bundle (every file shipped) ≤ 40 % of the anchor\'s bytes', bundle.shippedBytes, BUNDLE_SHARE * bundle.anchorBytes,
    v => `${(v / 1024).toFixed(0)} KiB`, `${pct(bundle.shippedBytes / bundle.anchorBytes)} of ${(bundle.anchorBytes / 1024).toFixed(0)} KiB`));
  for (const load of bundle.perApi) {
    const share = INIT_SHARE[load.api];
    if (share === undefined) continue;
    goals.push(atMost(`cold load for a ${load.api} event ≤ ${share * 100} % of the anchor's`, load.initMs, share * bundle.anchorInitMs,
      v => `${v.toFixed(1)} ms`, `${pct(load.initMs / bundle.anchorInitMs)} of ${bundle.anchorInitMs.toFixed(1)} ms`));
  }
  return goals;
}

function atMost(goal: string, value: number, limit: number, show: (v: number) => string, context?: string): Goal {
  const met = value <= limit;
  const margin = met ? `${show(limit - value)} to spare` : `missed by ${show(value - limit)}`;
  return { goal, met, detail: `${show(value)}${context ? ` (${context})` : ''}, limit ${show(limit)}: ${margin}` };
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
