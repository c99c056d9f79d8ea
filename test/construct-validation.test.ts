import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ChimeApi, PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType, type PhoneNumberOrderProps } from '../lib';

const VC = PhoneProductType.VOICE_CONNECTOR;
const BC = PhoneProductType.BUSINESS_CALLING;
const SMA = PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN;
const AREA_CODES = [206, 212, 312, 415, 503, 617, 702, 713, 808];
/** Distinct fictional U.S. numbers (555-0100..0199 in several area codes). */
const manyNumbers = (n: number) => Array.from({ length: n }, (_, i) => `+1${AREA_CODES[Math.floor(i / 100)]}5550${100 + (i % 100)}`);

type Row = [string, Partial<PhoneNumberOrderProps>, RegExp, RegExp];

// Each row: what is wrong, the props, the offending value as it must appear, and the fix the message must suggest.
const rows: Row[] = [
  ['empty list', { e164PhoneNumbers: [] }, /e164PhoneNumbers is empty/, /at least one number/],
  ['dashes', { e164PhoneNumbers: ['206-555-0100'] }, /206-555-0100 is not an E\.164/, /\+ then country code/],
  ['letters', { e164PhoneNumbers: ['+1206555ABCD'] }, /\+1206555ABCD is not an E\.164/, /digits only/],
  ['leading zero', { e164PhoneNumbers: ['+02065550100'] }, /\+02065550100 is not an E\.164/, /e\.g\. \+12065550100/],
  ['too long', { e164PhoneNumbers: ['+1206555010012345'] }, /\+1206555010012345 is not an E\.164/, /at most 15/],
  ['spaces', { e164PhoneNumbers: ['+1 206 555 0100'] }, /\+1 206 555 0100 is not an E\.164/, /digits only/],
  ['empty string', { e164PhoneNumbers: [''] }, / is not an E\.164/, /\+ then country code/],
  ['unassigned area code', { e164PhoneNumbers: ['+15555550100'] }, /\+15555550100 is not a valid phone number/, /check the country code/],
  ['too short for the plan', { e164PhoneNumbers: ['+1206555'] }, /\+1206555 is not a valid phone number/, /check the country code/],
  ['duplicate', { e164PhoneNumbers: ['+12065550100', '+12065550100'] }, /\+12065550100 more than once/, /list each number once/],
  ['duplicate without +', { e164PhoneNumbers: ['+12065550100', '12065550100'] }, /\+12065550100 more than once/, /leading \+ does not make a different number/],
  ['toll-free 800 with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+18005550100'] }, /\+18005550100 is toll-free/, /use VOICE_CONNECTOR or SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['toll-free 888 with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+18885550100'] }, /\+18885550100 is toll-free/, /order it separately/],
  ['toll-free 877 with BusinessCalling among locals', { productType: BC, e164PhoneNumbers: ['+12065550100', '+18775550100'] }, /\+18775550100 is toll-free/, /VOICE_CONNECTOR/],
  ['Canada with VoiceConnector', { e164PhoneNumbers: ['+14165550100'] }, /\+14165550100 is outside the U\.S\. \(CA\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Canada with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+16045550100'] }, /\+16045550100 is outside the U\.S\. \(CA\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Dominican Republic (+1) with VoiceConnector', { e164PhoneNumbers: ['+18095550100'] }, /\+18095550100 is outside the U\.S\. \(DO\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Jamaica (+1) with VoiceConnector', { e164PhoneNumbers: ['+18765550100'] }, /\+18765550100 is outside the U\.S\. \(JM\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['UK with VoiceConnector', { e164PhoneNumbers: ['+442071838750'] }, /\+442071838750 is outside the U\.S\. \(GB\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Australia with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+61255550100'] }, /\+61255550100 is outside the U\.S\. \(AU\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['BusinessCalling on Chime SDK Voice', { productType: BC, api: ChimeApi.CHIME_SDK_VOICE }, /BusinessCalling exists only in the legacy chime API/, /use api ChimeApi\.CHIME/],
  ['name with the legacy API', { api: ChimeApi.CHIME, name: 'office' }, /order name is supported only by the chime-sdk-voice API/, /remove name/],
  ['name with BusinessCalling (legacy by default)', { productType: BC, name: 'office' }, /order name is supported only by the chime-sdk-voice API/, /ChimeApi\.CHIME_SDK_VOICE/],
  ['name with a slash', { name: 'main/line' }, /order name "main\/line" is invalid/, /letters, digits, spaces/],
  ['name with a trailing space', { name: 'main ' }, /order name "main " is invalid/, /no leading or trailing space/],
  ['name too long', { name: 'a'.repeat(257) }, /order name "a{257}" is invalid/, /at most 225 .*owner mark/],
  ['unknown product type', { productType: 'Fax' as PhoneProductType }, /productType "Fax" is not a PhoneProductType/, /PhoneProductType\.VOICE_CONNECTOR/],
  ['unknown api', { api: 'chime-v3' as ChimeApi }, /api "chime-v3" is not a ChimeApi/, /ChimeApi\.CHIME_SDK_VOICE/],
  ['too many numbers for the response', { e164PhoneNumbers: manyNumbers(400) }, /has 400 numbers, too many for CloudFormation's 4,096-byte/, /split them over several PhoneNumberOrder constructs of at most \d+ numbers/],
  ['international list too long', { productType: SMA, e164PhoneNumbers: Array.from({ length: 300 }, (_, i) => `+4420718${String(38000 + i)}`) }, /has 300 numbers, too many/, /split them/],
];

describe('construct props are validated at synth', () => {
  test('the table has at least 30 bad prop sets', () => expect(rows.length).toBeGreaterThanOrEqual(30));

  test.each(rows)('%s', (_what, props, value, fix) => {
    const stack = new Stack(new App(), 'Bad');
    let message = '';
    try {
      new PhoneNumberOrder(stack, 'Order', { productType: VC, e164PhoneNumbers: ['+12065550100'], ...props });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Bad\/Order: /);
    expect(message).toMatch(value);
    expect(message).toMatch(fix);
  });

  test.each([
    ['queryInterval under a second', { queryInterval: Duration.millis(500) }, /queryInterval 500 millis is too short/, /at least 1 second/],
    ['totalTimeout over an hour', { totalTimeout: Duration.minutes(61) }, /totalTimeout 1 hour 1 minute is longer than the Provider framework allows/, /at most 1 hour/],
    ['queryInterval over totalTimeout', { queryInterval: Duration.minutes(5), totalTimeout: Duration.minutes(2) }, /queryInterval 5 minutes is longer than totalTimeout 2 minutes/, /shorten queryInterval/],
  ])('provider: %s', (_what, props, value, fix) => {
    const stack = new Stack(new App(), 'Bad');
    expect(() => new PhoneNumberOrderProvider(stack, 'Provider', props)).toThrow(/^Bad\/Provider: /);
    expect(() => new PhoneNumberOrderProvider(stack, 'Provider2', props)).toThrow(value);
    expect(() => new PhoneNumberOrderProvider(stack, 'Provider3', props)).toThrow(fix);
  });

  test.each([
    ['US local numbers with VoiceConnector', { e164PhoneNumbers: ['+12065550100', '12065550101'] }],
    ['toll-free with VoiceConnector', { e164PhoneNumbers: ['+18005550100'] }],
    ['toll-free with SIP media application dial-in', { productType: SMA, e164PhoneNumbers: ['+18885550100'] }],
    ['outside the U.S. with SIP media application dial-in', { productType: SMA, e164PhoneNumbers: ['+442071838750', '+14165550100'] }],
    ['BusinessCalling on the legacy API', { productType: BC, e164PhoneNumbers: ['+12065550100'] }],
    ['a valid name', { name: 'Seattle front desk, main-line_1.0' }],
    ['every removal policy', { removalPolicy: RemovalPolicy.DESTROY }],
  ])('accepted: %s', (_what, props) => {
    const stack = new Stack(new App(), 'Good');
    expect(() => new PhoneNumberOrder(stack, 'Order', { productType: VC, e164PhoneNumbers: ['+12065550100'], ...props })).not.toThrow();
  });
});
