// The integ-runner test's committed snapshot (test/integ), checked offline by integ-runner itself:
// a fresh synth must match it, asset hashes aside (they change with every handler build).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const { install } = require('../scripts/cdk-lib-versions') as { install(name: string): string };

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

type Resources = Record<string, { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> }>;
const ordersOf = (template: { Resources: Resources }) => Object.values(template.Resources).filter(r => r.Type === 'Custom::ChimePhoneNumberOrder');
/** How many times each Chime SDK Voice API the assertions call. */
const callsOf = (assertionsTemplate: string) => {
  const calls: Record<string, number> = {};
  for (const [, api] of assertionsTemplate.matchAll(/"api": ?"(\w+)"/g)) calls[api] = (calls[api] ?? 0) + 1;
  return calls;
};
const ROUTED = { TargetType: 'VoiceConnector', TargetId: { 'Fn::GetAtt': ['Connector', 'VoiceConnectorId'] }, TakeOver: false };

test('the snapshot holds the test\'s shape: one number by search routed to the stack\'s Voice Connector, DESTROY, the assertions, no handler asset', () => {
  const template = JSON.parse(fs.readFileSync(path.join(INTEG, SNAPSHOT, 'PhoneNumberOrderInteg.template.json'), 'utf8'));
  expect(template.Resources.Connector).toMatchObject({ Type: 'AWS::Chime::VoiceConnector', Properties: { RequireEncryption: true } });
  const orders = ordersOf(template);
  expect(orders).toEqual([expect.objectContaining({ DeletionPolicy: 'Delete', Properties: expect.objectContaining({ Search: { AreaCode: '206' }, Quantity: 1, Routing: ROUTED }) })]);
  expect(orders[0].Properties.E164PhoneNumbers).toBeUndefined();
  const assertions = fs.readFileSync(path.join(INTEG, SNAPSHOT, 'PhoneNumberOrderIntegTestDefaultTestDeployAssertE763496C.template.json'), 'utf8');
  expect(callsOf(assertions)).toEqual({ getPhoneNumberOrder: 1, listPhoneNumbers: 1, getPhoneNumber: 1 });
  // The number checked is the first the order answers with, exported by the test's stack.
  expect(template.Outputs.AnsweredNumbers).toEqual({
    Value: { 'Fn::Join': [',', { 'Fn::GetAtt': [expect.stringMatching(/^Numbers/), 'PhoneNumbers'] }] }, Export: { Name: 'PhoneNumberOrderInteg-PhoneNumbers' },
  });
  const phoneNumberCalls = Object.values((JSON.parse(assertions) as { Resources: Resources }).Resources).filter(r => r.Properties?.api === 'getPhoneNumber');
  expect(phoneNumberCalls.map(r => r.Properties.parameters)).toEqual([{
    PhoneNumberId: { 'Fn::Join': ['', ['"', { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'PhoneNumberOrderInteg-PhoneNumbers' }] }] }, '"']] },
  }]);
  expect(assertions).toContain('\\"OrderedPhoneNumbers\\":[{\\"Status\\":\\"Acquired\\"}]');
  expect(assertions).toContain('\\"Status\\":\\"Assigned\\",\\"Associations\\":[{\\"Name\\":\\"VoiceConnectorId\\"');
  const files = fs.readdirSync(path.join(INTEG, SNAPSHOT));
  expect(files.filter(f => f.startsWith('asset.'))).toEqual([]);
  // Nothing machine-specific: no paths of the checkout that wrote it (npm run integ:update strips them).
  expect(files.filter(f => fs.readFileSync(path.join(INTEG, SNAPSHOT, f), 'utf8').includes(path.sep + 'test' + path.sep + 'integ'))).toEqual([]);
});

test('a real-account run can choose: another area code, or the numbers to order (each then checked by GetPhoneNumber)', async () => {
  install('integ');
  const synth = async (env: Record<string, string>) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-synth-'));
    copies.push(out);
    await new Promise<void>((resolve, reject) => execFile(process.execPath,
      ['--import', 'tsx', '--require', path.join(INTEG, 'use-integ-aws-cdk-lib.js'), path.join(INTEG, 'integ.phone-number-order.ts')],
      { cwd: ROOT, env: { ...process.env, INTEG_PHONE_NUMBERS: '', INTEG_AREA_CODE: '', ...env, CDK_OUTDIR: out } }, error => (error ? reject(error) : resolve())));
    const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
    return { order: ordersOf(JSON.parse(read('PhoneNumberOrderInteg.template.json')))[0].Properties, calls: callsOf(read('PhoneNumberOrderIntegTestDefaultTestDeployAssertE763496C.template.json')) };
  };
  const [areaCode, named] = await Promise.all([synth({ INTEG_AREA_CODE: '303' }), synth({ INTEG_PHONE_NUMBERS: '+12065550100, +12065550101' })]);
  expect(areaCode.order).toMatchObject({ Search: { AreaCode: '303' }, Quantity: 1, Routing: ROUTED });
  expect(named.order).toMatchObject({ E164PhoneNumbers: ['+12065550100', '+12065550101'], Routing: ROUTED });
  expect([named.order.Search, named.order.Quantity]).toEqual([undefined, undefined]);
  expect(named.calls).toEqual({ getPhoneNumberOrder: 1, listPhoneNumbers: 1, getPhoneNumber: 2 });
}, 120_000);

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
