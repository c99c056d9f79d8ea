// Template parameter values, chosen as `cdk deploy` chooses them: --parameters, else the value
// of the previous deploy, else the Default.
import { LocalDeployError } from './errors';
import type { Json, Template } from './template';

export interface ParameterValues {
  values: Record<string, Json>;
  /** SSM-backed parameters nobody gave a value: fine unless something refers to them. */
  unresolved: Record<string, string>;
}

export function resolveParameters(stackName: string, template: Template, given: Record<string, string>, previous: Record<string, Json> = {}): ParameterValues {
  const declared = template.Parameters ?? {};
  const unknown = Object.keys(given).filter(k => !(k in declared));
  if (unknown.length > 0) throw new LocalDeployError(`${stackName}: Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const values: Record<string, Json> = {};
  const unresolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, p] of Object.entries(declared)) {
    if (name in given) {
      values[name] = typed(p.Type, given[name]);
    } else if (name in previous) {
      values[name] = previous[name];
    } else if (p.Type.startsWith('AWS::SSM::Parameter::Value<')) {
      unresolved[name] = `it is an SSM parameter (${p.Type}${p.Default !== undefined ? `, ${String(p.Default)}` : ''}), which local deploy cannot look up: pass --parameters ${name}=VALUE`;
      continue;
    } else if (p.Default !== undefined) {
      values[name] = typed(p.Type, String(p.Default));
    } else {
      missing.push(name);
      continue;
    }
    const allowed = p.AllowedValues?.map(String);
    const actual = Array.isArray(values[name]) ? (values[name] as Json[]).map(String) : [String(values[name])];
    if (allowed && actual.some(v => !allowed.includes(v))) {
      throw new LocalDeployError(`${stackName}: Parameter '${name}' must be one of AllowedValues (${allowed.join(', ')})`);
    }
  }
  if (missing.length > 0) throw new LocalDeployError(`${stackName}: Parameters: [${missing.join(', ')}] must have values: pass --parameters NAME=VALUE`);
  return { values, unresolved };
}

function typed(type: string, raw: string): Json {
  return type === 'CommaDelimitedList' || type.startsWith('List<') ? raw.split(',') : raw;
}
