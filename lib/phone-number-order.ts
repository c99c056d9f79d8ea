import { CfnOutput, CustomResource, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChimeApi } from './chime-api';
import {
  RESPONSE_LIMIT_BYTES, apiProblems, duplicateNumbers, numberProblems, orderNameProblem, routingProblems, worstCaseResponseBytes,
} from './order-rules';
import { PhoneNumberOrderProvider } from './phone-number-order-provider';
import { PhoneNumberRouting } from './phone-number-routing';
import { PhoneNumberTarget, PhoneNumberTargetType } from './phone-number-target';
import { PhoneProductType } from './phone-product-type';

/**
 * Properties for a PhoneNumberOrder.
 */
export interface PhoneNumberOrderProps {
  /** The product the numbers are ordered for. */
  readonly productType: PhoneProductType;
  /** The numbers to order, in E.164 format (e.g. `+12065550100`); may be a token such as a CommaDelimitedList parameter. */
  readonly e164PhoneNumbers: string[];
  /**
   * The Chime API to call.
   * @default ChimeApi.CHIME for BUSINESS_CALLING, ChimeApi.CHIME_SDK_VOICE otherwise
   */
  readonly api?: ChimeApi;
  /**
   * The order's name (Chime SDK Voice only).
   * @default - no name
   */
  readonly name?: string;
  /**
   * Whether an order that acquires only some of the numbers counts as a success.
   * @default false
   */
  readonly allowPartial?: boolean;
  /**
   * Whether to take numbers the account already holds, owned by no other PhoneNumberOrder (bought in
   * the console, ported in, or retained by a deleted stack), under this resource instead of refusing
   * them. Adopted numbers are not ordered; they follow the removal policy like ordered ones, and a
   * number removed from the list is given back rather than released. Chime SDK Voice only.
   * @default false
   */
  readonly adoptExistingNumbers?: boolean;
  /**
   * What happens to the numbers when the resource leaves the stack.
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Where to route the numbers once they are held: a Voice Connector or group (VOICE_CONNECTOR
   * numbers) or a SIP media application (SIP_MEDIA_APPLICATION_DIAL_IN numbers, one SIP rule per
   * number). Kept in step on every update; taken away before a number is released, and when the
   * stack is deleted, whatever the removal policy (see "Routing numbers" in the README).
   * Chime SDK Voice only.
   * @default - the numbers are not routed
   */
  readonly target?: PhoneNumberTarget;
  /**
   * The provider that handles the order's events.
   * @default - one provider shared by every order in the stack
   */
  readonly provider?: PhoneNumberOrderProvider;
  /**
   * Whether to add stack outputs for the order ID and the acquired numbers.
   * @default true
   */
  readonly outputs?: boolean;
}

/**
 * Amazon Chime phone numbers, ordered on deploy through `CreatePhoneNumberOrder`
 * and kept in step with the stack on update and delete.
 */
export class PhoneNumberOrder extends Construct {
  /** The CloudFormation resource type of the custom resource. */
  public static readonly RESOURCE_TYPE = 'Custom::ChimePhoneNumberOrder';

  /** ID of the newest order this resource placed. */
  public readonly orderId: string;
  /** Terminal status of that order. */
  public readonly orderStatus: string;
  /** The acquired numbers, sorted (a deploy-time list). */
  public readonly phoneNumbers: string[];
  /** How many numbers the resource owns. */
  public readonly phoneNumberCount: number;
  /** Numbers of the list the resource does not hold (a deploy-time list; empty unless allowPartial). */
  public readonly failedPhoneNumbers: string[];
  /** The API the resource calls. */
  public readonly api: ChimeApi;
  /** The underlying custom resource. */
  public readonly resource: CustomResource;
  /** With a target: what the numbers are routed to (a PhoneNumberTargetType value). */
  public readonly routingTargetType?: string;
  /** With a target: the ID of the Voice Connector, group or SIP media application the numbers are routed to. */
  public readonly routingTargetId?: string;
  /** With a SIP media application target: each number's SIP rule ID, in the order of `phoneNumbers` (a deploy-time list). */
  public readonly sipRuleIds?: string[];
  /** With a target: the resource that takes the routing away when the stack no longer wants it. */
  public readonly routing?: CustomResource;

  constructor(scope: Construct, id: string, props: PhoneNumberOrderProps) {
    super(scope, id);
    this.api = props.api ?? (props.productType === PhoneProductType.BUSINESS_CALLING ? ChimeApi.CHIME : ChimeApi.CHIME_SDK_VOICE);
    this.validate(props);

    const provider = props.provider ?? PhoneNumberOrderProvider.getOrCreate(this);
    const routed = {
      ProductType: props.productType,
      E164PhoneNumbers: props.e164PhoneNumbers,
      Api: this.api,
      ...(props.target ? { Routing: props.target._renderProperties(Stack.of(this)) } : {}),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: PhoneNumberOrder.RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      properties: {
        ...routed,
        Name: props.name,
        AllowPartial: props.allowPartial ?? false,
        AdoptExistingNumbers: props.adoptExistingNumbers ?? false,
      },
    });
    this.orderId = this.resource.getAttString('OrderId');
    this.orderStatus = this.resource.getAttString('OrderStatus');
    // JSON lists in the handler's answer, so an empty list is empty (Fn::Split of '' would give ['']).
    this.phoneNumbers = Token.asList(this.resource.getAtt('PhoneNumbers'));
    this.phoneNumberCount = Token.asNumber(this.resource.getAtt('PhoneNumberCount'));
    this.failedPhoneNumbers = Token.asList(this.resource.getAtt('FailedPhoneNumbers'));

