import type { ChimePort } from './chime-port';
import { chimePort } from './adapters/chime';
import { chimeSdkVoicePort } from './adapters/chime-sdk-voice';

export function portFor(api: string): ChimePort {
  return api === 'chime' ? chimePort() : chimeSdkVoicePort();
}
