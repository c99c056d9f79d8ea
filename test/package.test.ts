// The package as users get it: the compiled entry point named by package.json (built by `npm ci`/`npm run build`).
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));

test('package.json main and types point at the compiled lib/index, which gives the public API', () => {
  expect(pkg.main).toBe('dist/lib/index.js');
  expect(pkg.types).toBe('dist/lib/index.d.ts');
  const api = require(ROOT);
  expect(Object.keys(api).sort()).toEqual(['ChimeApi', 'PhoneNumberOrder', 'PhoneNumberOrderProvider', 'PhoneNumberSearch', 'PhoneNumberTarget', 'PhoneNumberTargetType', 'PhoneNumberType', 'PhoneProductType']);
});

test('the compiled construct synthesises with the bundled handler as its asset', () => {
  const { App, Stack } = require('aws-cdk-lib');
  const { PhoneNumberOrder, PhoneProductType } = require(ROOT);
  const app = new App({ outdir: require('fs').mkdtempSync(path.join(require('os').tmpdir(), 'pkg-')) });
  const stack = new Stack(app, 'Pkg');
  new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'] });
  const assembly = app.synth();
  const template = assembly.getStackByName('Pkg').template;
  const handlers = Object.values(template.Resources as Record<string, { Type: string; Properties: { Handler?: string } }>)
    .filter(r => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler?.startsWith('index.'));
  expect(handlers).toHaveLength(2);
  expect(pkg.peerDependencies).toEqual({ 'aws-cdk-lib': expect.any(String), 'constructs': expect.any(String) });
});
