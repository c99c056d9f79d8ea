import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The key aws-cdk-lib's `Validations.acknowledge()` records acknowledgments under
 * (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`), which cdk-nag 3 reads. Written directly because
 * `Validations.acknowledge()` accepts IDs with a finding detail (`[Resource::*]`) only from
 * aws-cdk-lib 2.269, and this library supports older releases.
 */
const ACKNOWLEDGED_RULES_KEY = 'aws:cdk:acknowledged-rules';
/** The resource metadata cdk-nag 2's `NagSuppressions.addResourceSuppressions()` writes and reads. */
const CDK_NAG_2_KEY = 'cdk_nag';

/** A cdk-nag finding on parts this library builds, accepted for the reason given. */
export interface NagFinding {
  /** The rule, e.g. `AwsSolutions-IAM5`; the pack is the part before the last `-`. */
  readonly rule: string;
  /** The finding's detail for granular rules, e.g. `Resource::*`. */
  readonly appliesTo?: string;
  /** Why the finding is acceptable, for the reviewer who reads the report. */
  readonly reason: string;
}

/**
 * Acknowledges a finding on `scope` and everything beneath it, for cdk-nag 3 (an acknowledgment
 * the validation report shows with its reason) and cdk-nag 2 (the suppression metadata on each
 * CloudFormation resource). Applies to the resources that exist when called.
 */
export function acknowledgeNagFinding(scope: IConstruct, finding: NagFinding): void {
  const pack = finding.rule.slice(0, finding.rule.lastIndexOf('-'));
  const detail = finding.appliesTo === undefined ? '' : `[${finding.appliesTo}]`;
  scope.node.addMetadata(ACKNOWLEDGED_RULES_KEY, { [`${pack}::${finding.rule}${detail}`]: finding.reason });

  const suppression = {
    reason: finding.reason,
    id: finding.rule,
    ...(finding.appliesTo === undefined ? {} : { applies_to: [finding.appliesTo] }),
  };
  for (const resource of scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c))) {
    const existing: unknown[] = resource.getMetadata(CDK_NAG_2_KEY)?.rules_to_suppress ?? [];
    const merged = [...new Set([...existing, suppression].map(s => JSON.stringify(s)))].map(s => JSON.parse(s));
    resource.addMetadata(CDK_NAG_2_KEY, { rules_to_suppress: merged });
  }
}
