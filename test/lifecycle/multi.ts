// Apps of several PhoneNumberOrder resources, deployed through the local deploy against one
// emulator the test controls, and the audit of the account's books after every step: the
// ownership promises (no number held by two resources or by none, none released that a
// resource lists, every listed number marked as its resource's, no stack left in a *_FAILED state).
// The app, its variants, the reading of deployed stacks and the audit are the chaos suite's.
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator } from '../../emulator';
import { readDeployed } from '../../tools/chaos/app/deployed';
import type { AppShape, OrderProps, ProviderSettings } from '../../tools/chaos/app/shape';
import { synthApp as synth } from '../../tools/chaos/app/synth';
import { type TemplateEdits, writeVariant } from '../../tools/chaos/app/variant';
import { auditOwnership } from '../../tools/chaos/audit/ownership';
import { resourceMark } from '../../tools/chaos/marks';
import { tempDir } from '../local-deploy/example-app';
import { run, type Run } from '../local-deploy/run';

export type { AppShape, OrderProps } from '../../tools/chaos/app/shape';

/** Per stack, per construct ID: new properties, or a new logical ID (a rename or a moved construct). */
export type Change = Record<string, Record<string, Partial<Omit<OrderProps, 'route'>> & { logicalId?: string }>>;

export interface DeployOptions {
  stacks?: string[];
  /** After a successful deploy, roll it back as a later resource's failure would. */
  rehearseRollback?: boolean;
  /** Environment variables for the handler's functions (onEvent and isComplete), e.g. INLINE_WAIT_SECONDS. */
  handlerEnv?: Record<string, string>;
}

/** The cloud assembly of an app of this shape (a synth costs seconds: share it between tests). */
export function synthApp(shape: AppShape, provider?: ProviderSettings): Promise<string> {
  return synth(shape, path.join(tempDir('multi-assembly-'), 'base.out'), provider);
}

/** One CDK app (its own state directory, like a team's own checkout) against the shared account. */
export class LocalApp {
  constructor(private readonly assembly: string, readonly emulator: Emulator, readonly root = tempDir('multi-')) {}

  private variants = 0;
  /** The status each stack reached in the last run that touched it. */
  statuses: Record<string, string> = {};

  get stateDir(): string {
    return path.join(this.root, 'state');
  }

  async deploy(change: Change = {}, opts: DeployOptions = {}): Promise<Run> {
    const app = writeVariant(this.assembly, path.join(this.root, `v${++this.variants}.out`), editsOf(this.assembly, change, opts.handlerEnv));
    const r = await run({
      app, stateDir: this.stateDir, endpoint: this.emulator.url, queryIntervalMs: 50,
      rehearseRollback: opts.rehearseRollback,
      ...(opts.stacks ? { stacks: opts.stacks } : { all: true }),
    });
    for (const s of r.result.stacks) this.statuses[s.stackName] = s.status;
    return r;
  }

  async destroy(stacks?: string[]): Promise<Run> {
    const r = await run({ app: this.assembly, stateDir: this.stateDir, endpoint: this.emulator.url, destroy: true, queryIntervalMs: 50, stacks });
    for (const s of r.result.stacks) this.statuses[s.stackName] = s.status;
    return r;
  }

  /** Numbers each resource lists as its own in the stack outputs: "Stack/Construct" → numbers. */
  listed(): Record<string, string[]> {
    return Object.fromEntries(readDeployed(this.stateDir).flatMap(s => s.orders.map(o => [`${s.stackName}/${o.construct}`, o.listed])));
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The changes as template edits; handler variables go to every stack of the assembly. */
function editsOf(assembly: string, change: Change, handlerEnv?: Record<string, string>): TemplateEdits {
  const stacks = handlerEnv ? fs.readdirSync(assembly).filter(f => f.endsWith('.template.json')).map(f => f.slice(0, -'.template.json'.length)) : Object.keys(change);
  return Object.fromEntries(stacks.map(stack => [stack, { orders: change[stack], handlerEnv }]));
}

/**
 * The ownership audit over every app deployed against the account. `elsewhere`: numbers put in the
 * account outside any stack (unmarked, they may stay held by nobody's stack).
 */
export function audit(emulator: Emulator, apps: LocalApp[], elsewhere: string[] = []): string[] {
  const stacks = apps.flatMap(app => readDeployed(app.stateDir));
  const listings = stacks.flatMap(s => s.orders.map(o => ({
    resource: `${s.stackName}/${o.construct}`,
    mark: o.api === 'chime' ? undefined : resourceMark(s.stackName, o.logicalId, s.region, s.account),
    numbers: o.listed,
  })));
  const failed = [...new Set([...stacks.map(s => [s.stackName, s.status]), ...apps.flatMap(a => Object.entries(a.statuses))]
    .filter(([, status]) => /_FAILED$/.test(status)).map(([stack, status]) => `${stack} is ${status}`))];
  return [...failed, ...auditOwnership({ listings, inventory: emulator.phoneNumbers(), elsewhere: new Set(elsewhere) }).map(f => f.text)];
}
