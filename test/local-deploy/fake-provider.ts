// A cloud assembly shaped like what aws-cdk-lib synthesises for a custom_resources.Provider
// (user onEvent/isComplete functions, the framework's onEvent function, the waiter state
// machine), served by a scriptable handler that records every event it gets. Deploys of it
// exercise the engine in milliseconds, without a synth or Chime.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Json, JsonObject, Template, TemplateResource } from '../../tools/local-deploy/template';

const HANDLER = `
const fs = require('fs');
const polls = {};
function record(fn, event) {
  fs.appendFileSync(process.env.EVENTS_FILE, JSON.stringify({ fn, at: Date.now(), pid: process.pid, event }) + '\\n');
}
const told = (p, key, type) => String(p[key] || '').split(',').includes(type);
exports.onEvent = async (event) => {
  record('onEvent', event);
  const p = event.ResourceProperties;
  if (told(p, 'FailOn', event.RequestType)) throw new Error('told to fail ' + event.RequestType + ' of ' + event.LogicalResourceId);
  if (event.RequestType === 'Delete') {
    if (p.FailDeleteWhileExists && fs.existsSync(p.FailDeleteWhileExists)) throw new Error('cannot delete yet');
    return {};
  }
  const physical = p.PhysicalId || event.PhysicalResourceId || 'phys-' + event.LogicalResourceId;
  return { PhysicalResourceId: physical, Data: { Value: p.Value, Upper: String(p.Value).toUpperCase() } };
};
exports.isComplete = async (event) => {
  record('isComplete', event);
  const p = event.ResourceProperties;
  polls[event.RequestId] = (polls[event.RequestId] || 0) + 1;
  if (event.RequestType !== 'Delete' && polls[event.RequestId] <= Number(p.Polls || 0)) return { IsComplete: false };
  if (told(p, 'FailCompleteOn', event.RequestType)) throw new Error('isComplete refused ' + event.RequestType);
  return { IsComplete: true, Data: { Polls: String(polls[event.RequestId]) } };
};
`;

export const STACK = 'FakeStack';
const FRAMEWORK = 'ProviderframeworkonEvent1234';

export interface RecordedCall {
  fn: 'onEvent' | 'isComplete';
  at: number;
  pid: number;
  event: JsonObject & { RequestType: string; LogicalResourceId: string; PhysicalResourceId?: string; ResourceProperties: JsonObject; OldResourceProperties?: JsonObject };
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

export class FakeApp {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-deploy-fake-'));
  readonly eventsFile = path.join(this.root, 'events.jsonl');
  readonly stateDir = path.join(this.root, 'state');
  private version = 0;

  /** Writes a new cloud assembly with these resources (and the provider); answers its directory. */
  assembly(resources: [string, TemplateResource][], outputs: Record<string, Json> = {}, waiter = { IntervalSeconds: 1, MaxAttempts: 3 },
    extra: Pick<Template, 'Parameters' | 'Conditions'> = {}): string {
    const dir = path.join(this.root, `asm${++this.version}`);
    fs.mkdirSync(path.join(dir, 'asset.handler'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'asset.handler', 'index.js'), HANDLER);
    const template: Template = {
      ...extra,
      Resources: { ...provider(this.eventsFile, waiter), ...Object.fromEntries(resources) },
      Outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { Value: v }])),
    };
    fs.writeFileSync(path.join(dir, `${STACK}.template.json`), JSON.stringify(template, null, 1));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
      version: '55.0.0',
      artifacts: { [STACK]: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: `${STACK}.template.json` } } },
    }));
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

function provider(eventsFile: string, waiter: { IntervalSeconds: number; MaxAttempts: number }): Record<string, TemplateResource> {
  const fn = (id: string, handler: string, env: JsonObject, asset = 'asset.handler'): TemplateResource => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: 'handler.zip' },
      Handler: handler, Runtime: 'nodejs22.x', Timeout: 30, LoggingConfig: { LogFormat: 'JSON' },
      Environment: { Variables: env },
    },
    Metadata: { 'aws:cdk:path': `${STACK}/Provider/${id}/Resource`, 'aws:asset:path': asset },
  });
  return {
    UserOnEvent: fn('OnEvent', 'index.onEvent', { EVENTS_FILE: eventsFile }),
    UserIsComplete: fn('IsComplete', 'index.isComplete', { EVENTS_FILE: eventsFile }),
    Waiter: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        DefinitionString: {
          'Fn::Join': ['', [
            `{"StartAt":"t","States":{"t":{"End":true,"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":${waiter.IntervalSeconds},"MaxAttempts":${waiter.MaxAttempts},"BackoffRate":1}],"Type":"Task","Resource":"`,
            { 'Fn::GetAtt': ['UserIsComplete', 'Arn'] }, '"}}}',
          ]],
        },
      },
      Metadata: { 'aws:cdk:path': `${STACK}/Provider/waiter-state-machine/Resource` },
    },
    [FRAMEWORK]: fn('framework-onEvent', 'framework.onEvent', {
      USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': ['UserOnEvent', 'Arn'] },
      USER_IS_COMPLETE_FUNCTION_ARN: { 'Fn::GetAtt': ['UserIsComplete', 'Arn'] },
      WAITER_STATE_MACHINE_ARN: { Ref: 'Waiter' },
    }, 'asset.framework-not-run'),
  };
}
