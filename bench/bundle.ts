import * as fs from 'fs';
import * as path from 'path';
import { MARKER, runNode } from './node-child';
import { ANCHOR_BUNDLE, API_ADAPTERS, BUNDLE, BUNDLE_DIR } from './paths';
import { median, round } from './stats';
import type { ApiLoad, BundleResult } from './types';

// Only the require()s are timed, not node's own start-up, which is the same for every file. What
// was loaded is read back from require.cache afterwards: the bytes a cold start really reads.
const COLD_LOAD = `const files = process.argv.slice(1);
const dir = require('path').dirname(files[0]);
const t = process.hrtime.bigint();
for (const f of files) require(f);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const loaded = Object.keys(require.cache).filter(f => f.startsWith(dir + require('path').sep));
const bytes = loaded.reduce((sum, f) => sum + require('fs').statSync(f).size, 0);
process.stdout.write('\\n${MARKER}' + JSON.stringify({ ms, bytes, loaded: loaded.map(f => require('path').basename(f)).sort() }) + '\\n');`;

// The anchor builds its SDK clients at load from AWS_REGION, which Lambda always sets.
const LAMBDA_ENV = { AWS_REGION: 'us-east-1' };

interface ColdLoad {
  readonly ms: number;
  readonly bytes: number;
  readonly loaded: string[];
}

function coldLoad(files: string[]): Promise<ColdLoad> {
  return runNode<ColdLoad>(['-e', COLD_LOAD, ...files], LAMBDA_ENV);
}

/**
 * For each API, what a cold start loads for an event of that API (index.js, then that API's
 * adapter, which index.js requires on the event: test/lean-handler.test.ts checks that it loads
 * nothing else), against the anchor's handler: bytes, and the median cold require() over `runs`
 * fresh processes each, taken in turns so that drift on the machine falls on all alike.
 */
export async function measureBundle(runs: number): Promise<BundleResult> {
  const apis = Object.entries(API_ADAPTERS).map(([api, adapter]) => ({ api, files: [BUNDLE, path.join(BUNDLE_DIR, adapter)] }));
  const samples = new Map<string, ColdLoad[]>([...apis.map(a => [a.api, []] as [string, ColdLoad[]]), ['anchor', []]]);
  const subjects = [...apis, { api: 'anchor', files: [ANCHOR_BUNDLE] }];
  // One unrecorded load of each first, so none pays for a cold file-system cache.
  for (const s of subjects) await coldLoad(s.files);
  for (let i = 0; i < runs; i++) {
    // The order rotates, so no file always runs right after another.
    for (let j = 0; j < subjects.length; j++) {
      const s = subjects[(i + j) % subjects.length];
      samples.get(s.api)!.push(await coldLoad(s.files));
    }
  }
  const summary = (api: string): Omit<ApiLoad, 'api'> => {
    const taken = samples.get(api)!;
    return {
      bytes: taken[0].bytes,
      loaded: taken[0].loaded,
      initMs: round(median(taken.map(t => t.ms)), 1),
      initSamplesMs: taken.map(t => round(t.ms, 1)),
    };
  };
  const anchor = summary('anchor');
  return {
    shippedBytes: fs.readdirSync(BUNDLE_DIR).reduce((sum, f) => sum + fs.statSync(path.join(BUNDLE_DIR, f)).size, 0),
    perApi: apis.map(a => ({ api: a.api, ...summary(a.api) })),
    anchorBytes: anchor.bytes,
    anchorInitMs: anchor.initMs,
    anchorInitSamplesMs: anchor.initSamplesMs,
  };
}
