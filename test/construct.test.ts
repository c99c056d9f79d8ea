import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ChimeApi, PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType } from '../lib';

const NUMBERS = ['+12065550100', '+12065550101'];

function stackWith(...props: Partial<ConstructorParameters<typeof PhoneNumberOrder>[2]>[]): Template {
  const stack = new Stack(new App(), 'Test');
  props.forEach((p, i) => new PhoneNumberOrder(stack, `Numbers${i}`, {
    productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS, ...p,
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
      'chime:GetVoiceConnector', 'chime:GetVoiceConnectorGroup',
      'chime:ListPhoneNumberOrders', 'chime:RestorePhoneNumber', 'chime:UpdatePhoneNumber', 'chime:UpdateSipRule',
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
        'chime:ListPhoneNumberOrders', 'chime:RestorePhoneNumber', 'chime:UpdatePhoneNumber',
        'chime:GetSipMediaApplication', 'chime:GetVoiceConnector', 'chime:GetVoiceConnectorGroup', ...unroute].sort(),
      IsComplete: [...logging, 'chime:BatchDeletePhoneNumber', 'chime:GetPhoneNumber', 'chime:GetPhoneNumberOrder', 'chime:ListPhoneNumberOrders',
        'chime:UpdatePhoneNumber', 'chime:AssociatePhoneNumbersWithVoiceConnector', 'chime:AssociatePhoneNumbersWithVoiceConnectorGroup',
        'chime:CreateSipRule', ...unroute].sort(),
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
    const stack = new Stack(new App(), 'Mixed');
    const param = new CfnParameter(stack, 'Extra', { type: 'String' });
    new PhoneNumberOrder(stack, 'Order', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100', param.valueAsString] });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { E164PhoneNumbers: ['+12065550100', { Ref: 'Extra' }] });
    expect(() => new PhoneNumberOrder(stack, 'Bad', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['206-555-0100', param.valueAsString] }))
      .toThrow(/Mixed\/Bad: 206-555-0100 is not an E\.164/);
  });
});
