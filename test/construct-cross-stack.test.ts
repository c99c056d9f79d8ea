import { App, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { NUMBERS_PARAMETER, crossStackExample } from '../bin/cross-stack-example';
import { PhoneNumberOrder, PhoneProductType } from '../lib';

const exportsOf = (t: Template) => Object.values(t.toJSON().Outputs ?? {}).filter((o: any) => o.Export);
const importsIn = (t: Template) => JSON.stringify(t.toJSON()).match(/Fn::ImportValue/g) ?? [];

describe('using an order\'s numbers in another stack', () => {
  test('the README pattern: an SSM parameter, no export an update could be refused over', () => {
    const { telephony, contactCenter } = crossStackExample(new App());
    const producer = Template.fromStack(telephony);
    const consumer = Template.fromStack(contactCenter);
    producer.hasResourceProperties('AWS::SSM::Parameter', {
      Name: NUMBERS_PARAMETER, Type: 'String', Value: { 'Fn::Join': [',', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Numbers'), 'PhoneNumbers'] }] },
    });
    expect(exportsOf(producer)).toEqual([]);
    expect(importsIn(consumer)).toEqual([]);
    // The consumer resolves the parameter itself, on each of its deploys.
    expect(Object.values(consumer.toJSON().Parameters)).toContainEqual(
      expect.objectContaining({ Type: 'AWS::SSM::Parameter::Value<String>', Default: NUMBERS_PARAMETER }));
    consumer.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { PHONE_NUMBERS: { Ref: Match.anyValue() } } } });
  });

  test('what the pattern avoids: using phoneNumbers directly in another stack makes an export of a value that changes', () => {
    const app = new App();
    const telephony = new Stack(app, 'Telephony');
    const order = new PhoneNumberOrder(telephony, 'Numbers', { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'], outputs: false });
    const consumer = new Stack(app, 'Consumer');
    new ssm.StringParameter(consumer, 'Numbers', { stringValue: Fn.join(',', order.phoneNumbers) });
    expect(exportsOf(Template.fromStack(telephony))).toHaveLength(1);
    expect(importsIn(Template.fromStack(consumer))).toHaveLength(1);
  });
});
