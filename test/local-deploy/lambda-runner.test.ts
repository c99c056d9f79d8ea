import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FunctionSpec, LambdaRunner } from '../../tools/local-deploy/lambda-runner';

const HANDLER = `
let invocations = 0;
exports.echo = async (event, context) => {
  invocations++;
  console.info({ step: 'echo', n: invocations });
  console.log('formatted %s', 'text');
  console.debug('hidden at INFO');
  return {
    pid: process.pid, invocations, event,
    remaining: context.getRemainingTimeInMillis(),
    requestId: context.awsRequestId, functionName: context.functionName,
    env: { ...process.env },
  };
};
exports.sleep = async (event) => new Promise(resolve => setTimeout(() => resolve('late'), event.ms));
exports.fail = async () => { throw new TypeError('bad input'); };
exports.crash = async () => { process.exit(3); };
exports.busy = async (event) => new Promise(resolve => setTimeout(() => resolve({ pid: process.pid }), event.ms));
`;

describe('Lambda runner', () => {
  let dir: string;
  let runner: LambdaRunner;
  const spec = (over: Partial<FunctionSpec> = {}): FunctionSpec => ({
    name: 'Stack-Fn-ABC', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:Stack-Fn-ABC', region: 'eu-west-1', codeDir: path.join(dir, 'code'),
    handler: 'index.echo', runtime: 'nodejs22.x', timeoutSeconds: 30, memoryMb: 256,
    environment: { TEMPLATE_VAR: 'from-template' }, logFormat: 'JSON', ...over,
  });
  const logLines = () => fs.readFileSync(path.join(dir, 'lambda.log'), 'utf8').trim().split('\n').map(l => JSON.parse(l));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-deploy-runner-'));
    fs.mkdirSync(path.join(dir, 'code'));
    fs.writeFileSync(path.join(dir, 'code', 'index.js'), HANDLER);
    process.env.LOCAL_DEPLOY_TEST_LEAK = 'parent-only';
    runner = new LambdaRunner({ logFile: path.join(dir, 'lambda.log'), commonEnv: { AWS_ENDPOINT_URL_CHIME: 'http://127.0.0.1:1' } });
  });
  afterAll(async () => {
    await runner.close();
    delete process.env.LOCAL_DEPLOY_TEST_LEAK;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('runs the handler with the event, a Lambda context and the function\'s environment only', async () => {
    const out = await runner.invoke(spec(), { RequestType: 'Create' });
    expect(out.ok).toBe(true);
    const p = (out as { payload: Record<string, any> }).payload;
    expect(p.event).toEqual({ RequestType: 'Create' });
    expect(p.remaining).toBeGreaterThan(25_000);
    expect(p.remaining).toBeLessThanOrEqual(30_000);
    expect(p.functionName).toBe('Stack-Fn-ABC');
    expect(p.env).toMatchObject({
      TEMPLATE_VAR: 'from-template', AWS_REGION: 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME: 'Stack-Fn-ABC',
      AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', AWS_ENDPOINT_URL_CHIME: 'http://127.0.0.1:1',
      _HANDLER: 'index.echo', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });
    expect(p.env.LOCAL_DEPLOY_TEST_LEAK).toBeUndefined();
  });

  test('writes console output in the Lambda runtime\'s JSON format, with the invocation\'s request ID', async () => {
    const out = await runner.invoke(spec(), {});
    const requestId = (out as { payload: { requestId: string } }).payload.requestId;
    const mine = logLines().filter(l => l.requestId === requestId || l.record?.requestId === requestId);
    expect(mine.find(l => l.message?.step === 'echo')).toMatchObject({ level: 'INFO', message: { step: 'echo' }, timestamp: expect.any(String) });
    expect(mine.find(l => l.message === 'formatted text')).toMatchObject({ level: 'INFO' });
    expect(mine.some(l => l.message === 'hidden at INFO')).toBe(false);
    expect(mine.map(l => l.type).filter(Boolean)).toEqual(['platform.start', 'platform.report']);
  });

  test('keeps the container warm between invocations', async () => {
    const a = (await runner.invoke(spec(), {})) as { payload: { pid: number; invocations: number } };
    const b = (await runner.invoke(spec(), {})) as { payload: { pid: number; invocations: number } };
    expect(b.payload.pid).toBe(a.payload.pid);
    expect(b.payload.invocations).toBe(a.payload.invocations + 1);
  });

  test('concurrent invocations get execution environments of their own; a free one is reused', async () => {
    const s = spec({ name: 'Busy', handler: 'index.busy' });
    const [a, b] = await Promise.all([runner.invoke(s, { ms: 300 }), runner.invoke(s, { ms: 300 })]) as { payload: { pid: number } }[];
    expect(a.payload.pid).not.toBe(b.payload.pid);
    const c = (await runner.invoke(s, { ms: 1 })) as { payload: { pid: number } };
    expect([a.payload.pid, b.payload.pid]).toContain(c.payload.pid);
  });

  test('the log group is LoggingConfig.LogGroup when the function has one', async () => {
    const out = (await runner.invoke(spec({ logGroup: 'Stack-ProviderLogs-XYZ' }), {})) as { payload: { env: Record<string, string> } };
    expect(out.payload.env.AWS_LAMBDA_LOG_GROUP_NAME).toBe('Stack-ProviderLogs-XYZ');
    const plain = (await runner.invoke(spec(), {})) as { payload: { env: Record<string, string> } };
    expect(plain.payload.env.AWS_LAMBDA_LOG_GROUP_NAME).toBe('/aws/lambda/Stack-Fn-ABC');
  });

  test('enforces the timeout, then starts cold', async () => {
    const s = spec({ name: 'Sleepy', handler: 'index.sleep', timeoutSeconds: 1 });
    const out = await runner.invoke(s, { ms: 5000 });
    expect(out).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/) });
    expect(await runner.invoke(s, { ms: 1 })).toEqual({ ok: true, payload: 'late' });
  });

  test('reports a thrown error, a crash and a missing handler as Lambda does', async () => {
    // The trace shows the code where Lambda has it: /var/task.
    const failed = await runner.invoke(spec({ name: 'Failing', handler: 'index.fail' }), {});
    expect(failed).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bad input' });
    const trace = (failed as { trace: string[] }).trace;
    expect(trace.slice(0, 2)).toEqual(['TypeError: bad input', expect.stringMatching(/^ {4}at exports\.fail \(\/var\/task\/index\.js:\d+:\d+\)$/)]);
    expect(trace.join('\n')).not.toContain(dir);
    expect(await runner.invoke(spec({ name: 'Crashing', handler: 'index.crash' }), {}))
      .toMatchObject({ ok: false, errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(/Runtime exited with error: exit status 3/) });
    expect(await runner.invoke(spec({ name: 'Missing', handler: 'index.nothing' }), {}))
      .toMatchObject({ ok: false, errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothing is undefined or not exported' });
  });
});
