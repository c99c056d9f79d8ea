// `npm run build`: jsii compiles lib/ into dist/lib and writes the .jsii assembly (warnings are
// errors), then esbuild bundles the handler into dist/handler. dist/lib is emptied first, so a
// file deleted from lib/ cannot linger in the package.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
fs.rmSync(path.join(root, 'dist', 'lib'), { recursive: true, force: true });

// jsii asks for devDependencies pinned at the peer range's floor, so that the library compiles against
// the oldest aws-cdk-lib it accepts. We keep the newest as devDependency (cdk-nag 3 and the integ test
// need it) and compile and test against the floor separately (test/floor), which covers the same risk.
const silenced = ['metadata/missing-dev-dependency'];
execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--fail-on-warnings', `--silence-warnings=${silenced.join(',')}`], {
  cwd: root,
  stdio: 'inherit',
  env: require('./jsii-env'),
});
execFileSync(process.execPath, [path.join(__dirname, 'bundle-handler.js')], { cwd: root, stdio: 'inherit' });
