import { CfnOutput, CustomResource, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ChimeApi } from './chime-api';
import {
  RESPONSE_LIMIT_BYTES, apiProblems, duplicateNumbers, numberProblems, orderNameProblem, worstCaseResponseBytes,
} from './order-rules';
import { PhoneNumberOrderProvider } from './phone-number-order-provider';
import type { PhoneNumberSearch } from './phone-number-search';
import { PhoneProductType } from './phone-product-type';
import { searchProperties } from './search-properties';
import { quantityProblems, searchProblems } from './search-rules';

/**
 * Properties for a PhoneNumberOrder.
 */
export interface PhoneNumberOrderProps {
  /** The product the numbers are ordered for. */
  readonly productType: PhoneProductType;
  /**
   * The numbers to order, in E.164 format (e.g. `+12065550100`); may be a token such as a CommaDelimitedList parameter.
   * Give either this or `search`.
   * @default - none: `search` finds the numbers
   */
  readonly e164PhoneNumbers?: string[];
  /**
   * Find the numbers at deploy time instead of listing them: `quantity` numbers matching these
   * criteria (Chime SDK Voice only). Give either this or `e164PhoneNumbers`. A later change of the
   * criteria applies to numbers ordered from then on; the numbers already held are kept.
   * @default - none: `e164PhoneNumbers` lists the numbers
   */
  readonly search?: PhoneNumberSearch;
  /**
   * How many numbers a `search` order holds. Raising it orders the difference with the current
   * criteria; lowering it releases the most recently acquired numbers first.
   * @default 1
   */
  readonly quantity?: number;
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
  /** Numbers of the list the resource does not hold (a deploy-time list; empty unless allowPartial; always empty for a search order). */
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
        Search: props.search ? searchProperties(props.search) : undefined,
        Quantity: props.search ? props.quantity ?? 1 : undefined,
        Api: this.api,
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

    if (props.outputs ?? true) {
      new CfnOutput(this, 'OrderIdOutput', { value: this.orderId, description: `Chime phone number order ID of ${this.node.path}` });
      new CfnOutput(this, 'PhoneNumbersOutput', {
        value: Fn.join(',', this.phoneNumbers),
        description: `Phone numbers acquired by ${this.node.path}, comma-separated`,
      });
    }
  }

  private validate(props: PhoneNumberOrderProps): void {
    const fail = (what: string): never => {
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
    if (props.adoptExistingNumbers && this.api === ChimeApi.CHIME) {
      fail('adoptExistingNumbers needs the Chime SDK Voice API, whose numbers can carry an owner mark: remove adoptExistingNumbers, or use a product type other than BUSINESS_CALLING');
    }
    if (props.name !== undefined && !Token.isUnresolved(props.name)) {
      const nameProblem = orderNameProblem(props.name);
      if (nameProblem) fail(nameProblem);
    }
    if (props.search !== undefined || props.e164PhoneNumbers === undefined || props.quantity !== undefined) {
      this.validateSearch(props, fail);
      return;
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

  /** Exactly one of e164PhoneNumbers and search; the search's criteria and quantity. */
  private validateSearch(props: PhoneNumberOrderProps, fail: (what: string) => never): void {
    if (props.search !== undefined && props.e164PhoneNumbers !== undefined) {
      fail('give either e164PhoneNumbers (the numbers to order) or search (criteria and a quantity), not both');
    }
    if (props.search === undefined) {
      if (props.e164PhoneNumbers === undefined) {
        fail("give e164PhoneNumbers (the numbers to order) or search (criteria and a quantity, e.g. search: PhoneNumberSearch.areaCode('206'), quantity: 3)");
      }
      fail('quantity applies only to search orders: remove quantity, or replace e164PhoneNumbers with search');
    }
    // Not instanceof: a second copy of this library in node_modules makes another class.
    if (typeof props.search?.criteria !== 'object' || props.search.criteria === null) {
      fail("search must be a PhoneNumberSearch, e.g. PhoneNumberSearch.areaCode('206')");
    }
    if (props.adoptExistingNumbers) {
      fail('adoptExistingNumbers applies to e164PhoneNumbers: a search order holds only numbers it ordered; remove adoptExistingNumbers');
    }
    const criteria = searchProperties(props.search);
    const problem = searchProblems(criteria, props.productType, this.api, v => Token.isUnresolved(v))[0];
    if (problem) fail(problem);
    const quantity = props.quantity ?? 1;
    if (!Token.isUnresolved(quantity)) {
      const quantityProblem = quantityProblems(quantity, criteria)[0];
      if (quantityProblem) fail(quantityProblem);
    }
  }
}
