import { CfnResource, CustomResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Properties of the routing guard of one PhoneNumberOrder. */
export interface PhoneNumberRoutingProps {
  readonly serviceToken: string;
  /** The order's custom resource, whose routing this takes away. */
  readonly order: CustomResource;
  /** The order's properties: numbers, product type, API and Routing. */
  readonly orderProperties: { [key: string]: any };
}

/**
 * `Custom::ChimePhoneNumberRouting`: always deleted (DeletionPolicy Delete), and deleted before the
 * order and the target it depends on, it takes away the routing the order made even when the
 * order's removal policy retains the numbers, so that a Voice Connector or SIP media application
 * of the same stack can be deleted with it. The order itself routes its numbers.
 */
export class PhoneNumberRouting extends Construct {
  public static readonly RESOURCE_TYPE = 'Custom::ChimePhoneNumberRouting';

  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: PhoneNumberRoutingProps) {
    super(scope, id);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: props.serviceToken,
      resourceType: PhoneNumberRouting.RESOURCE_TYPE,
      removalPolicy: RemovalPolicy.DESTROY,
      properties: {
        OrderLogicalId: Stack.of(this).getLogicalId(props.order.node.defaultChild as CfnResource),
        ...props.orderProperties,
      },
    });
    this.resource.node.addDependency(props.order);
  }
}
