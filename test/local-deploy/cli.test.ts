import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { parseArgs } from '../../tools/local-deploy/options';
import { UsageError } from '../../tools/local-deploy/errors';
import { ROOT, tempDir } from './example-app';
import { run } from './run';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'tools', 'local-deploy', 'cli.ts');

describe('command line', () => {
  test('parses every option, repeatable ones and --flag=value', () => {
    expect(parseArgs([
      '--app', 'node app.js', '-c', 'numbers=+12065550100', '--context=allowPartial=true', '--endpoint', 'http://127.0.0.1:4566',
      '--state-dir', 'st', '-o', 'asm', '-O', 'out.json', '--rehearse-rollback', '--stack', 'A*', 'B', '--region=eu-west-1',
      '--parameters', 'P=1', '--query-interval-ms', '50',
    ])).toEqual({
      app: 'node app.js', context: { numbers: '+12065550100', allowPartial: 'true' }, endpoint: 'http://127.0.0.1:4566',
      stateDir: 'st', output: 'asm', outputsFile: 'out.json', rehearseRollback: true, stacks: ['A*', 'B'], region: 'eu-west-1',
      parameters: { P: '1' }, queryIntervalMs: 50,
    });
    expect(parseArgs(['--destroy', '--order-delay-ms', '0'])).toEqual({ destroy: true, orderDelayMs: 0 });
    expect(parseArgs(['--fault', 'duplicate-at-once', '--fault=no-answer:Numbers1A2B:Create', '--service-timeout', '30'])).toEqual({
      faults: [{ kind: 'duplicate-at-once' }, { kind: 'no-answer', logicalId: 'Numbers1A2B', requestType: 'Create' }], serviceTimeoutSeconds: 30,
    });
    expect(parseArgs(['--continue-update-rollback', '--resources-to-skip', 'A', '--resources-to-skip', 'B', 'Stack']))
      .toEqual({ continueUpdateRollback: true, resourcesToSkip: ['A', 'B'], stacks: ['Stack'] });
    expect(parseArgs(['-h'])).toBe('help');
  });

  test.each([
    [['--bogus'], /Unknown option --bogus/],
    [['--context', 'novalue'], /--context needs KEY=VALUE/],
    [['--order-delay-ms', '-1'], /--order-delay-ms needs a whole number/],
    [['--endpoint'], /--endpoint needs a value/],
    [['--destroy', '--rehearse-rollback'], /--rehearse-rollback applies to a deploy/],
    [['--endpoint', 'http://x:1', '--order-delay-ms', '5'], /configures the embedded emulator/],
    [['--fault', 'lose-everything'], /--fault lose-everything: unknown kind lose-everything; one of duplicate-at-once, duplicate-after-answer, invoke-answer-lost, no-answer/],
    [['--fault', 'no-answer:X:Replace'], /the request type must be Create, Update or Delete/],
    [['--service-timeout', '0'], /--service-timeout needs a whole number of at least 1/],
    [['--resources-to-skip', 'A'], /--resources-to-skip applies to --continue-update-rollback/],
    [['--continue-update-rollback', '--destroy'], /--continue-update-rollback is an operation of its own/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
    expect(() => parseArgs(argv)).toThrow(UsageError);
  });

  test('the CLI exits 2 with the usage on an unknown option, 0 on --help', () => {
    const bad = spawnSync(TSX, [CLI, '--frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option --frobnicate[\s\S]*Usage: npm start -- \[options\]/);
    const help = spawnSync(TSX, [CLI, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--outputs-file[\s\S]*--rehearse-rollback[\s\S]*--fault KIND[\s\S]*--continue-update-rollback/);
  });
});

describe('clear errors, no hang', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir('local-deploy-errors-'); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a malformed --endpoint', async () => {
    const { result, err } = await run({ cwd: ROOT, stateDir: path.join(dir, 'a'), endpoint: 'not a url' });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/--endpoint "not a url" is not a URL/);
    const ftp = await run({ cwd: ROOT, stateDir: path.join(dir, 'b'), endpoint: 'ftp://127.0.0.1:21' });
    expect(ftp.err).toMatch(/is not an http\(s\) URL/);
  });

  test('an --endpoint where nothing listens fails fast, before synthesising', async () => {
    const port = await freePort();
    const started = Date.now();
    const { result, err, out } = await run({ cwd: ROOT, stateDir: path.join(dir, 'c'), endpoint: `http://127.0.0.1:${port}` });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(new RegExp(`Nothing answers at --endpoint http://127\\.0\\.0\\.1:${port}/ \\(ECONNREFUSED\\)`));
    expect(out).not.toMatch(/Synthesis time/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an app that fails to synthesise: its output, a non-zero exit', async () => {
    const app = `node -e "console.error('Error: context numbers=nope is not a phone number'); process.exit(3)"`;
    const { result, err } = await run({ cwd: ROOT, stateDir: path.join(dir, 'd'), app });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/The CDK app failed to synthesise: `node -e .*` exited with code 3:\n {4}Error: context numbers=nope is not a phone number/);
  });

  test('no cdk.json, a cdk.json without "app", a directory that is not a cloud assembly: what --app takes', async () => {
    const expected = /the command that runs your CDK app \(e\.g\. "node bin\/app\.js", .*\), or the directory of a cloud assembly that `cdk synth` wrote \(e\.g\. cdk\.out\)/;
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'bin'), { recursive: true });
    const none = await run({ cwd: project, stateDir: path.join(dir, 'f') });
    expect(none.result.exitCode).toBe(1);
    expect(none.err).toContain(`No CDK app to synthesise: there is no cdk.json in ${project}. Run this in your CDK project's directory (where cdk.json is), or pass --app: `);
    expect(none.err).toMatch(expected);
    fs.writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ context: {} }));
    const noApp = await run({ cwd: project, stateDir: path.join(dir, 'g') });
    expect(noApp.err).toMatch(new RegExp(`${path.join(project, 'cdk.json')} has no "app": add the command that runs your CDK app \\(e\\.g\\. "node bin/app\\.js".*\\) as "app", or pass --app`));
    const directory = await run({ cwd: project, stateDir: path.join(dir, 'h'), app: 'bin' });
    expect(directory.err).toMatch(/--app "bin" is a directory but not a cloud assembly \(it has no manifest\.json\): give /);
    expect(directory.err).toMatch(expected);
  });

  test('an app command the shell cannot find: its message, and what --app takes', async () => {
    const { result, err } = await run({ cwd: ROOT, stateDir: path.join(dir, 'i'), app: 'no-such-app-command --flag' });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/`no-such-app-command --flag` exited with code 127:\n.*not found\n--app "no-such-app-command --flag" must be the command that runs your CDK app/);
  });

  test('a JavaScript file that is not executable runs with node, as the CDK CLI runs it', async () => {
    const project = path.join(dir, 'js-app');
    fs.mkdirSync(project);
    // An app that writes an empty cloud assembly: it ran, and there is nothing to deploy.
    fs.writeFileSync(path.join(project, 'app.js'), `require('fs').writeFileSync(require('path').join(process.env.CDK_OUTDIR, 'manifest.json'), '{"version":"1"}');`);
    fs.chmodSync(path.join(project, 'app.js'), 0o644);
    const { result, err } = await run({ cwd: project, stateDir: path.join(dir, 'j'), app: 'app.js' });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/The app defines no stacks/);
  });

  test('an app that writes no cloud assembly', async () => {
    const { result, err } = await run({ cwd: ROOT, stateDir: path.join(dir, 'e'), app: 'node -e ""' });
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/wrote no cloud assembly .*does it call app\.synth\(\)\?/);
  });
});

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
