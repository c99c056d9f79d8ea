import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/** CloudFormation's limit on a logical ID, output keys included. */
const MAX_KEY_LENGTH = 255;

/**
 * The readable part of an order's output keys: the construct's ids from its stack down, letters and
 * digits only (`Telephony/Numbers` in a stack gives `TelephonyNumbers`). Stable: it changes only when
 * the construct's id or its parents' ids do.
 */
export function outputKeyPrefix(order: IConstruct): string {
  const stackDepth = Stack.of(order).node.scopes.length;
  return order.node.scopes.slice(stackDepth).map(s => s.node.id).join('').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Adds the order's stack outputs under readable keys (`<prefix>OrderId`, `<prefix>PhoneNumbers`), and
 * a validation that fails synth, naming both constructs, if another output of the stack has one of them.
 */
export function addOrderOutputs(order: Construct, orderId: string, phoneNumbersCommaSeparated: string): void {
  const prefix = outputKeyPrefix(order);
  const outputs = [
    new CfnOutput(order, 'OrderIdOutput', { value: orderId, description: `Chime phone number order ID of ${order.node.path}` }),
    new CfnOutput(order, 'PhoneNumbersOutput', {
      value: phoneNumbersCommaSeparated,
      description: `Phone numbers acquired by ${order.node.path}, comma-separated`,
    }),
  ];
  outputs[0].overrideLogicalId(`${prefix}OrderId`);
  outputs[1].overrideLogicalId(`${prefix}PhoneNumbers`);

  order.node.addValidation({
    validate: () => {
      const stack = Stack.of(order);
      const keyOf = (o: CfnOutput) => stack.resolve(o.logicalId) as string;
      const others = stack.node.findAll().filter((c): c is CfnOutput => c instanceof CfnOutput && !outputs.includes(c));
      return outputs.flatMap(output => {
        const key = keyOf(output);
        const clash = others.find(o => keyOf(o) === key);
        const problems: string[] = [];
        if (clash) {
          problems.push(`the stack output key "${key}" is also used by ${clash.node.path}: `
            + 'give one of them another construct id, or set outputs: false on this PhoneNumberOrder');
        }
        if (key.length > MAX_KEY_LENGTH) {
          problems.push(`the stack output key "${key}" is ${key.length} characters, more than CloudFormation's `
            + `${MAX_KEY_LENGTH}: use shorter construct ids, or set outputs: false on this PhoneNumberOrder`);
        }
        return problems;
      });
    },
  });
}

/** A routed order's outputs, beside its others: `<prefix>Routing` (target type and ID) and `<prefix>SipRuleIds`. */
export function addRoutingOutputs(order: Construct, routing: string, sipRuleIds?: string): void {
  const prefix = outputKeyPrefix(order);
  new CfnOutput(order, 'RoutingOutput', { value: routing, description: `Where ${order.node.path} routes its numbers: target type and ID` })
    .overrideLogicalId(`${prefix}Routing`);
  if (sipRuleIds === undefined) return;
  new CfnOutput(order, 'SipRuleIdsOutput', {
    value: sipRuleIds,
    description: `SIP rules routing the numbers of ${order.node.path}, comma-separated, in the order of its numbers`,
  }).overrideLogicalId(`${prefix}SipRuleIds`);
}
