// The Chime SDK Voice client and every command the handler sends with it, in one file that both the
// number adapter (chime-sdk-voice.ts) and the routing adapter (routing.ts) import: the bundle builds it
// into voice-sdk.js once, instead of one copy of the SDK in each adapter's file.
export {
  AssociatePhoneNumbersWithVoiceConnectorCommand, AssociatePhoneNumbersWithVoiceConnectorGroupCommand, BatchDeletePhoneNumberCommand,
  ChimeSDKVoiceClient, CreatePhoneNumberOrderCommand, CreateSipRuleCommand, DeleteSipRuleCommand,
  DisassociatePhoneNumbersFromVoiceConnectorCommand, DisassociatePhoneNumbersFromVoiceConnectorGroupCommand, GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand, GetSipMediaApplicationCommand, GetSipRuleCommand, GetVoiceConnectorCommand, GetVoiceConnectorGroupCommand,
  ListPhoneNumberOrdersCommand, ListPhoneNumbersCommand, RestorePhoneNumberCommand, SearchAvailablePhoneNumbersCommand,
  UpdatePhoneNumberCommand, UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
export type { SipRule } from '@aws-sdk/client-chime-sdk-voice';
// The routing adapter's clients come from here too, so routing.js carries no copy of their settings.
export { boundedClients } from './bounded-clients';
