// cdk-nag 2 (an Aspect reading `cdk_nag` resource metadata) over the example stack. The library
// takes no dependency on cdk-nag; `cdk-nag2` is a devDependency alias of cdk-nag 2 for this test.
import { App, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag2';
import { Construct } from 'constructs';
import { exampleStack } from '../bin/example-stack';
import { acknowledgeNagFinding } from '../lib/nag-acknowledgment';

/** Validations.ACKNOWLEDGED_RULES_METADATA_KEY (test/nag.test.ts checks the two agree); Validations is newer than the oldest aws-cdk-lib this file runs against. */
const ACKNOWLEDGED_RULES_KEY = 'aws:cdk:acknowledged-rules';

function nagFindings(stack: Stack): string[] {
  const all = Match.stringLikeRegexp('AwsSolutions-');
  const annotations = Annotations.fromStack(stack);
  return [...annotations.findError('*', all), ...annotations.findWarning('*', all)].map(m => `${m.id}: ${String(m.entry.data).split(': ')[0]}`);
}

function nag2App(): App {
  const app = new App();
  Aspects.of(app).add(new AwsSolutionsChecks());
  return app;
}

type Suppression = { id: string; reason: string; applies_to?: string[] };
const suppressionsOf = (stack: Stack) => stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))
  .flatMap(r => ((r.getMetadata('cdk_nag')?.rules_to_suppress ?? []) as Suppression[]).map(s => ({ path: r.node.path, ...s })));

test('the example stack passes cdk-nag 2 AwsSolutions: no errors, no warnings', () => {
  const app = nag2App();
  const stack = exampleStack(app);
  expect(nagFindings(stack)).toEqual([]);
  expect(suppressionsOf(stack).length).toBeGreaterThanOrEqual(9);
});

test('the check is live: without the construct\'s suppressions, cdk-nag 2 reports exactly the findings they cover', () => {
  const app = nag2App();
  const stack = exampleStack(app);
  const suppressions = suppressionsOf(stack);
  for (const r of stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))) {
    delete r.cfnOptions.metadata?.cdk_nag;
  }
  const findings = nagFindings(stack);
  expect(findings).toEqual(expect.arrayContaining([
    expect.stringMatching(/OnEventRole\/DefaultPolicy\/Resource: AwsSolutions-IAM5\[Resource::\*\]$/),
    expect.stringMatching(/waiter-state-machine\/Resource: AwsSolutions-SF2$/),
  ]));
  expect(findings.length).toBeGreaterThanOrEqual(9);
  const uncovered = findings.filter(f => {
    const [, p, rule, detail] = f.match(/^\/(.+): ([\w-]+)(?:\[(.+)\])?$/)!;
    return !suppressions.some(s => s.path === p && s.id === rule && (s.applies_to === undefined || s.applies_to.includes(detail)));
  });
  expect(uncovered).toEqual([]);
});

test('an unrelated finding still fails: the suppressions are narrow', () => {
  const app = nag2App();
  const stack = new Stack(app, 'Bad');
  new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  expect(nagFindings(stack)).toEqual([expect.stringMatching(/Role\/Resource: AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/AdministratorAccess\]$/)]);
});

test('the metadata is exactly what NagSuppressions.addResourceSuppressions writes', () => {
  const build = () => {
    const stack = new Stack(new App(), 'Same');
    const parent = new Construct(stack, 'Parent');
    new CfnResource(parent, 'A', { type: 'AWS::SNS::Topic' });
    new CfnResource(new Construct(parent, 'Nested'), 'B', { type: 'AWS::SNS::Topic' });
    return { stack, parent };
  };
  const reason = 'a reason long enough for every reviewer to check it';
  const ours = build();
  acknowledgeNagFinding(ours.parent, { rule: 'AwsSolutions-IAM5', appliesTo: 'Resource::*', reason });
  acknowledgeNagFinding(ours.parent, { rule: 'AwsSolutions-SF2', reason });
  acknowledgeNagFinding(ours.parent, { rule: 'AwsSolutions-SF2', reason });
  const theirs = build();
  NagSuppressions.addResourceSuppressions(theirs.parent, [{ id: 'AwsSolutions-IAM5', appliesTo: ['Resource::*'], reason }], true);
  NagSuppressions.addResourceSuppressions(theirs.parent, [{ id: 'AwsSolutions-SF2', reason }], true);
  NagSuppressions.addResourceSuppressions(theirs.parent, [{ id: 'AwsSolutions-SF2', reason }], true);
  expect(suppressionsOf(ours.stack)).toEqual(suppressionsOf(theirs.stack));
  expect(suppressionsOf(ours.stack)).toHaveLength(4);
});

test('cdk-nag 2 and cdk-nag 3 acknowledge the same findings, with reasons cdk-nag 2 stores as written', () => {
  const app = new App();
  const stack = exampleStack(app);
  const v2 = suppressionsOf(stack).map(s => `${s.id}${s.applies_to ? `[${s.applies_to.join()}]` : ''}`);
  const v3 = app.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === ACKNOWLEDGED_RULES_KEY))
    .flatMap(m => Object.keys(m.data as object)).map(id => id.replace(/^AwsSolutions::/, ''));
  expect([...new Set(v2)].sort()).toEqual([...new Set(v3)].sort());
  // cdk-nag 2 base64-encodes reasons with characters beyond Latin-1; ours stay readable in the template.
  for (const s of suppressionsOf(stack)) expect(s.reason).toMatch(/^[\x20-\xff]{10,}$/);
});

test('AwsSolutions-L1 is acknowledged only on framework functions aws-cdk-lib runs on an older Node.js than the handlers', () => {
  const stack = exampleStack(new App());
  const runtimes = Object.fromEntries(stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function')
    .map(r => [r.node.path, stack.resolve((r as unknown as { runtime: string }).runtime)]));
  const handlerRuntime = runtimes['PhoneNumberOrderExample/PhoneNumberOrderProvider/OnEvent/Resource'];
  expect(handlerRuntime).toBe('nodejs24.x');
  const older = Object.keys(runtimes).filter(p => runtimes[p] !== handlerRuntime).sort();
  const acknowledged = suppressionsOf(stack).filter(s => s.id === 'AwsSolutions-L1').map(s => s.path).sort();
  expect(acknowledged).toEqual(older);
  expect(older.every(p => /\/Provider\/framework-(onEvent|isComplete|onTimeout)\/Resource$/.test(p))).toBe(true);
});
