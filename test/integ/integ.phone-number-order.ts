// Integration test for a real account, run by integ-runner (`npm run integ:deploy`, see CONTRIBUTING.md):
// a Voice Connector, and an order of one number found by search (or of the numbers you name) routed to
// it; asserts through the Chime SDK Voice API that the order is terminal, and that the connector holds
// exactly the numbers the order answers with, each held (Assigned); then destroys the stack,
// taking the routing away, releasing the numbers (removalPolicy DESTROY) and deleting the connector.
// `npm test` checks the committed snapshot offline (`npm run integ:update` regenerates it).
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnOutput, CfnResource, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneNumberOrderProvider, PhoneNumberSearch, PhoneNumberTarget, PhoneProductType } from '../../lib';

// Environment variables, not CDK context: integ-runner synthesises the app with a context of its own.
/** Numbers to order instead of searching, comma-separated. Unset: one number found by search. */
export const NUMBERS_VARIABLE = 'INTEG_PHONE_NUMBERS';
/** The U.S. area code to search. Unset: the snapshot's. */
export const AREA_CODE_VARIABLE = 'INTEG_AREA_CODE';
const SNAPSHOT_AREA_CODE = '206';
const SEARCH_QUANTITY = 1;

const numbers = (process.env[NUMBERS_VARIABLE] ?? '').split(',').map(n => n.trim()).filter(Boolean);
const areaCode = process.env[AREA_CODE_VARIABLE] || SNAPSHOT_AREA_CODE;
const count = numbers.length > 0 ? numbers.length : SEARCH_QUANTITY;

const app = new App();
const stack = new Stack(app, 'PhoneNumberOrderInteg');
const provider = new PhoneNumberOrderProvider(stack, 'Provider');
// The provider keeps its logs by default; a test stack leaves nothing behind.
provider.logGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
// aws_chime.CfnVoiceConnector is newer than the aws-cdk-lib this app runs on (scripts/cdk-lib-versions.js).
const connector = new CfnResource(stack, 'Connector', {
  type: 'AWS::Chime::VoiceConnector',
  properties: { Name: 'phone-number-order-integ', RequireEncryption: true },
});
const order = new PhoneNumberOrder(stack, 'Numbers', {
  productType: PhoneProductType.VOICE_CONNECTOR,
  ...(numbers.length > 0 ? { e164PhoneNumbers: numbers } : { search: PhoneNumberSearch.areaCode(areaCode), quantity: SEARCH_QUANTITY }),
  target: PhoneNumberTarget.voiceConnector(connector),
  removalPolicy: RemovalPolicy.DESTROY,
  provider,
});
const connectorId = connector.getAtt('VoiceConnectorId').toString();
// The numbers the order answers with (its PhoneNumbers attribute), for the assertions' stack: exported
// by name, joined, since CDK's automatic cross-stack references carry strings, not a list attribute.
const NUMBERS_EXPORT = 'PhoneNumberOrderInteg-PhoneNumbers';
new CfnOutput(stack, 'AnsweredNumbers', { value: order.phoneNumbersCommaSeparated, exportName: NUMBERS_EXPORT });

const integ = new IntegTest(app, 'PhoneNumberOrderIntegTest', {
  testCases: [stack],
  // Chime SDK Voice sells U.S. numbers from us-east-1.
  regions: ['us-east-1'],
  // Deploying the committed snapshot first would order numbers twice over: one deploy per run.
  stackUpdateWorkflow: false,
});

// Terminal and whole: every ordered number acquired.
integ.assertions.awsApiCall('ChimeSDKVoice', 'getPhoneNumberOrder', { PhoneNumberOrderId: order.orderId })
  .expect(ExpectedResult.objectLike({
    PhoneNumberOrder: {
      PhoneNumberOrderId: order.orderId, ProductType: 'VoiceConnector', Status: 'Successful',
      OrderedPhoneNumbers: Array.from({ length: count }, () => ({ Status: 'Acquired' })),
    },
  }));
// Held and routed: the connector, new with this stack, holds as many numbers as were ordered (an array
// is matched whole), and each number the order answers with (the ones named, when named) is held
// (Assigned) and associated with it: so the connector holds exactly the order's numbers.
const routed = { ProductType: 'VoiceConnector', Status: 'Assigned', Associations: [{ Name: 'VoiceConnectorId', Value: connectorId }] };
integ.assertions.awsApiCall('ChimeSDKVoice', 'listPhoneNumbers', { FilterName: 'VoiceConnectorId', FilterValue: connectorId })
  .expect(ExpectedResult.objectLike({ PhoneNumbers: Array.from({ length: count }, () => routed) }));
const answered = Array.from({ length: count }, (_, i) => Fn.select(i, Fn.split(',', Fn.importValue(NUMBERS_EXPORT))));
for (const number of numbers.length > 0 ? numbers : answered) {
  integ.assertions.awsApiCall('ChimeSDKVoice', 'getPhoneNumber', { PhoneNumberId: number })
    .expect(ExpectedResult.objectLike({ PhoneNumber: { E164PhoneNumber: number, ...routed } }));
}