    if (props.target) {
      this.routingTargetType = this.resource.getAttString('RoutingTargetType');
      this.routingTargetId = this.resource.getAttString('RoutingTargetId');
      this.sipRuleIds = Token.asList(this.resource.getAtt('SipRuleIds'));
      this.routing = new PhoneNumberRouting(this, 'Routing', { serviceToken: provider.serviceToken, order: this.resource, orderProperties: routed }).resource;
    }

    if (props.outputs ?? true) {
      new CfnOutput(this, 'OrderIdOutput', { value: this.orderId, description: `Chime phone number order ID of ${this.node.path}` });
      new CfnOutput(this, 'PhoneNumbersOutput', {
        value: Fn.join(',', this.phoneNumbers),
        description: `Phone numbers acquired by ${this.node.path}, comma-separated`,
      });
      if (props.target) {
        new CfnOutput(this, 'RoutingOutput', {
          value: Fn.join(' ', [this.routingTargetType!, this.routingTargetId!]),
          description: `Where ${this.node.path} routes its numbers: target type and ID`,
        });
      }
      if (props.target?.targetType === PhoneNumberTargetType.SIP_MEDIA_APPLICATION) {
        new CfnOutput(this, 'SipRuleIdsOutput', {
          value: Fn.join(',', this.sipRuleIds!),
          description: `SIP rules routing the numbers of ${this.node.path}, comma-separated, in the order of its numbers`,
        });
      }
    }
  }

  private validate(props: PhoneNumberOrderProps): void {
    const fail = (what: string) => {
      throw new Error(`${this.node.path}: ${what}`);
    };
    if (!Object.values(PhoneProductType).includes(props.productType)) {
      fail(`productType "${props.productType}" is not a PhoneProductType: use ${Object.keys(PhoneProductType).map(k => `PhoneProductType.${k}`).join(', ')}`);
    }
    if (!Object.values(ChimeApi).includes(this.api)) {
      fail(`api "${this.api}" is not a ChimeApi: use ChimeApi.CHIME or ChimeApi.CHIME_SDK_VOICE`);
    }
    const apiProblem = apiProblems(props.productType, this.api, props.name)[0];
    if (apiProblem) fail(apiProblem);
    if (props.target) {
      const problem = [...routingProblems(props.productType, this.api, props.target.targetType), ...props.target._problems()][0];
      if (problem) fail(problem);
    }
    if (props.adoptExistingNumbers && this.api === ChimeApi.CHIME) {
      fail('adoptExistingNumbers needs the Chime SDK Voice API, whose numbers can carry an owner mark: remove adoptExistingNumbers, or use a product type other than BUSINESS_CALLING');
    }
    if (props.name !== undefined && !Token.isUnresolved(props.name)) {
      const nameProblem = orderNameProblem(props.name);
      if (nameProblem) fail(nameProblem);
    }
    if (Token.isUnresolved(props.e164PhoneNumbers)) return;
    if (props.e164PhoneNumbers.length === 0) {
      fail('e164PhoneNumbers is empty: list at least one number in E.164 format, e.g. [\'+12065550100\']');
    }
    const concrete = props.e164PhoneNumbers.filter(n => !Token.isUnresolved(n));
    for (const n of concrete) {
      const problem = numberProblems(n, props.productType, n)[0];
      if (problem) fail(problem);
    }
    const dups = duplicateNumbers(concrete);
    if (dups.length > 0) {
      fail(`e164PhoneNumbers lists ${dups.join(', ')} more than once (a leading + does not make a different number): list each number once`);
    }
    if (concrete.length === props.e164PhoneNumbers.length) {
      const bytes = worstCaseResponseBytes(concrete, undefined, props.target?.targetType);
      if (bytes > RESPONSE_LIMIT_BYTES) {
        // Each number also costs its SIP rule's ID (a quoted UUID and a comma) with a SIP media application target.
        const perNumber = Math.max(...concrete.map(n => n.length + 1)) + (props.target?.targetType === PhoneNumberTargetType.SIP_MEDIA_APPLICATION ? 39 : 0);
        const fits = Math.floor(concrete.length - (bytes - RESPONSE_LIMIT_BYTES) / perNumber);
        fail(`e164PhoneNumbers has ${concrete.length} numbers, too many for CloudFormation's 4,096-byte custom resource response (about ${bytes} bytes): split them over several PhoneNumberOrder constructs of at most ${fits} numbers each`);
      }
    }
  }
}
