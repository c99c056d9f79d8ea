import { App, Stack } from 'aws-cdk-lib';
import { PhoneNumberOrder, PhoneProductType } from '../../lib';
import { sendEvent, useEmulator, voiceProps } from '../support/provider-harness';

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

test('the answer for the largest list the construct accepts stays under 4,096 bytes', async () => {
  const logicalId = `Numbers${'X'.repeat(200)}`;
  const numbers = largestAccepted(logicalId);
  expect(numbers.length).toBeGreaterThan(150);
  expect(accepts(usNumbers(numbers.length + 1), logicalId)).toBe(false);

  const answer = await sendEvent({ requestType: 'Create', props: voiceProps(numbers) });
  expect(answer.status).toBe('SUCCESS');
  expect(answer.data.PhoneNumberCount).toBe(String(numbers.length));
  // What the Provider framework sends to CloudFormation's pre-signed URL.
  const body = JSON.stringify({
    Status: 'SUCCESS',
    Reason: 'SUCCESS',
    StackId: `arn:aws:cloudformation:ap-southeast-2:123456789012:stack/${'S'.repeat(128)}/00000000-0000-0000-0000-000000000000`,
    RequestId: '00000000-0000-0000-0000-000000000000',
    PhysicalResourceId: answer.physicalId,
    LogicalResourceId: `${logicalId}1A2B3C4D`,
    NoEcho: false,
    Data: answer.data,
  });
  expect(Buffer.byteLength(body)).toBeLessThan(4096);
  expect(emulator.orders()[0].OrderedPhoneNumbers).toHaveLength(numbers.length);
});
