// Compiles lib/ with jsii, as a later release to Python, Java, .NET and Go would, to prove the
// public API stays jsii-compatible (no unions, generics or TS-only constructs in exported types).
// Works on a scratch copy: jsii needs package.json fields this project does not otherwise want.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsii-check-'));
try {
  fs.cpSync(path.join(root, 'lib'), path.join(dir, 'lib'), { recursive: true });
  fs.copyFileSync(path.join(root, 'README.md'), path.join(dir, 'README.md'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: pkg.name,
    version: pkg.version,
    license: pkg.license,
    author: { name: 'PhoneNumberOrder maintainers', email: 'maintainers@example.com', organization: true },
    repository: { type: 'git', url: 'https://example.com/phone-number-order.git' },
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    jsii: { outdir: 'dist', targets: {}, tsc: { outDir: 'lib', rootDir: 'lib' } },
    peerDependencies: { 'aws-cdk-lib': pkg.devDependencies['aws-cdk-lib'], 'constructs': pkg.devDependencies.constructs },
    dependencies: { 'libphonenumber-js': pkg.dependencies['libphonenumber-js'] },
    bundledDependencies: ['libphonenumber-js'],
    devDependencies: {
      '@types/node': pkg.devDependencies['@types/node'],
      'aws-cdk-lib': pkg.devDependencies['aws-cdk-lib'],
      'constructs': pkg.devDependencies.constructs,
    },
  }, null, 2));
  execFileSync(process.execPath, [require.resolve('jsii/bin/jsii'), '--fail-on-warnings'], {
    cwd: dir, stdio: 'inherit', env: { ...process.env, JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: '1', JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
