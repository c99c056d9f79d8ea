// The region each Chime API is called in, for the event being handled. Chime SDK Voice: the
// resource's ApiRegion (checked here too: a stack whose region is a token at synth could not be
// checked then), else the Lambda's region, as before ApiRegion existed. The legacy API: its one
// global endpoint in the Lambda's partition. index.ts runs each event inside withEventRegions, so
// the adapters get the right region without every caller passing the event along.
import { AsyncLocalStorage } from 'async_hooks';
import { apiRegionProblem, legacyApiProblem, legacyApiRegion } from '../lib/api-regions';
import { EventFailure } from './failure';
import { apiOf } from './spec';

interface Regions {
  readonly voice: string;
  readonly legacy?: string;
}

const current = new AsyncLocalStorage<Regions>();

/** Checks the event's region before anything is called, then runs the event with its regions known. */
export function withEventRegions<T>(props: Record<string, unknown> | undefined, run: () => Promise<T>): Promise<T> {
  return current.run(regionsOf(props, lambdaRegion()), run);
}

/** The signing region for `api` in the event being handled. */
export function regionFor(api: string): string {
  const regions = current.getStore() ?? regionsOf(undefined, lambdaRegion());
  if (api !== 'chime') return regions.voice;
  if (regions.legacy === undefined) throw new EventFailure(capitalise(legacyApiProblem(lambdaRegion())!));
  return regions.legacy;
}

export function regionsOf(props: Record<string, unknown> | undefined, home: string): Regions {
  const legacy = legacyApiRegion(home);
  if (apiOf(props) === 'chime') return { voice: home, legacy };
  // A resource from before ApiRegion existed called the Lambda's region: checked alike.
  const region = props?.ApiRegion ?? home;
  const problem = typeof region === 'string'
    ? apiRegionProblem(region, 'ApiRegion', home)
    : `ApiRegion must be a region name such as us-east-1, got ${JSON.stringify(region)}`;
  if (problem) throw new EventFailure(capitalise(problem));
  return { voice: region as string, legacy };
}

/** The Lambda's own region: where the stack and its Voice Connectors and SIP media applications are. */
export function lambdaRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
