// cdk-nag 3 (a validation plugin) over the example stack.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { exampleStack } from '../bin/example-stack';
import { acknowledgeNagFinding } from '../lib/nag-acknowledgment';
import { routingExampleStack } from '../bin/routing-example-stack';

function nagApp(): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-')) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

const acknowledgments = (app: App) => app.node.findAll()
  .flatMap(c => c.node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
  .flatMap(m => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));

test('the example stack passes cdk-nag AwsSolutions with nothing unacknowledged', () => {
  const app = nagApp();
  exampleStack(app);
  expect(() => app.synth()).not.toThrow();
});

test('the routing example (Voice Connectors, a SIP media application and its Lambda, routed orders) passes too', () => {
  const app = nagApp();
  routingExampleStack(app);
  expect(() => app.synth()).not.toThrow();
});

test('every acknowledgment names a rule and carries a reason a reviewer can check', () => {
  const app = nagApp();
  exampleStack(app);
  const acks = acknowledgments(app);
  expect(acks.length).toBeGreaterThanOrEqual(5);
  for (const ack of acks) {
    expect(ack.id).toMatch(/^AwsSolutions::AwsSolutions-(IAM5\[Resource::[^\]]+\]|SF2)$/);
    expect(ack.reason.length).toBeGreaterThan(60);
  }
  expect(acks.map(a => a.id)).not.toContain('AwsSolutions::AwsSolutions-IAM4');
});

test('acknowledgments are recorded exactly as Validations.acknowledge records them', () => {
  const stack = new Stack(new App(), 'Same');
  const ours = new CfnResource(stack, 'Ours', { type: 'AWS::SNS::Topic' });
  const theirs = new CfnResource(stack, 'Theirs', { type: 'AWS::SNS::Topic' });
  const reason = 'a reason long enough for every reviewer to check it';
  acknowledgeNagFinding(ours, { rule: 'AwsSolutions-IAM5', appliesTo: 'Resource::<Fn.Arn>:*', reason });
  acknowledgeNagFinding(ours, { rule: 'AwsSolutions-SF2', reason });
  Validations.of(theirs).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::<Fn.Arn>:*]', reason }, { id: 'AwsSolutions::AwsSolutions-SF2', reason });
  const recorded = (c: CfnResource) => c.node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map(m => m.data);
  expect(recorded(ours)).toEqual(recorded(theirs));
  expect(recorded(ours)).toHaveLength(2);
  expect(ours.node.metadata.filter(m => m.type === 'aws:cdk:acknowledged-rules')).toHaveLength(2);
});

test('the check is live: an unacknowledged finding fails synth', () => {
  const app = nagApp();
  const stack = new Stack(app, 'Bad');
  new iam.Role(stack, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });
  expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
});
