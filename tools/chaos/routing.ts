// Routed orders in the chaos suite, kept apart so that they carry over to a chaos suite built on
// the local deploy: the targets a run routes to (two Voice Connectors, two SIP media applications,
// made in the run's emulator before its faults start), the Routing property as the construct
// renders it, the Custom::ChimePhoneNumberRouting resource CloudFormation plays beside the order,
// and the audit of what routing is left once the stack is gone.
import {
  ChimeSDKVoiceClient, CreateSipMediaApplicationCommand, CreateVoiceConnectorCommand, DeleteSipMediaApplicationCommand, DeleteVoiceConnectorCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, type Emulator } from '../../emulator';
import type { Rng } from './random';
import type { Props } from './types';

export const ROUTING_RESOURCE_TYPE = 'Custom::ChimePhoneNumberRouting';
export const ROUTING_LOGICAL_ID = 'NumbersRouting';
export const ORDER_LOGICAL_ID = 'Numbers';
const REGION = 'us-east-1';

export interface Targets {
  readonly voiceConnectors: readonly [string, string];
  readonly sipMediaApplications: readonly [string, string];
}

/** Update kinds only routed runs draw: another target of the same kind; routing removed (or put back). */
export type RoutingUpdateKind = 'retarget' | 'toggle-routing';

export async function createTargets(url: string): Promise<Targets> {
  const client = new ChimeSDKVoiceClient({ endpoint: url, region: REGION, credentials: DEFAULT_CREDENTIALS });
  try {
    const vc = async (name: string) => (await client.send(new CreateVoiceConnectorCommand({ Name: name, RequireEncryption: true }))).VoiceConnector!.VoiceConnectorId!;
    const sma = async (name: string) => (await client.send(new CreateSipMediaApplicationCommand({
      AwsRegion: REGION, Name: name, Endpoints: [{ LambdaArn: `arn:aws:lambda:${REGION}:123456789012:function:${name}` }],
    }))).SipMediaApplication!.SipMediaApplicationId!;
    return { voiceConnectors: [await vc('chaos-a'), await vc('chaos-b')], sipMediaApplications: [await sma('chaos-a'), await sma('chaos-b')] };
  } finally {
    client.destroy();
  }
}

/** The Routing property for the product type, as the construct renders it (CloudFormation's strings). */
export function routingFor(productType: unknown, targets: Targets, which: 0 | 1): Props {
  return productType === 'SipMediaApplicationDialIn'
    ? { TargetType: 'SipMediaApplication', TargetId: targets.sipMediaApplications[which], Priority: '1', Region: REGION, TakeOver: 'false' }
    : { TargetType: 'VoiceConnector', TargetId: targets.voiceConnectors[which], TakeOver: 'false' };
}

function which(props: Props, targets: Targets): 0 | 1 {
  const id = (props.Routing as Props | undefined)?.TargetId;
  return id === targets.voiceConnectors[1] || id === targets.sipMediaApplications[1] ? 1 : 0;
}

/** A routing update drawn for a routed run. */
export function routingUpdate(kind: RoutingUpdateKind, props: Props, targets: Targets): void {
  if (kind === 'retarget' && props.Routing) props.Routing = routingFor(props.ProductType, targets, which(props, targets) === 0 ? 1 : 0);
  else if (props.Routing) delete props.Routing;
  else props.Routing = routingFor(props.ProductType, targets, 0);
}

/**
 * Keeps the properties ones the construct would synthesise: no routing on the legacy API, and a
 * target that fits the product type (a product type change moves the target to the other kind).
 */
export function fitRouting(props: Props, targets: Targets | undefined): void {
  if (!targets || !props.Routing) return;
  if (props.Api === 'chime') {
    delete props.Routing;
    return;
  }
  const fits = ((props.Routing as Props).TargetType === 'SipMediaApplication') === (props.ProductType === 'SipMediaApplicationDialIn');
  if (!fits) props.Routing = routingFor(props.ProductType, targets, which(props, targets));
}

export function draw(rng: Rng): RoutingUpdateKind {
  return rng.pick(['retarget', 'toggle-routing'] as const);
}

/** The routing resource's properties: the order's numbers, product type, API and target (none: the resource does not exist). */
export function guardProps(order: Props): Props | undefined {
  if (!order.Routing) return undefined;
  return { OrderLogicalId: ORDER_LOGICAL_ID, ProductType: order.ProductType, E164PhoneNumbers: order.E164PhoneNumbers, Api: order.Api, Routing: order.Routing };
}

export interface RoutingAudit {
  /** Numbers still associated, and SIP rules left, once the stack is gone. */
  readonly leftovers: string[];
  /** Targets Chime would not delete (what fails a stack delete with them in it). */
  readonly stuck: string[];
}

/** Once the stack is gone, nothing may route its numbers, and every target must be deletable. */
export async function auditRouting(emulator: Emulator, targets: Targets | undefined, mask: (n: string) => string): Promise<RoutingAudit> {
  if (!targets) return { leftovers: [], stuck: [] };
  // The account's own faults must not count against the handlers: the checks run without them.
  emulator.configure({ faults: {} });
  const leftovers = [
    ...emulator.phoneNumbers().filter(p => p.Associations.length > 0).map(p => `${mask(p.E164PhoneNumber)} ${p.Associations.map(a => a.Name).join(',')}`),
    ...emulator.routing().sipRules.map(r => `SIP rule ${String(r.SipRuleId)}`),
  ];
  const client = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: REGION, credentials: DEFAULT_CREDENTIALS, maxAttempts: 1 });
  const stuck: string[] = [];
  try {
    for (const id of targets.voiceConnectors) {
      await client.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: id })).catch((e: Error) => stuck.push(`Voice Connector ${id}: ${e.name}`));
    }
    for (const id of targets.sipMediaApplications) {
      await client.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: id })).catch((e: Error) => stuck.push(`SIP media application ${id}: ${e.name}`));
    }
  } finally {
    client.destroy();
  }
  return { leftovers, stuck };
}
