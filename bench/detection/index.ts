import { median, round } from '../stats';
import type { Detected, DetectionRow } from '../types';
import { describe, prepare, type Prepared, type Scenario } from './scenario';
import { STRATEGIES } from './strategies';

/**
 * Apart, so the many sandboxes' first requests (SDK set-up on a cold client) do not queue behind
 * each other on a small machine; each scenario's clock is its own, so the stagger costs no accuracy.
 */
const STAGGER_MS = 150;

/** Every strategy on every order, `repeats` times, all at once: the bench lasts about as long as its longest order. */
export async function runDetection(orderSeconds: number[], repeats: number): Promise<DetectionRow[]> {
  const scenarios: Scenario[] = [];
  // Longest orders start first, so the stagger does not add to the bench's length.
  for (const seconds of [...orderSeconds].sort((a, b) => b - a)) {
    for (let r = 0; r < repeats; r++) {
      for (const strategy of STRATEGIES) scenarios.push({ strategy, orderSeconds: seconds, seed: scenarios.length + 1 });
    }
  }
  const started = await Promise.allSettled(scenarios.map(prepare));
  const prepared = started.flatMap(s => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const measured = await Promise.all(prepared.map(async (p, i) => ({ scenario: p.scenario, detected: await runAfter(p, i * STAGGER_MS) })));
    return orderSeconds.map(seconds => row(seconds, measured.filter(m => m.scenario.orderSeconds === seconds)));
  } finally {
    await Promise.all(prepared.map(p => p.close()));
  }
}

async function runAfter(p: Prepared, delayMs: number): Promise<Detected> {
  await new Promise(resolve => setTimeout(resolve, delayMs));
  try {
    return await p.run();
  } catch (err) {
    throw new Error(`${describe(p.scenario)}: ${(err as Error).message}`);
  }
}

function row(orderSeconds: number, measured: { scenario: Scenario; detected: Detected }[]): DetectionRow {
  const samples: Record<string, Detected[]> = {};
  for (const { scenario, detected } of measured) {
    (samples[scenario.strategy.name] ??= []).push({ overheadSeconds: round(detected.overheadSeconds, 3), getCalls: detected.getCalls });
  }
  const med = (name: string): Detected => ({
    overheadSeconds: round(median(samples[name].map(s => s.overheadSeconds)), 3),
    getCalls: median(samples[name].map(s => s.getCalls)),
  });
  return { orderSeconds, ...med('ours'), baselines: { fixed10s: med('fixed10s'), fixed5s: med('fixed5s') }, samples };
}
