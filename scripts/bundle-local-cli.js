// Bundles the companion package's code (phone-number-order-local) into a directory: cli.js, the
// command line of tools/local-cli with the local deploy and the emulator in one file, and beside it
// what must stay apart from it, found there by the bundle at run time:
// - lambda-child.js, the Lambda runtime each function's process starts with under plain `node`;
// - lambda-runtime/, what the Lambda Node.js runtime provides on NODE_PATH: the AWS SDK clients the
//   Provider framework's code requires (outbound.js), each bundled into one file with its LICENSE.
// So the package has no dependencies to install.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
/** What aws-cdk-lib's custom_resources/lib/provider-framework/runtime/outbound.js requires. */
const RUNTIME_CLIENTS = ['@aws-sdk/client-lambda', '@aws-sdk/client-sfn'];

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };

/** Writes the bundle into `outdir` (emptied first); `version` is what `--version` prints. */
function bundleLocalCli(outdir, version) {
  fs.rmSync(outdir, { recursive: true, force: true });
  esbuild.buildSync({
    ...common,
    entryPoints: [path.join(ROOT, 'tools', 'local-cli', 'cli.ts')],
    outfile: path.join(outdir, 'cli.js'),
    // Readable stack traces in users' bug reports matter more than a smaller file.
    minify: false,
    define: { PHONE_NUMBER_ORDER_LOCAL_VERSION: JSON.stringify(version) },
  });
  fs.chmodSync(path.join(outdir, 'cli.js'), 0o755);
  fs.copyFileSync(path.join(ROOT, 'tools', 'local-deploy', 'lambda-child.js'), path.join(outdir, 'lambda-child.js'));
  for (const client of RUNTIME_CLIENTS) {
    const source = path.dirname(require.resolve(`${client}/package.json`, { paths: [ROOT] }));
    const pkg = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
    const dir = path.join(outdir, 'lambda-runtime', client);
    esbuild.buildSync({ ...common, entryPoints: [require.resolve(client, { paths: [ROOT] })], outfile: path.join(dir, 'index.js'), minify: true, legalComments: 'none' });
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, license: pkg.license, main: 'index.js' }, null, 2)}\n`);
    fs.copyFileSync(path.join(source, 'LICENSE'), path.join(dir, 'LICENSE'));
  }
  return outdir;
}

module.exports = { bundleLocalCli, RUNTIME_CLIENTS };

if (require.main === module) {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  console.log(bundleLocalCli(path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'local-cli')), version));
}
