// The routing part of the construct: the target in the order's properties, the always-deleted
// Custom::ChimePhoneNumberRouting that depends on the order and the target, attributes, outputs,
// and what synth refuses.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnSipMediaApplication, CfnVoiceConnector } from 'aws-cdk-lib/aws-chime';
import { ChimeApi, PhoneNumberOrder, PhoneNumberSearch, PhoneNumberTarget, PhoneProductType, type PhoneNumberOrderProps } from '../lib';

const NUMBERS = ['+12065550100', '+12065550101'];

function build(target: (stack: Stack) => PhoneNumberTarget, props: Partial<PhoneNumberOrderProps> = {}) {
  const stack = new Stack(new App(), 'Test', { env: { region: 'us-east-1', account: '123456789012' } });
  const order = new PhoneNumberOrder(stack, 'Numbers', {
    productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS, target: target(stack), ...props,
  });
  return { stack, order, template: Template.fromStack(stack) };
}
const connector = (stack: Stack) => new CfnVoiceConnector(stack, 'Connector', { name: 'calls', requireEncryption: true });
const application = (stack: Stack, region?: string) => new CfnSipMediaApplication(stack, 'App', {
  name: 'ivr', awsRegion: region ?? 'us-east-1', endpoints: [{ lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:ivr' }],
});
const logicalId = (template: Template, type: string) => Object.keys(template.findResources(type))[0];

describe('a routed order', () => {
  test('names its Voice Connector in the order and in the routing resource, which is always deleted and depends on both', () => {
    const { template } = build(s => PhoneNumberTarget.voiceConnector(connector(s)));
    const vc = logicalId(template, 'AWS::Chime::VoiceConnector');
    const order = logicalId(template, 'Custom::ChimePhoneNumberOrder');
    const routing = { TargetType: 'VoiceConnector', TargetId: { 'Fn::GetAtt': [vc, 'VoiceConnectorId'] }, TakeOver: false };
    template.hasResource('Custom::ChimePhoneNumberOrder', { DeletionPolicy: 'RetainExceptOnCreate', Properties: Match.objectLike({ Routing: routing }) });
    template.hasResource('Custom::ChimePhoneNumberRouting', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      DependsOn: [order],
      Properties: {
        ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('PhoneNumberOrderProviderframeworkonEvent'), 'Arn'] },
        OrderLogicalId: order, ProductType: 'VoiceConnector', E164PhoneNumbers: NUMBERS, Api: 'chime-sdk-voice', Routing: routing,
      },
    });
    template.hasOutput('*', { Value: { 'Fn::Join': [' ', [{ 'Fn::GetAtt': [order, 'RoutingTargetType'] }, { 'Fn::GetAtt': [order, 'RoutingTargetId'] }]] } });
    expect(Object.keys(template.findOutputs('*')).filter(k => k.includes('SipRuleIds'))).toEqual([]);
  });

  test('routes to a SIP media application at its own Region and the given priority; outputs the SIP rule IDs', () => {
    const { template, order } = build(s => PhoneNumberTarget.sipMediaApplication(application(s, 'us-west-2'), { priority: 2 }),
      { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN });
    const app = logicalId(template, 'AWS::Chime::SipMediaApplication');
    const id = logicalId(template, 'Custom::ChimePhoneNumberOrder');
    template.hasResourceProperties('Custom::ChimePhoneNumberOrder', {
      Routing: { TargetType: 'SipMediaApplication', TargetId: { 'Fn::GetAtt': [app, 'SipMediaApplicationId'] }, Priority: 2, Region: 'us-west-2', TakeOver: false },
    });
    template.hasOutput('*', { Value: { 'Fn::Join': [',', { 'Fn::GetAtt': [id, 'SipRuleIds'] }] } });
    const stack = Stack.of(order);
    expect([order.routingTargetId, order.routingTargetType].map(t => stack.resolve(t))).toEqual([
      { 'Fn::GetAtt': [id, 'RoutingTargetId'] }, { 'Fn::GetAtt': [id, 'RoutingTargetType'] },
    ]);
    expect(stack.resolve(order.sipRuleIds)).toEqual({ 'Fn::GetAtt': [id, 'SipRuleIds'] });
  });

  test('an ID or token target; the SIP media application Region defaults to the stack\'s; takeOver is passed on', () => {
    build(() => PhoneNumberTarget.voiceConnectorGroup('4b2d8e0c-7f51-4d4c-9a11-3f0a6b5e2c10', { takeOver: true })).template
      .hasResourceProperties('Custom::ChimePhoneNumberOrder', { Routing: { TargetType: 'VoiceConnectorGroup', TargetId: '4b2d8e0c-7f51-4d4c-9a11-3f0a6b5e2c10', TakeOver: true } });
    build(() => PhoneNumberTarget.sipMediaApplicationId('8f0b9a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'), { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN }).template
      .hasResourceProperties('Custom::ChimePhoneNumberOrder', { Routing: { TargetType: 'SipMediaApplication', Priority: 1, Region: 'us-east-1', TakeOver: false } });
  });

  test('an order without a target has no routing resource, property or attribute', () => {
    const stack = new Stack(new App(), 'Plain');
    const order = new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: NUMBERS });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::ChimePhoneNumberRouting', 0);
    expect(template.findResources('Custom::ChimePhoneNumberOrder', { Properties: { Routing: Match.anyValue() } })).toEqual({});
    expect([order.routingTargetId, order.sipRuleIds, order.routing]).toEqual([undefined, undefined, undefined]);
  });
});

