import { App, Annotations as CdkAnnotations, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ChimeApi, PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType } from '../lib';
import { synthErrors } from './support/synth-errors';

const NUMBERS = ['+12065550100', '+12065550101'];
/** Two fictional numbers per order (555-0100..0199), distinct up to 50 orders: one app's orders may not share a number. */
const numbersFor = (i: number) => [`+12065550${100 + 2 * i}`, `+12065550${101 + 2 * i}`];

function stackWith(...props: Partial<ConstructorParameters<typeof PhoneNumberOrder>[2]>[]): Template {
  const stack = new Stack(new App(), 'Test');
  props.forEach((p, i) => new PhoneNumberOrder(stack, `Numbers${i}`, {
    productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: i === 0 ? NUMBERS : numbersFor(i), ...p,
  }));
  return Template.fromStack(stack);
}

const chimeActions = (template: Template) => Object.values(template.findResources('AWS::IAM::Policy'))
  .flatMap(p => p.Properties.PolicyDocument.Statement)
  .flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action))
  .filter(a => a.startsWith('chime:'));

describe('PhoneNumberOrder template', () => {
  test('declares a Custom::ChimePhoneNumberOrder with the order properties', () => {
    stackWith({ allowPartial: true, name: 'main-line' }).hasResourceProperties('Custom::ChimePhoneNumberOrder', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('PhoneNumberOrderProviderframeworkonEvent'), 'Arn'] },
      ProductType: 'VoiceConnector',
      E164PhoneNumbers: NUMBERS,
      Api: 'chime-sdk-voice',
      Name: 'main-line',
      AllowPartial: true,
    });
  });

  test('defaults the API from the product type', () => {
    stackWith({ productType: PhoneProductType.BUSINESS_CALLING }).hasResourceProperties('Custom::ChimePhoneNumberOrder', { Api: 'chime' });
    stackWith({ productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN }).hasResourceProperties('Custom::ChimePhoneNumberOrder', { Api: 'chime-sdk-voice' });
    stackWith({ api: ChimeApi.CHIME }).hasResourceProperties('Custom::ChimePhoneNumberOrder', { Api: 'chime', ProductType: 'VoiceConnector' });
  });

  test.each([
    [undefined, 'RetainExceptOnCreate', 'Retain'],
    [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, 'RetainExceptOnCreate', 'Retain'],
    [RemovalPolicy.RETAIN, 'Retain', 'Retain'],
    [RemovalPolicy.DESTROY, 'Delete', 'Delete'],
  ])('removalPolicy %s gives DeletionPolicy %s', (removalPolicy, deletion, replace) => {
    stackWith({ removalPolicy }).hasResource('Custom::ChimePhoneNumberOrder', { DeletionPolicy: deletion, UpdateReplacePolicy: replace });
  });

  test('grants exactly the chime actions the handlers call, on no other service wildcard', () => {
    const template = stackWith({});
    expect([...new Set(chimeActions(template))].sort()).toEqual([
      'chime:AssociatePhoneNumbersWithVoiceConnector', 'chime:AssociatePhoneNumbersWithVoiceConnectorGroup',
      'chime:BatchDeletePhoneNumber', 'chime:CreatePhoneNumberOrder', 'chime:CreateSipRule', 'chime:DeleteSipRule',
      'chime:DisassociatePhoneNumbersFromVoiceConnector', 'chime:DisassociatePhoneNumbersFromVoiceConnectorGroup',
      'chime:GetPhoneNumber', 'chime:GetPhoneNumberOrder', 'chime:GetSipMediaApplication', 'chime:GetSipRule',
      'chime:GetVoiceConnector', 'chime:GetVoiceConnectorGroup', 'chime:ListPhoneNumberOrders', 'chime:ListPhoneNumbers',
      'chime:RestorePhoneNumber', 'chime:SearchAvailablePhoneNumbers', 'chime:UpdatePhoneNumber', 'chime:UpdateSipRule',
    ]);
    const all = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap(p => p.Properties.PolicyDocument.Statement).flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action));
    expect(all.filter(a => a.includes('*'))).toEqual([]);
  });

  test('pins every IAM action of every role: chime actions per handler, logging, and the Provider framework\'s own', () => {
    const template = stackWith({});
    const byPolicy = Object.fromEntries(Object.entries(template.findResources('AWS::IAM::Policy')).map(([id, p]) => [
      id.replace(/^PhoneNumberOrderProvider|RoleDefaultPolicy\w+$|DefaultPolicy\w+$/g, ''),
      [...new Set(p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action)))].sort(),
    ]));
    const logging = ['logs:CreateLogStream', 'logs:PutLogEvents'];
    const invoke = ['lambda:GetFunction', 'lambda:InvokeFunction'];
    // Both functions take routing away (before a release or a product type change, and on delete).
    const unroute = ['chime:DeleteSipRule', 'chime:DisassociatePhoneNumbersFromVoiceConnector', 'chime:DisassociatePhoneNumbersFromVoiceConnectorGroup',
      'chime:GetSipRule', 'chime:UpdateSipRule'];
    expect(byPolicy).toEqual({
      OnEvent: [...logging, 'chime:BatchDeletePhoneNumber', 'chime:CreatePhoneNumberOrder', 'chime:GetPhoneNumber', 'chime:GetPhoneNumberOrder',
        'chime:ListPhoneNumberOrders', 'chime:ListPhoneNumbers', 'chime:RestorePhoneNumber', 'chime:SearchAvailablePhoneNumbers', 'chime:UpdatePhoneNumber',
        'chime:GetSipMediaApplication', 'chime:GetVoiceConnector', 'chime:GetVoiceConnectorGroup', ...unroute].sort(),
      IsComplete: [...logging, 'chime:BatchDeletePhoneNumber', 'chime:CreatePhoneNumberOrder', 'chime:GetPhoneNumber', 'chime:GetPhoneNumberOrder',
        'chime:ListPhoneNumberOrders', 'chime:ListPhoneNumbers', 'chime:SearchAvailablePhoneNumbers', 'chime:UpdatePhoneNumber',
        'chime:AssociatePhoneNumbersWithVoiceConnector', 'chime:AssociatePhoneNumbersWithVoiceConnectorGroup', 'chime:CreateSipRule', ...unroute].sort(),
      FrameworkOnEvent: [...invoke, ...logging, 'states:StartExecution'].sort(),
      FrameworkWaiter: [...invoke, ...logging].sort(),
      waiterstatemachine: ['lambda:InvokeFunction', 'logs:CreateLogDelivery', 'logs:CreateLogStream', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups',
        'logs:DescribeResourcePolicies', 'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutLogEvents', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery'],
    });
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  test('50 orders share one provider: 50 custom resources, the same functions as one order', () => {
    const one = stackWith({});
    const fifty = stackWith(...Array.from({ length: 50 }, () => ({ outputs: false })));
    fifty.resourceCountIs('Custom::ChimePhoneNumberOrder', 50);
    fifty.resourceCountIs('AWS::Lambda::Function', Object.keys(one.findResources('AWS::Lambda::Function')).length);
    fifty.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });

  test('handlers run on Node.js 24 (22 or newer), with JSON logs, from the bundled asset', () => {
    const template = stackWith({});
    for (const handler of ['index.onEvent', 'index.isComplete']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: handler, Runtime: 'nodejs24.x', LoggingConfig: { LogFormat: 'JSON', LogGroup: Match.anyValue() },
      });
    }
  });

  test('adds the order ID and numbers outputs, unless outputs is false', () => {
    const template = stackWith({});
    template.hasOutput('*', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('Numbers0'), 'OrderId'] } });
    template.hasOutput('*', { Value: { 'Fn::Join': [',', { 'Fn::GetAtt': [Match.stringLikeRegexp('Numbers0'), 'PhoneNumbers'] }] } });
    expect(Object.keys(stackWith({ outputs: false }).findOutputs('*'))).toEqual([]);
  });

  test('attributes resolve to the custom resource attributes', () => {
    const stack = new Stack(new App(), 'Attrs');
    const order = new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    const resolved = (v: unknown) => JSON.stringify(stack.resolve(v));
    expect(resolved(order.orderId)).toContain('"OrderId"');
    expect(resolved(order.orderStatus)).toContain('"OrderStatus"');
    // The handler answers the numbers as JSON lists, so the attributes are lists themselves: empty when empty.
    expect(stack.resolve(order.phoneNumbers)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'PhoneNumbers'] });
    expect(resolved(order.phoneNumberCount)).toContain('"PhoneNumberCount"');
    expect(stack.resolve(order.failedPhoneNumbers)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'FailedPhoneNumbers'] });
  });

  test('a given provider is used, with its interval and timeout in the waiter', () => {
    const stack = new Stack(new App(), 'Custom');
    const provider = new PhoneNumberOrderProvider(stack, 'Mine', { queryInterval: Duration.seconds(3), totalTimeout: Duration.minutes(6) });
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS, provider });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::ChimePhoneNumberOrder', { ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } });
    const machine = JSON.stringify(Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0]);
    expect(machine).toContain('\\"IntervalSeconds\\":3');
    expect(machine).toContain('\\"MaxAttempts\\":120');
    expect(stack.node.tryFindChild('PhoneNumberOrderProvider')).toBeUndefined();
  });

  test('a CommaDelimitedList parameter passes through unvalidated', () => {
    const stack = new Stack(new App(), 'Tokens');
    const param = new CfnParameter(stack, 'Numbers', { type: 'CommaDelimitedList' });
    new PhoneNumberOrder(stack, 'Order', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: param.valueAsList });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { E164PhoneNumbers: { Ref: 'Numbers' } });
  });

  test('token elements pass through while literal elements are still checked', () => {
    const app = new App();
    const stack = new Stack(app, 'Mixed');
    const param = new CfnParameter(stack, 'Extra', { type: 'String' });
    new PhoneNumberOrder(stack, 'Order', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100', param.valueAsString] });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { E164PhoneNumbers: ['+12065550100', { Ref: 'Extra' }] });
    const bad = new App();
    const badStack = new Stack(bad, 'Mixed');
    const badParam = new CfnParameter(badStack, 'Extra', { type: 'String' });
    new PhoneNumberOrder(badStack, 'Bad', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['206-555-0100', badParam.valueAsString] });
    expect(synthErrors(bad)).toEqual([expect.stringMatching(/^\[Mixed\/Bad\] 206-555-0100 is not an E\.164/)]);
  });
});

