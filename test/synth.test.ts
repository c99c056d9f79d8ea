// `npx cdk synth` on the example app: offline, no Docker, through the real CDK CLI.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

test('cdk synth writes the example template with a Custom::ChimePhoneNumberOrder, reading context', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-synth-'));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'cdk'), ['synth', '-q', '-o', out, '-c', 'numbers=+12065550150', '-c', 'removalPolicy=destroy'], {
    cwd: ROOT, stdio: 'pipe', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  const template = JSON.parse(fs.readFileSync(path.join(out, 'PhoneNumberOrderExample.template.json'), 'utf8'));
  const orders = Object.values(template.Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> }>)
    .filter(r => r.Type === 'Custom::ChimePhoneNumberOrder');
  expect(orders).toHaveLength(1);
  expect(orders[0].Properties.E164PhoneNumbers).toEqual(['+12065550150']);
  expect(orders[0].DeletionPolicy).toBe('Delete');
  fs.rmSync(out, { recursive: true, force: true });
}, 120_000);