describe('synth refuses a target that does not fit, naming the construct path', () => {
  const rows: [string, (s: Stack) => PhoneNumberTarget, Partial<PhoneNumberOrderProps>, RegExp][] = [
    ['a SIP media application for VOICE_CONNECTOR numbers', s => PhoneNumberTarget.sipMediaApplication(application(s)), {},
      /a SipMediaApplication target takes SipMediaApplicationDialIn numbers, not VoiceConnector: use productType SIP_MEDIA_APPLICATION_DIAL_IN/],
    ['a Voice Connector for SIP_MEDIA_APPLICATION_DIAL_IN numbers', s => PhoneNumberTarget.voiceConnector(connector(s)), { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN },
      /a VoiceConnector target takes VoiceConnector numbers, not SipMediaApplicationDialIn/],
    ['a group for BUSINESS_CALLING numbers', () => PhoneNumberTarget.voiceConnectorGroup('g'), { productType: PhoneProductType.BUSINESS_CALLING },
      /routing numbers needs the Chime SDK Voice API/],
    ['the legacy API', () => PhoneNumberTarget.voiceConnectorId('vc'), { api: ChimeApi.CHIME }, /routing numbers needs the Chime SDK Voice API \(the legacy chime API is past its end of support\)/],
    ['an empty ID', () => PhoneNumberTarget.voiceConnectorId(' '), {}, /target VoiceConnector ID is empty/],
    ['priority 0', () => PhoneNumberTarget.sipMediaApplicationId('app', { priority: 0 }), { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN }, /target priority 0 is invalid/],
    ['a made-up Region', () => PhoneNumberTarget.sipMediaApplicationId('app', { region: 'mars' }), { productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN }, /target region "mars" is not an AWS Region/],
  ];
  test.each(rows)('%s', (_what, target, props, message) => {
    expect(() => build(target, props)).toThrow(message);
    expect(() => build(target, props)).toThrow(/\n {2}\[Test\/Numbers\] /);
  });

  test('a search order cannot route its numbers yet, and synth says what to do', () => {
    expect(() => build(() => PhoneNumberTarget.voiceConnectorId('vc'), { e164PhoneNumbers: undefined, search: PhoneNumberSearch.areaCode('206'), quantity: 2 }))
      .toThrow(/\[Test\/Numbers\] target routes the numbers of e164PhoneNumbers orders; a search order cannot route them yet/);
  });

  test('SIP rule IDs count against the 4,096-byte response: fewer numbers fit, and the message says how many', () => {
    const many = Array.from({ length: 80 }, (_, i) => `+1206555${String(100 + i).padStart(4, '0')}`);
    expect(() => build(() => PhoneNumberTarget.voiceConnectorId('vc'), { e164PhoneNumbers: many })).not.toThrow();
    let message = '';
    try {
      build(() => PhoneNumberTarget.sipMediaApplicationId('app'), { e164PhoneNumbers: many, productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN });
    } catch (e) {
      message = (e as Error).message;
    }
    const fits = Number(/at most (\d+) numbers each/.exec(message)?.[1]);
    expect(fits).toBeGreaterThan(20);
    expect(fits).toBeLessThan(80);
    expect(() => build(() => PhoneNumberTarget.sipMediaApplicationId('app'), { e164PhoneNumbers: many.slice(0, fits), productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN })).not.toThrow();
  });
});

test('a native resource of another type is refused at synth, naming it and the fix', () => {
  const app = new App();
  const stack = new Stack(app, 'Test');
  const wrong = new CfnSipMediaApplication(stack, 'App', { awsRegion: 'us-east-1', name: 'ivr', endpoints: [{ lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:ivr' }] });
  new PhoneNumberOrder(stack, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'], target: PhoneNumberTarget.voiceConnector(wrong) });
  expect(() => app.synth()).toThrow(/\[Test\/Numbers\] PhoneNumberTarget\.voiceConnector\(\) takes an AWS::Chime::VoiceConnector resource, and Test\/App is AWS::Chime::SipMediaApplication: .*voiceConnectorId\(\)/);
});
