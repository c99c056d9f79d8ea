// The routing example (bin/routing-example-stack.ts) deployed through the local deploy against an
// emulator the test controls: the Voice Connectors and the SIP media application are created in
// the emulator, the orders route their numbers there. Variants of the synthesised assembly change
// the orders' properties without another synth.
import * as fs from 'fs';
import * as path from 'path';
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';
import { synthesise } from '../../tools/local-deploy/synth';
import type { Template, TemplateResource } from '../../tools/local-deploy/template';
import { ROOT, tempDir } from '../local-deploy/example-app';
import { run, type Run } from '../local-deploy/run';

export const STACK = 'PhoneNumberRoutingExample';
export type OrderId = 'ConnectorNumbers' | 'IvrNumbers';

export interface OrderChange {
  readonly numbers?: string[];
  readonly deletionPolicy?: 'Delete' | 'Retain' | 'RetainExceptOnCreate';
  readonly adopt?: boolean;
}

export async function synthRouting(dir: string, context: Record<string, string> = {}): Promise<string> {
  const { assemblyDir } = await synthesise({ cwd: ROOT, context: { example: 'routing', ...context }, outdir: dir, region: 'us-east-1', account: '123456789012' });
  return assemblyDir;
}

export class RoutedStack {
  private variants = 0;
  readonly stateDir: string;
  readonly voice: ChimeSDKVoiceClient;

  static async start(root: string): Promise<RoutedStack> {
    return new RoutedStack(fs.mkdtempSync(path.join(root, 'stack-')), await startEmulator({ seed: 17 }));
  }

  private constructor(readonly root: string, readonly emulator: Emulator) {
    this.stateDir = path.join(root, 'state');
    this.voice = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
  }

  deploy(assembly: string, extra: { rehearseRollback?: boolean } = {}): Promise<Run> {
    return run({ app: assembly, stateDir: this.stateDir, endpoint: this.emulator.url, queryIntervalMs: 50, ...extra });
  }

  destroy(): Promise<Run> {
    return run({ stateDir: this.stateDir, endpoint: this.emulator.url, destroy: true, queryIntervalMs: 50 });
  }

  /** A copy of the assembly with orders (and their routing resources) changed. */
  variant(assembly: string, changes: Partial<Record<OrderId, OrderChange>>): string {
    const dir = path.join(this.root, `v${++this.variants}.out`);
    fs.cpSync(assembly, dir, { recursive: true });
    const file = path.join(dir, `${STACK}.template.json`);
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
    for (const [id, change] of Object.entries(changes) as [OrderId, OrderChange][]) {
      const order = byPath(template, `${STACK}/${id}/Resource/Default`);
      const routing = byPath(template, `${STACK}/${id}/Routing/Resource/Default`);
      if (change.numbers) for (const r of [order, routing]) (r.Properties as Record<string, unknown>).E164PhoneNumbers = change.numbers;
      if (change.deletionPolicy) order.DeletionPolicy = change.deletionPolicy;
      if (change.adopt !== undefined) (order.Properties as Record<string, unknown>).AdoptExistingNumbers = change.adopt;
    }
    fs.writeFileSync(file, JSON.stringify(template, null, 1));
    return dir;
  }

  status(n: string): string | undefined {
    return this.emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Status;
  }

  /** "VoiceConnectorId <id>", "SipRuleId <id>", ... */
  associations(n: string): string[] {
    return this.emulator.phoneNumbers().find(p => p.E164PhoneNumber === n)?.Associations.map(a => `${a.Name} ${a.Value}`) ?? [];
  }

  /** The rule that routes `n`, as the emulator shows it. */
  ruleOf(n: string): { SipRuleId: string; Disabled: boolean; TargetApplications: { SipMediaApplicationId: string }[] } | undefined {
    return this.emulator.routing().sipRules.find(r => r.TriggerValue === n) as never;
  }

  async close(): Promise<void> {
    this.voice.destroy();
    await this.emulator.close();
  }
}

/** The stack's outputs by what they hold. */
export function outputsOf(r: Run): Record<string, string> {
  const outputs = r.result.outputs[STACK] ?? {};
  const pick = (prefix: string) => Object.entries(outputs).find(([k]) => k.startsWith(prefix))?.[1] ?? '';
  return {
    connectorNumbers: pick('ConnectorNumbersPhoneNumbers'), connectorRouting: pick('ConnectorNumbersRouting'),
    ivrNumbers: pick('IvrNumbersPhoneNumbers'), ivrRouting: pick('IvrNumbersRouting'), ivrRules: pick('IvrNumbersSipRuleIds'),
    main: pick('MainConnectorId'), standby: pick('StandbyConnectorId'), ivr: pick('IvrId'),
  };
}

function byPath(template: Template, cdkPath: string): TemplateResource {
  const found = Object.values(template.Resources ?? {}).find(r => r.Metadata?.['aws:cdk:path'] === cdkPath);
  if (!found) throw new Error(`no resource ${cdkPath}`);
  return found;
}

export { tempDir };