describe('API region', () => {
  const orderIn = (env: { region?: string } | undefined, props: Partial<ConstructorParameters<typeof PhoneNumberOrder>[2]> = {}) => {
    const app = new App();
    const stack = new Stack(app, 'Regional', { env });
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS, ...props });
    return { app, stack };
  };

  test.each([
    ['an environment-agnostic stack: the stack\'s region, checked by the handler at deploy', undefined, {}, { Ref: 'AWS::Region' }],
    ['a stack in us-west-2: us-west-2', { region: 'us-west-2' }, {}, 'us-west-2'],
    ['a stack anywhere with apiRegion: apiRegion', { region: 'eu-north-1' }, { apiRegion: 'us-east-1' }, 'us-east-1'],
  ])('%s', (_what, env, props, apiRegion) => {
    Template.fromStack(orderIn(env, props).stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { ApiRegion: apiRegion });
  });

  test('the legacy API has no ApiRegion: its one global endpoint serves stacks in any region of the partition', () => {
    const { app, stack } = orderIn({ region: 'eu-north-1' }, { productType: PhoneProductType.BUSINESS_CALLING });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { Api: 'chime', ApiRegion: Match.absent() });
    expect(synthErrors(app)).toEqual([]);
  });

  test('a stack in a region without phone numbers: a synth error naming the region and the choices', () => {
    expect(synthErrors(orderIn({ region: 'eu-north-1' }).app)).toEqual([
      '[Regional/Numbers] the stack\'s region eu-north-1 (the default apiRegion) has no Chime SDK Voice phone number API: phone numbers are '
        + 'ordered and managed only in us-east-1 or us-west-2, and numbers ordered there work with Voice Connectors and SIP media applications '
        + 'in any region. To fix, set apiRegion to us-east-1 or us-west-2',
    ]);
  });

  test.each([
    ['Chime SDK Voice', {}, /Chime SDK Voice phone numbers exist only in the aws partition \(us-east-1 or us-west-2\), and this stack is in cn-north-1 \(partition aws-cn\)/],
    ['the legacy API', { api: ChimeApi.CHIME }, /the legacy Amazon Chime API has one global endpoint, in the aws partition only, and this stack is in cn-north-1/],
  ])('a stack outside the aws partition, %s: a synth error naming the partition', (_what, props, message) => {
    expect(synthErrors(orderIn({ region: 'cn-north-1' }, { apiRegion: 'us-east-1', ...props }).app)).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]));
  });
});

