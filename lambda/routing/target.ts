// Where a resource's numbers are to be routed: its `Routing` property, read strictly for the
// properties being deployed and leniently for the previous ones (accepted once, whatever the
// rules are now), whose target is still proof of which associations the resource made.
import { ROUTING_TARGET_PRODUCT_TYPE, type RoutingTargetType } from '../../lib/order-rules';
import { lambdaRegion } from '../api-region';
import { EventFailure } from '../failure';

export type { RoutingTargetType };

export interface RoutingTarget {
  readonly type: RoutingTargetType;
  readonly id: string;
  /** SIP media application: the rule's priority for it and its AWS Region. */
  readonly priority?: number;
  readonly region?: string;
  /**
   * Take numbers some other routing holds: a Voice Connector (group) associates them with
   * ForceAssociate; a SIP media application takes over the rule that routes them.
   */
  readonly takeOver: boolean;
}

type Props = Record<string, unknown> | undefined;

const TYPES = Object.keys(ROUTING_TARGET_PRODUCT_TYPE) as RoutingTargetType[];

/** The target of the properties being deployed; undefined when they route nowhere. */
export function parseTarget(props: Props, label: string): RoutingTarget | undefined {
  const raw = props?.Routing;
  if (raw === undefined) return undefined;
  const where = `${label}.Routing`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new EventFailure(`${where} must be an object with TargetType and TargetId`);
  const r = raw as Record<string, unknown>;
  if (typeof r.TargetType !== 'string' || !(TYPES as string[]).includes(r.TargetType)) {
    throw new EventFailure(`${where}.TargetType ${JSON.stringify(r.TargetType)} is not one of ${TYPES.join(', ')}`);
  }
  if (typeof r.TargetId !== 'string' || r.TargetId.trim() === '') throw new EventFailure(`${where}.TargetId must be the target's ID`);
  const type = r.TargetType as RoutingTargetType;
  const sip = type === 'SipMediaApplication';
  const priority = r.Priority === undefined ? undefined : Number(r.Priority);
  if (priority !== undefined && !(Number.isInteger(priority) && priority >= 1)) {
    throw new EventFailure(`${where}.Priority must be a whole number of at least 1, got ${JSON.stringify(r.Priority)}`);
  }
  if (r.Region !== undefined && (typeof r.Region !== 'string' || r.Region === '')) throw new EventFailure(`${where}.Region must be an AWS Region`);
  if (!sip && (priority !== undefined || r.Region !== undefined)) throw new EventFailure(`${where}: Priority and Region apply to SIP media application targets only`);
  const takeOver = r.TakeOver === undefined || r.TakeOver === false || r.TakeOver === 'false' ? false
    : r.TakeOver === true || r.TakeOver === 'true' ? true : undefined;
  if (takeOver === undefined) throw new EventFailure(`${where}.TakeOver must be true or false, got ${JSON.stringify(r.TakeOver)}`);
  return {
    type, id: r.TargetId, takeOver,
    ...(sip ? { priority: priority ?? 1, region: (r.Region as string | undefined) ?? lambdaRegion() } : {}),
  };
}

/**
 * A target read leniently (previous properties, or a Delete's): undefined when they name none, or
 * none that can be read, so that a resource with bad properties can still leave the stack.
 */
export function targetOf(props: Props): RoutingTarget | undefined {
  try {
    return parseTarget(props, 'Properties');
  } catch {
    return undefined;
  }
}

export function sameTarget(a: RoutingTarget | undefined, b: RoutingTarget | undefined): boolean {
  return a?.type === b?.type && a?.id === b?.id;
}

export function describeTarget(t: Pick<RoutingTarget, 'type' | 'id'>): string {
  const kind = { VoiceConnector: 'Voice Connector', VoiceConnectorGroup: 'Voice Connector group', SipMediaApplication: 'SIP media application' }[t.type];
  return `${kind} ${t.id}`;
}
