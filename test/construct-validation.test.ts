import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ChimeApi, PhoneNumberOrder, PhoneNumberOrderProvider, PhoneProductType, type PhoneNumberOrderProps } from '../lib';
import { synthErrors } from './support/synth-errors';

const VC = PhoneProductType.VOICE_CONNECTOR;
const BC = PhoneProductType.BUSINESS_CALLING;
const SMA = PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN;
const AREA_CODES = [206, 212, 312, 415, 503, 617, 702, 713, 808];
/** Distinct fictional U.S. numbers (555-0100..0199 in several area codes). */
const manyNumbers = (n: number) => Array.from({ length: n }, (_, i) => `+1${AREA_CODES[Math.floor(i / 100)]}5550${100 + (i % 100)}`);

function errorsFor(props: Partial<PhoneNumberOrderProps>, env?: { region: string }): string[] {
  const app = new App();
  new PhoneNumberOrder(new Stack(app, 'Bad', { env }), 'Order', { productType: VC, e164PhoneNumbers: ['+12065550100'], ...props });
  return synthErrors(app);
}

type Row = [string, Partial<PhoneNumberOrderProps>, RegExp, RegExp];

// Each row: what is wrong, the props, the offending value as it must appear, and the fix the message must suggest.
const rows: Row[] = [
  ['empty list', { e164PhoneNumbers: [] }, /e164PhoneNumbers is empty/, /at least one number/],
  ['dashes', { e164PhoneNumbers: ['206-555-0100'] }, /206-555-0100 is not an E\.164/, /Did you mean \+12065550100\?/],
  ['letters', { e164PhoneNumbers: ['+1206555ABCD'] }, /\+1206555ABCD is not an E\.164/, /digits only/],
  ['leading zero', { e164PhoneNumbers: ['+02065550100'] }, /\+02065550100 is not an E\.164/, /e\.g\. \+12065550100/],
  ['too long', { e164PhoneNumbers: ['+1206555010012345'] }, /\+1206555010012345 is not an E\.164/, /at most 15/],
  ['spaces', { e164PhoneNumbers: ['+1 206 555 0100'] }, /\+1 206 555 0100 is not an E\.164/, /Did you mean \+12065550100\?/],
  ['a U.K. number with spaces', { productType: SMA, e164PhoneNumbers: ['+44 20 7183 8750'] }, /\+44 20 7183 8750 is not an E\.164/, /Did you mean \+442071838750\?/],
  ['empty string', { e164PhoneNumbers: [''] }, / is not an E\.164/, /\+ then country code/],
  ['no country code', { e164PhoneNumbers: ['2065550100'] }, /2065550100 \(read as \+2065550100: a number without \+ starts with its country code\)/, /Did you mean \+12065550100\?/],
  ['no country code but a +', { e164PhoneNumbers: ['+2065550100'] }, /\+2065550100 is not a valid phone number/, /Did you mean \+12065550100\?/],
  ['unassigned area code', { e164PhoneNumbers: ['+15555550100'] }, /\+15555550100 is not a valid phone number/, /check the country code/],
  ['too short for the plan', { e164PhoneNumbers: ['+1206555'] }, /\+1206555 is not a valid phone number/, /check the country code/],
  ['duplicate', { e164PhoneNumbers: ['+12065550100', '+12065550100'] }, /\+12065550100 more than once/, /list each number once/],
  ['duplicate without +', { e164PhoneNumbers: ['+12065550100', '12065550100'] }, /\+12065550100 more than once/, /leading \+ does not make a different number/],
  ['toll-free 800 with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+18005550100'] }, /\+18005550100 is toll-free.*PhoneProductType\.BUSINESS_CALLING/, /use PhoneProductType\.VOICE_CONNECTOR or PhoneProductType\.SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['toll-free 888 with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+18885550100'] }, /\+18885550100 is toll-free/, /order it separately/],
  ['toll-free 877 with BusinessCalling among locals', { productType: BC, e164PhoneNumbers: ['+12065550100', '+18775550100'] }, /\+18775550100 is toll-free/, /VOICE_CONNECTOR/],
  ['Canada with VoiceConnector', { e164PhoneNumbers: ['+14165550100'] }, /\+14165550100 is outside the U\.S\. \(CA\)/, /set productType to PhoneProductType\.SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Canada with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+16045550100'] }, /\+16045550100 is outside the U\.S\. \(CA\)/, /PhoneProductType\.SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Dominican Republic (+1) with VoiceConnector', { e164PhoneNumbers: ['+18095550100'] }, /\+18095550100 is outside the U\.S\. \(DO\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Jamaica (+1) with VoiceConnector', { e164PhoneNumbers: ['+18765550100'] }, /\+18765550100 is outside the U\.S\. \(JM\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['UK with VoiceConnector', { e164PhoneNumbers: ['+442071838750'] }, /\+442071838750 is outside the U\.S\. \(GB\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Australia with BusinessCalling', { productType: BC, e164PhoneNumbers: ['+61255550100'] }, /\+61255550100 is outside the U\.S\. \(AU\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['BusinessCalling on Chime SDK Voice', { productType: BC, api: ChimeApi.CHIME_SDK_VOICE }, /PhoneProductType\.BUSINESS_CALLING exists only in the legacy API \(ChimeApi\.CHIME\)/, /set api to ChimeApi\.CHIME or leave it unset/],
  ['name with the legacy API', { api: ChimeApi.CHIME, name: 'office' }, /order name is supported only by Chime SDK Voice/, /remove name, or set api to ChimeApi\.CHIME_SDK_VOICE/],
  // The advice must not lead to another error: Chime SDK Voice has no BusinessCalling, so the only fix is to drop the name.
  ['name with BusinessCalling (legacy by default)', { productType: BC, name: 'office' }, /order name is supported only by Chime SDK Voice/, /remove name: PhoneProductType\.BUSINESS_CALLING exists only in the legacy API/],
  ['name with BusinessCalling on Chime SDK Voice', { productType: BC, api: ChimeApi.CHIME_SDK_VOICE, name: 'office' }, /BUSINESS_CALLING exists only in the legacy API/, /remove name .* and set api to ChimeApi\.CHIME/],
  ['name with a slash', { name: 'main/line' }, /order name "main\/line" is invalid/, /letters, digits, spaces/],
  ['name with a trailing space', { name: 'main ' }, /order name "main " is invalid/, /no leading or trailing space/],
  ['name too long', { name: 'a'.repeat(257) }, /order name "a{257}" is invalid/, /at most 225 .*owner mark/],
  ['unknown product type', { productType: 'Fax' as PhoneProductType }, /productType "Fax" is not a PhoneProductType/, /PhoneProductType\.VOICE_CONNECTOR/],
  ['unknown api', { api: 'chime-v3' as ChimeApi }, /api "chime-v3" is not a ChimeApi/, /ChimeApi\.CHIME_SDK_VOICE/],
  ['too many numbers for the response', { e164PhoneNumbers: manyNumbers(400) }, /has 400 numbers, too many for CloudFormation's 4,096-byte/, /split them over several PhoneNumberOrder constructs of at most \d+ numbers/],
  ['international list too long', { productType: SMA, e164PhoneNumbers: Array.from({ length: 300 }, (_, i) => `+4420718${String(38000 + i)}`) }, /has 300 numbers, too many/, /split them/],
  ['an API region without phone numbers', { apiRegion: 'eu-central-1' }, /apiRegion "eu-central-1" has a Chime SDK Voice endpoint for Voice Connectors and SIP media applications, but not for phone numbers/, /set apiRegion to us-east-1 or us-west-2/],
  ['an API region with no Chime at all', { apiRegion: 'eu-north-1' }, /apiRegion "eu-north-1" has no Chime SDK Voice phone number API/, /set apiRegion to us-east-1 or us-west-2/],
  ['apiRegion with the legacy API', { api: ChimeApi.CHIME, apiRegion: 'us-east-1' }, /apiRegion "us-east-1" applies to Chime SDK Voice only/, /remove apiRegion/],
];

describe('construct props are validated at synth', () => {
  test('the table has at least 30 bad prop sets', () => expect(rows.length).toBeGreaterThanOrEqual(30));

  test.each(rows)('%s', (_what, props, value, fix) => {
    const errors = errorsFor(props);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[Bad\/Order\] /);
    expect(errors[0]).toMatch(value);
    expect(errors[0]).toMatch(fix);
  });

  test('several problems of one construct are reported together, each naming the construct, the value and the fix', () => {
    const errors = errorsFor({
      productType: BC, api: ChimeApi.CHIME_SDK_VOICE, name: 'main/line',
      e164PhoneNumbers: ['2065550100', '+18005550100', '+12065550100', '12065550100'],
    }, { region: 'eu-north-1' });
    expect(errors).toEqual([
      expect.stringMatching(/^\[Bad\/Order\] PhoneProductType\.BUSINESS_CALLING exists only in the legacy API .*: remove name/),
      expect.stringMatching(/^\[Bad\/Order\] order name "main\/line" is invalid/),
      expect.stringMatching(/^\[Bad\/Order\] the stack's region eu-north-1 .*set apiRegion to us-east-1 or us-west-2/),
      expect.stringMatching(/^\[Bad\/Order\] 2065550100 .* Did you mean \+12065550100\?/),
      expect.stringMatching(/^\[Bad\/Order\] \+18005550100 is toll-free/),
      expect.stringMatching(/^\[Bad\/Order\] e164PhoneNumbers lists \+12065550100 more than once/),
    ]);
  });

  test('problems of several constructs and the provider come in one synth error', () => {
    const app = new App();
    const stack = new Stack(app, 'Many');
    PhoneNumberOrderProvider.configure(stack, { queryInterval: Duration.millis(500) });
    new PhoneNumberOrder(stack, 'A', { productType: VC, e164PhoneNumbers: [] });
    new PhoneNumberOrder(stack, 'B', { productType: VC, e164PhoneNumbers: ['+442071838750'] });
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^\[Many\/PhoneNumberOrderProvider\] queryInterval 500 millis is too short/),
      expect.stringMatching(/^\[Many\/A\] e164PhoneNumbers is empty/),
      expect.stringMatching(/^\[Many\/B\] \+442071838750 is outside the U\.S\./),
    ]);
  });

  test.each([
    ['queryInterval under a second', { queryInterval: Duration.millis(500) }, /queryInterval 500 millis is too short/, /at least 1 second/],
    ['totalTimeout over an hour', { totalTimeout: Duration.minutes(61) }, /totalTimeout 1 hour 1 minute is longer than the Provider framework allows/, /at most 1 hour/],
    ['queryInterval over totalTimeout', { queryInterval: Duration.minutes(5), totalTimeout: Duration.minutes(2) }, /queryInterval 5 minutes is longer than totalTimeout 2 minutes/, /shorten queryInterval/],
    ['totalTimeout not a multiple of queryInterval', { queryInterval: Duration.seconds(7), totalTimeout: Duration.minutes(30) }, /totalTimeout 30 minutes is not a whole multiple of queryInterval 7 seconds/, /choose values that divide/],
  ])('provider: %s', (_what, props, value, fix) => {
    const app = new App();
    new PhoneNumberOrderProvider(new Stack(app, 'Bad'), 'Provider', props);
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[Bad\/Provider\] /);
    expect(errors[0]).toMatch(value);
    expect(errors[0]).toMatch(fix);
  });

  test.each([
    ['US local numbers with VoiceConnector, one without +', { e164PhoneNumbers: ['+12065550100', '12065550101'] }],
    ['toll-free with VoiceConnector', { e164PhoneNumbers: ['+18005550100'] }],
    ['toll-free with SIP media application dial-in', { productType: SMA, e164PhoneNumbers: ['+18885550100'] }],
    ['outside the U.S. with SIP media application dial-in', { productType: SMA, e164PhoneNumbers: ['+442071838750', '+14165550100'] }],
    ['BusinessCalling on the legacy API', { productType: BC, e164PhoneNumbers: ['+12065550100'] }],
    ['a valid name', { name: 'Seattle front desk, main-line_1.0' }],
    ['every removal policy', { removalPolicy: RemovalPolicy.DESTROY }],
    ['an explicit API region', { apiRegion: 'us-west-2' }],
  ])('accepted: %s', (_what, props) => {
    expect(errorsFor(props)).toEqual([]);
  });
});

