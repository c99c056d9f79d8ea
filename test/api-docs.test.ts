// API.md is jsii-docgen's rendering of the assembly's JSDoc, checked in so the README can link to it.
// Regenerate with `npm run docgen` after changing the public API or its JSDoc (and `npm run build`).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

test('API.md is what jsii-docgen generates from the current assembly (else run "npm run docgen")', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'docgen-')), 'API.md');
  execFileSync(process.execPath, [require.resolve('jsii-docgen/bin/jsii-docgen'), '-o', out], { cwd: ROOT, stdio: 'pipe', env: require('../scripts/jsii-env') });
  const generated = fs.readFileSync(out, 'utf8');
  expect(generated).toMatch(/### PhoneNumberOrder /);
  expect(fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8')).toBe(generated);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
}, 60_000);
