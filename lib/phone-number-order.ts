import { Annotations, CustomResource, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { apiRegionProblem, legacyApiProblem } from './api-regions';
import { ChimeApi } from './chime-api';
import {
  RESPONSE_LIMIT_BYTES, apiProblems, duplicateNumbers, numberProblems, orderNameProblem, routingProblems, worstCaseResponseBytes,
} from './order-rules';
import { addOrderOutputs, addRoutingOutputs } from './order-outputs';
import { PhoneNumberOrderProvider } from './phone-number-order-provider';
import type { PhoneNumberSearch } from './phone-number-search';
import { PhoneNumberRouting } from './phone-number-routing';
import { PhoneNumberTarget, PhoneNumberTargetType } from './phone-number-target';
import { PhoneProductType } from './phone-product-type';
import { searchProperties } from './search-properties';
import { quantityProblems, searchProblems } from './search-rules';
import { registerNumbers, sharedNumberProblems } from './shared-numbers';
import { ENUM_VOCABULARY } from './vocabulary';

/**
 * Properties for a PhoneNumberOrder.
 */
export interface PhoneNumberOrderProps {
  /** The product the numbers are ordered for. */
  readonly productType: PhoneProductType;
  /**
   * The numbers to order, in E.164 format (e.g. `+12065550100`); may be a token such as a
   * CommaDelimitedList parameter. As in the Chime API, a number without the leading `+` is read as
   * if it had one (`12065550100` is `+12065550100`). Give either this or `search`.
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
   * The region whose Chime SDK Voice API orders and manages the numbers: one where Chime SDK
   * Voice manages phone numbers (us-east-1 or us-west-2). The numbers then work with Voice
   * Connectors and SIP media applications in any region. Not used by the legacy API, which has
   * one global endpoint.
   * @default - the stack's region; a synth error names the choices when Chime SDK Voice manages no phone numbers there
   */
  readonly apiRegion?: string;
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
   * Chime SDK Voice only, for orders of listed numbers (`e164PhoneNumbers`).
   * @default - the numbers are not routed
   */
  readonly target?: PhoneNumberTarget;
  /**
   * The provider that handles the order's events. Giving an existing order another provider
   * changes its ServiceToken, which CloudFormation refuses: change the shared provider's settings
   * with `PhoneNumberOrderProvider.configure()` instead.
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
  /** ID of the synth warning on orders through the legacy Amazon Chime API, for `Annotations.acknowledgeWarning()`. */
  public static readonly LEGACY_API_WARNING_ID = 'phone-number-order:legacyChimeApi';

  /** ID of the newest order this resource placed (a token, known at deploy time). */
  public readonly orderId: string;
  /** Terminal status of that order (a token, known at deploy time). */
  public readonly orderStatus: string;
  /**
   * The acquired numbers, sorted: a deploy-time list (the handler answers a JSON list, so it is empty
   * when there is none). Pass it whole to other constructs, or pick elements with `Fn.select`; its
   * length and elements are not known at synth, so it cannot be iterated or counted there. See
   * `phoneNumbersCommaSeparated` for the same numbers as one string.
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
   * Numbers of the list the resource does not hold: a deploy-time list, like `phoneNumbers`; empty
   * unless `allowPartial` is set, and always empty for a search order.
   */
  public readonly failedPhoneNumbers: string[];
  /** The API the resource calls. */
  public readonly api: ChimeApi;
  /** The region whose Chime SDK Voice API the resource calls (may be a token); undefined for the legacy API. */
  public readonly apiRegion?: string;
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
    this.apiRegion = this.api === ChimeApi.CHIME_SDK_VOICE ? props.apiRegion ?? Stack.of(this).region : undefined;
    this.node.addValidation({ validate: () => [...this.problems(props), ...sharedNumberProblems(this)] });
    if (props.e164PhoneNumbers && !Token.isUnresolved(props.e164PhoneNumbers)) {
      registerNumbers(this, props.e164PhoneNumbers.filter(n => !Token.isUnresolved(n)));
    }
    if (this.api === ChimeApi.CHIME) {
      Annotations.of(this).addWarningV2(PhoneNumberOrder.LEGACY_API_WARNING_ID, 'This order uses the legacy Amazon Chime API (ChimeApi.CHIME), '
        + 'whose service reached end of support on 2026-02-20: AWS no longer fixes it, accounts created since the Chime SDK namespaces '
        + 'split are refused on its endpoint, and it may stop answering. Order VOICE_CONNECTOR or SIP_MEDIA_APPLICATION_DIAL_IN numbers '
        + 'through Chime SDK Voice (ChimeApi.CHIME_SDK_VOICE, the default for them) where you can; BUSINESS_CALLING exists only here.');
    }

    const provider = props.provider ?? PhoneNumberOrderProvider.getOrCreate(this);
    // What the routing resource must know of the order to take its routing away.
    const routed = {
      ProductType: props.productType,
      E164PhoneNumbers: props.e164PhoneNumbers,
      Api: this.api,
      ApiRegion: this.apiRegion,
      ...(props.target ? { Routing: props.target._renderProperties(Stack.of(this)) } : {}),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      serviceTimeout: provider.serviceTimeout,
      resourceType: PhoneNumberOrder.RESOURCE_TYPE,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      properties: {
        ...routed,
        // A search that is no PhoneNumberSearch is reported by the validation, not thrown here.
        Search: typeof props.search?.criteria === 'object' && props.search.criteria !== null ? searchProperties(props.search) : undefined,
        Quantity: props.search ? props.quantity ?? 1 : undefined,
        Name: props.name,
        AllowPartial: props.allowPartial ?? false,
        AdoptExistingNumbers: props.adoptExistingNumbers ?? false,
      },
    });
    this.orderId = this.resource.getAttString('OrderId');
    this.orderStatus = this.resource.getAttString('OrderStatus');
    // JSON lists in the handler's answer, so an empty list is empty (Fn::Split of '' would give ['']).
    this.phoneNumbers = Token.asList(this.resource.getAtt('PhoneNumbers'));
    this.phoneNumbersCommaSeparated = Fn.join(',', this.phoneNumbers);
    this.phoneNumberCount = Token.asNumber(this.resource.getAtt('PhoneNumberCount'));
    this.failedPhoneNumbers = Token.asList(this.resource.getAtt('FailedPhoneNumbers'));

    if (props.target) {
      this.routingTargetType = this.resource.getAttString('RoutingTargetType');
      this.routingTargetId = this.resource.getAttString('RoutingTargetId');
      this.sipRuleIds = Token.asList(this.resource.getAtt('SipRuleIds'));
      this.routing = new PhoneNumberRouting(this, 'Routing', { serviceToken: provider.serviceToken, order: this.resource, orderProperties: routed }).resource;
    }

    if (props.outputs ?? true) {
      addOrderOutputs(this, this.orderId, this.phoneNumbersCommaSeparated);
      if (props.target) {
        addRoutingOutputs(this, Fn.join(' ', [this.routingTargetType!, this.routingTargetId!]),
          props.target.targetType === PhoneNumberTargetType.SIP_MEDIA_APPLICATION ? Fn.join(',', this.sipRuleIds!) : undefined);
      }
    }
  }

  /** Every problem with the props, each naming the value and the fix, in the construct's vocabulary. */
  private problems(props: PhoneNumberOrderProps): string[] {
    const v = ENUM_VOCABULARY;
    const problems: string[] = [];
    const productTypeKnown = Object.values(PhoneProductType).includes(props.productType);
    if (!productTypeKnown) {
      problems.push(`productType "${props.productType}" is not a PhoneProductType: use ${Object.keys(PhoneProductType).map(k => `PhoneProductType.${k}`).join(', ')}`);
    }
    if (!Object.values(ChimeApi).includes(this.api)) {
      problems.push(`api "${this.api}" is not a ChimeApi: use ChimeApi.CHIME_SDK_VOICE or ChimeApi.CHIME`);
    }
    problems.push(...apiProblems(props.productType, this.api, props.name, v));
    if (props.target) {
      problems.push(...routingProblems(props.productType, this.api, props.target.targetType), ...props.target._problems());
      if (props.search !== undefined) {
        problems.push('target routes the numbers of e164PhoneNumbers orders; a search order cannot route them yet: list the numbers it found '
          + 'in e164PhoneNumbers to route them, or remove target');
      }
    }
    if (props.adoptExistingNumbers && this.api === ChimeApi.CHIME) {
      problems.push('adoptExistingNumbers needs Chime SDK Voice, whose numbers can carry an owner mark, and this order uses the legacy API '
        + '(ChimeApi.CHIME): remove adoptExistingNumbers');
    }
    if (props.name !== undefined && !Token.isUnresolved(props.name)) {
      const nameProblem = orderNameProblem(props.name);
      if (nameProblem) problems.push(nameProblem);
    }
    problems.push(...this.regionProblems(props));
    if (props.search !== undefined || props.e164PhoneNumbers === undefined || props.quantity !== undefined) {
      problems.push(...this.searchProblems(props));
    } else if (!Token.isUnresolved(props.e164PhoneNumbers)) {
      problems.push(...this.numberListProblems(props.e164PhoneNumbers, props.productType, productTypeKnown, props.target));
    }
    return problems;
  }

  /** Exactly one of e164PhoneNumbers and search; the search's criteria and quantity. */
  private searchProblems(props: PhoneNumberOrderProps): string[] {
    if (props.search !== undefined && props.e164PhoneNumbers !== undefined) {
      return ['give either e164PhoneNumbers (the numbers to order) or search (criteria and a quantity), not both'];
    }
    if (props.search === undefined) {
      return [props.e164PhoneNumbers === undefined
        ? "give e164PhoneNumbers (the numbers to order) or search (criteria and a quantity, e.g. search: PhoneNumberSearch.areaCode('206'), quantity: 3)"
        : 'quantity applies only to search orders: remove quantity, or replace e164PhoneNumbers with search'];
    }
    // Not instanceof: a second copy of this library in node_modules makes another class.
    if (typeof props.search.criteria !== 'object' || props.search.criteria === null) {
      return ["search must be a PhoneNumberSearch, e.g. PhoneNumberSearch.areaCode('206')"];
    }
    const problems: string[] = [];
    if (props.adoptExistingNumbers) {
      problems.push('adoptExistingNumbers applies to e164PhoneNumbers: a search order holds only numbers it ordered; remove adoptExistingNumbers');
    }
    const criteria = searchProperties(props.search);
    problems.push(...searchProblems(criteria, props.productType, this.api, v => Token.isUnresolved(v)));
    const quantity = props.quantity ?? 1;
    if (!Token.isUnresolved(quantity)) problems.push(...quantityProblems(quantity, criteria));
    return problems;
  }

  private regionProblems(props: PhoneNumberOrderProps): string[] {
    const stackRegion = Stack.of(this).region;
    const home = Token.isUnresolved(stackRegion) ? undefined : stackRegion;
    if (this.api === ChimeApi.CHIME) {
      const problems = props.apiRegion !== undefined
        ? [`apiRegion ${JSON.stringify(props.apiRegion)} applies to Chime SDK Voice only, and this order uses the legacy API (ChimeApi.CHIME), `
          + 'which has one global endpoint: remove apiRegion']
        : [];
      const partition = home === undefined ? undefined : legacyApiProblem(home);
      return partition ? [...problems, partition] : problems;
    }
    // A token (an environment-agnostic stack) is checked by the handler at deploy, once it is a region.
    if (this.apiRegion === undefined || Token.isUnresolved(this.apiRegion)) return [];
    const problem = apiRegionProblem(this.apiRegion, props.apiRegion === undefined ? 'stackRegion' : 'apiRegion', home);
    return problem ? [problem] : [];
  }

  private numberListProblems(numbers: string[], productType: PhoneProductType, productTypeKnown: boolean, target?: PhoneNumberTarget): string[] {
    if (numbers.length === 0) return ['e164PhoneNumbers is empty: list at least one number in E.164 format, e.g. [\'+12065550100\']'];
    const concrete = numbers.filter(n => !Token.isUnresolved(n));
    const problems = productTypeKnown ? concrete.flatMap(n => numberProblems(n, productType, n, ENUM_VOCABULARY)) : [];
    const dups = duplicateNumbers(concrete.filter(n => /^\+?[1-9]\d{1,14}$/.test(n)));
    if (dups.length > 0) {
      problems.push(`e164PhoneNumbers lists ${dups.join(', ')} more than once (a leading + does not make a different number): list each number once`);
    }
    if (concrete.length === numbers.length) {
      const bytes = worstCaseResponseBytes(concrete, undefined, target?.targetType);
      if (bytes > RESPONSE_LIMIT_BYTES) {
        // Each number also costs its SIP rule's ID (a quoted UUID and a comma) with a SIP media application target.
        const perNumber = Math.max(...concrete.map(n => n.length + 1)) + (target?.targetType === PhoneNumberTargetType.SIP_MEDIA_APPLICATION ? 39 : 0);
        const fits = Math.floor(concrete.length - (bytes - RESPONSE_LIMIT_BYTES) / perNumber);
        problems.push(`e164PhoneNumbers has ${concrete.length} numbers, too many for CloudFormation's 4,096-byte custom resource response `
          + `(about ${bytes} bytes): split them over several PhoneNumberOrder constructs of at most ${fits} numbers each`);
      }
    }
    return problems;
  }
}
