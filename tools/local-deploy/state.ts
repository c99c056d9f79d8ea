// What CloudFormation remembers about a stack, kept in the state directory so that the next
// run is an update (or delete) of what this one left behind.
import * as fs from 'fs';
import * as path from 'path';
import { LocalDeployError } from './errors';
import type { ChangeLog } from './rollback';
import type { Json, JsonObject, Template } from './template';

const FORMAT = 'local-deploy-stack/1';

export interface ResourceState {
  type: string;
  physicalId: string;
  /** As resolved for this deploy; for custom resources exactly what the handler received. */
  properties: JsonObject;
  /** Custom resources: the Data they answered; others: simulated attributes such as Arn. */
  attributes: JsonObject;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  /** aws:cdk:path */
  path?: string;
  dependsOn: string[];
  /** Lambda functions: the deployed code, relative to the state directory. */
  codeDir?: string;
}

export interface StackState {
  format: typeof FORMAT;
  stackName: string;
  stackId: string;
  region: string;
  account: string;
  status: string;
  createdAt: string;
  lastUpdated: string;
  template: Template;
  parameters: Record<string, Json>;
  resources: Record<string, ResourceState>;
  outputs: Record<string, { value: string; description?: string }>;
  /** UPDATE_ROLLBACK_FAILED: what the rollback still has to undo, for --continue-update-rollback. */
  pendingRollback?: PendingRollback;
}

export interface PendingRollback {
  reason: string;
  /** Resources whose rollback failed: the only ones --resources-to-skip may name. */
  failed: string[];
  /** The stack before the failed update: what the rollback returns to. */
  previous: Pick<StackState, 'template' | 'parameters' | 'outputs' | 'resources'>;
  changes: ChangeLog;
}

/** The state directory's layout. */
export class StateStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  get logFile(): string { return path.join(this.dir, 'lambda.log'); }
  get emulatorFile(): string { return path.join(this.dir, 'emulator.json'); }
  get defaultAssemblyDir(): string { return path.join(this.dir, 'cdk.out'); }
  /** Never created: points the SDK away from the host's ~/.aws, which a Lambda does not have. */
  get noAwsConfigFile(): string { return path.join(this.dir, 'no-aws-config'); }
  codeDir(name: string): string { return path.join(this.dir, 'code', name); }
  private stackFile(stackName: string): string { return path.join(this.dir, 'stacks', `${stackName}.json`); }

  load(stackName: string): StackState | undefined {
    const file = this.stackFile(stackName);
    if (!fs.existsSync(file)) return undefined;
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as StackState;
    if (parsed.format !== FORMAT) throw new LocalDeployError(`${file} is not a local deploy stack record (expected format ${FORMAT})`);
    return parsed;
  }

  /** Write-then-rename: a run killed mid-write leaves the previous record whole. */
  save(stack: StackState): void {
    const file = this.stackFile(stack.stackName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ ...stack, lastUpdated: new Date().toISOString() }, null, 1)}\n`);
    fs.renameSync(tmp, file);
  }

  remove(stackName: string): void {
    fs.rmSync(this.stackFile(stackName), { force: true });
  }

  /** Deployed stacks, oldest first. */
  stacks(): StackState[] {
    const dir = path.join(this.dir, 'stacks');
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter(f => f.endsWith('.json'))
      .map(f => this.load(f.slice(0, -'.json'.length)))
      .filter((s): s is StackState => s !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** One run per state directory: two at once would each overwrite what the other recorded. */
  lock(): () => void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, '.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return () => fs.rmSync(file, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(fs.readFileSync(file, 'utf8'));
        if (isAlive(holder)) {
          throw new LocalDeployError(`Another local deploy (pid ${holder}) is using ${this.dir}: wait for it, or use another --state-dir`);
        }
        fs.rmSync(file, { force: true });
      }
    }
    throw new LocalDeployError(`Could not lock ${this.dir}`);
  }
}

export function newStackState(stackName: string, stackId: string, region: string, account: string, template: Template): StackState {
  const now = new Date().toISOString();
  return {
    format: FORMAT, stackName, stackId, region, account, status: 'CREATE_IN_PROGRESS',
    createdAt: now, lastUpdated: now, template, parameters: {}, resources: {}, outputs: {},
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
