// npm run bench: detection latency and polling cost, handler size and load time, and synth, each
// side by side with its baseline in one run. Prints figures and goal checks, writes results.json
// and results.md; exits 0 even when a goal is missed, non-zero only when the bench itself breaks.
import * as fs from 'fs';
import * as path from 'path';
import { measureBundle } from './bundle';
import { runDetection } from './detection';
import { snapshotBundle } from './snapshot-bundle';
import { checkGoals } from './goals';
import { loadNow, machine } from './machine';
import { consoleReport, markdownReport } from './report';
import { runSynth } from './synth';
import type { Results } from './types';

// Issue 6's points, plus 29 s: just past the last poll of onEvent's 30 s inline wait, where an
// order that finishes within 30 s is handed to the 10 s waiter.
const ORDER_SECONDS = [0, 1, 3, 10, 25, 29];
const DETECTION_REPEATS = 3;
const INIT_RUNS = 21;
const SYNTH_SIZES = [1, 10, 50];
const SYNTH_REPEATS = 5;

async function phase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  process.stderr.write(`${name}... `);
  const result = await run();
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return result;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadNow();
  await phase('bundling the handler', snapshotBundle);
  // Timings first, while nothing of the bench runs beside them; detection runs its scenarios at once.
  const bundle = await phase(`cold require() per API and the anchor's, ${INIT_RUNS} runs each`, () => measureBundle(INIT_RUNS));
  const detection = await phase(`detection, ${ORDER_SECONDS.length} orders x 3 strategies x ${DETECTION_REPEATS}`, () => runDetection(ORDER_SECONDS, DETECTION_REPEATS));
  const synth = await phase(`synth, ${SYNTH_REPEATS} processes each`, () => runSynth(SYNTH_SIZES, SYNTH_REPEATS));
  const results: Results = {
    detection,
    bundle,
    synth: synth.rows,
    firstSynth: synth.firstSynth,
    goals: checkGoals(detection, bundle),
    machine: machine(loadAtStart),
    repeats: { detection: DETECTION_REPEATS, init: INIT_RUNS, synth: SYNTH_REPEATS },
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  };
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, undefined, 2)}\n`);
  fs.writeFileSync(path.join(__dirname, 'results.md'), markdownReport(results));
  console.log(`\n${consoleReport(results)}`);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
