/**
 * The routing operations of Chime SDK Voice (Voice Connectors, groups, SIP media applications,
 * SIP rules, number associations): their restJson1 bindings, and one function per operation.
 * The legacy `chime` model no longer has them, so they answer only the chime-sdk-voice API.
 */
import { ApiError } from './errors';
import type { Routing, SipMediaApplicationRecord, SipRuleRecord, VoiceConnectorGroupRecord, VoiceConnectorRecord } from './routing';
import { EMULATED_ACCOUNT, outboundHostName } from './routing';
import { VOICE_REGIONS } from './regions';
import * as v from './routing-validation';
import type { ApiName, RoutingOperationName } from './types';

export const ROUTING_OPERATIONS: readonly RoutingOperationName[] = [
  'CreateVoiceConnector', 'GetVoiceConnector', 'UpdateVoiceConnector', 'DeleteVoiceConnector',
  'AssociatePhoneNumbersWithVoiceConnector', 'DisassociatePhoneNumbersFromVoiceConnector',
  'CreateVoiceConnectorGroup', 'GetVoiceConnectorGroup', 'DeleteVoiceConnectorGroup',
  'AssociatePhoneNumbersWithVoiceConnectorGroup', 'DisassociatePhoneNumbersFromVoiceConnectorGroup',
  'CreateSipMediaApplication', 'GetSipMediaApplication', 'UpdateSipMediaApplication', 'DeleteSipMediaApplication',
  'CreateSipRule', 'GetSipRule', 'UpdateSipRule', 'DeleteSipRule',
];

/** The ones that change the account (a dropped connection after acting applies to them). */
export const ROUTING_MUTATING_OPERATIONS = ROUTING_OPERATIONS.filter(op => !op.startsWith('Get'));

export function isRoutingOperation(op: string): op is RoutingOperationName {
  return (ROUTING_OPERATIONS as readonly string[]).includes(op);
}

const COLLECTIONS: Record<string, { create: RoutingOperationName; get: RoutingOperationName; update?: RoutingOperationName; remove: RoutingOperationName; associate?: [RoutingOperationName, RoutingOperationName] }> = {
  'voice-connectors': {
    create: 'CreateVoiceConnector', get: 'GetVoiceConnector', update: 'UpdateVoiceConnector', remove: 'DeleteVoiceConnector',
    associate: ['AssociatePhoneNumbersWithVoiceConnector', 'DisassociatePhoneNumbersFromVoiceConnector'],
  },
  'voice-connector-groups': {
    create: 'CreateVoiceConnectorGroup', get: 'GetVoiceConnectorGroup', remove: 'DeleteVoiceConnectorGroup',
    associate: ['AssociatePhoneNumbersWithVoiceConnectorGroup', 'DisassociatePhoneNumbersFromVoiceConnectorGroup'],
  },
  'sip-media-applications': { create: 'CreateSipMediaApplication', get: 'GetSipMediaApplication', update: 'UpdateSipMediaApplication', remove: 'DeleteSipMediaApplication' },
  'sip-rules': { create: 'CreateSipRule', get: 'GetSipRule', update: 'UpdateSipRule', remove: 'DeleteSipRule' },
};

/** The routing operation a method, path head, label and `?operation=` name, if any. */
export function matchRoutingRoute(method: string, head: string, id: string | undefined, operation: string | null): RoutingOperationName | undefined {
  const c = COLLECTIONS[head];
  if (!c) return undefined;
  if (id === undefined) return method === 'POST' && operation === null ? c.create : undefined;
  if (operation !== null) {
    if (method !== 'POST' || !c.associate) return undefined;
    if (operation === 'associate-phone-numbers') return c.associate[0];
    if (operation === 'disassociate-phone-numbers') return c.associate[1];
    return undefined;
  }
  if (method === 'GET') return c.get;
  if (method === 'PUT') return c.update;
  if (method === 'DELETE') return c.remove;
  return undefined;
}

