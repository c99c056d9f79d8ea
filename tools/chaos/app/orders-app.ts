#!/usr/bin/env node
// A test app: stacks of several PhoneNumberOrder resources sharing each stack's provider,
// described by the `orders` context value (JSON): {"Stack": {"ConstructId": {"numbers": [...], ...}}},
// or {"search": {"areaCode": "206"}, "quantity": 3} for an order by search; "route": true routes to the
// stack's Voice Connectors (CONNECTORS), "target": "voiceConnector" | "sipMediaApplication" to one of its own.
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnSipMediaApplication, CfnVoiceConnector } from 'aws-cdk-lib/aws-chime';
import { PhoneNumberOrder, PhoneNumberOrderProvider, PhoneNumberSearch, PhoneNumberTarget, PhoneProductType } from '../../../lib';
import { type AppShape, CONNECTORS, type OrderProps, type ProviderSettings } from './shape';

/** A target of the order's own, declared beside it as `<ConstructId>Target`. */
function ownTarget(stack: Stack, id: string, kind: OrderProps['target']): PhoneNumberTarget | undefined {
  if (kind === 'voiceConnector') return PhoneNumberTarget.voiceConnector(new CfnVoiceConnector(stack, `${id}Target`, { name: id, requireEncryption: true }));
  if (kind !== 'sipMediaApplication') return undefined;
  return PhoneNumberTarget.sipMediaApplication(new CfnSipMediaApplication(stack, `${id}Target`, {
    name: id, awsRegion: stack.region, endpoints: [{ lambdaArn: `arn:aws:lambda:${stack.region}:${stack.account}:function:${id}` }],
  }));
}

const POLICIES = { 'destroy': RemovalPolicy.DESTROY, 'retain': RemovalPolicy.RETAIN, 'retain-on-update-or-delete': RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE };

const app = new App();
const stacks = JSON.parse(String(app.node.tryGetContext('orders') ?? '{}')) as AppShape;
// Optional provider settings for every stack: {"queryIntervalSeconds": 1, "totalTimeoutSeconds": 6}.
const provider = JSON.parse(String(app.node.tryGetContext('provider') ?? '{}')) as Partial<ProviderSettings>;
for (const [stackName, orders] of Object.entries(stacks)) {
  const stack = new Stack(app, stackName);
  if (provider.totalTimeoutSeconds !== undefined) {
    PhoneNumberOrderProvider.configure(stack, {
      queryInterval: Duration.seconds(provider.queryIntervalSeconds ?? 1), totalTimeout: Duration.seconds(provider.totalTimeoutSeconds),
    });
  }
  // Where routed orders route: the first connector, or the second after a retarget (a variant of the template).
  const connectors = Object.values(orders).some(o => o.route)
    ? CONNECTORS.map(id => new CfnVoiceConnector(stack, id, { name: `${stackName}-${id}`.toLowerCase(), requireEncryption: true }))
    : [];
  for (const [id, o] of Object.entries(orders)) {
    new PhoneNumberOrder(stack, id, {
      target: o.route ? PhoneNumberTarget.voiceConnector(connectors[0]) : ownTarget(stack, id, o.target),
      productType: (o.productType as PhoneProductType | undefined) ?? PhoneProductType.VOICE_CONNECTOR,
      e164PhoneNumbers: o.numbers,
      search: o.search ? PhoneNumberSearch.of(o.search) : undefined,
      quantity: o.quantity,
      adoptExistingNumbers: o.adopt,
      allowPartial: o.allowPartial,
      removalPolicy: o.removalPolicy ? POLICIES[o.removalPolicy] : undefined,
    });
  }
}
app.synth();
