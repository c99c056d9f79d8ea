// Integration test for a real account, run by integ-runner (`npm run integ:deploy`, see CONTRIBUTING.md):
// orders the numbers, asserts through the Chime SDK Voice API that the order is terminal and every
// number is held, then destroys the stack, releasing the numbers (removalPolicy DESTROY).
// `npm test` checks the committed snapshot offline (`npm run integ:snapshot` regenerates it).
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType } from '../../lib';

/**
 * The numbers to order, comma-separated. An environment variable, not CDK context: integ-runner
 * synthesises the app with a context of its own. Unset, the snapshot's fictional 555-01xx numbers.
 */
export const NUMBERS_VARIABLE = 'INTEG_PHONE_NUMBERS';
const SNAPSHOT_NUMBERS = '+12065550100,+12065550101';
const numbers = (process.env[NUMBERS_VARIABLE] || SNAPSHOT_NUMBERS).split(',').map(n => n.trim()).filter(Boolean);

const app = new App();
const stack = new Stack(app, 'PhoneNumberOrderInteg');
const provider = new PhoneNumberOrderProvider(stack, 'Provider');
// The provider keeps its logs by default; a test stack leaves nothing behind.
provider.logGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
const order = new PhoneNumberOrder(stack, 'Numbers', {
  productType: PhoneProductType.VOICE_CONNECTOR,
  e164PhoneNumbers: numbers,
  removalPolicy: RemovalPolicy.DESTROY,
  provider,
});

const integ = new IntegTest(app, 'PhoneNumberOrderIntegTest', {
  testCases: [stack],
  // Chime SDK Voice sells U.S. numbers from us-east-1.
  regions: ['us-east-1'],
  // Deploying the committed snapshot first would order the numbers twice over: one deploy per run.
  stackUpdateWorkflow: false,
});

integ.assertions.awsApiCall('ChimeSDKVoice', 'getPhoneNumberOrder', { PhoneNumberOrderId: order.orderId })
  .expect(ExpectedResult.objectLike({ PhoneNumberOrder: { PhoneNumberOrderId: order.orderId, ProductType: 'VoiceConnector', Status: 'Successful' } }));
for (const number of numbers) {
  integ.assertions.awsApiCall('ChimeSDKVoice', 'getPhoneNumber', { PhoneNumberId: number })
    .expect(ExpectedResult.objectLike({ PhoneNumber: { E164PhoneNumber: number, ProductType: 'VoiceConnector', Status: 'Unassigned' } }));
}
