import * as fs from 'fs';
import { MARKER, runNode } from './node-child';
import { ANCHOR_BUNDLE, BUNDLE } from './paths';
import { median, round } from './stats';
import type { BundleResult } from './types';

// Only the require() is timed, not node's own start-up, which is the same for both files.
const REQUIRE_ONCE = `const t = process.hrtime.bigint(); require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
process.stdout.write('\\n${MARKER}' + JSON.stringify({ ms }) + '\\n');`;

// The anchor builds its SDK clients at load from AWS_REGION, which Lambda always sets.
const LAMBDA_ENV = { AWS_REGION: 'us-east-1' };

async function coldRequireMs(file: string): Promise<number> {
  return (await runNode<{ ms: number }>(['-e', REQUIRE_ONCE, file], LAMBDA_ENV)).ms;
}

/**
 * Bytes, and the median cold require() over `runs` fresh processes per file, alternating ours and
 * the anchor's so that drift on the machine (caches, other load) falls on both alike.
 */
export async function measureBundle(runs: number): Promise<BundleResult> {
  const ours: number[] = [];
  const anchor: number[] = [];
  // One unrecorded load of each first, so neither pays for a cold file-system cache.
  await coldRequireMs(BUNDLE);
  await coldRequireMs(ANCHOR_BUNDLE);
  for (let i = 0; i < runs; i++) {
    // ABBA order, so neither file always runs right after the other.
    if (i % 2 === 0) ours.push(await coldRequireMs(BUNDLE));
    anchor.push(await coldRequireMs(ANCHOR_BUNDLE));
    if (i % 2 === 1) ours.push(await coldRequireMs(BUNDLE));
  }
  return {
    bytes: fs.statSync(BUNDLE).size,
    anchorBytes: fs.statSync(ANCHOR_BUNDLE).size,
    initMs: round(median(ours), 1),
    anchorInitMs: round(median(anchor), 1),
    initSamplesMs: ours.map(ms => round(ms, 1)),
    anchorInitSamplesMs: anchor.map(ms => round(ms, 1)),
  };
}
