import { App, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnSipMediaApplication, CfnVoiceConnector } from 'aws-cdk-lib/aws-chime';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PhoneNumberOrder, PhoneNumberTarget, PhoneProductType } from '../lib';

export const ROUTING_EXAMPLE_STACK = 'PhoneNumberRoutingExample';

const REMOVAL_POLICIES: Record<string, RemovalPolicy> = {
  'destroy': RemovalPolicy.DESTROY,
  'retain': RemovalPolicy.RETAIN,
  'retain-on-update-or-delete': RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
};

// The SIP media application's handler: answers every call with a greeting, then hangs up.
const IVR_HANDLER = `
exports.handler = async (event) => {
  if (event.InvocationEventType !== 'NEW_INBOUND_CALL') return { SchemaVersion: '1.0', Actions: [] };
  const callId = event.CallDetails.Participants[0].CallId;
  return {
    SchemaVersion: '1.0',
    Actions: [
      { Type: 'Speak', Parameters: { CallId: callId, Text: 'Hello from PhoneNumberOrder.', Engine: 'neural', LanguageCode: 'en-US', VoiceId: 'Joanna' } },
      { Type: 'Hangup', Parameters: { CallId: callId, SipResponseCode: '0' } },
    ],
  };
};`;

/**
 * The routing example: a Voice Connector (and a standby one) and a SIP media application with its
 * Lambda, declared with the native L1 constructs; numbers ordered for each and routed to them.
 * Context: connectorNumbers, ivrNumbers (comma-separated), connector (main|standby: where the
 * connector numbers route), removalPolicy (destroy|retain|retain-on-update-or-delete).
 */
export function routingExampleStack(app: App): Stack {
  const stack = new Stack(app, ROUTING_EXAMPLE_STACK);
  const list = (key: string, fallback: string) => String(app.node.tryGetContext(key) ?? fallback).split(',').map(n => n.trim()).filter(Boolean);
  const removal = app.node.tryGetContext('removalPolicy');
  if (removal !== undefined && !(removal in REMOVAL_POLICIES)) throw new Error(`context removalPolicy=${removal} is not one of ${Object.keys(REMOVAL_POLICIES).join(', ')}`);
  const connectorChoice = String(app.node.tryGetContext('connector') ?? 'main');
  if (!['main', 'standby'].includes(connectorChoice)) throw new Error(`context connector=${connectorChoice} is not one of main, standby`);

  const main = new CfnVoiceConnector(stack, 'MainConnector', { name: 'phone-number-order-main', requireEncryption: true });
  const standby = new CfnVoiceConnector(stack, 'StandbyConnector', { name: 'phone-number-order-standby', requireEncryption: true });
  // Its own role and log group, so that no managed policy is needed.
  const logGroup = new logs.LogGroup(stack, 'IvrLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const role = new iam.Role(stack, 'IvrRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  const handler = new lambda.Function(stack, 'IvrHandler', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(IVR_HANDLER),
    role,
    logGroup,
    description: 'PhoneNumberOrder routing example: the SIP media application handler',
  });
  // Chime's PSTN audio service invokes the handler.
  handler.addPermission('ChimeVoice', { principal: new iam.ServicePrincipal('voiceconnector.chime.amazonaws.com'), sourceAccount: stack.account });
  const ivr = new CfnSipMediaApplication(stack, 'Ivr', {
    name: 'phone-number-order-ivr', awsRegion: stack.region, endpoints: [{ lambdaArn: handler.functionArn }],
  });

  const removalPolicy = removal === undefined ? undefined : REMOVAL_POLICIES[removal];
  new PhoneNumberOrder(stack, 'ConnectorNumbers', {
    productType: PhoneProductType.VOICE_CONNECTOR,
    e164PhoneNumbers: list('connectorNumbers', '+12065550110,+12065550111'),
    target: PhoneNumberTarget.voiceConnector(connectorChoice === 'main' ? main : standby),
    removalPolicy,
  });
  new PhoneNumberOrder(stack, 'IvrNumbers', {
    productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN,
    e164PhoneNumbers: list('ivrNumbers', '+12065550120'),
    target: PhoneNumberTarget.sipMediaApplication(ivr),
    removalPolicy,
  });
  new CfnOutput(stack, 'MainConnectorId', { value: main.attrVoiceConnectorId, description: 'The main Voice Connector' });
  new CfnOutput(stack, 'StandbyConnectorId', { value: standby.attrVoiceConnectorId, description: 'The standby Voice Connector' });
  new CfnOutput(stack, 'IvrId', { value: ivr.attrSipMediaApplicationId, description: 'The SIP media application' });
  return stack;
}
