// Bundles the handler into dist/handler, minified, so the construct's asset needs neither Docker
// nor a bundler at synth: index.js (lambda/index.ts and everything it imports) and one file per
// Chime API adapter with its own SDK client. index.js requires an adapter only when an event for
// that API comes, so a cold start loads one SDK client, not both.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const outdir = path.join(root, 'dist', 'handler');
/** Each adapter, by the file that requires it on first use. */
const ADAPTERS = { 'chime': 'ports.ts', 'chime-sdk-voice': 'ports.ts', 'routing': 'context.ts' };

/**
 * lambda/ports.ts's require('./adapters/<api>') and lambda/routing/context.ts's
 * require('../adapters/routing') become require('./<name>.js'), a file of its own beside index.js.
 */
const adaptersApart = {
  name: 'adapters-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/adapters\/[\w-]+$/ }, args => {
      const name = path.basename(args.path);
      if (ADAPTERS[name] !== path.basename(args.importer)) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

/**
 * libphonenumber-js ships its metadata as a 150 KB object literal; V8 reads the same data as a JSON
 * string through JSON.parse faster than it compiles the literal (about 2 ms of each cold start here).
 */
const metadataAsJson = {
  name: 'metadata-as-json',
  setup(build) {
    build.onLoad({ filter: /libphonenumber-js[\\/]metadata\.max\.json\.js$/ }, args => ({
      contents: `export default JSON.parse(${JSON.stringify(fs.readFileSync(args.path.replace(/\.js$/, ''), 'utf8'))})`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The SDK's ES module builds tree-shake far better than its CommonJS ones.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
  // The clients get credentials from the environment (lambda/adapters/client-config.ts); the SDK's
  // default chain, with its STS and SSO clients, would only be loaded, never used.
  alias: { '@aws-sdk/credential-provider-node': path.join(root, 'lambda', 'adapters', 'no-default-credentials.ts') },
};

async function main() {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [path.join(root, 'lambda', 'index.ts')], outfile: path.join(outdir, 'index.js'), plugins: [adaptersApart, metadataAsJson] }),
    ...Object.keys(ADAPTERS).map(name => esbuild.build({ ...common, entryPoints: [path.join(root, 'lambda', 'adapters', `${name}.ts`)], outfile: path.join(outdir, `${name}.js`) })),
  ]);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
