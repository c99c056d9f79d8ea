// CloudFormation, Lambda and Step Functions as the Provider framework's own code meets them: its
// FAILED answers, the 4,096-byte limit, ServiceTimeout, cancelled operations, delivery faults,
// UPDATE_ROLLBACK_FAILED and the stack's region. On the scriptable fake provider.
import * as fs from 'fs';
import * as path from 'path';
import { FakeApp, STACK, custom, summary, withFakeProvider } from './fake-provider';
import { run, statuses } from './run';

const FAST = { queryIntervalMs: 20 };
const NO_RESPONSE = /CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]\. If you are using the Python cfn-response module/;

describe('the Provider framework, run from the cloud assembly', () => {
  const fakeApp = withFakeProvider();
  let app: FakeApp;
  beforeEach(() => { app = fakeApp(); });
  const deploy = (asm: string, extra = {}) => run({ app: asm, stateDir: app.stateDir, ...FAST, ...extra });
  const log = () => fs.readFileSync(path.join(app.stateDir, 'lambda.log'), 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));

  test('a FAILED answer is the framework\'s: the error, its Logs: line and the stack trace; the Delete after it is answered by the framework alone', async () => {
    const { result } = await deploy(app.assembly([custom('Broken', { Value: 'b', FailOn: 'Create' })]));
    expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
    const [create, del] = result.events;
    expect(create.reason).toMatch(/^Received response status \[FAILED\] from custom resource\. Message returned: told to fail Create of Broken\n\nLogs: \/aws\/lambda\/FakeStack-UserOnEvent\w+-\w+\n\n {4}at exports\.onEvent \(\/var\/task\/index\.js:\d+:\d+\)\n/);
    expect(create.responseBytes).toBeGreaterThan(Buffer.byteLength(create.reason!) - 200);
    // The framework answers a failed Create with its marker, and the Delete for that marker without the handler.
    expect(del).toMatchObject({ requestType: 'Delete', physicalResourceId: 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', status: 'SUCCESS', swallowed: true });
    expect(summary(app.calls())).toEqual(['Create Broken']);
    // The framework's onEvent ran as a function of its own, for the Create and for the Delete.
    expect(log().filter(l => l.type === 'platform.start' && /ProviderframeworkonEvent/.test(l.record.functionName))).toHaveLength(2);
  });

  test('an answer over 4,096 bytes fails the resource as CloudFormation does', async () => {
    const { result, out } = await deploy(app.assembly([custom('Huge', { Value: 'h', Big: 4200 })]));
    expect(result.exitCode).toBe(1);
    expect(out).toMatch(/CREATE_FAILED +\| Custom::Fake +\| Huge\/Resource\/Default \(Huge\) Response object is too long\./);
    expect(result.events[0].responseBytes).toBeGreaterThan(4096);
    // The framework's answer carried the handler's physical ID: the rollback's Delete goes to it.
    expect(summary(app.calls())).toEqual(['Create Huge', 'Delete Huge phys-Huge']);
  });

  test('no answer within the resource\'s ServiceTimeout fails it with CloudFormation\'s message; the rollback Delete carries a made-up physical ID', async () => {
    const began = Date.now();
    const { result, out } = await deploy(app.assembly([custom('Silent', { Value: 's', ServiceTimeout: 2 })]), {
      faults: [{ kind: 'no-answer', logicalId: 'Silent', requestType: 'Create' }],
    });
    expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
    expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
    expect(statuses(out, 'Silent/Resource/Default')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    expect(result.events[0].reason).toMatch(NO_RESPONSE);
    expect(result.events[0].reason).not.toMatch(/local deploy/);
    const calls = summary(app.calls());
    expect(calls[0]).toBe('Create Silent');
    expect(calls[1]).toMatch(/^Delete Silent FakeStack-Silent-[A-Z0-9]{12}$/);
  });

  test('a framework that answers nothing fails the resource at once, saying why, instead of hanging for ServiceTimeout', async () => {
    const asm = app.assembly([custom('A', { Value: 'a' })]);
    const file = path.join(asm, `${STACK}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf8'));
    const framework = Object.values(template.Resources as Record<string, { Properties: { Handler?: string } }>).find(r => r.Properties?.Handler === 'framework.onEvent')!;
    framework.Properties.Handler = 'framework.missing';
    fs.writeFileSync(file, JSON.stringify(template));
    const began = Date.now();
    const { result } = await deploy(asm);
    // The rollback's Delete meets the same framework: nothing answers it either.
    expect(result.stacks[0].status).toBe('ROLLBACK_FAILED');
    expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Create FAILED', 'Delete FAILED']);
    expect(Date.now() - began).toBeLessThan(30_000);
    expect(result.events[0].reason).toMatch(NO_RESPONSE);
    expect(result.events[0].reason).toMatch(/local deploy: FakeStack-ProviderframeworkonEvent\w+-\w+ failed: Runtime\.HandlerNotFound: framework\.missing is undefined or not exported; CloudFormation would report this after the ServiceTimeout of 3600 seconds/);
  });

  test('independent resources run at once; when one fails, the others in flight are cancelled and rolled back', async () => {
    const { result, out } = await deploy(app.assembly([
      custom('Slow', { Value: 's', SleepMs: 2000 }),
      custom('Broken', { Value: 'b', FailOn: 'Create' }),
    ]));
    expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
    const creates = app.calls().filter(c => c.fn === 'onEvent' && c.event.RequestType === 'Create');
    expect(creates.map(c => c.event.LogicalResourceId).sort()).toEqual(['Broken', 'Slow']);
    expect(Math.abs(creates[0].at - creates[1].at)).toBeLessThan(1000);
    expect(statuses(out, 'Slow/Resource/Default').slice(0, 2)).toEqual(['CREATE_IN_PROGRESS', 'CREATE_FAILED']);
    expect(out).toMatch(/CREATE_FAILED +\| Custom::Fake +\| Slow\/Resource\/Default \(Slow\) Resource creation cancelled/);
    expect(out).toMatch(/ROLLBACK_IN_PROGRESS +\| AWS::CloudFormation::Stack +\| FakeStack The following resource\(s\) failed to create: \[Broken, Slow\]\./);
    // The cancelled create still ran to its end, after CloudFormation had sent its Delete.
    expect(result.events.find(e => e.logicalResourceId === 'Slow' && e.requestType === 'Create')).toMatchObject({ cancelled: true });
    expect(result.events.find(e => e.logicalResourceId === 'Slow' && e.requestType === 'Delete')?.physicalResourceId).toMatch(/^FakeStack-Slow-[A-Z0-9]{12}$/);
  });

  describe('delivery faults', () => {
    test('duplicate-at-once: the same request (same RequestId) reaches the handler twice, concurrently; the first answer counts', async () => {
      const { result } = await deploy(app.assembly([custom('Twice', { Value: 't', SleepMs: 400 })]), { faults: [{ kind: 'duplicate-at-once' }] });
      expect(result.stacks[0].status).toBe('CREATE_COMPLETE');
      const [a, b] = app.calls().filter(c => c.fn === 'onEvent');
      expect(b.event.RequestId).toBe(a.event.RequestId);
      expect(Math.abs(b.at - a.at)).toBeLessThan(400);
      expect(result.events).toHaveLength(1);
      expect(log().filter(l => l.type === 'local-deploy.response.ignored' || (l.type === 'local-deploy.response' && l.record.status))).toHaveLength(2);
    });

    test('duplicate-after-answer: the request comes again once CloudFormation has its answer', async () => {
      const { result } = await deploy(app.assembly([custom('Again', { Value: 'a' })]), { faults: [{ kind: 'duplicate-after-answer', logicalId: 'Again' }] });
      expect(result.stacks[0].status).toBe('CREATE_COMPLETE');
      const calls = app.calls();
      expect(calls.map(c => c.fn)).toEqual(['onEvent', 'isComplete', 'onEvent', 'isComplete']);
      expect(new Set(calls.map(c => c.event.RequestId)).size).toBe(1);
    });

    test('invoke-answer-lost: the user function ran, the invoke failed; the framework invokes it again (after GetFunction once its client gives up)', async () => {
      const { result } = await deploy(app.assembly([custom('Lost', { Value: 'l' })]), { faults: [{ kind: 'invoke-answer-lost', times: 3 }] });
      expect(result.stacks[0].status).toBe('CREATE_COMPLETE');
      const onEvents = app.calls().filter(c => c.fn === 'onEvent');
      // Three invokes whose answers were lost (the SDK's own retries), then the framework's: waitUntilFunctionActiveV2, invoke.
      expect(onEvents).toHaveLength(4);
      expect(new Set(onEvents.map(c => c.event.RequestId)).size).toBe(1);
      expect(log().filter(l => l.type === 'local-deploy.lambda.answer-lost')).toHaveLength(3);
      expect(log().filter(l => l.type === 'local-deploy.lambda.GetFunction').length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('UPDATE_ROLLBACK_FAILED', () => {
    test('a deploy is refused with CloudFormation\'s message; --continue-update-rollback retries, --resources-to-skip skips', async () => {
      const blocker = path.join(app.root, 'blocker');
      const v1 = [custom('Stuck', { Value: 'v1', FailUpdateWhileExists: blocker }), custom('Other', { Value: 'o1' })];
      expect((await deploy(app.assembly(v1))).result.exitCode).toBe(0);
      fs.writeFileSync(blocker, '');
      const failing = await deploy(app.assembly([custom('Stuck', { Value: 'v2' }), custom('Other', { Value: 'o2', FailOn: 'Update', SleepMs: 200 })]));
      expect(failing.result.stacks[0].status).toBe('UPDATE_ROLLBACK_FAILED');
      expect(failing.out).toMatch(/UPDATE_FAILED +\| Custom::Fake +\| Stuck\/Resource\/Default \(Stuck\) Received response status \[FAILED\].*cannot update yet/);
      app.calls();

      const refused = await deploy(app.assembly(v1));
      expect(refused.result.exitCode).toBe(1);
      expect(refused.err).toMatch(/Stack:arn:aws:cloudformation:us-east-1:123456789012:stack\/FakeStack\/[0-9a-f-]{36} is in UPDATE_ROLLBACK_FAILED state and can not be updated\. \(local deploy: run with --continue-update-rollback/);
      expect(app.calls()).toEqual([]);

      const again = await run({ stateDir: app.stateDir, continueUpdateRollback: true, ...FAST });
      expect(again.result.stacks[0].status).toBe('UPDATE_ROLLBACK_FAILED');
      expect(summary(app.calls())).toEqual(['Update Stuck phys-Stuck']);

      const wrongSkip = await run({ stateDir: app.stateDir, continueUpdateRollback: true, resourcesToSkip: ['Other'], ...FAST });
      expect(wrongSkip.err).toMatch(/--resources-to-skip Other: only resources whose rollback failed \(UPDATE_FAILED\) can be skipped; in FakeStack that is Stuck/);

      const skipped = await run({ stateDir: app.stateDir, continueUpdateRollback: true, resourcesToSkip: ['Stuck'], ...FAST });
      expect(skipped.result.exitCode).toBe(0);
      expect(skipped.result.stacks[0].status).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(skipped.out).toMatch(/UPDATE_COMPLETE +\| Custom::Fake +\| Stuck\/Resource\/Default \(Stuck\) Resource skipped during rollback/);
      expect(app.calls()).toEqual([]);
      expect(app.stackRecord()?.resources.Stuck.properties.Value).toBe('v1');

      fs.rmSync(blocker);
      const next = await deploy(app.assembly([custom('Stuck', { Value: 'v3' }), custom('Other', { Value: 'o1' })]));
      expect(next.result.stacks[0].status).toBe('UPDATE_COMPLETE');
    });
  });

  test('handlers run in the stack\'s region, not the command line\'s, and log to their LoggingConfig.LogGroup', async () => {
    const asm = app.assembly([custom('Here', { Value: 'h' })]);
    const manifest = path.join(asm, 'manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('aws://unknown-account/unknown-region', 'aws://123456789012/eu-west-2'));
    const { result } = await deploy(asm, { region: 'us-east-1' });
    expect(result.exitCode).toBe(0);
    const [call] = app.calls();
    expect(call.env.AWS_REGION).toBe('eu-west-2');
    expect(call.env.AWS_LAMBDA_LOG_GROUP_NAME).toMatch(/^FakeStack-Logs\w+-[A-Z0-9]{12}$/);
    expect(call.event.StackId).toMatch(/^arn:aws:cloudformation:eu-west-2:/);
    expect(call.event.ResponseURL).toMatch(/\/cloudformation-custom-resource-response-euwest2\//);
  });

  test('without port 443 the answer still arrives: the runtime routes the functions\' connections to the endpoint\'s port', async () => {
    const { result } = await deploy(app.assembly([custom('Routed', { Value: 'r' })]), { responseTransport: 'redirected' });
    expect(result.stacks[0].status).toBe('CREATE_COMPLETE');
    expect(log().find(l => l.type === 'local-deploy.run').record.responses).toMatch(/^https:\/\/127\.0\.0\.1:\d+ /);
  });
});
