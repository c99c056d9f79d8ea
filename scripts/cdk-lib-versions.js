// Other aws-cdk-lib releases than the devDependency (the newest), installed from the npm registry into
// node_modules/.cdk-lib-<name>/ for the tests that need them; reinstalled only when the version changes.
//   oldest: the floor of the peer ranges (`^2.224.0` -> 2.224.0): the construct tests run against it too.
//   integ:  the newest aws-cdk-lib whose cloud assembly integ-runner can read. integ-runner 2.197.10 (the
//           newest published) reads schema 53 at most; aws-cdk-lib writes 53 up to 2.257.0, 54 from 2.258.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const INTEG_AWS_CDK_LIB = '2.257.0';

/** The lowest version a `^x.y.z` peer range accepts. */
function floorOf(range) {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!match) throw new Error(`peer range "${range}" is not ^x.y.z: scripts/cdk-lib-versions.js cannot tell its oldest version`);
  return match[1];
}

/** The packages (name -> exact version) each named set installs. */
function versionsOf(name) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  switch (name) {
    case 'oldest':
      return { 'aws-cdk-lib': floorOf(pkg.peerDependencies['aws-cdk-lib']), 'constructs': floorOf(pkg.peerDependencies.constructs) };
    case 'integ':
      return { 'aws-cdk-lib': INTEG_AWS_CDK_LIB, 'constructs': pkg.devDependencies.constructs };
    default:
      throw new Error(`no aws-cdk-lib set named "${name}": use oldest or integ`);
  }
}

/** The node_modules directory holding the named set. */
function modulesOf(name) {
  return path.join(ROOT, 'node_modules', `.cdk-lib-${name}`, 'node_modules');
}

function installedVersion(name, pkgName) {
  try {
    return JSON.parse(fs.readFileSync(path.join(modulesOf(name), pkgName, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Installs the named set unless it is there already; returns its node_modules directory. */
function install(name) {
  const versions = versionsOf(name);
  if (Object.entries(versions).some(([pkgName, version]) => installedVersion(name, pkgName) !== version)) {
    const dir = path.dirname(modulesOf(name));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `cdk-lib-${name}`, private: true, dependencies: versions }, null, 2));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  }
  return modulesOf(name);
}

module.exports = { install, versionsOf, modulesOf };

if (require.main === module) {
  const name = process.argv[2] ?? 'oldest';
  install(name);
  console.log(Object.keys(versionsOf(name)).map(p => `${p} ${installedVersion(name, p)}`).join(', '), 'in', modulesOf(name));
}