describe('a number listed by two orders of one app', () => {
  test('in one stack: a synth error on each, naming both construct paths', () => {
    const app = new App();
    const stack = new Stack(app, 'Telephony');
    new PhoneNumberOrder(stack, 'Front', { productType: VC, e164PhoneNumbers: ['+12065550100', '+12065550101'] });
    new PhoneNumberOrder(stack, 'Back', { productType: VC, e164PhoneNumbers: ['12065550101', '+12065550102'] });
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^\[Telephony\/Front\] \+12065550101 is listed by both Telephony\/Front and Telephony\/Back: .*list it in one of them/),
      expect.stringMatching(/^\[Telephony\/Back\] \+12065550101 is listed by both Telephony\/Back and Telephony\/Front: /),
    ]);
  });

  test('across two stacks of the app: the same error, naming both stacks\' constructs', () => {
    const app = new App();
    new PhoneNumberOrder(new Stack(app, 'East'), 'Numbers', { productType: VC, e164PhoneNumbers: ['+12065550100', '+12065550101'] });
    new PhoneNumberOrder(new Stack(app, 'West'), 'Numbers', { productType: SMA, e164PhoneNumbers: ['+12065550101', '+12065550100'] });
    expect(synthErrors(app)).toEqual([
      expect.stringMatching(/^\[East\/Numbers\] \+12065550100, \+12065550101 are listed by both East\/Numbers and West\/Numbers/),
      expect.stringMatching(/^\[West\/Numbers\] \+12065550100, \+12065550101 are listed by both West\/Numbers and East\/Numbers/),
    ]);
  });

  test('the check is per app: orders of two apps in one process do not see each other', () => {
    for (let i = 0; i < 2; i++) {
      const app = new App();
      new PhoneNumberOrder(new Stack(app, 'S'), 'Numbers', { productType: VC, e164PhoneNumbers: ['+12065550100'] });
      expect(synthErrors(app)).toEqual([]);
    }
  });
});
