// Routing through Chime SDK Voice, in the stack's own region, with the same client settings as
// the number adapters (standard retries, every call bounded by the invocation's deadline).
import {
  AssociatePhoneNumbersWithVoiceConnectorCommand, AssociatePhoneNumbersWithVoiceConnectorGroupCommand, ChimeSDKVoiceClient,
  CreateSipRuleCommand, DeleteSipRuleCommand, DisassociatePhoneNumbersFromVoiceConnectorCommand,
  DisassociatePhoneNumbersFromVoiceConnectorGroupCommand, GetSipMediaApplicationCommand, GetSipRuleCommand, GetVoiceConnectorCommand,
  GetVoiceConnectorGroupCommand, UpdateSipRuleCommand, boundedClients, type SipRule as WireRule,
} from './voice-sdk';
import type { NumberError, RoutingPort, SipRule } from '../routing/port';
import { orNotFound } from './map';

/** `region`: the Lambda's own, where the stack's Voice Connectors and SIP media applications are. */
export function routingPort(deadline: number, region: string): RoutingPort {
  const { send, once } = boundedClients(ChimeSDKVoiceClient, region, deadline);
  return {
    targetExists: async (type, id) => (await orNotFound(async () => {
      if (type === 'VoiceConnector') await send(new GetVoiceConnectorCommand({ VoiceConnectorId: id }));
      else if (type === 'VoiceConnectorGroup') await send(new GetVoiceConnectorGroupCommand({ VoiceConnectorGroupId: id }));
      else await send(new GetSipMediaApplicationCommand({ SipMediaApplicationId: id }));
      return true;
    })) ?? false,
    async associate(type, id, numbers, force) {
      const input = { E164PhoneNumbers: numbers, ForceAssociate: force };
      const out = await send<{ PhoneNumberErrors?: WireError[] }>(type === 'VoiceConnector'
        ? new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: id, ...input })
        : new AssociatePhoneNumbersWithVoiceConnectorGroupCommand({ VoiceConnectorGroupId: id, ...input }));
      return toErrors(out.PhoneNumberErrors);
    },
    async disassociate(type, id, numbers) {
      const out = await send<{ PhoneNumberErrors?: WireError[] }>(type === 'VoiceConnector'
        ? new DisassociatePhoneNumbersFromVoiceConnectorCommand({ VoiceConnectorId: id, E164PhoneNumbers: numbers })
        : new DisassociatePhoneNumbersFromVoiceConnectorGroupCommand({ VoiceConnectorGroupId: id, E164PhoneNumbers: numbers }));
      return toErrors(out.PhoneNumberErrors);
    },
    getSipRule: id => orNotFound(async () => toRule((await send<{ SipRule?: WireRule }>(new GetSipRuleCommand({ SipRuleId: id }))).SipRule)),
    async createSipRule(name, number, targets) {
      const out = await once<{ SipRule?: WireRule }>(new CreateSipRuleCommand({
        Name: name, TriggerType: 'ToPhoneNumber', TriggerValue: number, Disabled: false,
        TargetApplications: targets.map(t => ({ SipMediaApplicationId: t.sipMediaApplicationId, Priority: t.priority, AwsRegion: t.awsRegion })),
      }));
      return toRule(out.SipRule);
    },
    async updateSipRule(id, change) {
      await send(new UpdateSipRuleCommand({
        SipRuleId: id, Name: change.name, Disabled: change.disabled,
        TargetApplications: change.targets?.map(t => ({ SipMediaApplicationId: t.sipMediaApplicationId, Priority: t.priority, AwsRegion: t.awsRegion })),
      }));
    },
    async deleteSipRule(id) {
      await orNotFound(() => send(new DeleteSipRuleCommand({ SipRuleId: id })));
    },
  };
}

interface WireError {
  PhoneNumberId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

function toErrors(errors: WireError[] | undefined): NumberError[] {
  return (errors ?? []).map(e => ({ number: e.PhoneNumberId ?? '', code: e.ErrorCode ?? 'Unknown', message: e.ErrorMessage ?? '' }));
}

function toRule(r: WireRule | undefined): SipRule {
  if (!r?.SipRuleId) throw new Error('Chime answered without a SipRule');
  return {
    id: r.SipRuleId,
    name: r.Name ?? '',
    disabled: r.Disabled ?? false,
    triggerValue: r.TriggerValue ?? '',
    targets: (r.TargetApplications ?? []).map(t => ({ sipMediaApplicationId: t.SipMediaApplicationId ?? '', priority: t.Priority ?? 1, awsRegion: t.AwsRegion ?? '' })),
  };
}
