import { App, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneNumberSearch, PhoneNumberTarget, PhoneNumberType, PhoneProductType } from '../../lib';
import { createSipMediaApplication, smaRouting, useVoiceClient } from '../support/chime-routing';
import { type Answer, searchProps, sendEvent, useEmulator, voiceProps } from '../support/provider-harness';

const emulator = useEmulator();
const AREA_CODES = [206, 212, 312, 415, 503, 617, 702, 713, 808];
const usNumbers = (n: number) => Array.from({ length: n }, (_, i) => `+1${AREA_CODES[Math.floor(i / 100)]}5550${100 + (i % 100)}`);

// The construct reports problems as validations, at synth; node.validate() runs just this construct's.
const accepts = (numbers: string[], logicalId: string) => new PhoneNumberOrder(new Stack(new App(), 'S'), logicalId, {
  productType: PhoneProductType.VOICE_CONNECTOR, e164PhoneNumbers: numbers,
}).node.validate().length === 0;

/** The largest list of U.S. numbers the construct accepts. */
function largestAccepted(logicalId: string): string[] {
  let n = 1;
  while (accepts(usNumbers(n + 1), logicalId)) n++;
  return usNumbers(n);
}

/** What the Provider framework sends to CloudFormation's pre-signed URL, with the longest stack name. */
function frameworkBody(answer: Answer, logicalId: string): string {
  return JSON.stringify({
    Status: 'SUCCESS',
    Reason: 'SUCCESS',
    StackId: `arn:aws:cloudformation:ap-southeast-2:123456789012:stack/${'S'.repeat(128)}/00000000-0000-0000-0000-000000000000`,
    RequestId: '00000000-0000-0000-0000-000000000000',
    PhysicalResourceId: answer.physicalId,
    LogicalResourceId: `${logicalId}1A2B3C4D`,
    NoEcho: false,
    Data: answer.data,
  });
}

test('the answer for the largest list the construct accepts stays under 4,096 bytes', async () => {
  const logicalId = `Numbers${'X'.repeat(200)}`;
  const numbers = largestAccepted(logicalId);
  expect(numbers.length).toBeGreaterThan(150);
  expect(accepts(usNumbers(numbers.length + 1), logicalId)).toBe(false);

  const answer = await sendEvent({ requestType: 'Create', props: voiceProps(numbers) });
  expect(answer.status).toBe('SUCCESS');
  expect(answer.data.PhoneNumberCount).toBe(String(numbers.length));
  expect(Buffer.byteLength(frameworkBody(answer, logicalId))).toBeLessThan(4096);
  expect(emulator.orders()[0].OrderedPhoneNumbers).toHaveLength(numbers.length);
});

describe('a search order routed to a SIP media application: each number\'s rule ID is in the answer too', () => {
  const voice = useVoiceClient(emulator);
  const acceptsQuantity = (search: PhoneNumberSearch, quantity: number) => new PhoneNumberOrder(new Stack(new App(), 'S'), `Numbers${'X'.repeat(200)}`, {
    productType: PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN, search, quantity, target: PhoneNumberTarget.sipMediaApplicationId('app'),
  }).node.validate().length === 0;

  test.each<[string, PhoneNumberSearch, Record<string, string>]>([
    ['U.S. numbers', PhoneNumberSearch.areaCode('206'), { AreaCode: '206' }],
    ['U.K. numbers', PhoneNumberSearch.country('GB', PhoneNumberType.LOCAL), { Country: 'GB', PhoneNumberType: 'Local' }],
  ])('%s: the answer for the largest quantity the construct accepts stays under 4,096 bytes', async (_what, search, criteria) => {
    let quantity = 1;
    while (acceptsQuantity(search, quantity + 1)) quantity++;
    expect(quantity).toBeGreaterThan(40);
    const app = await createSipMediaApplication(voice());
    const answer = await sendEvent({
      requestType: 'Create', props: searchProps(criteria, quantity, { ProductType: 'SipMediaApplicationDialIn', ...smaRouting(app) }), logicalId: `Numbers${'X'.repeat(200)}`,
    });
    expect({ status: answer.status, reason: answer.reason }).toEqual({ status: 'SUCCESS', reason: undefined });
    expect([answer.data.PhoneNumberCount, (answer.data.SipRuleIds as string[]).length]).toEqual([String(quantity), quantity]);
    expect((answer.data.SipRuleIds as string[]).every(id => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(Buffer.byteLength(frameworkBody(answer, `Numbers${'X'.repeat(200)}`))).toBeLessThan(4096);
  });
});
