// jsii-pacmak generates every target's code from the staged package (`npm run pacmak`), so an API
// shape a target cannot express fails here, before a release. Code only: building the packages needs
// registries this CI cannot reach (see CONTRIBUTING.md). Python's generated code is also byte-compiled.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'pacmak-test-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'pacmak.js'), '--out', out], { stdio: 'pipe' });
}, 180_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const read = (...p: string[]) => fs.readFileSync(path.join(out, ...p), 'utf8');
const filesUnder = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap(e => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));

test.each([
  ['python', ['python', 'src', 'phone_number_order', '__init__.py'], ['class PhoneNumberOrder(', 'def phone_numbers_comma_separated(self) -> builtins.str', 'class PhoneProductType(enum.Enum)']],
  ['java', ['java', 'src', 'main', 'java', 'io', 'github', 'phonenumberorder', 'PhoneNumberOrder.java'], ['package io.github.phonenumberorder;', 'public @org.jetbrains.annotations.NotNull java.lang.String getPhoneNumbersCommaSeparated()']],
  ['.NET', ['dotnet', 'PhoneNumberOrderCdk', 'PhoneNumberOrderCdk', 'PhoneNumberOrder.cs'], ['namespace PhoneNumberOrderCdk', 'public virtual string PhoneNumbersCommaSeparated']],
  ['Go', ['go', 'phonenumberorder', 'PhoneNumberOrder.go'], ['package phonenumberorder', 'PhoneNumbersCommaSeparated() *string']],
])('%s code declares the construct and its attributes', (_target, file, expected) => {
  const code = read(...file);
  for (const line of expected) expect(code).toContain(line);
});

test('the Python module byte-compiles', () => {
  const sources = filesUnder(path.join(out, 'python', 'src')).filter(f => f.endsWith('.py'));
  expect(sources.length).toBeGreaterThanOrEqual(2);
  execFileSync('python3', ['-m', 'py_compile', ...sources], { stdio: 'pipe' });
});

test('every target embeds the same npm tarball, the staged one: no scripts in its package.json', () => {
  const embedded = [
    ['js', `phone-number-order@${VERSION}.jsii.tgz`],
    ['python', 'src', 'phone_number_order', '_jsii', `phone-number-order@${VERSION}.jsii.tgz`],
    ['java', 'src', 'main', 'resources', 'io', 'github', 'phonenumberorder', `phone-number-order@${VERSION}.jsii.tgz`],
    ['dotnet', 'PhoneNumberOrderCdk', `phone-number-order-${VERSION}.tgz`],
    ['go', 'phonenumberorder', 'jsii', `phone-number-order-${VERSION}.tgz`],
  ].map(p => fs.readFileSync(path.join(out, ...p)));
  for (const tarball of embedded.slice(1)) expect(tarball.equals(embedded[0])).toBe(true);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', path.join(out, 'js', `phone-number-order@${VERSION}.jsii.tgz`), 'package/package.json'], { encoding: 'utf8' }));
  expect(manifest.scripts).toBeUndefined();
  expect(manifest.bundledDependencies).toEqual(['libphonenumber-js']);
});

test('every target depends on the oldest aws-cdk-lib and constructs the peer ranges accept', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const cdk = pkg.peerDependencies['aws-cdk-lib'].replace('^', '');
  const constructs = pkg.peerDependencies.constructs.replace('^', '');
  expect(read('python', 'setup.py')).toContain(`aws-cdk-lib>=${cdk}, <3.0.0`);
  expect(read('python', 'setup.py')).toContain(`constructs>=${constructs}, <11.0.0`);
  expect(read('java', 'pom.xml')).toMatch(new RegExp(`<artifactId>aws-cdk-lib</artifactId>\\s*<version>\\[${cdk},3\\.0\\.0\\)</version>`));
  expect(read('dotnet', 'PhoneNumberOrderCdk', 'PhoneNumberOrderCdk.csproj')).toContain(`<PackageReference Include="Amazon.CDK.Lib" Version="[${cdk},3.0.0)" />`);
  expect(read('go', 'phonenumberorder', 'go.mod')).toContain(`github.com/aws/aws-cdk-go/awscdk/v2 v${cdk}\n`);
  expect(read('go', 'phonenumberorder', 'go.mod')).toContain(`github.com/aws/constructs-go/constructs/v10 v${constructs}\n`);
});
