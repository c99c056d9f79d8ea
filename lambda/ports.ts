import { regionFor } from './api-region';
import type { Budget } from './budget';
import type { ChimePort } from './chime-port';

// A resource uses one API, so only that API's SDK client is loaded: the bundle builds each
// adapter as a file of its own (scripts/bundle-handler.js), required here on first use.
type ChimeAdapter = typeof import('./adapters/chime');
type VoiceAdapter = typeof import('./adapters/chime-sdk-voice');

export function portFor(api: string, budget: Budget): ChimePort {
  const region = regionFor(api);
  if (api === 'chime') return (require('./adapters/chime') as ChimeAdapter).chimePort(budget.deadline, region);
  return (require('./adapters/chime-sdk-voice') as VoiceAdapter).chimeSdkVoicePort(budget.deadline, region);
}
