import * as fs from 'fs';
import * as path from 'path';
import { runNode } from '../node-child';
import { TMP } from '../paths';
import { median, round } from '../stats';
import type { Results, SynthRow } from '../types';
import type { Kind, Synthesised } from './stack';

const CHILD = path.join(__dirname, 'child.ts');

interface ChildReport { firstMs: number; runs: Synthesised[] }

export interface SynthResult {
  readonly rows: SynthRow[];
  readonly firstSynth: Results['firstSynth'];
}

/** `repeats` fresh processes per kind, ours and the anchor's taking turns to go first. */
export async function runSynth(sizes: number[], repeats: number): Promise<SynthResult> {
  const reports: Record<Kind, ChildReport[]> = { ours: [], anchor: [] };
  for (let r = 0; r < repeats; r++) {
    const kinds: Kind[] = r % 2 === 0 ? ['ours', 'anchor'] : ['anchor', 'ours'];
    for (const kind of kinds) reports[kind].push(await synthIn(kind, r, sizes));
  }
  const msOf = (kind: Kind, orders: number) => round(median(reports[kind].map(rep => runFor(rep, orders).ms)), 1);
  const rows = sizes.map(orders => {
    const ours = runFor(reports.ours[0], orders);
    return {
      orders,
      ms: msOf('ours', orders),
      anchorMs: msOf('anchor', orders),
      templateBytes: ours.templateBytes,
      anchorTemplateBytes: runFor(reports.anchor[0], orders).templateBytes,
      templateBytesWithoutOutputs: ours.templateBytesWithoutOutputs,
    };
  });
  const firstMs = (kind: Kind) => round(median(reports[kind].map(rep => rep.firstMs)), 1);
  return { rows, firstSynth: { orders: 1, ms: firstMs('ours'), anchorMs: firstMs('anchor') } };
}

async function synthIn(kind: Kind, repeat: number, sizes: number[]): Promise<ChildReport> {
  const outdir = path.join(TMP, 'synth', `${kind}-${repeat}`);
  try {
    return await runNode<ChildReport>(['--import', 'tsx', CHILD, kind, outdir, ...sizes.map(String)]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function runFor(report: ChildReport, orders: number): Synthesised {
  const run = report.runs.find(r => r.orders === orders);
  if (!run) throw new Error(`no synth of ${orders} orders`);
  return run;
}