export interface RoutingResult {
  status: number;
  body?: unknown;
  mutated: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function runRoutingOperation(routing: Routing, op: RoutingOperationName, api: ApiName, id: string, body: Record<string, unknown>): RoutingResult {
  if (api !== 'chime-sdk-voice') throw new ApiError('NotFound', `${op} is a Chime SDK Voice operation; the legacy chime API does not serve it.`, { malformed: true });
  const ok = (b: unknown, status = 200, mutated = status !== 200) => ({ status, body: b, mutated });
  const gone = { status: 204, mutated: true };
  switch (op) {
    case 'CreateVoiceConnector':
      return ok({ VoiceConnector: voiceConnectorToWire(routing.createVoiceConnector(v.validateCreateVoiceConnector(body))) }, 201);
    case 'GetVoiceConnector':
      return ok({ VoiceConnector: voiceConnectorToWire(routing.voiceConnector(v.validateId('voiceConnectorId', id))) });
    case 'UpdateVoiceConnector': {
      v.validateId('voiceConnectorId', id);
      return ok({ VoiceConnector: voiceConnectorToWire(routing.updateVoiceConnector(id, v.validateUpdateVoiceConnector(body))) }, 200, true);
    }
    case 'DeleteVoiceConnector':
      routing.deleteVoiceConnector(v.validateId('voiceConnectorId', id));
      return gone;
    case 'AssociatePhoneNumbersWithVoiceConnector':
    case 'AssociatePhoneNumbersWithVoiceConnectorGroup':
    case 'DisassociatePhoneNumbersFromVoiceConnector':
    case 'DisassociatePhoneNumbersFromVoiceConnectorGroup': {
      const group = op.endsWith('Group');
      v.validateId(group ? 'voiceConnectorGroupId' : 'voiceConnectorId', id);
      const numbers = v.e164Numbers(body);
      const name = group ? 'VoiceConnectorGroupId' : 'VoiceConnectorId';
      const errors = op.startsWith('Associate')
        ? routing.associate(name, id, numbers, v.forceAssociate(body))
        : routing.disassociate(name, id, numbers);
      return ok({ PhoneNumberErrors: errors }, 200, errors.length < numbers.length);
    }
    case 'CreateVoiceConnectorGroup':
      return ok({ VoiceConnectorGroup: groupToWire(routing.createVoiceConnectorGroup(v.validateCreateVoiceConnectorGroup(body))) }, 201);
    case 'GetVoiceConnectorGroup':
      return ok({ VoiceConnectorGroup: groupToWire(routing.voiceConnectorGroup(v.validateId('voiceConnectorGroupId', id))) });
    case 'DeleteVoiceConnectorGroup':
      routing.deleteVoiceConnectorGroup(v.validateId('voiceConnectorGroupId', id));
      return gone;
    case 'CreateSipMediaApplication':
      return ok({ SipMediaApplication: smaToWire(routing.createSipMediaApplication(knownRegion(v.validateCreateSipMediaApplication(body)))) }, 201);
    case 'GetSipMediaApplication':
      return ok({ SipMediaApplication: smaToWire(routing.sipMediaApplication(v.validateId('sipMediaApplicationId', id))) });
    case 'UpdateSipMediaApplication': {
      v.validateId('sipMediaApplicationId', id);
      return ok({ SipMediaApplication: smaToWire(routing.updateSipMediaApplication(id, v.validateUpdateSipMediaApplication(body))) }, 200, true);
    }
    case 'DeleteSipMediaApplication':
      routing.deleteSipMediaApplication(v.validateId('sipMediaApplicationId', id));
      return gone;
    case 'CreateSipRule':
      return ok({ SipRule: sipRuleToWire(routing.createSipRule(v.validateCreateSipRule(body))) }, 201);
    case 'GetSipRule':
      return ok({ SipRule: sipRuleToWire(routing.sipRule(v.validateId('sipRuleId', id))) });
    case 'UpdateSipRule': {
      v.validateId('sipRuleId', id);
      return ok({ SipRule: sipRuleToWire(routing.updateSipRule(id, v.validateUpdateSipRule(body))) }, 202);
    }
    case 'DeleteSipRule':
      routing.deleteSipRule(v.validateId('sipRuleId', id));
      return gone;
  }
}

/** The model leaves a SIP media application's AwsRegion unconstrained; Chime SDK Voice serves only its own Regions. */
function knownRegion<T extends { awsRegion: string }>(input: T): T {
  if (!VOICE_REGIONS.includes(input.awsRegion)) {
    throw new ApiError('BadRequest', `AwsRegion ${input.awsRegion} is not a Region where Amazon Chime SDK PSTN audio is available.`);
  }
  return input;
}

export function voiceConnectorToWire(vc: VoiceConnectorRecord): Record<string, unknown> {
  return {
    VoiceConnectorId: vc.id,
    AwsRegion: vc.awsRegion,
    Name: vc.name,
    OutboundHostName: outboundHostName(vc),
    RequireEncryption: vc.requireEncryption,
    CreatedTimestamp: iso(vc.createdAt),
    UpdatedTimestamp: iso(vc.updatedAt),
    VoiceConnectorArn: `arn:aws:chime:${vc.awsRegion}:${EMULATED_ACCOUNT}:vc/${vc.id}`,
    ...(vc.integrationType ? { IntegrationType: vc.integrationType } : {}),
    NetworkType: vc.networkType,
  };
}

export function groupToWire(g: VoiceConnectorGroupRecord): Record<string, unknown> {
  return {
    VoiceConnectorGroupId: g.id,
    Name: g.name,
    VoiceConnectorItems: g.items.map(i => ({ VoiceConnectorId: i.voiceConnectorId, Priority: i.priority })),
    CreatedTimestamp: iso(g.createdAt),
    UpdatedTimestamp: iso(g.updatedAt),
    VoiceConnectorGroupArn: `arn:aws:chime:us-east-1:${EMULATED_ACCOUNT}:vcg/${g.id}`,
  };
}

export function smaToWire(s: SipMediaApplicationRecord): Record<string, unknown> {
  return {
    SipMediaApplicationId: s.id,
    AwsRegion: s.awsRegion,
    Name: s.name,
    Endpoints: s.endpoints.map(e => ({ LambdaArn: e.lambdaArn })),
    CreatedTimestamp: iso(s.createdAt),
    UpdatedTimestamp: iso(s.updatedAt),
    SipMediaApplicationArn: `arn:aws:chime:${s.awsRegion}:${EMULATED_ACCOUNT}:sma/${s.id}`,
  };
}

export function sipRuleToWire(r: SipRuleRecord): Record<string, unknown> {
  return {
    SipRuleId: r.id,
    Name: r.name,
    Disabled: r.disabled,
    TriggerType: r.triggerType,
    TriggerValue: r.triggerValue,
    TargetApplications: r.targets.map(t => ({ SipMediaApplicationId: t.sipMediaApplicationId, Priority: t.priority, AwsRegion: t.awsRegion })),
    CreatedTimestamp: iso(r.createdAt),
    UpdatedTimestamp: iso(r.updatedAt),
  };
}
