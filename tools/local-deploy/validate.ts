// Checks made before anything is deployed, so that a template local deploy cannot play
// fails at once with every problem named, instead of half-way through a deploy.
import { LocalDeployError } from './errors';
import { intrinsicName, referencedNames, unsupportedIntrinsic } from './intrinsics';
import type { StackState } from './state';
import { Json, Template, describeResource, isCustomResource, isObject } from './template';

export function validateTemplate(stackName: string, template: Template, prev?: StackState): void {
  const problems: string[] = [];
  const resources = template.Resources ?? {};
  const names = new Set([...Object.keys(resources), ...Object.keys(template.Parameters ?? {})]);
  if (template.Transform !== undefined) {
    problems.push(`Transform ${JSON.stringify(template.Transform)} is not supported: local deploy does not expand macros`);
  }
  const check = (where: string, value: Json | undefined) => {
    if (value === undefined) return;
    const fn = unsupportedIntrinsic(value);
    if (fn) problems.push(`${where}: ${fn} is not supported by local deploy`);
    for (const name of referencedNames(value)) {
      if (!names.has(name) && !name.startsWith('AWS::')) problems.push(`${where}: refers to ${name}, which is neither a resource nor a parameter`);
    }
  };
  for (const [id, r] of Object.entries(resources)) {
    const where = describeResource(id, r);
    check(where, r.Properties);
    for (const d of r.DependsOn === undefined ? [] : ([] as string[]).concat(r.DependsOn)) {
      if (!(d in resources)) problems.push(`${where}: DependsOn ${d}, which is not a resource of the template`);
    }
    if (r.Condition !== undefined && !(r.Condition in (template.Conditions ?? {}))) problems.push(`${where}: Condition ${r.Condition} is not in Conditions`);
    const before = prev?.resources[id];
    if (before && before.type !== r.Type) {
      problems.push(`Update of resource type is not permitted. The new template modifies resource type of the following resources: [${id}] (${before.type} → ${r.Type})`);
    }
    if (isCustomResource(r.Type)) {
      const problem = serviceTokenProblem(template, r.Properties?.ServiceToken);
      if (problem) problems.push(`${where}: ${problem}`);
    }
  }
  for (const [key, o] of Object.entries(template.Outputs ?? {})) check(`Outputs.${key}`, o.Value);
  for (const [key, c] of Object.entries(template.Conditions ?? {})) check(`Conditions.${key}`, c);
  if (problems.length > 0) {
    throw new LocalDeployError(`${stackName}: the template cannot be deployed locally:\n  - ${[...new Set(problems)].join('\n  - ')}`);
  }
}

/** Only custom_resources.Provider-backed resources can be played: the ServiceToken must be its onEvent function. */
function serviceTokenProblem(template: Template, token: Json | undefined): string | undefined {
  const fn = token === undefined ? undefined : intrinsicName(token);
  const arg = fn === 'Fn::GetAtt' && isObject(token) ? token[fn] : undefined;
  const target = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  const resource = target ? template.Resources?.[target] : undefined;
  if (!resource || resource.Type !== 'AWS::Lambda::Function') {
    return 'ServiceToken is not the Arn of a Lambda function in this stack: local deploy runs custom resources whose custom_resources.Provider is in the same stack';
  }
  const env = resource.Properties?.Environment;
  const vars = isObject(env) && isObject(env.Variables) ? env.Variables : {};
  if (vars.USER_ON_EVENT_FUNCTION_ARN === undefined) {
    return `ServiceToken points to ${describeResource(target!, resource)}, which is not a custom_resources.Provider framework function: local deploy runs only Provider-backed custom resources`;
  }
  return undefined;
}
