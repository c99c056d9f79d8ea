// Bundles lambda/index.ts and everything it imports (SDK clients included) into one
// minified file, so the construct's asset needs neither Docker nor a bundler at synth.
const esbuild = require('esbuild');
const path = require('path');

const root = path.join(__dirname, '..');
esbuild.buildSync({
  entryPoints: [path.join(root, 'lambda', 'index.ts')],
  outfile: path.join(root, 'dist', 'handler', 'index.js'),
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The SDK's ES module builds tree-shake far better than its CommonJS ones.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
});
