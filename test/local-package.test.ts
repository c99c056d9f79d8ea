// The companion package, phone-number-order-local, as a user meets it: both tarballs as
// `npm run package` packs them, installed with npm into a CDK project of the user's own (its
// package.json, its cdk.json with a JavaScript app and context), and its bin run there with npx.
// aws-cdk-lib and constructs are installed from this repository's node_modules (file: links),
// so the install needs no registry.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { held, inventory } from './local-deploy/example-app';

const ROOT = path.join(__dirname, '..');
const { packAll } = require(path.join(ROOT, 'scripts', 'pack.js'));

interface Packed { name: string; version: string; tarball: string; size: number; unpackedSize: number; files: { path: string }[] }
interface Ran { code: number | null; out: string; err: string }

const STACK = 'TelephonyCi';
const FROM_CDK_JSON = ['+12065550100', '+12065550101'];
const FROM_COMMAND_LINE = ['+12065550100', '+12065550102'];

let scratch: string;
let project: string;
let construct: Packed;
let companion: Packed;

/** Runs a command of the installed package's bin (through npx, as users run it) in the project, or in `cwd`. */
function bin(args: string[], cwd = project): Promise<Ran> {
  const command = cwd === project ? ['npx', ['phone-number-order-local', ...args]] as const
    : [path.join(project, 'node_modules', '.bin', 'phone-number-order-local'), args] as const;
  return new Promise(resolve => {
    execFile(command[0], [...command[1]], { cwd, encoding: 'utf8', timeout: 90_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
    });
  });
}

function writeProject(): void {
  const link = (name: string) => `file:${path.join(ROOT, 'node_modules', name)}`;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'telephony-app',
      version: '1.0.0',
      private: true,
      dependencies: { 'aws-cdk-lib': link('aws-cdk-lib'), constructs: link('constructs'), 'phone-number-order': `file:${construct.tarball}` },
      devDependencies: { 'phone-number-order-local': `file:${companion.tarball}` },
    }, null, 2),
    'cdk.json': JSON.stringify({
      app: 'node bin/app.js',
      context: { stackName: STACK, numbers: FROM_CDK_JSON.join(','), removalPolicy: 'destroy' },
    }, null, 2),
    'bin/app.js': `
      const { App, RemovalPolicy, Stack } = require('aws-cdk-lib');
      const { PhoneNumberOrder, PhoneProductType } = require('phone-number-order');
      const app = new App();
      const stack = new Stack(app, app.node.getContext('stackName'));
      new PhoneNumberOrder(stack, 'Numbers', {
        productType: PhoneProductType.VOICE_CONNECTOR,
        e164PhoneNumbers: String(app.node.getContext('numbers')).split(','),
        removalPolicy: app.node.tryGetContext('removalPolicy') === 'destroy' ? RemovalPolicy.DESTROY : undefined,
      });
      app.synth();
    `,
    // Another app of the same project: a stack without a PhoneNumberOrder.
    'bin/no-numbers.js': `
      const { App, Stack } = require('aws-cdk-lib');
      const app = new App();
      new Stack(app, 'Plain');
      app.synth();
    `,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  }
}

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'local-package-test-'));
  [construct, companion] = packAll(path.join(scratch, 'tarballs')) as Packed[];
  project = path.join(scratch, 'telephony-app');
  writeProject();
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: project, stdio: 'pipe' });
}, 120_000);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const stateDir = () => path.join(project, '.local-deploy');

test('the companion package: its bin, the bundle and what runs beside it, no dependencies', () => {
  expect(companion.name).toBe('phone-number-order-local');
  expect(companion.version).toBe(construct.version);
  expect(companion.files.map(f => f.path).sort()).toEqual([
    'LICENSE', 'README.md', 'dist/cli.js', 'dist/lambda-child.js',
    ...['client-lambda', 'client-sfn'].flatMap(c => ['LICENSE', 'index.js', 'package.json'].map(f => `dist/lambda-runtime/@aws-sdk/${c}/${f}`)),
    'package.json',
  ].sort());
  const installed = path.join(project, 'node_modules', 'phone-number-order-local');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  expect(manifest.bin).toEqual({ 'phone-number-order-local': 'dist/cli.js' });
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'scripts']) expect(manifest[field]).toBeUndefined();
  expect(fs.readdirSync(installed).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
  expect(companion.size).toBeLessThan(0.75 * 1024 * 1024);
  expect(companion.unpackedSize).toBeLessThan(2.5 * 1024 * 1024);
});

