// The stacks of a cloud assembly (manifest.json), nested assemblies (stages) included,
// and choosing among them as `cdk deploy` does.
import * as fs from 'fs';
import * as path from 'path';
import { LocalDeployError } from './errors';
import type { StackTarget } from './stack-operation';
import type { Template } from './template';

interface Artifact {
  type: string;
  environment?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
  dependencies?: string[];
  displayName?: string;
}

export interface AssemblyStack extends StackTarget {
  artifactId: string;
  displayName: string;
  dependencies: string[];
}

export function readAssembly(dir: string): AssemblyStack[] {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new LocalDeployError(`${dir} is not a cloud assembly (no manifest.json)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { artifacts?: Record<string, Artifact> };
  const stacks: AssemblyStack[] = [];
  for (const [artifactId, a] of Object.entries(manifest.artifacts ?? {})) {
    if (a.type === 'cdk:cloud-assembly' && a.properties?.directoryName) {
      stacks.push(...readAssembly(path.join(dir, a.properties.directoryName)));
    }
    if (a.type !== 'aws:cloudformation:stack' || !a.properties?.templateFile) continue;
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(a.environment ?? '') ?? [];
    stacks.push({
      artifactId,
      stackName: a.properties.stackName ?? artifactId,
      displayName: a.displayName ?? artifactId,
      template: JSON.parse(fs.readFileSync(path.join(dir, a.properties.templateFile), 'utf8')) as Template,
      assemblyDir: dir,
      region: region && region !== 'unknown-region' ? region : undefined,
      account: account && account !== 'unknown-account' ? account : undefined,
      dependencies: a.dependencies ?? [],
    });
  }
  return stacks;
}

/** Patterns match the stack name, artifact ID or display name; `*` is a wildcard. No pattern: the only stack. */
export function selectStacks(stacks: AssemblyStack[], patterns: string[], all: boolean): AssemblyStack[] {
  if (stacks.length === 0) throw new LocalDeployError('The app defines no stacks');
  const names = stacks.map(s => s.displayName).join(', ');
  if (all) return dependencyOrder(stacks);
  if (patterns.length === 0) {
    if (stacks.length === 1) return stacks;
    throw new LocalDeployError(`Since this app includes more than a single stack, specify which stacks to use with --stack NAME (wildcards are supported) or --all. Stacks: ${names}`);
  }
  const matchers = patterns.map(p => new RegExp(`^${p.split('*').map(escape).join('.*')}$`));
  const chosen = stacks.filter(s => matchers.some(m => m.test(s.stackName) || m.test(s.artifactId) || m.test(s.displayName)));
  if (chosen.length === 0) throw new LocalDeployError(`No stack matches ${patterns.join(', ')}. Stacks: ${names}`);
  return dependencyOrder(chosen);
}

function dependencyOrder(stacks: AssemblyStack[]): AssemblyStack[] {
  const ids = new Set(stacks.map(s => s.artifactId));
  const done = new Set<string>();
  const order: AssemblyStack[] = [];
  while (order.length < stacks.length) {
    const next = stacks.find(s => !done.has(s.artifactId) && s.dependencies.every(d => !ids.has(d) || done.has(d)));
    if (!next) throw new LocalDeployError('The stacks depend on each other in a cycle');
    done.add(next.artifactId);
    order.push(next);
  }
  return order;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
