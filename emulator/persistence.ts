/** The state file: one account that outlives the emulator process (e.g. across deploy runs). */
import * as fs from 'fs';
import * as path from 'path';
import { AccountState } from './model';

const FORMAT = 'chime-emulator-state/1';

export interface PersistedState {
  format: typeof FORMAT;
  account: AccountState;
  /** PRNG positions, so a resumed process does not replay the ids it handed out before. */
  rng: { ids: number; misc: number };
}

export function loadState(file: string): PersistedState | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as PersistedState;
  if (parsed.format !== FORMAT) throw new Error(`${file} is not a Chime emulator state file (expected format ${FORMAT})`);
  return parsed;
}

/** Write-then-rename, so a process killed mid-write leaves the previous state intact. */
export function saveState(file: string, state: Omit<PersistedState, 'format'>): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, ...state }, null, 1));
  fs.renameSync(tmp, file);
}