test('deploy: cdk.json\'s app and context with -c on top; the outputs file and the emulator\'s inventory', async () => {
  const { code, out, err } = await bin(['deploy', '-c', `numbers=${FROM_COMMAND_LINE.join(',')}`, '--outputs-file', 'outputs.json']);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  const outputs = JSON.parse(fs.readFileSync(path.join(project, 'outputs.json'), 'utf8'));
  // The stack name came from cdk.json's context, the numbers from -c over it.
  expect(Object.keys(outputs)).toEqual([STACK]);
  expect(outputs[STACK].NumbersPhoneNumbers).toBe(FROM_COMMAND_LINE.join(','));
  expect(outputs[STACK].NumbersOrderId).toMatch(/^[0-9a-f-]{36}$/);
  expect(out).toContain(`${STACK}.NumbersPhoneNumbers = ${FROM_COMMAND_LINE.join(',')}`);
  expect(out).toContain(`Chime: embedded Chime emulator at http://127.0.0.1:`);
  const numbers = await inventory(path.join(stateDir(), 'emulator.json'));
  expect(held(numbers)).toEqual(FROM_COMMAND_LINE);
  expect(numbers).toEqual(Object.fromEntries(FROM_COMMAND_LINE.map(n => [n, 'Unassigned'])));
  // The Provider framework's functions ran from the assembly, on the SDK clients the package ships
  // (the repository's node_modules, which the local deploy links otherwise, are not there).
  const log = fs.readFileSync(path.join(stateDir(), 'lambda.log'), 'utf8');
  expect(log).toMatch(/"type":"platform\.start","record":\{"functionName":"TelephonyCi-PhoneNumberOrderProviderframeworkonEven/);
  expect(fs.existsSync(path.join(stateDir(), 'runtime'))).toBe(false);
}, 90_000);

test('destroy: the Delete releases the numbers (removalPolicy from cdk.json\'s context); the stack is gone', async () => {
  const { code, out, err } = await bin(['destroy']);
  expect({ code, err }).toEqual({ code: 0, err: '' });
  expect(out).toContain(`${STACK}: destroyed`);
  expect(fs.readdirSync(path.join(stateDir(), 'stacks'))).toEqual([]);
  expect(await inventory(path.join(stateDir(), 'emulator.json'))).toEqual(Object.fromEntries(FROM_COMMAND_LINE.map(n => [n, 'DeleteInProgress'])));
}, 60_000);

test('a wrong --app, or an app without a PhoneNumberOrder, says what was expected; nothing is deployed', async () => {
  const elsewhere = fs.mkdtempSync(path.join(scratch, 'no-project-'));
  const state = (name: string) => ['--state-dir', path.join(scratch, `state-${name}`)];
  const expected = /the command that runs your CDK app \(e\.g\. "node bin\/app\.js", .*\), or the directory of a cloud assembly that `cdk synth` wrote/;
  const [noCdkJson, directory, noCommand, failing, noOrder] = await Promise.all([
    bin(['deploy', ...state('a')], elsewhere),
    bin(['deploy', '--app', 'bin', ...state('b')]),
    bin(['deploy', '--app', 'no-such-command', ...state('c')]),
    bin(['deploy', '-c', 'numbers=+12065550100,nope', ...state('d')]),
    bin(['deploy', '--app', 'node bin/no-numbers.js', ...state('e')]),
  ]);
  for (const r of [noCdkJson, directory, noCommand, failing, noOrder]) expect(r.code).toBe(1);
  expect(noCdkJson.err).toMatch(new RegExp(`No CDK app to synthesise: there is no cdk\\.json in ${elsewhere}\\. Run this in your CDK project's directory`));
  expect(noCdkJson.err).toMatch(expected);
  expect(directory.err).toMatch(/--app "bin" is a directory but not a cloud assembly \(it has no manifest\.json\): give the command/);
  expect(noCommand.err).toMatch(/`no-such-command` exited with code 127:\n.*not found\n--app "no-such-command" must be the command that runs your CDK app/);
  // The app's own error, as the construct reports it at synth: the path and the bad value.
  expect(failing.err).toMatch(/The CDK app failed to synthesise: `node bin\/app\.js` exited with code 1:[\s\S]*\[TelephonyCi\/Numbers\] nope is not an E\.164 phone number/);
  expect(noOrder.err).toMatch(/No PhoneNumberOrder in stack Plain: phone-number-order-local deploys stacks that use the phone-number-order construct \(a Custom::ChimePhoneNumberOrder resource\)\. Check the app/);
  for (const name of ['a', 'b', 'c', 'd', 'e']) expect(fs.existsSync(path.join(scratch, `state-${name}`, 'stacks'))).toBe(false);
}, 90_000);

test('the command line: a command first, --help, --version', async () => {
  const [none, misplaced, help, version] = await Promise.all([bin([]), bin(['--app', 'x', 'destroy']), bin(['--help']), bin(['--version'])]);
  expect(none).toMatchObject({ code: 2, err: expect.stringContaining('Give a command: phone-number-order-local deploy, or phone-number-order-local destroy') });
  expect(misplaced).toMatchObject({ code: 2, err: expect.stringContaining('The command comes first, then the options: phone-number-order-local destroy --app x') });
  expect(help.code).toBe(0);
  expect(help.out).toMatch(/^Usage: phone-number-order-local deploy \[options\] \[STACK\.\.\.\][\s\S]*destroy +delete the stack[\s\S]*--outputs-file/);
  expect(version).toEqual({ code: 0, out: `${construct.version}\n`, err: '' });
}, 60_000);
