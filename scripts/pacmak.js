// `npm run pacmak`: generates the Python, Java, .NET and Go packages with jsii-pacmak from the staged
// package (so the npm tarball embedded in each is exactly the one users install from npm).
//   node scripts/pacmak.js [--out DIR] [--full] [-- more jsii-pacmak options]
// Code only by default: building the packages needs each toolchain and its registry (PyPI for Python's
// build tools, Maven Central for Java's, NuGet for .NET, the Go module proxy), which a release machine
// has and this CI does not. `--full` builds the packages as a release would.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { stagePackage, ROOT } = require('./stage-package');
const { install } = require('./cdk-lib-versions');

const args = process.argv.slice(2);
const passThrough = args.includes('--') ? args.splice(args.indexOf('--')).slice(1) : [];
const outIndex = args.indexOf('--out');
const outDir = path.resolve(outIndex >= 0 ? args[outIndex + 1] : path.join(ROOT, 'dist', 'pacmak'));
const full = args.includes('--full');

// The generated packages depend on the oldest aws-cdk-lib and constructs the peer ranges accept: Python,
// Java and .NET take the ranges from the assembly, but Go's go.mod names the release jsii-pacmak finds.
// So the staged package resolves those two to the oldest releases (npm pack leaves them out: not bundled).
const oldest = install('oldest');
fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
const stage = fs.mkdtempSync(path.join(ROOT, 'dist', 'stage-'));
try {
  const staged = stagePackage(path.join(stage, 'package'));
  for (const dependency of ['aws-cdk-lib', 'constructs']) {
    fs.symlinkSync(path.join(oldest, dependency), path.join(staged, 'node_modules', dependency), 'dir');
  }
  execFileSync(process.execPath, [
    require.resolve('jsii-pacmak/bin/jsii-pacmak'), staged, '--outdir', outDir, '--force',
    ...(full ? [] : ['--code-only']), ...passThrough,
  ], {
    stdio: 'inherit',
    env: require('./jsii-env'),
  });
  console.log(`jsii-pacmak ${full ? 'packages' : 'code'} for every target in ${outDir}`);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
