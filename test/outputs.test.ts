// Stack outputs under readable, stable keys, and the attributes users script against.
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { PhoneNumberOrder, PhoneNumberOrderProps, PhoneProductType } from '../lib';

const PROPS: PhoneNumberOrderProps = { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: ['+12065550100'] };
const getAtt = (attribute: string) => ({ 'Fn::GetAtt': [expect.stringMatching(/^Numbers[0-9A-F]{8}$/), attribute] });

test('outputs are keyed by the construct path, not a hash: <path>OrderId and <path>PhoneNumbers', () => {
  const stack = new Stack(new App(), 'Keys');
  new PhoneNumberOrder(stack, 'Numbers', PROPS);
  expect(Template.fromStack(stack).toJSON().Outputs).toEqual({
    NumbersOrderId: { Value: getAtt('OrderId'), Description: 'Chime phone number order ID of Keys/Numbers' },
    NumbersPhoneNumbers: { Value: { 'Fn::Join': [',', getAtt('PhoneNumbers')] }, Description: 'Phone numbers acquired by Keys/Numbers, comma-separated' },
  });
});

test('a nested construct\'s keys join its ids below the stack, letters and digits only', () => {
  const stack = new Stack(new App(), 'Nested');
  new PhoneNumberOrder(new Construct(new Construct(stack, 'Team-A'), 'Support_Line'), 'Numbers', PROPS);
  expect(Object.keys(Template.fromStack(stack).toJSON().Outputs).sort()).toEqual(['TeamASupportLineNumbersOrderId', 'TeamASupportLineNumbersPhoneNumbers']);
});

test('two orders whose keys would clash fail synth, naming both constructs and the fix', () => {
  const app = new App();
  const stack = new Stack(app, 'Clash');
  new PhoneNumberOrder(stack, 'Main-Line', PROPS);
  new PhoneNumberOrder(stack, 'MainLine', { ...PROPS, e164PhoneNumbers: ['+12065550101'] });
  expect(() => app.synth()).toThrow(/\[Clash\/Main-Line\] the stack output key "MainLineOrderId" is also used by Clash\/MainLine\/OrderIdOutput: give one of them another construct id, or set outputs: false/);
});

test('an output of the user\'s with the same key fails synth too; outputs: false avoids it', () => {
  const clash = (outputs: boolean) => {
    const app = new App();
    const stack = new Stack(app, 'Mine');
    new CfnOutput(stack, 'NumbersPhoneNumbers', { value: 'mine' });
    new PhoneNumberOrder(stack, 'Numbers', { ...PROPS, outputs });
    return () => app.synth();
  };
  expect(clash(true)).toThrow(/\[Mine\/Numbers\] the stack output key "NumbersPhoneNumbers" is also used by Mine\/NumbersPhoneNumbers/);
  expect(clash(false)).not.toThrow();
});

test('a key longer than CloudFormation allows fails synth, saying how long', () => {
  const app = new App();
  const stack = new Stack(app, 'Long');
  new PhoneNumberOrder(new Construct(stack, 'X'.repeat(250)), 'Numbers', PROPS);
  expect(() => app.synth()).toThrow(/the stack output key "X{250}NumbersOrderId" is 264 characters, more than CloudFormation's 255/);
});

test('outputs: false adds none', () => {
  const stack = new Stack(new App(), 'None');
  new PhoneNumberOrder(stack, 'Numbers', { ...PROPS, outputs: false });
  expect(Template.fromStack(stack).toJSON().Outputs).toBeUndefined();
});

test('phoneNumbers and failedPhoneNumbers are the list attributes themselves; phoneNumbersCommaSeparated joins the first', () => {
  const stack = new Stack(new App(), 'Attrs');
  const order = new PhoneNumberOrder(stack, 'Numbers', PROPS);
  expect(stack.resolve(order.phoneNumbers)).toEqual(getAtt('PhoneNumbers'));
  expect(stack.resolve(order.phoneNumbersCommaSeparated)).toEqual({ 'Fn::Join': [',', getAtt('PhoneNumbers')] });
  expect(stack.resolve(order.failedPhoneNumbers)).toEqual(getAtt('FailedPhoneNumbers'));
});
