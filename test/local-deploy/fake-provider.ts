// The cloud assembly of apps/fake-provider-app.ts (a real custom_resources.Provider over a
// scriptable handler that records every event it gets), synthesised once per test file; each test
// adds the custom resources it needs to a copy of its template. Deploys of it exercise the engine
// and the Provider framework's own code in seconds, without Chime.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesise } from '../../tools/local-deploy/synth';
import type { Json, JsonObject, Template, TemplateResource } from '../../tools/local-deploy/template';
import { ROOT } from './example-app';

export const STACK = 'FakeStack';
/** Stands for the Provider's framework onEvent function in custom(); replaced by its logical ID. */
const FRAMEWORK = '__FRAMEWORK_ON_EVENT__';

export interface RecordedCall {
  fn: 'onEvent' | 'isComplete';
  at: number;
  pid: number;
  env: { AWS_REGION?: string; AWS_LAMBDA_LOG_GROUP_NAME?: string; QUERY_INTERVAL_SECONDS?: string };
  event: JsonObject & { RequestType: string; RequestId: string; LogicalResourceId: string; PhysicalResourceId?: string; ResourceProperties: JsonObject; OldResourceProperties?: JsonObject };
}

/** A custom resource of the fake provider, with the CDK metadata a construct would give it. */
export function custom(id: string, properties: JsonObject, extra: Partial<TemplateResource> = {}): [string, TemplateResource] {
  return [id, {
    Type: 'Custom::Fake',
    Properties: { ServiceToken: { 'Fn::GetAtt': [FRAMEWORK, 'Arn'] }, ...properties },
    Metadata: { 'aws:cdk:path': `${STACK}/${id}/Resource/Default` },
    ...extra,
  }];
}

/** Synthesises the fake provider app once: the base every FakeApp copies. */
export async function synthFakeProvider(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-deploy-fake-assembly-'));
  const { assemblyDir } = await synthesise({
    cwd: ROOT, app: `"${process.execPath}" --import tsx test/local-deploy/apps/fake-provider-app.ts`, context: {},
    outdir: dir, region: 'us-east-1', account: '123456789012',
  });
  return assemblyDir;
}

/** Registers the hooks of a suite on the fake provider: one synth for the file, a fresh FakeApp per test. */
export function withFakeProvider(): () => FakeApp {
  let base: string;
  let app: FakeApp | undefined;
  beforeAll(async () => { base = await synthFakeProvider(); }, 120_000);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
  afterEach(() => { app?.dispose(); app = undefined; });
  return () => (app ??= new FakeApp(base));
}

export class FakeApp {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-deploy-fake-'));
  readonly eventsFile = path.join(this.root, 'events.jsonl');
  readonly stateDir = path.join(this.root, 'state');
  private version = 0;

  constructor(private readonly base: string) {}

  /** Writes a new cloud assembly with these resources (and the provider); answers its directory. */
  assembly(resources: [string, TemplateResource][], outputs: Record<string, Json> = {}, waiter = { IntervalSeconds: 1, MaxAttempts: 3 },
    extra: Pick<Template, 'Parameters' | 'Conditions'> = {}): string {
    const dir = path.join(this.root, `asm${++this.version}`);
    fs.cpSync(this.base, dir, { recursive: true });
    const file = path.join(dir, `${STACK}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
    const all = template.Resources!;
    const framework = Object.keys(all).find(id => all[id].Properties?.Handler === 'framework.onEvent')!;
    for (const r of Object.values(all)) {
      if (r.Type === 'AWS::Lambda::Function' && String(r.Properties?.Handler).startsWith('index.')) {
        const told: JsonObject = r.Properties!.Handler === 'index.isComplete' ? { QUERY_INTERVAL_SECONDS: String(waiter.IntervalSeconds) } : {};
        r.Properties!.Environment = { Variables: { EVENTS_FILE: this.eventsFile, ...told } };
      }
      if (r.Type === 'AWS::StepFunctions::StateMachine') {
        r.Properties!.DefinitionString = JSON.parse(JSON.stringify(r.Properties!.DefinitionString)
          .replace(/\\"IntervalSeconds\\":\d+/, `\\"IntervalSeconds\\":${waiter.IntervalSeconds}`)
          .replace(/\\"MaxAttempts\\":\d+/, `\\"MaxAttempts\\":${waiter.MaxAttempts}`));
      }
    }
    const added = JSON.parse(JSON.stringify(Object.fromEntries(resources)).split(FRAMEWORK).join(framework)) as Record<string, TemplateResource>;
    template.Parameters = { ...template.Parameters, ...extra.Parameters };
    template.Conditions = { ...template.Conditions, ...extra.Conditions };
    template.Resources = { ...all, ...added };
    template.Outputs = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { Value: v }]));
    fs.writeFileSync(file, JSON.stringify(template, null, 1));
    return dir;
  }

  /** Calls recorded since the last time this was asked. */
  calls(): RecordedCall[] {
    if (!fs.existsSync(this.eventsFile)) return [];
    const lines = fs.readFileSync(this.eventsFile, 'utf8').trim().split('\n').filter(Boolean);
    fs.rmSync(this.eventsFile);
    return lines.map(l => JSON.parse(l));
  }

  stackRecord(): { status: string; resources: Record<string, { physicalId: string; properties: JsonObject; attributes: JsonObject }> } | undefined {
    const file = path.join(this.stateDir, 'stacks', `${STACK}.json`);
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** Summarises onEvent calls as "Type Logical [physical]". */
export function summary(calls: RecordedCall[]): string[] {
  return calls.filter(c => c.fn === 'onEvent').map(c => `${c.event.RequestType} ${c.event.LogicalResourceId}${c.event.PhysicalResourceId ? ` ${c.event.PhysicalResourceId}` : ''}`);
}
