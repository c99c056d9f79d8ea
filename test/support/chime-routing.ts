// Routing targets made through the real SDK in an emulator, and what the emulator shows of the
// routing: for the handler tests of routed orders (lists and searches).
import { ChimeSDKVoiceClient, CreateSipMediaApplicationCommand, CreateVoiceConnectorCommand } from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, type Emulator } from '../../emulator';

export interface EmulatedSipRule {
  SipRuleId: string;
  Name: string;
  TriggerValue: string;
  Disabled: boolean;
  TargetApplications: { SipMediaApplicationId: string }[];
}

/** A Chime SDK Voice client of the emulator, for a test file: made before all tests, destroyed after. */
export function useVoiceClient(emulator: Emulator): () => ChimeSDKVoiceClient {
  let voice: ChimeSDKVoiceClient | undefined;
  beforeAll(() => {
    voice = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
  });
  afterAll(() => voice?.destroy());
  return () => {
    if (!voice) throw new Error('the client is made in beforeAll');
    return voice;
  };
}

export async function createVoiceConnector(voice: ChimeSDKVoiceClient, name = 'vc'): Promise<string> {
  return (await voice.send(new CreateVoiceConnectorCommand({ Name: name, RequireEncryption: true }))).VoiceConnector!.VoiceConnectorId!;
}

export async function createSipMediaApplication(voice: ChimeSDKVoiceClient, name = 'app'): Promise<string> {
  return (await voice.send(new CreateSipMediaApplicationCommand({
    AwsRegion: 'us-east-1', Name: name, Endpoints: [{ LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:handler' }],
  }))).SipMediaApplication!.SipMediaApplicationId!;
}

/** The `Routing` property of a routed order, as the construct renders it (scalars as strings). */
export const vcRouting = (id: string, extra: Record<string, unknown> = {}) => ({ Routing: { TargetType: 'VoiceConnector', TargetId: id, TakeOver: 'false', ...extra } });
export const smaRouting = (id: string) => ({ Routing: { TargetType: 'SipMediaApplication', TargetId: id, Priority: '1', Region: 'us-east-1', TakeOver: 'false' } });

/** "VoiceConnectorId <id>", "SipRuleId <id>", ... of a number. */
export const associationsOf = (emulator: Emulator, n: string) =>
  emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Associations.map(a => `${a.Name} ${a.Value}`) ?? [];

export const sipRulesOf = (emulator: Emulator) => emulator.routing().sipRules as unknown as EmulatedSipRule[];
