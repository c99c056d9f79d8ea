// Stack outputs: evaluated once the resources are in place, and written as
// `cdk deploy --outputs-file` writes them.
import * as fs from 'fs';
import * as path from 'path';
import { IntrinsicError, NO_VALUE, resolve } from './intrinsics';
import { scopeFor } from './scope';
import type { StackRun } from './stack-run';

export type Outputs = Record<string, { value: string; description?: string }>;

export function evaluateOutputs(run: StackRun, conditions: Map<string, boolean>): Outputs {
  const out: Outputs = {};
  for (const [key, o] of Object.entries(run.template.Outputs ?? {})) {
    const scope = scopeFor(run, `Outputs.${key}`, conditions);
    if (o.Condition !== undefined && !scope.condition(o.Condition)) continue;
    const value = resolve(o.Value, scope);
    if (value === NO_VALUE || value === null || typeof value === 'object') {
      throw new IntrinsicError(`Outputs.${key}: the value must be a string, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`);
    }
    out[key] = { value: String(value), ...(o.Description ? { description: o.Description } : {}) };
  }
  return out;
}

export function writeOutputsFile(file: string, outputs: Record<string, Record<string, string>>): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(outputs, null, 2)}\n`);
}

export function outputValues(outputs: Outputs): Record<string, string> {
  return Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.value]));
}
