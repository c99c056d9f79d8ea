// Builds the directory of the companion package, phone-number-order-local: the local deploy as a
// command for users' own CDK projects. Its code is bundled (scripts/bundle-local-cli.js), so its
// package.json has a bin and no dependencies; name-independent fields follow the construct's.
const fs = require('fs');
const path = require('path');
const { bundleLocalCli } = require('./bundle-local-cli');

const ROOT = path.join(__dirname, '..');
const NAME = 'phone-number-order-local';

/** The companion's package.json: the construct's version and project fields, its own name, bin and description. */
function localManifest(pkg) {
  return {
    name: NAME,
    version: pkg.version,
    description: 'Deploy a CDK app that uses phone-number-order without AWS: the real Provider framework and handler '
      + 'from the cloud assembly, against an embedded Amazon Chime emulator, for tests and CI',
    keywords: ['aws-cdk', 'cdk', 'amazon-chime', 'phone-numbers', 'local', 'testing', 'emulator', 'custom-resource'],
    homepage: pkg.homepage,
    bugs: pkg.bugs,
    repository: pkg.repository,
    license: pkg.license,
    author: pkg.author,
    bin: { [NAME]: 'dist/cli.js' },
    engines: pkg.engines,
  };
}

/** Writes the companion package into `dir` (created, must not exist yet); returns `dir`. */
function stageLocalPackage(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.mkdirSync(dir, { recursive: false });
  bundleLocalCli(path.join(dir, 'dist'), pkg.version);
  fs.copyFileSync(path.join(ROOT, 'tools', 'local-cli', 'README.md'), path.join(dir, 'README.md'));
  fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(localManifest(pkg), null, 2)}\n`);
  return dir;
}

module.exports = { stageLocalPackage, localManifest, NAME };
