// Sharing an order's numbers with another stack. Not through an export: orderId and phoneNumbers
// change whenever numbers are added, and CloudFormation refuses to update an export another stack
// imports ("Cannot update export ... as it is in use"). An SSM parameter carries the value instead;
// the consumer reads it at each of its deploys (the CDK CLI never skips a stack that reads one).
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { PhoneNumberOrder, PhoneProductType } from '../lib';

export const NUMBERS_PARAMETER = '/telephony/phone-numbers';

export function crossStackExample(app: App): { telephony: Stack; contactCenter: Stack } {
  const telephony = new Stack(app, 'Telephony');
  const order = new PhoneNumberOrder(telephony, 'Numbers', {
    productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN,
    e164PhoneNumbers: ['+12065550100', '+12065550101'],
  });
  new ssm.StringParameter(telephony, 'NumbersParameter', {
    parameterName: NUMBERS_PARAMETER,
    stringValue: order.phoneNumbersCommaSeparated,
  });

  const contactCenter = new Stack(app, 'ContactCenter');
  contactCenter.node.addDependency(telephony); // deploy order only: the parameter exists before it is read
  new lambda.Function(contactCenter, 'Router', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => process.env.PHONE_NUMBERS.split(",");'),
    environment: { PHONE_NUMBERS: ssm.StringParameter.valueForStringParameter(contactCenter, NUMBERS_PARAMETER) },
  });
  return { telephony, contactCenter };
}
