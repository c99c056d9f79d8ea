// What the local deploy's state directory says is deployed: each stack's status and, per
// PhoneNumberOrder resource, the numbers its PhoneNumbers output lists (what the user sees).
import { StateStore } from '../../local-deploy/state';
import type { Json } from '../../local-deploy/template';

const ORDER_TYPE = 'Custom::ChimePhoneNumberOrder';

export interface DeployedOrder {
  readonly stack: string;
  readonly logicalId: string;
  /** The construct ID from the resource's path ("A" for Stack/A/Resource/Default). */
  readonly construct: string;
  readonly physicalId: string;
  /** The Api property the resource was last deployed with. */
  readonly api: string;
  /** The numbers its PhoneNumbers stack output lists; empty when the stack has no such output. */
  readonly listed: string[];
  /** Whether its last answer carried the PhoneNumbers attribute (every SUCCESS for Create and Update must). */
  readonly answeredPhoneNumbers: boolean;
  /** Whether it was last deployed with a Routing property (a target for its numbers). */
  readonly routed: boolean;
  /**
   * Where its last answer says its numbers are routed (routed orders that answered): the target,
   * the numbers, and their SIP rules in the same order.
   */
  readonly routedTo?: RoutedTo;
}

export interface RoutedTo {
  readonly type: string;
  readonly id: string;
  readonly numbers: string[];
  readonly sipRuleIds: string[];
}

export interface DeployedStack {
  readonly stackName: string;
  readonly stackId: string;
  readonly status: string;
  readonly region: string;
  readonly account: string;
  readonly orders: DeployedOrder[];
}

export function readDeployed(stateDir: string): DeployedStack[] {
  return new StateStore(stateDir).stacks().map(stack => {
    const listedBy = new Map<string, string[]>();
    for (const [key, output] of Object.entries(stack.template.Outputs ?? {})) {
      const logicalId = phoneNumbersOf(output.Value);
      const value = stack.outputs[key]?.value;
      if (logicalId && value !== undefined) listedBy.set(logicalId, value ? value.split(',') : []);
    }
    const orders = Object.entries(stack.resources).filter(([, r]) => r.type === ORDER_TYPE).map(([logicalId, r]) => ({
      stack: stack.stackName,
      logicalId,
      construct: (r.path ?? logicalId).split('/')[1] ?? logicalId,
      physicalId: r.physicalId,
      api: String(r.properties.Api ?? 'chime-sdk-voice'),
      listed: listedBy.get(logicalId) ?? [],
      answeredPhoneNumbers: r.attributes.PhoneNumbers !== undefined,
      routed: r.properties.Routing !== undefined,
      routedTo: typeof r.attributes.RoutingTargetType === 'string' ? {
        type: r.attributes.RoutingTargetType, id: String(r.attributes.RoutingTargetId),
        numbers: r.attributes.PhoneNumbers as string[], sipRuleIds: (r.attributes.SipRuleIds as string[] | undefined) ?? [],
      } : undefined,
    }));
    return { stackName: stack.stackName, stackId: stack.stackId, status: stack.status, region: stack.region, account: stack.account, orders };
  });
}

/** The logical ID whose PhoneNumbers attribute an output shows, if it shows one. */
function phoneNumbersOf(value: Json): string | undefined {
  const m = /"Fn::GetAtt":\["([^"]+)","PhoneNumbers"\]/.exec(JSON.stringify(value));
  return m?.[1];
}
