// A deployed example stack driven through the local deploy against an emulator the test
// controls (faults, unavailable numbers, associations), for end-to-end lifecycle tests.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator, type Emulator } from '../../emulator';
import { HELD_STATUSES, STACK, synthExample, tempDir, variant } from '../local-deploy/example-app';
import { run, type Run } from '../local-deploy/run';
import type { LocalDeployOptions } from '../../tools/local-deploy';

export interface OrderChange {
  readonly numbers?: string[];
  readonly productType?: string;
  readonly api?: string;
  readonly allowPartial?: boolean;
  readonly deletionPolicy?: 'Delete' | 'Retain' | 'RetainExceptOnCreate';
}

export class LocalStack {
  /** Synthesises the example app once; stacks started from it share the cloud assembly. */
  static async synth(): Promise<string> {
    return synthExample(path.join(tempDir('lifecycle-assembly-'), 'base.out'));
  }

  /** A stack with its own state and a fresh emulator. */
  static async start(assembly: string): Promise<LocalStack> {
    return new LocalStack(tempDir('lifecycle-'), assembly, await startEmulator({ seed: 11 }));
  }

  private variants = 0;
  readonly stateDir: string;

  private constructor(readonly root: string, private readonly assembly: string, readonly emulator: Emulator) {
    this.stateDir = path.join(root, 'state');
  }

  /** Deploys the example with the order's properties changed as given. */
  async deploy(change: OrderChange, extra: LocalDeployOptions = {}): Promise<Run> {
    return run({ app: this.assemblyWith(change), stateDir: this.stateDir, endpoint: this.emulator.url, queryIntervalMs: 50, ...extra });
  }

  async destroy(): Promise<Run> {
    return run({ app: this.assembly, stateDir: this.stateDir, endpoint: this.emulator.url, destroy: true, queryIntervalMs: 50 });
  }

  /** Numbers the account holds (not in the deletion queue), sorted. */
  held(): string[] {
    return this.emulator.phoneNumbers().filter(n => HELD_STATUSES.includes(n.Status)).map(n => n.E164PhoneNumber).sort();
  }

  status(number: string): string | undefined {
    return this.emulator.phoneNumbers().find(n => n.E164PhoneNumber === number)?.Status;
  }

  /** Invocations of the order handler's onEvent function, from the platform records of the handler log. */
  onEventInvocations(): { start: number; end: number }[] {
    return invocations(path.join(this.stateDir, 'lambda.log'), /PhoneNumberOrderProviderOnE/);
  }

  ordersFor(): string[][] {
    return this.emulator.orders().filter(o => !o.Unrelated).map(o => o.OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort());
  }

  async close(): Promise<void> {
    await this.emulator.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** A copy of the example's cloud assembly with the order's properties changed. */
  assemblyWith(change: OrderChange): string {
    return variant(this.assembly, path.join(this.root, `v${++this.variants}.out`), resource => {
      const props = resource.Properties as Record<string, unknown>;
      if (change.numbers) props.E164PhoneNumbers = change.numbers;
      if (change.productType) props.ProductType = change.productType;
      if (change.api) props.Api = change.api;
      if (change.allowPartial !== undefined) props.AllowPartial = change.allowPartial;
      if (change.deletionPolicy) resource.DeletionPolicy = change.deletionPolicy;
    });
  }
}

/** The stack's outputs from one run, by what they hold. */
export function outputsOf(result: Run): { orderId: string; numbers: string } {
  const outputs = result.result.outputs[STACK] ?? {};
  const pick = (part: string) => Object.entries(outputs).find(([k]) => k.includes(part))?.[1] ?? '';
  return { orderId: pick('OrderId'), numbers: pick('PhoneNumbers') };
}

/** Each invocation of the functions whose name matches, from START to REPORT in a handler log (JSON platform records). */
export function invocations(logFile: string, functionName: RegExp): { start: number; end: number }[] {
  const records = fs.readFileSync(logFile, 'utf8').split('\n').filter(l => l.startsWith('{"time"'))
    .map(l => JSON.parse(l) as { time: string; type: string; record: { functionName?: string; requestId?: string } })
    .filter(r => functionName.test(r.record.functionName ?? ''));
  const ends = new Map(records.filter(r => r.type === 'platform.report').map(r => [r.record.requestId, Date.parse(r.time)]));
  return records.filter(r => r.type === 'platform.start').map(r => ({ start: Date.parse(r.time), end: ends.get(r.record.requestId) ?? Infinity }));
}
