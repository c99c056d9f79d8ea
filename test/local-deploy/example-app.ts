// The example app's cloud assembly, synthesised once per test file, and variants of it for
// settings that only change the template (a synth costs seconds; a copy, milliseconds).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmulator } from '../../emulator';
import { synthesise } from '../../tools/local-deploy/synth';
import type { Template, TemplateResource } from '../../tools/local-deploy/template';

export const ROOT = path.resolve(__dirname, '..', '..');
export const STACK = 'PhoneNumberOrderExample';

export async function synthExample(dir: string, context: Record<string, string> = {}): Promise<string> {
  const { assemblyDir } = await synthesise({ cwd: ROOT, context, outdir: dir, region: 'us-east-1', account: '123456789012' });
  return assemblyDir;
}

/** A copy of the assembly with the order resource changed. */
export function variant(assemblyDir: string, target: string, change: (order: TemplateResource) => void): string {
  fs.cpSync(assemblyDir, target, { recursive: true });
  const file = path.join(target, `${STACK}.template.json`);
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
  change(orderResource(template)[1]);
  fs.writeFileSync(file, JSON.stringify(template, null, 1));
  return target;
}

export function orderResource(template: Template): [string, TemplateResource] {
  const found = Object.entries(template.Resources ?? {}).find(([, r]) => r.Type === 'Custom::ChimePhoneNumberOrder');
  if (!found) throw new Error('the example has no Custom::ChimePhoneNumberOrder');
  return found;
}

/** The embedded emulator's inventory, read back through the emulator itself: number → status. */
export async function inventory(stateFile: string): Promise<Record<string, string>> {
  const emulator = await startEmulator({ stateFile });
  try {
    return Object.fromEntries(emulator.phoneNumbers().map(n => [n.E164PhoneNumber, n.Status]));
  } finally {
    await emulator.close();
  }
}

/** Statuses of a number the account holds (not on its way out, not a record of a failed acquisition). */
export const HELD_STATUSES = ['Unassigned', 'Assigned', 'AcquireInProgress', 'ReleaseFailed', 'DeleteFailed'];

/** Numbers the account holds. */
export function held(inv: Record<string, string>): string[] {
  return Object.entries(inv).filter(([, s]) => HELD_STATUSES.includes(s)).map(([n]) => n).sort();
}

export async function markUnavailable(stateFile: string, numbers: string[]): Promise<void> {
  const emulator = await startEmulator({ stateFile });
  emulator.setUnavailable(numbers);
  await emulator.close();
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
