// The shape of a test app of several PhoneNumberOrder resources: stacks of orders, by construct ID,
// as the `orders` context value of orders-app.ts takes it.

export type RemovalPolicyName = 'destroy' | 'retain' | 'retain-on-update-or-delete';

export interface OrderProps {
  numbers: string[];
  adopt?: boolean;
  allowPartial?: boolean;
  removalPolicy?: RemovalPolicyName;
}

/** Stack name → construct ID → props. */
export type AppShape = Record<string, Record<string, OrderProps>>;

/** Where the local deploy puts stacks that name no environment; marks and ARNs derive from these. */
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

/** The aws:cdk:path of a PhoneNumberOrder's custom resource, which stays put when its logical ID is renamed. */
export function orderPath(stack: string, construct: string): string {
  return `${stack}/${construct}/Resource/Default`;
}
