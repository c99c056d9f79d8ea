// One fresh process per kind and repeat: `cdk synth` runs the app in a fresh process, and
// aws-cdk-lib loads much of itself lazily during the first synth, so that one is timed apart.
// Usage: node --import tsx bench/synth/child.ts <ours|anchor> <outdir> <orders>...
import * as path from 'path';
import { reportToParent } from '../node-child';
import { synthesise, type Kind } from './stack';

const [kind, outdir, ...sizes] = process.argv.slice(2);
if (kind !== 'ours' && kind !== 'anchor') throw new Error('usage: child.ts <ours|anchor> <outdir> <orders>...');

const first = synthesise(kind as Kind, 1, path.join(outdir, 'first'));
const runs = sizes.map(Number).map(n => synthesise(kind as Kind, n, path.join(outdir, String(n))));
reportToParent({ firstMs: first.ms, runs });
