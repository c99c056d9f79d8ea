import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeNagFinding } from './nag-acknowledgment';

/**
 * cdk-nag AwsSolutions findings on parts aws-cdk-lib's Provider framework builds and gives no
 * option for, each with the reason a reviewer needs, acknowledged for cdk-nag 3 and cdk-nag 2
 * (see nag-acknowledgment.ts), so users running either see them accounted for, not hidden.
 */
export function acknowledgeProviderFindings(provider: Construct, invokedFunctions: IConstruct[]): void {
  for (const fn of invokedFunctions) {
    const logicalId = Stack.of(provider).getLogicalId(fn.node.defaultChild as CfnResource);
    acknowledgeNagFinding(provider, {
      rule: 'AwsSolutions-IAM5',
      appliesTo: `Resource::<${logicalId}.Arn>:*`,
      reason: `lambda:InvokeFunction on ${fn.node.id}'s ARN:* is how aws-cdk-lib's Provider framework lets its functions and waiter `
        + 'invoke this provider\'s own handlers (every version and alias of exactly that function); no other resource is covered',
    });
  }
  const waiterRole = provider.node.tryFindChild('Provider')?.node.tryFindChild('waiter-state-machine')?.node.tryFindChild('Role');
  if (waiterRole) {
    acknowledgeNagFinding(waiterRole, {
      rule: 'AwsSolutions-IAM5',
      appliesTo: 'Resource::*',
      reason: 'Step Functions log delivery to CloudWatch Logs (logs:CreateLogDelivery, logs:PutResourcePolicy, ...) supports only '
        + 'Resource *, as the Step Functions developer guide documents; aws-cdk-lib grants exactly these for the waiter\'s logging',
    });
  }
  acknowledgeFrameworkRuntime(provider, invokedFunctions);
  acknowledgeNagFinding(provider, {
    rule: 'AwsSolutions-SF2',
    reason: 'The waiter is the Provider framework\'s state machine, which offers no tracing option; it only calls isComplete '
      + 'on a schedule, and every step is logged (level ALL) to the provider\'s log group',
  });
}

/**
 * The Provider framework's own functions run on the Node.js release aws-cdk-lib picks for them, with no
 * option: before aws-cdk-lib 2.259 that is Node.js 22, older than the handlers' runtime, and cdk-nag reports
 * AwsSolutions-L1. Acknowledged only where it happens, saying that upgrading aws-cdk-lib clears it.
 */
function acknowledgeFrameworkRuntime(provider: Construct, invokedFunctions: IConstruct[]): void {
  const runtimeOf = (fn: IConstruct | undefined) => (fn?.node.defaultChild as CfnFunction | undefined)?.runtime;
  const handlerRuntimes = new Set(invokedFunctions.filter(fn => !fn.node.id.startsWith('framework-')).map(runtimeOf));
  const framework = provider.node.tryFindChild('Provider');
  for (const id of ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout']) {
    const fn = framework?.node.tryFindChild(id);
    const runtime = runtimeOf(fn);
    if (fn && runtime && !handlerRuntimes.has(runtime)) {
      acknowledgeNagFinding(fn, {
        rule: 'AwsSolutions-L1',
        reason: `aws-cdk-lib runs its Provider framework's ${id} function on ${runtime} and offers no option to change it; `
          + `aws-cdk-lib 2.259 and newer pick ${[...handlerRuntimes].join(', ')}, the runtime of this provider's handlers`,
      });
    }
  }
}

/** The finding on a handler role's `chime:` statement: phone numbers have no resource-level permissions. */
export function acknowledgeChimeResourceWildcard(role: IConstruct, chimeActions: string[]): void {
  acknowledgeNagFinding(role, {
    rule: 'AwsSolutions-IAM5',
    appliesTo: 'Resource::*',
    reason: `Amazon Chime phone number actions support no resource-level permissions, and the routing targets are any the stack's orders name; the statement grants only ${chimeActions.join(', ')}`,
  });
}