describe('the legacy API', () => {
  const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('legacy Amazon Chime API'));

  test('an order through it gets a synth warning with an id, saying what end of support means and where to go', () => {
    const stack = new Stack(new App(), 'Legacy');
    new PhoneNumberOrder(stack, 'Office', { productType: PhoneProductType.BUSINESS_CALLING, e164PhoneNumbers: NUMBERS });
    new PhoneNumberOrder(stack, 'Trunk', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: numbersFor(1) });
    const found = warnings(stack);
    expect(found.map(w => w.id)).toEqual(['/Legacy/Office']);
    expect(found[0].entry.data).toMatch(/reached end of support on 2026-02-20/);
    expect(found[0].entry.data).toMatch(/Chime SDK Voice \(ChimeApi\.CHIME_SDK_VOICE/);
    expect(found[0].entry.data).toMatch(/\[ack: phone-number-order:legacyChimeApi\]/);
  });

  test('users can acknowledge it by its id', () => {
    const stack = new Stack(new App(), 'Legacy');
    const order = new PhoneNumberOrder(stack, 'Office', { productType: PhoneProductType.BUSINESS_CALLING, e164PhoneNumbers: NUMBERS });
    CdkAnnotations.of(order).acknowledgeWarning(PhoneNumberOrder.LEGACY_API_WARNING_ID, 'Business Calling until the migration');
    expect(warnings(stack)).toEqual([]);
  });
});

