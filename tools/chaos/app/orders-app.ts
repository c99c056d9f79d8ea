#!/usr/bin/env node
// A test app: stacks of several PhoneNumberOrder resources sharing each stack's provider,
// described by the `orders` context value (JSON): {"Stack": {"ConstructId": {"numbers": [...], ...}}}.
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneProductType } from '../../../lib';
import type { AppShape } from './shape';

const POLICIES = { 'destroy': RemovalPolicy.DESTROY, 'retain': RemovalPolicy.RETAIN, 'retain-on-update-or-delete': RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE };

const app = new App();
const stacks = JSON.parse(String(app.node.tryGetContext('orders') ?? '{}')) as AppShape;
for (const [stackName, orders] of Object.entries(stacks)) {
  const stack = new Stack(app, stackName);
  for (const [id, o] of Object.entries(orders)) {
    new PhoneNumberOrder(stack, id, {
      productType: PhoneProductType.VOICE_CONNECTOR,
      e164PhoneNumbers: o.numbers,
      adoptExistingNumbers: o.adopt,
      allowPartial: o.allowPartial,
      removalPolicy: o.removalPolicy ? POLICIES[o.removalPolicy] : undefined,
    });
  }
}
app.synth();
