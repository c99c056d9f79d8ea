import { CustomResource, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChimeApi } from './chime-api';
import {
  RESPONSE_LIMIT_BYTES, apiProblems, duplicateNumbers, numberProblems, orderNameProblem, worstCaseResponseBytes,
} from './order-rules';
import { addOrderOutputs } from './order-outputs';
import { PhoneNumberOrderProvider } from './phone-number-order-provider';
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
   * What happens to the numbers when the resource leaves the stack.
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The provider that handles the order's events.
   * @default - one provider shared by every order in the stack
   */
  readonly provider?: PhoneNumberOrderProvider;
  /**
   * Whether to add stack outputs for the order ID and the acquired numbers, under the keys
   * `<path>OrderId` and `<path>PhoneNumbers`, where `<path>` is the construct's ids below its stack,
   * letters and digits only (e.g. `NumbersOrderId`).
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

  /** ID of the newest order this resource placed (a token, known at deploy time). */
  public readonly orderId: string;
  /** Terminal status of that order (a token, known at deploy time). */
  public readonly orderStatus: string;
  /**
   * The acquired numbers, sorted: a deploy-time list (`Fn::Split`). Pass it whole to other constructs,
   * or pick elements with `Fn.select`; its length and elements are not known at synth, so it cannot be
   * iterated or counted there. See `phoneNumbersCommaSeparated` for the same numbers as one string.
   */
  public readonly phoneNumbers: string[];
  /**
   * The acquired numbers, sorted and comma-separated (`+12065550100,+12065550101`): a deploy-time string,
   * for properties, outputs and scripts that take one string.
   */
  public readonly phoneNumbersCommaSeparated: string;
  /** How many numbers the resource owns (a token, known at deploy time). */
  public readonly phoneNumberCount: number;
  /**
   * Numbers that were ordered but not acquired: a deploy-time list (`Fn::Split`), like `phoneNumbers`.
   * Unless `allowPartial` is set, no number fails, and the list holds one empty string (the split of an
   * empty string).
   */
  public readonly failedPhoneNumbers: string[];
  /** The API the resource calls. */
  public readonly api: ChimeApi;
  /** The underlying custom resource. */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: PhoneNumberOrderProps) {
    super(scope, id);
    this.api = props.api ?? (props.productType === PhoneProductType.BUSINESS_CALLING ? ChimeApi.CHIME : ChimeApi.CHIME_SDK_VOICE);
    this.validate(props);

    const provider = props.provider ?? PhoneNumberOrderProvider.getOrCreate(this);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: PhoneNumberOrder.RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      properties: {
        ProductType: props.productType,
        E164PhoneNumbers: props.e164PhoneNumbers,
        Api: this.api,
        Name: props.name,
        AllowPartial: props.allowPartial ?? false,
      },
    });
    this.orderId = this.resource.getAttString('OrderId');
    this.orderStatus = this.resource.getAttString('OrderStatus');
    this.phoneNumbersCommaSeparated = this.resource.getAttString('PhoneNumbers');
    this.phoneNumbers = Fn.split(',', this.phoneNumbersCommaSeparated);
    this.phoneNumberCount = Token.asNumber(this.resource.getAtt('PhoneNumberCount'));
    this.failedPhoneNumbers = Fn.split(',', this.resource.getAttString('FailedPhoneNumbers'));

    if (props.outputs ?? true) {
      addOrderOutputs(this, this.orderId, this.phoneNumbersCommaSeparated);
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
      const bytes = worstCaseResponseBytes(concrete);
      if (bytes > RESPONSE_LIMIT_BYTES) {
        const perNumber = Math.max(...concrete.map(n => n.length + 1));
        const fits = Math.floor(concrete.length - (bytes - RESPONSE_LIMIT_BYTES) / perNumber);
        fail(`e164PhoneNumbers has ${concrete.length} numbers, too many for CloudFormation's 4,096-byte custom resource response (about ${bytes} bytes): split them over several PhoneNumberOrder constructs of at most ${fits} numbers each`);
      }
    }
  }
}
