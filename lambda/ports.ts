import type { Budget } from './budget';
import type { ChimePort } from './chime-port';
import { chimePort } from './adapters/chime';
import { chimeSdkVoicePort } from './adapters/chime-sdk-voice';

export function portFor(api: string, budget: Budget): ChimePort {
  return api === 'chime' ? chimePort(budget.deadline) : chimeSdkVoicePort(budget.deadline);
}
