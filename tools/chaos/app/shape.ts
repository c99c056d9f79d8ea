// The shape of a test app of several PhoneNumberOrder resources: stacks of orders, by construct ID,
// as the `orders` context value of orders-app.ts takes it.

export type RemovalPolicyName = 'destroy' | 'retain' | 'retain-on-update-or-delete';

export interface OrderProps {
  numbers?: string[];
  /** An order by search: the criteria as PhoneNumberSearch.of takes them ({"areaCode": "206"}), and how many. */
  search?: Record<string, string>;
  quantity?: number;
  /** Default VoiceConnector. */
  productType?: string;
  /** Routes its numbers to the stack's Voice Connector ConnectorA (the app declares ConnectorA and ConnectorB). */
  route?: boolean;
  /** Routes its numbers to a Voice Connector or SIP media application of its own, declared beside it (`<ConstructId>Target`). */
  target?: 'voiceConnector' | 'sipMediaApplication';
  adopt?: boolean;
  allowPartial?: boolean;
  removalPolicy?: RemovalPolicyName;
}

/** Stack name → construct ID → props. */
export type AppShape = Record<string, Record<string, OrderProps>>;

/** Provider settings for every stack of the app (PhoneNumberOrderProvider.configure). */
export interface ProviderSettings {
  queryIntervalSeconds?: number;
  totalTimeoutSeconds: number;
}

/** Where the local deploy puts stacks that name no environment; marks and ARNs derive from these. */
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

/** The Voice Connectors (logical IDs) a stack with a routed order declares; a routed order starts on the first. */
export const CONNECTORS = ['ConnectorA', 'ConnectorB'] as const;
export type Connector = typeof CONNECTORS[number];

/** The aws:cdk:path of a routed order's Custom::ChimePhoneNumberRouting resource. */
export function routingPath(stack: string, construct: string): string {
  return `${stack}/${construct}/Routing/Resource/Default`;
}

/** The aws:cdk:path of a PhoneNumberOrder's custom resource, which stays put when its logical ID is renamed. */
export function orderPath(stack: string, construct: string): string {
  return `${stack}/${construct}/Resource/Default`;
}