describe('the provider', () => {
  const machineOf = (template: Template) => Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0];

  test('the waiter logs to its own group under /aws/vendedlogs/states/, as aws-cdk-lib names state machine log groups', () => {
    const template = stackWith({});
    const logGroupId = machineOf(template).Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0];
    const name = template.toJSON().Resources[logGroupId].Properties.LogGroupName;
    expect(name).toEqual({ 'Fn::Join': ['', ['/aws/vendedlogs/states/phone-number-order-waiter-', { Ref: expect.stringMatching(/^PhoneNumberOrderProviderIsComplete/) }]] });
    expect(machineOf(template).Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
  });

  test.each([
    ['by default', {}, 'Retain', 365],
    ['with logRemovalPolicy DESTROY and logRetention ONE_MONTH', { logRemovalPolicy: RemovalPolicy.DESTROY, logRetention: logs.RetentionDays.ONE_MONTH }, 'Delete', 30],
  ])('the provider\'s log groups %s', (_what, props, policy, days) => {
    const stack = new Stack(new App(), 'Logs');
    PhoneNumberOrderProvider.configure(stack, props);
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    const groups = Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group).toMatchObject({ DeletionPolicy: policy, UpdateReplacePolicy: policy, Properties: { RetentionInDays: days } });
  });

  test.each([
    ['the default totalTimeout (30 minutes)', undefined, '2040'],
    ['a totalTimeout of 10 minutes', Duration.minutes(10), '840'],
    ['a totalTimeout of 1 hour (CloudFormation allows no more than 3600)', Duration.hours(1), '3600'],
  ])('ServiceTimeout: CloudFormation gives up shortly after %s', (_what, totalTimeout, seconds) => {
    const stack = new Stack(new App(), 'Timeout');
    PhoneNumberOrderProvider.configure(stack, { totalTimeout });
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { ServiceTimeout: seconds });
  });

  test('configure() sets the stack-wide provider, at the same path and with the same ServiceToken as the default one', () => {
    const tokenOf = (configure: boolean) => {
      const stack = new Stack(new App(), 'Configured');
      if (configure) PhoneNumberOrderProvider.configure(stack, { queryInterval: Duration.seconds(5), totalTimeout: Duration.minutes(20) });
      new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
      const template = Template.fromStack(stack);
      const order = Object.values(template.findResources('Custom::ChimePhoneNumberOrder'))[0];
      return { token: order.Properties.ServiceToken, machine: JSON.stringify(machineOf(template)), template };
    };
    const configured = tokenOf(true);
    expect(configured.token).toEqual(tokenOf(false).token);
    expect(configured.token).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^PhoneNumberOrderProviderframeworkonEvent/), 'Arn'] });
    expect(configured.machine).toContain('\\"IntervalSeconds\\":5');
    expect(configured.machine).toContain('\\"MaxAttempts\\":240');
    configured.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.isComplete', Environment: { Variables: { TOTAL_TIMEOUT_SECONDS: '1200', QUERY_INTERVAL_SECONDS: '5' } },
    });
  });

  test('configure() twice with the same settings is fine; with other settings, a synth error naming both places', () => {
    const app = new App();
    const stack = new Stack(app, 'Twice');
    const first = PhoneNumberOrderProvider.configure(stack, { queryInterval: Duration.seconds(5) });
    expect(PhoneNumberOrderProvider.configure(stack, { queryInterval: Duration.seconds(5) })).toBe(first);
    PhoneNumberOrderProvider.configure(stack, { queryInterval: Duration.seconds(20) });
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    expect(synthErrors(app)).toEqual([
      '[Twice/PhoneNumberOrderProvider] PhoneNumberOrderProvider.configure() at Twice asks for queryInterval 20 seconds, but the stack\'s '
        + 'provider already has queryInterval 5 seconds (PhoneNumberOrderProvider.configure() at Twice). One provider serves the whole stack '
        + 'and keeps its ServiceToken: configure it once, with PhoneNumberOrderProvider.configure() before the stack\'s first PhoneNumberOrder',
    ]);
  });

  test('configure() after an order already took the default provider: a synth error naming that order', () => {
    const app = new App();
    const stack = new Stack(app, 'Late');
    new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    PhoneNumberOrderProvider.configure(stack, { totalTimeout: Duration.minutes(10), logRemovalPolicy: RemovalPolicy.DESTROY });
    expect(synthErrors(app)).toEqual([expect.stringMatching(new RegExp(
      '^\\[Late/PhoneNumberOrderProvider\\] PhoneNumberOrderProvider.configure\\(\\) at Late asks for totalTimeout 10 minutes, logRemovalPolicy destroy, '
      + 'but the stack\'s provider already has totalTimeout 30 minutes, logRemovalPolicy retain \\(default settings, first used by Late/Numbers\\)'))]);
  });
});
