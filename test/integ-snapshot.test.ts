// The integ-runner test's committed snapshot (test/integ), checked offline by integ-runner itself:
// a fresh synth must match it, asset hashes aside (they change with every handler build).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const INTEG = path.join(ROOT, 'test', 'integ');
const SNAPSHOT = 'integ.phone-number-order.ts.snapshot';

function check(dir?: string): Promise<{ status: number; output: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [path.join(ROOT, 'scripts', 'integ.js'), ...(dir ? ['--dir', dir] : [])], { cwd: ROOT, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }));
  });
}

/** A copy of test/integ beside it (same depth, so its imports resolve), the stack's files in its snapshot edited. */
function editedCopy(edit: (json: string) => string): string {
  const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.integ-copy-'));
  fs.cpSync(INTEG, dir, { recursive: true, filter: src => !path.basename(src).startsWith('asset.') });
  for (const file of fs.readdirSync(path.join(dir, SNAPSHOT)).filter(f => /^PhoneNumberOrderInteg\.|^manifest\.json$/.test(f))) {
    const at = path.join(dir, SNAPSHOT, file);
    fs.writeFileSync(at, edit(fs.readFileSync(at, 'utf8')));
  }
  return dir;
}

const copies: string[] = [];
afterAll(() => copies.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

test('the committed snapshot matches a fresh synth of the integ test', async () => {
  const { status, output } = await check();
  expect(output).toMatch(/UNCHANGED\s+integ\.phone-number-order/);
  expect(status).toBe(0);
}, 120_000);

test('the snapshot holds the test\'s shape: the order, DESTROY, and no handler asset', () => {
  const template = JSON.parse(fs.readFileSync(path.join(INTEG, SNAPSHOT, 'PhoneNumberOrderInteg.template.json'), 'utf8'));
  const orders = Object.values(template.Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> }>)
    .filter(r => r.Type === 'Custom::ChimePhoneNumberOrder');
  expect(orders).toEqual([expect.objectContaining({ DeletionPolicy: 'Delete', Properties: expect.objectContaining({ E164PhoneNumbers: ['+12065550100', '+12065550101'] }) })]);
  const assertions = fs.readFileSync(path.join(INTEG, SNAPSHOT, 'PhoneNumberOrderIntegTestDefaultTestDeployAssertE763496C.template.json'), 'utf8');
  expect(assertions.match(/"api": "getPhoneNumberOrder"/g)).toHaveLength(1);
  expect(assertions.match(/"api": "getPhoneNumber"/g)).toHaveLength(2);
  const files = fs.readdirSync(path.join(INTEG, SNAPSHOT));
  expect(files.filter(f => f.startsWith('asset.'))).toEqual([]);
  // Nothing machine-specific: no paths of the checkout that wrote it (npm run integ:update strips them).
  expect(files.filter(f => fs.readFileSync(path.join(INTEG, SNAPSHOT, f), 'utf8').includes(path.sep + 'test' + path.sep + 'integ'))).toEqual([]);
});

test('a snapshot from an older handler build (other asset hashes) still matches; a changed property does not', async () => {
  const hashes = editedCopy(t => t.replace(/[0-9a-f]{64}/g, h => [...h].reverse().join('')));
  const runtime = editedCopy(t => t.replace(/nodejs24\.x/g, 'nodejs22.x'));
  copies.push(hashes, runtime);
  const [unchanged, changed] = await Promise.all([check(hashes), check(runtime)]);
  expect(unchanged.output).toMatch(/UNCHANGED\s+integ\.phone-number-order/);
  expect(unchanged.status).toBe(0);
  expect(changed.output).toMatch(/CHANGED\s+.*integ\.phone-number-order/);
  expect(changed.status).not.toBe(0);
}, 180_000);
