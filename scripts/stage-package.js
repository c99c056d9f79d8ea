// Builds the directory that is packed and published: the files package.json's `files` selects (as npm
// selects them), the bundled dependencies, and a package.json with the fields a user needs only.
// The repository's package.json keeps `prepare` (so `npm ci` builds on a fresh clone) and the dev
// scripts; the staged one has no scripts at all, so installing the tarball runs nothing.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** Fields of the repository's package.json that never reach users. */
const DEV_ONLY_FIELDS = ['scripts', 'devDependencies'];
/** jsii settings that only the compiler reads. */
const DEV_ONLY_JSII_FIELDS = ['tsconfig', 'validateTsconfig'];

/** The package.json that ships: no scripts, no devDependencies, no compiler settings. */
function publishedManifest(pkg) {
  const out = { ...pkg };
  for (const field of DEV_ONLY_FIELDS) delete out[field];
  out.jsii = { ...pkg.jsii };
  for (const field of DEV_ONLY_JSII_FIELDS) delete out.jsii[field];
  return out;
}

/** The files npm packs from the repository root, as npm itself selects them (scripts not run). */
function packedFiles() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out)[0].files.map(f => f.path);
}

/** Fails with the command to run when the build output the package needs is missing. */
function assertBuilt() {
  const missing = ['.jsii', 'dist/lib/index.js', 'dist/handler/index.js'].filter(f => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(`cannot stage the package: ${missing.join(', ')} missing; run "npm run build" first`);
  }
}

/** Writes the package to publish into `dir` (created, must not exist yet); returns `dir`. */
function stagePackage(dir) {
  assertBuilt();
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.mkdirSync(dir, { recursive: false });
  for (const file of packedFiles()) {
    if (file === 'package.json') continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(publishedManifest(pkg), null, 2)}\n`);
  return dir;
}

module.exports = { stagePackage, publishedManifest, ROOT };
