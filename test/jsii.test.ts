// The jsii assembly `npm run build` writes (jsii, warnings as errors): what Construct Hub and
// jsii-pacmak read. Run after a build (npm test builds first).
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));

interface Docs { summary?: string; default?: string }
interface Member { name: string; docs?: Docs; optional?: boolean }
interface JsiiType { fqn: string; kind: string; docs?: Docs; properties?: Member[]; methods?: Member[]; members?: Member[]; initializer?: { docs?: Docs } }
const types = Object.values(assembly.types as Record<string, JsiiType>);

test('the assembly is newer than every source in lib/ (otherwise run "npm run build")', () => {
  const built = fs.statSync(path.join(ROOT, '.jsii')).mtimeMs;
  const stale = fs.readdirSync(path.join(ROOT, 'lib')).filter(f => fs.statSync(path.join(ROOT, 'lib', f)).mtimeMs > built);
  expect(stale).toEqual([]);
});

test('the assembly is this package, compiled to the entry point package.json names', () => {
  expect({ name: assembly.name, version: assembly.version, license: assembly.license }).toEqual({ name: pkg.name, version: pkg.version, license: pkg.license });
  expect(assembly.metadata.tscOutDir).toBe('dist/lib');
  expect(pkg.main).toBe(`${assembly.metadata.tscOutDir}/index.js`);
  expect(pkg.types).toBe(`${assembly.metadata.tscOutDir}/index.d.ts`);
  expect(assembly.dependencies).toEqual(pkg.peerDependencies);
  expect(assembly.bundled).toEqual({ 'libphonenumber-js': pkg.dependencies['libphonenumber-js'] });
});

test('it carries what Construct Hub reads: a target per CDK language, keywords, repository, author, license', () => {
  expect(assembly.targets).toEqual({
    js: { npm: 'phone-number-order' },
    python: { distName: 'phone-number-order', module: 'phone_number_order' },
    java: { package: 'io.github.phonenumberorder', maven: { groupId: 'io.github.phonenumberorder', artifactId: 'phone-number-order' } },
    dotnet: { namespace: 'PhoneNumberOrderCdk', packageId: 'PhoneNumberOrderCdk' },
    go: { moduleName: 'github.com/phone-number-order/phone-number-order-go', packageName: 'phonenumberorder' },
  });
  expect(assembly.keywords).toEqual(expect.arrayContaining(['aws-cdk', 'awscdk', 'cdk']));
  expect(assembly.repository).toEqual({ type: 'git', url: expect.stringMatching(/^https:\/\/github\.com\/.+\.git$/) });
  expect(assembly.author).toEqual(expect.objectContaining({ name: expect.any(String), organization: true }));
  expect(assembly.homepage).toEqual(expect.stringMatching(/^https:\/\//));
  expect(assembly.license).toBe('Apache-2.0');
});

test('its types are the public API that require() gives, nothing internal', () => {
  const api = require(ROOT);
  expect(types.map(t => t.fqn).sort()).toEqual([
    'phone-number-order.ChimeApi', 'phone-number-order.PhoneNumberOrder', 'phone-number-order.PhoneNumberOrderProps',
    'phone-number-order.PhoneNumberOrderProvider', 'phone-number-order.PhoneNumberOrderProviderProps', 'phone-number-order.PhoneNumberSearch',
    'phone-number-order.PhoneNumberSearchCriteria', 'phone-number-order.PhoneNumberTarget', 'phone-number-order.PhoneNumberTargetType',
    'phone-number-order.PhoneNumberType', 'phone-number-order.PhoneProductType', 'phone-number-order.SipMediaApplicationTargetOptions',
    'phone-number-order.VoiceConnectorTargetOptions',
  ]);
  const runtime = types.filter(t => t.kind !== 'interface').map(t => t.fqn.split('.')[1]).sort();
  expect(Object.keys(api).sort()).toEqual(runtime);
});

test('every type and member has a summary, and every optional prop a @default (API.md is generated from them)', () => {
  const undocumented: string[] = [];
  for (const t of types) {
    if (!t.docs?.summary) undocumented.push(t.fqn);
    for (const m of [...(t.properties ?? []), ...(t.methods ?? []), ...(t.members ?? [])]) {
      if (!m.docs?.summary) undocumented.push(`${t.fqn}.${m.name}`);
      if (t.kind === 'interface' && m.optional && m.docs?.default === undefined) undocumented.push(`${t.fqn}.${m.name} @default`);
    }
  }
  expect(undocumented).toEqual([]);
});

test('the attributes say which of them are deploy-time lists', () => {
  const order = types.find(t => t.fqn === 'phone-number-order.PhoneNumberOrder')!;
  const docOf = (name: string) => {
    const p = order.properties!.find(m => m.name === name)!;
    return `${p.docs?.summary ?? ''} ${(p.docs as { remarks?: string })?.remarks ?? ''}`;
  };
  expect(docOf('phoneNumbers')).toMatch(/deploy-time list/);
  expect(docOf('failedPhoneNumbers')).toMatch(/deploy-time list/);
  expect(docOf('phoneNumbersCommaSeparated')).toMatch(/deploy-time string/);
});
