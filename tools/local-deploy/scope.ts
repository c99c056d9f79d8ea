// What Ref, Fn::GetAtt and conditions mean inside one stack: pseudo parameters, template
// parameters, and the physical IDs and attributes of the resources deployed so far.
import { IntrinsicError, NO_VALUE, Resolved, Scope, evaluateCondition } from './intrinsics';
import type { StackEnv } from './simulated';
import type { StackState } from './state';
import { Json, Template, isCustomResource } from './template';

export interface ScopeSource {
  readonly env: StackEnv;
  readonly stack: StackState;
  readonly template: Template;
  /** Parameters that have no value local deploy can know, with the reason. */
  readonly unresolvedParameters?: Record<string, string>;
}

export function scopeFor(src: ScopeSource, where: string, conditionCache = new Map<string, boolean>()): Scope {
  const evaluating = new Set<string>();
  const scope: Scope = {
    where,
    region: src.env.region,
    ref(name: string): Resolved {
      const pseudo = pseudoParameter(src, name);
      if (pseudo !== undefined) return pseudo;
      if (src.template.Parameters?.[name] !== undefined) {
        const reason = src.unresolvedParameters?.[name];
        if (reason) throw new IntrinsicError(`${where}: Ref ${name}: ${reason}`);
        return src.stack.parameters[name];
      }
      const resource = src.stack.resources[name];
      if (resource) return resource.physicalId;
      if (src.template.Resources?.[name]) throw new IntrinsicError(`${where}: Ref ${name}: the resource is not deployed (its Condition is false, or it comes later)`);
      throw new IntrinsicError(`${where}: Ref ${name}: no parameter, pseudo parameter or resource of that name`);
    },
    getAtt(logicalId: string, attribute: string): Json {
      const resource = src.stack.resources[logicalId];
      const what = `${where}: Fn::GetAtt ${logicalId}.${attribute}`;
      if (!resource) throw new IntrinsicError(`${what}: ${logicalId} is not deployed`);
      if (Object.prototype.hasOwnProperty.call(resource.attributes, attribute)) return resource.attributes[attribute];
      const has = Object.keys(resource.attributes);
      if (isCustomResource(resource.type)) {
        throw new IntrinsicError(`${what}: CustomResource attribute error: Vendor response doesn't contain ${attribute} attribute `
          + `(the custom resource returned ${has.length ? has.join(', ') : 'no Data'})`);
      }
      throw new IntrinsicError(`${what}: local deploy does not simulate attribute ${attribute} of ${resource.type} (it has ${has.join(', ') || 'none'})`);
    },
    condition(name: string): boolean {
      const cached = conditionCache.get(name);
      if (cached !== undefined) return cached;
      const expr = src.template.Conditions?.[name];
      if (expr === undefined) throw new IntrinsicError(`${where}: condition ${name} is not in the template's Conditions`);
      if (evaluating.has(name)) throw new IntrinsicError(`${where}: condition ${name} refers to itself`);
      evaluating.add(name);
      const value = evaluateCondition(expr, scopeFor(src, `Conditions.${name}`, conditionCache));
      evaluating.delete(name);
      conditionCache.set(name, value);
      return value;
    },
    findInMap(map: string, top: string, second: string): Json {
      const value = src.template.Mappings?.[map]?.[top]?.[second];
      if (value === undefined) throw new IntrinsicError(`${where}: Fn::FindInMap ${map}.${top}.${second} is not in the template's Mappings`);
      return value;
    },
  };
  return scope;
}

function pseudoParameter(src: ScopeSource, name: string): Resolved | undefined {
  switch (name) {
    case 'AWS::Region': return src.env.region;
    case 'AWS::AccountId': return src.env.account;
    case 'AWS::StackName': return src.env.stackName;
    case 'AWS::StackId': return src.stack.stackId;
    case 'AWS::Partition': return src.env.partition;
    case 'AWS::URLSuffix': return src.env.urlSuffix;
    case 'AWS::NotificationARNs': return [];
    case 'AWS::NoValue': return NO_VALUE;
    default: return undefined;
  }
}
