import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/**
 * cdk-nag AwsSolutions findings on parts aws-cdk-lib's Provider framework builds and gives no
 * option for, each with the reason a reviewer needs. Recorded with aws-cdk-lib's own
 * Validations API, so users running cdk-nag see them acknowledged, not hidden.
 */
export function acknowledgeProviderFindings(provider: Construct, invokedFunctions: IConstruct[]): void {
  for (const fn of invokedFunctions) {
    const logicalId = Stack.of(provider).getLogicalId(fn.node.defaultChild as CfnResource);
    Validations.of(provider).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: `lambda:InvokeFunction on ${fn.node.id}'s ARN:* is how aws-cdk-lib's Provider framework lets its functions and waiter `
        + 'invoke this provider\'s own handlers (every version and alias of exactly that function); no other resource is covered',
    });
  }
  const waiterRole = provider.node.tryFindChild('Provider')?.node.tryFindChild('waiter-state-machine')?.node.tryFindChild('Role');
  if (waiterRole) {
    Validations.of(waiterRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions log delivery to CloudWatch Logs (logs:CreateLogDelivery, logs:PutResourcePolicy, ...) supports only '
        + 'Resource *, as the Step Functions developer guide documents; aws-cdk-lib grants exactly these for the waiter\'s logging',
    });
  }
  Validations.of(provider).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SF2',
    reason: 'The waiter is the Provider framework\'s state machine, which offers no tracing option; it only calls isComplete '
      + 'on a schedule, and every step is logged (level ALL) to the provider\'s log group',
  });
}
