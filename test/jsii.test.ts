import { spawnSync } from 'child_process';
import * as path from 'path';

test('the public API compiles with jsii, warnings counted as errors', () => {
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'jsii-check.js')], { encoding: 'utf8' });
  expect({ status: result.status, output: (result.stdout + result.stderr).match(/^(error|warning) JSII.*$/gm) ?? [] }).toEqual({ status: 0, output: [] });
  expect(result.stdout + result.stderr).toMatch(/Errors: 0 \| Warnings: 0/);
}, 120_000);
