#!/usr/bin/env node
// A test app: stacks of several PhoneNumberOrder resources sharing each stack's provider,
// described by the `orders` context value (JSON): {"Stack": {"ConstructId": {"numbers": [...], ...}}},
// or {"search": {"areaCode": "206"}, "quantity": 3} for an order by search; "target":
// "voiceConnector" | "sipMediaApplication" declares one of its own beside the order (`<ConstructId>Target`)
// and routes the numbers there.
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnSipMediaApplication, CfnVoiceConnector } from 'aws-cdk-lib/aws-chime';
import {
  PhoneNumberOrder, PhoneNumberOrderProvider, PhoneNumberSearch, PhoneNumberTarget, PhoneProductType, type PhoneNumberSearchCriteria,
} from '../../../lib';

interface OrderSpec {
  numbers?: string[];
  search?: PhoneNumberSearchCriteria;
  quantity?: number;
  productType?: PhoneProductType;
  adopt?: boolean;
  allowPartial?: boolean;
  removalPolicy?: 'destroy' | 'retain' | 'retain-on-update-or-delete';
  target?: 'voiceConnector' | 'sipMediaApplication';
}

function targetFor(stack: Stack, id: string, kind: OrderSpec['target']): PhoneNumberTarget | undefined {
  if (kind === 'voiceConnector') return PhoneNumberTarget.voiceConnector(new CfnVoiceConnector(stack, `${id}Target`, { name: id, requireEncryption: true }));
  if (kind !== 'sipMediaApplication') return undefined;
  return PhoneNumberTarget.sipMediaApplication(new CfnSipMediaApplication(stack, `${id}Target`, {
    name: id, awsRegion: stack.region, endpoints: [{ lambdaArn: `arn:aws:lambda:${stack.region}:${stack.account}:function:${id}` }],
  }));
}

const POLICIES = { 'destroy': RemovalPolicy.DESTROY, 'retain': RemovalPolicy.RETAIN, 'retain-on-update-or-delete': RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE };

const app = new App();
const stacks = JSON.parse(String(app.node.tryGetContext('orders') ?? '{}')) as Record<string, Record<string, OrderSpec>>;
// Optional provider settings for every stack: {"queryIntervalSeconds": 1, "totalTimeoutSeconds": 6}.
const provider = JSON.parse(String(app.node.tryGetContext('provider') ?? '{}')) as { queryIntervalSeconds?: number; totalTimeoutSeconds?: number };
for (const [stackName, orders] of Object.entries(stacks)) {
  const stack = new Stack(app, stackName);
  if (provider.totalTimeoutSeconds !== undefined) {
    PhoneNumberOrderProvider.configure(stack, {
      queryInterval: Duration.seconds(provider.queryIntervalSeconds ?? 1), totalTimeout: Duration.seconds(provider.totalTimeoutSeconds),
    });
  }
  for (const [id, o] of Object.entries(orders)) {
    new PhoneNumberOrder(stack, id, {
      productType: o.productType ?? PhoneProductType.VOICE_CONNECTOR,
      e164PhoneNumbers: o.numbers,
      search: o.search ? PhoneNumberSearch.of(o.search) : undefined,
      quantity: o.quantity,
      adoptExistingNumbers: o.adopt,
      allowPartial: o.allowPartial,
      removalPolicy: o.removalPolicy ? POLICIES[o.removalPolicy] : undefined,
      target: targetFor(stack, id, o.target),
    });
  }
}
app.synth();
