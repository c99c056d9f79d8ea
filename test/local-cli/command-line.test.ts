// The companion package's command line (tools/local-cli): its commands map onto the local deploy's
// options, and its stack check recognises the construct's resource type.
import { PhoneNumberOrder } from '../../lib';
import { UsageError } from '../../tools/local-deploy/errors';
import { OPTIONS_HELP } from '../../tools/local-deploy/options';
import { HELP, parseCommandLine } from '../../tools/local-cli/command-line';
import { PHONE_NUMBER_ORDER_TYPE, requirePhoneNumberOrder } from '../../tools/local-cli/phone-number-order-stacks';
import type { AssemblyStack } from '../../tools/local-deploy/assembly';

test('deploy and destroy are the local deploy with the options given; destroy adds --destroy', () => {
  expect(parseCommandLine(['deploy', '-c', 'numbers=+12065550100', '--outputs-file', 'o.json', 'Telephony*'])).toEqual({
    kind: 'run', command: 'deploy', options: { context: { numbers: '+12065550100' }, outputsFile: 'o.json', stacks: ['Telephony*'] },
  });
  expect(parseCommandLine(['destroy', '--state-dir', 'st'])).toEqual({ kind: 'run', command: 'destroy', options: { stateDir: 'st', destroy: true } });
  expect(parseCommandLine(['deploy', '--help'])).toEqual({ kind: 'help' });
  expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
});

test.each([
  [[], /Give a command: phone-number-order-local deploy, or phone-number-order-local destroy/],
  [['synth'], /Unknown command synth: use deploy or destroy/],
  [['-c', 'a=b'], /The command comes first, then the options: phone-number-order-local deploy -c a=b/],
  [['destroy', '--outputs-file', 'o.json'], /--outputs-file applies to a deploy, not --destroy/],
  [['deploy', '--frobnicate'], /Unknown option --frobnicate/],
])('%j is a usage error', (argv, message) => {
  expect(() => parseCommandLine(argv)).toThrow(message);
  expect(() => parseCommandLine(argv)).toThrow(UsageError);
});

test('the help lists both commands and every option of the local deploy', () => {
  expect(HELP).toMatch(/^Usage: phone-number-order-local deploy \[options\] \[STACK\.\.\.\]\n {7}phone-number-order-local destroy/);
  expect(HELP).toContain(OPTIONS_HELP);
});

test('the stack check knows the construct\'s resource type and names the stacks it refuses', () => {
  expect(PHONE_NUMBER_ORDER_TYPE).toBe(PhoneNumberOrder.RESOURCE_TYPE);
  const stack = (name: string, type: string) => ({ displayName: name, template: { Resources: { R: { Type: type } } } }) as unknown as AssemblyStack;
  expect(() => requirePhoneNumberOrder([stack('Network', 'AWS::EC2::VPC'), stack('Numbers', PHONE_NUMBER_ORDER_TYPE)])).not.toThrow();
  expect(() => requirePhoneNumberOrder([stack('Network', 'AWS::EC2::VPC'), stack('Calls', 'Custom::Other')]))
    .toThrow(/^No PhoneNumberOrder in stacks Network, Calls: phone-number-order-local deploys stacks that use the phone-number-order construct/);
});
