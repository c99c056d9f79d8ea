import * as fs from 'fs';
import * as path from 'path';
import { FakeApp, STACK, custom, summary, withFakeProvider } from './fake-provider';
import { run, statuses } from './run';

// Fast loops: the waiter's interval is replaced except where the interval itself is under test.
const FAST = { queryIntervalMs: 20 };
/** The Provider framework's placeholder for a failed Create, whose Delete it answers without the handler. */
const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
const sorted = (xs: string[]) => [...xs].sort();

describe('the deploy engine, on a Provider-backed fake', () => {
  const fakeApp = withFakeProvider();
  let app: FakeApp;
  beforeEach(() => { app = fakeApp(); });
  const deploy = (asm: string, extra = {}) => run({ app: asm, stateDir: app.stateDir, ...FAST, ...extra });

  test('create: dependency order, CloudFormation\'s event fields, properties as strings, outputs and the stack ARN', async () => {
    const asm = app.assembly([
      custom('Second', { Value: { 'Fn::GetAtt': ['First', 'Upper'] }, Flag: true, Size: 5, List: [1, { Nested: false }] }),
      custom('First', { Value: 'one', Polls: 2 }),
    ], { Shout: { 'Fn::GetAtt': ['Second', 'Value'] }, FirstId: { Ref: 'First' } });
    const outputsFile = path.join(app.root, 'outputs', 'out.json');
    const { result, out } = await deploy(asm, { outputsFile });

    expect(result.exitCode).toBe(0);
    const calls = app.calls();
    expect(calls.map(c => `${c.fn} ${c.event.LogicalResourceId}`)).toEqual([
      'onEvent First', 'isComplete First', 'isComplete First', 'isComplete First', 'onEvent Second', 'isComplete Second',
    ]);
    const second = calls[4].event;
    expect(second).toMatchObject({
      RequestType: 'Create', LogicalResourceId: 'Second', ResourceType: 'Custom::Fake',
      StackId: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/FakeStack\/[0-9a-f-]{36}$/),
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ResponseURL: expect.stringMatching(/^https:\/\//),
      ServiceToken: expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:FakeStack-/),
      ResourceProperties: { Value: 'ONE', Flag: 'true', Size: '5', List: ['1', { Nested: 'false' }], ServiceToken: second.ServiceToken },
    });
    expect(second).not.toHaveProperty('PhysicalResourceId');
    expect(calls[5].event).toMatchObject({ PhysicalResourceId: 'phys-Second', Data: { Value: 'ONE', Upper: 'ONE' } });

    expect(result.outputs).toEqual({ [STACK]: { Shout: 'ONE', FirstId: 'phys-First' } });
    expect(JSON.parse(fs.readFileSync(outputsFile, 'utf8'))).toEqual({ [STACK]: { Shout: 'ONE', FirstId: 'phys-First' } });
    expect(out).toMatch(/Outputs:\nFakeStack\.FirstId = phys-First\nFakeStack\.Shout = ONE\nStack ARN:\narn:aws:cloudformation:us-east-1:123456789012:stack\/FakeStack\//);
    expect(out).toMatch(/✨ {2}Total time: \d+\.\d\ds/);
    expect(statuses(out, 'First/Resource/Default')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(out).toMatch(/^FakeStack \| +\d+\/\d+ \| \d\d:\d\d:\d\d \| CREATE_COMPLETE +\| Custom::Fake +\| First\/Resource\/Default \(\d+\.\ds\)$/m);
    expect(app.stackRecord()?.resources.First.attributes).toEqual({ Value: 'one', Upper: 'ONE', Polls: '3' });
  });

  test('the waiter\'s IntervalSeconds is the time between isComplete calls', async () => {
    const asm = app.assembly([custom('Slow', { Value: 'v', Polls: 1 })], {}, { IntervalSeconds: 1, MaxAttempts: 5 });
    await run({ app: asm, stateDir: app.stateDir });
    const [first, second] = app.calls().filter(c => c.fn === 'isComplete');
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
    expect(second.pid).toBe(first.pid);
  });

  test('parameters (default, --parameters, then the previous value) and conditions', async () => {
    const asm = app.assembly([
      custom('Greeter', { Value: { 'Fn::Sub': '${Greeting}-${AWS::Region}' } }),
      custom('Skipped', { Value: 'never' }, { Condition: 'IsProd' }),
    ], {}, undefined, {
      Parameters: { Greeting: { Type: 'String', Default: 'hi' }, Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    });
    expect((await deploy(asm)).result.exitCode).toBe(0);
    expect(summary(app.calls())).toEqual(['Create Greeter']);
    expect(app.stackRecord()?.resources.Greeter.properties.Value).toBe('hi-us-east-1');
    await deploy(asm, { parameters: { Greeting: 'yo' } });
    expect(app.calls().filter(c => c.fn === 'onEvent').map(c => c.event.ResourceProperties.Value)).toEqual(['yo-us-east-1']);
    expect((await deploy(asm)).result.events).toEqual([]);
    const bad = await deploy(asm, { parameters: { Stage: 'qa' } });
    expect(bad.err).toMatch(/Parameter 'Stage' must be one of AllowedValues \(dev, prod\)/);
  });

  test('no changes: no events, "(no changes)"; a change sends one Update with the old properties', async () => {
    const resources = (b: string) => [custom('A', { Value: 'a' }), custom('B', { Value: b })];
    await deploy(app.assembly(resources('b1')));
    app.calls();
    const again = await deploy(app.assembly(resources('b1')));
    expect(again.result.exitCode).toBe(0);
    expect(again.result.events).toEqual([]);
    expect(app.calls()).toEqual([]);
    expect(again.out).toContain(' ✅  FakeStack (no changes)');

    const changed = await deploy(app.assembly(resources('b2')));
    expect(changed.result.exitCode).toBe(0);
    const [update] = app.calls().filter(c => c.fn === 'onEvent');
    expect(update.event).toMatchObject({
      RequestType: 'Update', LogicalResourceId: 'B', PhysicalResourceId: 'phys-B',
      ResourceProperties: { Value: 'b2' }, OldResourceProperties: { Value: 'b1' },
    });
    expect(changed.result.events.map(e => `${e.requestType} ${e.logicalResourceId}`)).toEqual(['Update B']);
  });

  test('a new physical ID is a replacement: the old one gets a Delete after success, unless UpdateReplacePolicy is Retain', async () => {
    const resources = (id: string) => [
      custom('Deleted', { Value: 'x', PhysicalId: `d-${id}` }),
      custom('Kept', { Value: 'x', PhysicalId: `k-${id}` }, { UpdateReplacePolicy: 'Retain' }),
    ];
    await deploy(app.assembly(resources('1')));
    app.calls();
    const { result, out } = await deploy(app.assembly(resources('2')));
    expect(result.exitCode).toBe(0);
    const updates = summary(app.calls());
    // Independent resources are updated at once; the cleanup comes after both.
    expect(sorted(updates.slice(0, 2))).toEqual(['Update Deleted d-1', 'Update Kept k-1']);
    expect(updates.slice(2)).toEqual(['Delete Deleted d-1']);
    expect(out).toMatch(/UPDATE_COMPLETE_CLEANUP_IN_PROGRESS[\s\S]*DELETE_SKIPPED +\| Custom::Fake +\| Kept/);
    expect(app.stackRecord()?.resources.Deleted.physicalId).toBe('d-2');
  });

  test('a failed update rolls back: every updated resource, the failed one included, gets its old properties back', async () => {
    const asm1 = app.assembly([custom('A', { Value: 'a1' }), custom('B', { Value: { 'Fn::GetAtt': ['A', 'Value'] } })]);
    await deploy(asm1);
    app.calls();
    const { result, out, err } = await deploy(app.assembly([custom('A', { Value: 'a2' }), custom('B', { Value: { 'Fn::GetAtt': ['A', 'Value'] }, FailOn: 'Update' })]));
    expect(result.exitCode).toBe(1);
    const calls = app.calls().filter(c => c.fn === 'onEvent');
    expect(summary(calls)).toEqual(['Update A phys-A', 'Update B phys-B', 'Update B phys-B', 'Update A phys-A']);
    expect(calls[2].event).toMatchObject({ ResourceProperties: { Value: 'a1' }, OldResourceProperties: { Value: 'a2', FailOn: 'Update' } });
    expect(calls[3].event).toMatchObject({ ResourceProperties: { Value: 'a1' }, OldResourceProperties: { Value: 'a2' } });
    // The framework's own reason: the error, its Logs: line, the stack trace as Lambda reports it.
    expect(out).toMatch(/UPDATE_FAILED +\| Custom::Fake +\| B\/Resource\/Default \(B\) Received response status \[FAILED\] from custom resource\. Message returned: told to fail Update of B Logs: \/aws\/lambda\/FakeStack-UserOnEvent\w+-\w+ at exports\.onEvent \(\/var\/task\/index\.js:\d+:\d+\).* \(RequestId: [0-9a-f-]{36}\)/);
    expect(out).toMatch(/UPDATE_ROLLBACK_IN_PROGRESS \| AWS::CloudFormation::Stack +\| FakeStack The following resource\(s\) failed to update: \[B\]\./);
    expect(out).toMatch(/UPDATE_ROLLBACK_COMPLETE/);
    expect(err).toMatch(/❌ {2}FakeStack failed \(deployment\): UPDATE_ROLLBACK_COMPLETE: B UPDATE_FAILED: Received response status \[FAILED\]/);
    const record = app.stackRecord()!;
    expect(record.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(record.resources.A.properties.Value).toBe('a1');
  });

  test('a failed create rolls back per DeletionPolicy: Delete and RetainExceptOnCreate are deleted, Retain kept; the stack is gone', async () => {
    const asm = app.assembly([
      custom('Plain', { Value: 'p' }, { DeletionPolicy: 'Delete' }),
      custom('Retained', { Value: 'r' }, { DeletionPolicy: 'Retain' }),
      custom('ExceptOnCreate', { Value: 'e' }, { DeletionPolicy: 'RetainExceptOnCreate' }),
      custom('Broken', { Value: 'b', FailOn: 'Create' }, { DependsOn: ['Plain', 'Retained', 'ExceptOnCreate'] }),
    ]);
    const { result, out } = await deploy(asm);
    expect(result.exitCode).toBe(1);
    expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
    const calls = summary(app.calls());
    expect(sorted(calls.slice(0, 3))).toEqual(['Create ExceptOnCreate', 'Create Plain', 'Create Retained']);
    expect(calls[3]).toBe('Create Broken');
    expect(sorted(calls.slice(4))).toEqual(['Delete ExceptOnCreate phys-ExceptOnCreate', 'Delete Plain phys-Plain']);
    // The framework answered the failed Create with its placeholder and swallowed the Delete that followed.
    expect(result.events.find(e => e.requestType === 'Delete' && e.logicalResourceId === 'Broken'))
      .toMatchObject({ physicalResourceId: CREATE_FAILED_MARKER, swallowed: true });
    expect(statuses(out, 'Retained/Resource/Default')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_SKIPPED']);
    expect(out).toMatch(/ROLLBACK_IN_PROGRESS +\| AWS::CloudFormation::Stack +\| FakeStack The following resource\(s\) failed to create: \[Broken\]\. Rollback requested by user\./);
    expect(out).toMatch(/ROLLBACK_COMPLETE/);
    expect(app.stackRecord()).toBeUndefined();

    app.calls();
    const again = await deploy(app.assembly([custom('Plain', { Value: 'p' })]));
    expect(summary(app.calls())).toEqual(['Create Plain']);
    expect(again.result.stacks[0].status).toBe('CREATE_COMPLETE');
  });

  test('destroy: dependents first; Delete sends a Delete, Retain and RetainExceptOnCreate send nothing', async () => {
    const asm = app.assembly([
      custom('Base', { Value: 'b' }, { DeletionPolicy: 'Delete' }),
      custom('Top', { Value: { Ref: 'Base' } }, { DeletionPolicy: 'Delete' }),
      custom('Retained', { Value: 'r' }, { DeletionPolicy: 'Retain' }),
      custom('ExceptOnCreate', { Value: 'e' }, { DeletionPolicy: 'RetainExceptOnCreate' }),
    ]);
    await deploy(asm);
    app.calls();
    const { result, out } = await run({ destroy: true, stateDir: app.stateDir });
    expect(result.exitCode).toBe(0);
    expect(summary(app.calls())).toEqual(['Delete Top phys-Top', 'Delete Base phys-Base']);
    expect(statuses(out, 'Retained/Resource/Default')).toEqual(['DELETE_SKIPPED']);
    expect(statuses(out, 'ExceptOnCreate/Resource/Default')).toEqual(['DELETE_SKIPPED']);
    expect(out).toContain(' ✅  FakeStack: destroyed');
    expect(app.stackRecord()).toBeUndefined();
    const nothing = await run({ destroy: true, stateDir: app.stateDir });
    expect(nothing.out).toMatch(/Nothing to destroy/);
  });

  test('a Delete that fails leaves DELETE_FAILED, the resource and its provider in place; destroying again retries it', async () => {
    const blocker = path.join(app.root, 'blocker');
    fs.writeFileSync(blocker, '');
    await deploy(app.assembly([custom('Sticky', { Value: 's', FailDeleteWhileExists: blocker }, { DeletionPolicy: 'Delete' })]));
    const first = await run({ destroy: true, stateDir: app.stateDir });
    expect(first.result.exitCode).toBe(1);
    expect(first.out).toMatch(/DELETE_FAILED +\| Custom::Fake +\| Sticky\/Resource\/Default \(Sticky\) Received response status \[FAILED\].*cannot delete yet/);
    const record = app.stackRecord()!;
    expect(record.status).toBe('DELETE_FAILED');
    // The custom resource and everything it depends on stay; the provider with them.
    expect(Object.keys(record.resources)).toEqual(expect.arrayContaining(['Sticky', expect.stringMatching(/^ProviderframeworkonEvent/), expect.stringMatching(/^UserOnEvent/)]));
    const blocked = await deploy(app.assembly([custom('Sticky', { Value: 's' })]));
    expect(blocked.err).toMatch(/Stack:arn:aws:cloudformation:us-east-1:123456789012:stack\/FakeStack\/[0-9a-f-]+ is in DELETE_FAILED state and can not be updated\. \(local deploy: run with --destroy/);

    fs.rmSync(blocker);
    const second = await run({ destroy: true, stateDir: app.stateDir });
    expect(second.result.exitCode).toBe(0);
    expect(app.stackRecord()).toBeUndefined();
  });

  test('an order that never completes: the waiter gives up after its total time, onTimeout answers, and the create rolls back', async () => {
    const asm = app.assembly([custom('Forever', { Value: 'f', Polls: 1000 })], {}, { IntervalSeconds: 1, MaxAttempts: 3 });
    const began = Date.now();
    const { result, out } = await deploy(asm, { queryIntervalMs: 100 });
    expect(result.exitCode).toBe(1);
    // --query-interval-ms 100 keeps the waiter's 3 s: 1 + 30 polls, not 1 + 3.
    const polls = app.calls().filter(c => c.fn === 'isComplete' && c.event.RequestType === 'Create');
    expect(polls.length).toBeGreaterThanOrEqual(25);
    expect(polls.length).toBeLessThanOrEqual(31);
    expect(polls[polls.length - 1].at - polls[0].at).toBeGreaterThanOrEqual(2900);
    expect(Date.now() - began).toBeGreaterThanOrEqual(3000);
    // The handler is told the interval it is polled at.
    expect(polls[0].env.QUERY_INTERVAL_SECONDS).toBe('0.1');
    expect(out).toMatch(/CREATE_FAILED +\| Custom::Fake +\| Forever\/Resource\/Default \(Forever\) Received response status \[FAILED\] from custom resource\. Message returned: Operation timed out/);
    expect(result.events.map(e => `${e.requestType} ${e.logicalResourceId}`)).toEqual(['Create Forever', 'Delete Forever']);
  });

  test('a GetAtt of an attribute the custom resource did not return fails the deploy, naming it', async () => {
    const { result, out, err } = await deploy(app.assembly([custom('A', { Value: 'a' })], { Bad: { 'Fn::GetAtt': ['A', 'NotThere'] } }));
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/Outputs\.Bad: Fn::GetAtt A\.NotThere: CustomResource attribute error: Vendor response doesn't contain NotThere attribute \(the custom resource returned Value, Upper, Polls\)/);
    expect(out).toMatch(/ROLLBACK_COMPLETE/);
  });

  test('an unsupported intrinsic stops the deploy before anything runs, naming the construct', async () => {
    const { result, err } = await deploy(app.assembly([custom('A', { Value: { 'Fn::ImportValue': 'Shared' } })]));
    expect(result.exitCode).toBe(1);
    expect(err).toMatch(/FakeStack\/A\/Resource\/Default \(A\): Fn::ImportValue is not supported by local deploy/);
    expect(app.calls()).toEqual([]);
    expect(app.stackRecord()).toBeUndefined();
  });

  test('--rehearse-rollback after an update: the updated resource gets its old properties back; the state holds the rolled-back stack', async () => {
    await deploy(app.assembly([custom('A', { Value: 'v1' })]));
    app.calls();
    const { result, out } = await deploy(app.assembly([custom('A', { Value: 'v2' }), custom('New', { Value: 'n' })]), { rehearseRollback: true });
    expect(result.exitCode).toBe(0);
    expect(result.stacks[0]).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', rehearsed: true, ok: true });
    const calls = summary(app.calls());
    expect(sorted(calls.slice(0, 2))).toEqual(['Create New', 'Update A phys-A']);
    expect(sorted(calls.slice(2))).toEqual(['Delete New phys-New', 'Update A phys-A']);
    expect(out).toContain('(rolled back: UPDATE_ROLLBACK_COMPLETE)');
    const record = app.stackRecord()!;
    expect(record.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(Object.keys(record.resources)).not.toContain('New');
    expect(record.resources.A.properties.Value).toBe('v1');
    const next = await deploy(app.assembly([custom('A', { Value: 'v1' })]));
    expect(next.out).toContain('(no changes)');
  });
});
