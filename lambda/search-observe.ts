// What a search order looks at: the numbers carrying its mark (the set is not known in advance).
import type { Budget } from './budget';
import type { ChimePort } from './chime-port';
import { type Snapshot, observeMarked, observeNumbers } from './observe';
import type { Identity } from './ownership';
import { portFor } from './ports';
import type { PreviousSpec } from './spec';

/** The marked numbers, plus `also` (numbers a previous legacy list held, which carry no mark). */
export async function markedSnapshot(port: ChimePort, identity: Identity, also: string[] = []): Promise<Snapshot> {
  const numbers = await observeMarked(port, identity);
  const rest = also.filter(n => !numbers.has(n));
  if (rest.length > 0) for (const [n, f] of await observeNumbers(port, identity, rest)) numbers.set(n, f);
  return { marksNumbers: port.marksNumbers, numbers, orders: new Map() };
}

/**
 * A list following a search order (the properties changed from Search to E164PhoneNumbers, or an
 * update rolled back to a list): what the search order held stands for the previous list, so
 * that numbers the new list leaves out are released and released ones of the list are restored.
 * The marks are read through Chime SDK Voice whichever API the list uses.
 */
export async function priorWithMarks(previous: PreviousSpec | undefined, identity: Identity, budget: Budget): Promise<PreviousSpec | undefined> {
  if (!previous?.search) return previous;
  const marked = await observeMarked(portFor('chime-sdk-voice', budget), identity);
  const numbers = [...marked.values()].filter(f => f.state === 'held' || f.state === 'acquiring' || f.state === 'leaving').map(f => f.number);
  return { ...previous, numbers: numbers.sort() };
}
