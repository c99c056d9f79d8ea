// Runs in the `oldest aws-cdk-lib` jest project only: proves the project really loads the oldest
// aws-cdk-lib the peer range accepts, and that lib/ (and the example app) type-check against it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const { versionsOf, modulesOf } = require('../../scripts/cdk-lib-versions');
const FLOOR_MODULES: string = modulesOf('oldest');

test('this project loads the floor of the peer ranges, not the devDependencies', () => {
  const floor = versionsOf('oldest');
  expect(require('aws-cdk-lib/package.json').version).toBe(floor['aws-cdk-lib']);
  expect(require('constructs/package.json').version).toBe(floor.constructs);
  expect(floor['aws-cdk-lib']).not.toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies['aws-cdk-lib']);
});

test('lib/ and the example apps (but the routing one) type-check against the oldest aws-cdk-lib\'s declarations', () => {
  const dir = path.join(FLOOR_MODULES, '..');
  // A probe using an API newer than the floor proves the compile sees the oldest declarations: its one error is expected.
  const probe = path.join(dir, 'newer-api-probe.ts');
  fs.writeFileSync(probe, "import { Validations } from 'aws-cdk-lib';\nexport const probe = Validations;\n");
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(tsconfig, JSON.stringify({
    extends: path.join(ROOT, 'tsconfig.json'),
    compilerOptions: {
      noEmit: true,
      rootDir: ROOT,
      baseUrl: ROOT,
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      paths: {
        'aws-cdk-lib': [path.join(FLOOR_MODULES, 'aws-cdk-lib')],
        'aws-cdk-lib/*': [path.join(FLOOR_MODULES, 'aws-cdk-lib', '*')],
        'constructs': [path.join(FLOOR_MODULES, 'constructs')],
        '*': [path.join(ROOT, 'node_modules', '*')],
      },
    },
    include: [path.join(ROOT, 'lib', '**', '*.ts'), path.join(ROOT, 'bin', '**', '*.ts'), probe],
    // The routing example (and the app that can select it) declares aws_chime.CfnVoiceConnector and
    // CfnSipMediaApplication, which aws-cdk-lib has only from 2.273.0; the library itself takes any
    // CfnResource of those types, so it needs no newer release.
    exclude: [path.join(ROOT, 'bin', 'routing-example-stack.ts'), path.join(ROOT, 'bin', 'app.ts')],
  }));
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig, '--pretty', 'false'], { encoding: 'utf8' });
  const errors = tsc.stdout.split('\n').filter(line => line.includes('error TS'));
  expect(errors).toEqual([expect.stringMatching(/newer-api-probe\.ts\(1,10\): error TS\d+: '"aws-cdk-lib"' has no exported member named 'Validations'/)]);
}, 120_000);
