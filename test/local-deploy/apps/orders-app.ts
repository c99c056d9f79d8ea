// A stack of several PhoneNumberOrder constructs sharing the stack's provider, as an app with
// many number sets has. Context `orders`: the sets, `;`-separated, each a `,`-separated list.
import { App, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneProductType } from '../../../lib';

const DEFAULT = '+12065550110,+12065550111;+12065550120,+12065550121;+12065550130,+12065550131';

const app = new App();
const stack = new Stack(app, 'PhoneNumberOrders');
String(app.node.tryGetContext('orders') ?? DEFAULT).split(';').forEach((set, i) => {
  new PhoneNumberOrder(stack, `Order${i + 1}`, { productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: set.split(',') });
});
app.synth();
