// The parts of a CloudFormation template that local deploy reads, and the dependency order
// CloudFormation derives from them.
import { LocalDeployError } from './errors';
import { referencedNames } from './intrinsics';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface TemplateResource {
  Type: string;
  Properties?: JsonObject;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: JsonObject;
}

export interface TemplateOutput {
  Value: Json;
  Description?: string;
  Condition?: string;
  Export?: Json;
}

export interface TemplateParameter {
  Type: string;
  Default?: Json;
  AllowedValues?: Json[];
  Description?: string;
}

export interface Template {
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
  Parameters?: Record<string, TemplateParameter>;
  Conditions?: Record<string, Json>;
  Mappings?: Record<string, Record<string, Record<string, Json>>>;
  Transform?: Json;
}

export function isCustomResource(type: string): boolean {
  return type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The construct path CDK records in the resource's metadata, which is what people recognise. */
export function cdkPath(resource: TemplateResource | undefined): string | undefined {
  const p = resource?.Metadata?.['aws:cdk:path'];
  return typeof p === 'string' ? p : undefined;
}

/** How a resource is named in messages: its construct path and logical ID. */
export function describeResource(logicalId: string, resource: TemplateResource | undefined): string {
  const p = cdkPath(resource);
  return p ? `${p} (${logicalId})` : logicalId;
}

/** Logical IDs of the resources this one needs first: Ref, Fn::GetAtt, Fn::Sub and DependsOn. */
export function dependenciesOf(resource: TemplateResource, resourceIds: ReadonlySet<string>): string[] {
  const explicit = resource.DependsOn === undefined ? [] : ([] as string[]).concat(resource.DependsOn);
  const implicit = referencedNames(resource.Properties ?? {});
  return [...new Set([...explicit, ...implicit])].filter(id => resourceIds.has(id));
}

/** Kahn's algorithm, keeping template order among independent resources so runs are repeatable. */
export function topologicalOrder(ids: string[], dependencies: (id: string) => string[]): string[] {
  const remaining = new Set(ids);
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].find(id => dependencies(id).every(d => !remaining.has(d)));
    if (ready === undefined) {
      throw new LocalDeployError(`Circular dependency between resources: [${[...remaining].join(', ')}]`);
    }
    order.push(ready);
    remaining.delete(ready);
  }
  return order;
}
