// The package as npm packs it for users (scripts/stage-package.js, `npm run package`): exactly these
// files, no more than this size, a package.json without scripts, and a tarball that works once installed.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const { stagePackage } = require(path.join(ROOT, 'scripts', 'stage-package.js'));

interface PackResult { filename: string; size: number; unpackedSize: number; bundled: string[]; files: { path: string; size: number }[] }

let scratch: string;
let staged: string;
let packed: PackResult;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-test-'));
  staged = stagePackage(path.join(scratch, 'package'));
  packed = JSON.parse(execFileSync('npm', ['pack', staged, '--json', '--pack-destination', scratch], { encoding: 'utf8' }))[0];
}, 60_000);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const own = () => packed.files.filter(f => !f.path.startsWith('node_modules/'));

test('the package holds exactly the compiled lib, the handler bundle, the assembly and the user documents', () => {
  // Each lib/X.ts ships as dist/lib/X.js and X.d.ts: no tests, sources, scripts, tools, emulator or examples.
  const compiled = fs.readdirSync(path.join(ROOT, 'lib')).filter(f => f.endsWith('.ts'))
    .flatMap(f => [`dist/lib/${f.replace(/\.ts$/, '.js')}`, `dist/lib/${f.replace(/\.ts$/, '.d.ts')}`]);
  // The handler bundle: index.js, the one file per Chime API adapter it requires for an event of that API,
  // and the routing adapter it requires for a resource that routes its numbers.
  const handler = ['index', 'chime', 'chime-sdk-voice', 'routing'].map(f => `dist/handler/${f}.js`);
  expect(own().map(f => f.path).sort()).toEqual([
    '.jsii', 'API.md', 'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json', ...handler, ...compiled,
  ].sort());
});

test('the one bundled dependency ships as its own package does, nothing else under node_modules', () => {
  expect(packed.bundled).toEqual(['libphonenumber-js']);
  const dep = path.join(ROOT, 'node_modules', 'libphonenumber-js');
  const own = JSON.parse(execFileSync('npm', ['pack', dep, '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }))[0] as PackResult;
  const bundled = packed.files.filter(f => f.path.startsWith('node_modules/')).map(f => f.path).sort();
  expect(bundled).toEqual(own.files.map(f => `node_modules/libphonenumber-js/${f.path}`).sort());
}, 60_000);

// The bound grew from 1.5 MiB when the handler gained a fourth file, the routing adapter (with its own SDK client).
test('sizes stay within bounds: our files 1.75 MiB unpacked (the handler bundle is most of it), the tarball 3 MiB', () => {
  const ownBytes = own().reduce((sum, f) => sum + f.size, 0);
  expect(ownBytes).toBeLessThan(1.75 * MiB);
  expect(ownBytes).toBeGreaterThan(0.3 * MiB);
  expect(packed.size).toBeLessThan(3 * MiB);
  expect(packed.unpackedSize).toBeLessThan(14 * MiB);
});

test('the packed package.json has no scripts, no devDependencies and no compiler settings; it has what users and registries read', () => {
  const packed = JSON.parse(fs.readFileSync(path.join(staged, 'package.json'), 'utf8'));
  const repo = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(packed.scripts).toBeUndefined();
  expect(packed.devDependencies).toBeUndefined();
  expect(Object.keys(packed.jsii).sort()).toEqual(['outdir', 'targets']);
  expect(repo.scripts.prepare).toBe('npm run build');
  expect(packed).toEqual(expect.objectContaining({
    name: repo.name, version: repo.version, license: 'Apache-2.0', main: repo.main, types: repo.types,
    repository: repo.repository, homepage: repo.homepage, author: repo.author, keywords: repo.keywords,
    peerDependencies: repo.peerDependencies, dependencies: repo.dependencies, bundledDependencies: ['libphonenumber-js'],
  }));
});

test('the packed tarball, installed into an app, synthesises with its own handler asset and bundled dependency', () => {
  const tarball = path.join(scratch, packed.filename);
  const app = path.join(scratch, 'app');
  const installed = path.join(app, 'node_modules', 'phone-number-order');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const peer of ['aws-cdk-lib', 'constructs']) fs.symlinkSync(path.join(ROOT, 'node_modules', peer), path.join(app, 'node_modules', peer), 'dir');
  fs.writeFileSync(path.join(app, 'app.js'), `
    const { App, Stack } = require('aws-cdk-lib');
    const { PhoneNumberOrder, PhoneProductType } = require('phone-number-order');
    const app = new App({ outdir: process.argv[2] });
    const stack = new Stack(app, 'Installed');
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'] });
    const template = app.synth().getStackByName('Installed').template;
    console.log(JSON.stringify({ outputs: Object.keys(template.Outputs), phonenumbers: require.resolve('libphonenumber-js/max', { paths: [require.resolve('phone-number-order')] }) }));
  `);
  const cdkOut = path.join(scratch, 'cdk.out');
  const result = JSON.parse(execFileSync(process.execPath, [path.join(app, 'app.js'), cdkOut], { cwd: app, encoding: 'utf8' }));
  expect(result.outputs.sort()).toEqual(['NumbersOrderId', 'NumbersPhoneNumbers']);
  expect(result.phonenumbers.startsWith(path.join(installed, 'node_modules', 'libphonenumber-js'))).toBe(true);
  const handlers = fs.readdirSync(cdkOut).filter(d => d.startsWith('asset.') && fs.existsSync(path.join(cdkOut, d, 'index.js')));
  expect(handlers).toHaveLength(1);
  // Every file the handler loads is in the asset: index.js, the adapter it requires per API, and the routing adapter.
  const shipped = path.join(installed, 'dist', 'handler');
  expect(fs.readdirSync(path.join(cdkOut, handlers[0])).sort()).toEqual(['chime-sdk-voice.js', 'chime.js', 'index.js', 'routing.js']);
  for (const file of fs.readdirSync(shipped)) expect(fs.readFileSync(path.join(cdkOut, handlers[0], file))).toEqual(fs.readFileSync(path.join(shipped, file)));
}, 120_000);
