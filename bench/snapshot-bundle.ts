import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BUILT_BUNDLE, BUNDLE, ROOT } from './paths';

const COPY_ATTEMPTS = 3;
const LOADS = `const m = require(process.argv[1]);
if (typeof m.onEvent !== 'function' || typeof m.isComplete !== 'function') process.exit(1);`;

/**
 * Builds the handler from the current lambda/ sources and keeps a copy for the whole run. A build
 * by someone else rewrites dist/handler/index.js in place, and a file caught half-written loads
 * as an empty module; so the copy is checked to load, and taken again if it does not.
 */
export function snapshotBundle(): void {
  execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    fs.copyFileSync(BUILT_BUNDLE, BUNDLE);
    try {
      execFileSync(process.execPath, ['-e', LOADS, BUNDLE], { env: { ...process.env, AWS_REGION: 'us-east-1' }, stdio: 'ignore' });
      return;
    } catch (err) {
      if (attempt >= COPY_ATTEMPTS) throw new Error(`${BUILT_BUNDLE} does not load as a handler (onEvent, isComplete): ${(err as Error).message}`);
    }
  }
}
