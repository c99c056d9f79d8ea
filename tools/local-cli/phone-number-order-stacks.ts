// The companion deploys telephony stacks: when none of the stacks chosen holds a PhoneNumberOrder,
// the app or the stack is the wrong one, and saying so beats a deploy that tests nothing.
import type { AssemblyStack } from '../local-deploy/assembly';
import { LocalDeployError } from '../local-deploy/errors';
import { BIN } from './command-line';

/** PhoneNumberOrder.RESOURCE_TYPE: the construct is the user's own install, never bundled here. */
export const PHONE_NUMBER_ORDER_TYPE = 'Custom::ChimePhoneNumberOrder';

export function requirePhoneNumberOrder(stacks: readonly AssemblyStack[]): void {
  const holds = (s: AssemblyStack) => Object.values(s.template.Resources ?? {}).some(r => r.Type === PHONE_NUMBER_ORDER_TYPE);
  if (stacks.some(holds)) return;
  const names = stacks.map(s => s.displayName).join(', ');
  throw new LocalDeployError(`No PhoneNumberOrder in ${stacks.length === 1 ? 'stack' : 'stacks'} ${names}: ${BIN} deploys stacks that use `
    + `the phone-number-order construct (a ${PHONE_NUMBER_ORDER_TYPE} resource). Check the app (--app, or cdk.json's "app") `
    + 'and the stacks chosen (--stack, --all)');
}
