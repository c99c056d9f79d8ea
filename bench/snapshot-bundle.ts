import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { API_ADAPTERS, BUILT_BUNDLE_DIR, BUNDLE, BUNDLE_DIR, ROOT } from './paths';

const COPY_ATTEMPTS = 3;
const LOADS = `const m = require(process.argv[1]);
if (typeof m.onEvent !== 'function' || typeof m.isComplete !== 'function') process.exit(1);
for (const adapter of process.argv.slice(2)) if (Object.keys(require(adapter)).length === 0) process.exit(1);`;

/**
 * Builds the handler from the current lambda/ sources and keeps a copy for the whole run. A build
 * by someone else rewrites dist/handler in place, and a file caught half-written loads as an empty
 * module; so the copy is checked to load, and taken again if it does not.
 */
export function snapshotBundle(): void {
  execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const adapters = Object.values(API_ADAPTERS).map(f => path.join(BUNDLE_DIR, f));
  for (let attempt = 1; ; attempt++) {
    fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
    fs.cpSync(BUILT_BUNDLE_DIR, BUNDLE_DIR, { recursive: true });
    try {
      execFileSync(process.execPath, ['-e', LOADS, BUNDLE, ...adapters], { env: { ...process.env, AWS_REGION: 'us-east-1' }, stdio: 'ignore' });
      return;
    } catch (err) {
      if (attempt >= COPY_ATTEMPTS) throw new Error(`${BUILT_BUNDLE_DIR} does not load as a handler (onEvent, isComplete, the API adapters): ${(err as Error).message}`);
    }
  }
}
