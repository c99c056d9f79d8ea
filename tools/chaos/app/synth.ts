// Synthesises orders-app.ts for a shape. A synth costs seconds: synthesise each shape once and
// deploy variants of it (variant.ts), which cost milliseconds.
import * as path from 'path';
import { synthesise } from '../../local-deploy/synth';
import { ACCOUNT, REGION, type AppShape, type ProviderSettings } from './shape';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const APP = `"${process.execPath}" --import tsx "${path.join(__dirname, 'orders-app.ts')}"`;

/** The cloud assembly of an app of this shape, written to `outdir`. */
export async function synthApp(shape: AppShape, outdir: string, provider?: ProviderSettings): Promise<string> {
  const { assemblyDir } = await synthesise({
    cwd: ROOT, app: APP, context: { orders: JSON.stringify(shape), ...(provider ? { provider: JSON.stringify(provider) } : {}) }, outdir, region: REGION, account: ACCOUNT,
  });
  return assemblyDir;
}
