// Ordering by search at synth: the template's properties, and every bad combination refused with
// the construct path, the offending value and the fix.
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ChimeApi, PhoneNumberOrder, PhoneNumberSearch, PhoneNumberType, PhoneProductType, type PhoneNumberOrderProps } from '../lib';
import { maxSearchQuantity } from '../lib/search-rules';
import { synthErrors } from './support/synth-errors';

const VC = PhoneProductType.VOICE_CONNECTOR;
const SMA = PhoneProductType.SIP_MEDIA_APPLICATION_DIAL_IN;

function template(props: Partial<PhoneNumberOrderProps>): Template {
  const stack = new Stack(new App(), 'Search');
  new PhoneNumberOrder(stack, 'Numbers', { productType: VC, ...props });
  return Template.fromStack(stack);
}

describe('search orders in the template', () => {
  test.each([
    ['areaCode', PhoneNumberSearch.areaCode('206'), { AreaCode: '206' }],
    ['cityAndState', PhoneNumberSearch.cityAndState('Seattle', 'WA'), { City: 'Seattle', State: 'WA' }],
    ['state', PhoneNumberSearch.state('WA'), { State: 'WA' }],
    ['tollFree', PhoneNumberSearch.tollFree('888'), { TollFreePrefix: '888' }],
    ['of', PhoneNumberSearch.of({ areaCode: '206', state: 'WA' }), { AreaCode: '206', State: 'WA' }],
  ])('%s: Search holds exactly the criteria, Quantity the count, no number list', (_name, search, expected) => {
    const t = template({ search, quantity: 3 });
    t.hasResourceProperties('Custom::ChimePhoneNumberOrder', { Search: Match.objectEquals(expected), Quantity: 3, E164PhoneNumbers: Match.absent() });
  });

  test('a country outside the U.S. with SIP media application dial-in', () => {
    template({ productType: SMA, search: PhoneNumberSearch.country('GB', PhoneNumberType.LOCAL) })
      .hasResourceProperties('Custom::ChimePhoneNumberOrder', { Search: { Country: 'GB', PhoneNumberType: 'Local' }, Quantity: 1, ProductType: 'SipMediaApplicationDialIn' });
  });

  test('explicit lists keep their properties: no Search, no Quantity', () => {
    template({ e164PhoneNumbers: ['+12065550100'] }).hasResourceProperties('Custom::ChimePhoneNumberOrder', {
      E164PhoneNumbers: ['+12065550100'], Search: Match.absent(), Quantity: Match.absent(),
    });
  });

  test('tokens pass through unchecked: a quantity parameter and an area code parameter', () => {
    const stack = new Stack(new App(), 'Tokens');
    const quantity = new CfnParameter(stack, 'Quantity', { type: 'Number' });
    const area = new CfnParameter(stack, 'Area', { type: 'String' });
    new PhoneNumberOrder(stack, 'Numbers', { productType: VC, search: PhoneNumberSearch.areaCode(area.valueAsString), quantity: quantity.valueAsNumber });
    Template.fromStack(stack).hasResourceProperties('Custom::ChimePhoneNumberOrder', { Search: { AreaCode: { Ref: 'Area' } }, Quantity: { Ref: 'Quantity' } });
  });

  test('the largest quantity that fits the response is accepted, one more is refused', () => {
    const max = maxSearchQuantity({ AreaCode: '206' });
    expect(max).toBeGreaterThan(150);
    expect(() => template({ search: PhoneNumberSearch.areaCode('206'), quantity: max })).not.toThrow();
    expect(() => template({ search: PhoneNumberSearch.areaCode('206'), quantity: max + 1 })).toThrow(new RegExp(`at most ${max} fit`));
    // International numbers are longer, so fewer fit.
    expect(maxSearchQuantity({ Country: 'GB', PhoneNumberType: 'Local' })).toBeLessThan(max);
  });
});

type Row = [string, Partial<PhoneNumberOrderProps>, RegExp, RegExp];
const area = PhoneNumberSearch.areaCode('206');
const rows: Row[] = [
  ['neither list nor search', { e164PhoneNumbers: undefined }, /give e164PhoneNumbers .* or search/, /PhoneNumberSearch\.areaCode\('206'\)/],
  ['both list and search', { e164PhoneNumbers: ['+12065550100'], search: area }, /either e164PhoneNumbers .* or search .*not both/, /not both/],
  ['quantity with a list', { e164PhoneNumbers: ['+12065550100'], quantity: 2 }, /quantity applies only to search orders/, /remove quantity/],
  ['a plain object as search', { search: { areaCode: '206' } as unknown as PhoneNumberSearch }, /search must be a PhoneNumberSearch/, /PhoneNumberSearch\.areaCode\('206'\)/],
  ['legacy API', { search: area, api: ChimeApi.CHIME }, /ordering by search needs the chime-sdk-voice API/, /api ChimeApi\.CHIME_SDK_VOICE/],
  ['BusinessCalling', { search: area, productType: PhoneProductType.BUSINESS_CALLING }, /ordering by search needs the chime-sdk-voice API/, /other than BUSINESS_CALLING/],
  ['adoption', { search: area, adoptExistingNumbers: true }, /adoptExistingNumbers applies to e164PhoneNumbers/, /remove adoptExistingNumbers/],
  ['quantity zero', { search: area, quantity: 0 }, /quantity 0 is not a whole number of at least 1/, /how many numbers/],
  ['quantity fractional', { search: area, quantity: 2.5 }, /quantity 2\.5 is not a whole number/, /how many numbers/],
  ['quantity too large', { search: area, quantity: 1000 }, /quantity 1000 is too many for CloudFormation's 4,096-byte/, /split the order over several/],
  ['city without state', { search: PhoneNumberSearch.of({ city: 'Seattle' }) }, /city "Seattle" needs its state/, /cityAndState\('Seattle', 'WA'\)/],
  ['U.S. search without a locality', { search: PhoneNumberSearch.of({ country: 'US', phoneNumberType: PhoneNumberType.LOCAL }) }, /a U\.S\. search needs an area code/, /PhoneNumberSearch\.areaCode\('206'\)/],
  ['area code of two digits', { search: PhoneNumberSearch.areaCode('20') }, /areaCode "20" is not a U\.S\. area code/, /three digits/],
  ['area code starting with 1', { search: PhoneNumberSearch.areaCode('106') }, /areaCode "106" is not a U\.S\. area code/, /first 2 to 9/],
  ['state spelled out', { search: PhoneNumberSearch.state('Washington') }, /state "Washington" is not a two-letter U\.S\. state code/, /e\.g\. 'WA'/],
  ['toll-free prefix Chime does not offer', { search: PhoneNumberSearch.tollFree('899') }, /toll-free prefix "899" is not one Chime offers/, /800, 833/],
  ['toll-free prefix with Local type', { search: PhoneNumberSearch.of({ tollFreePrefix: '888', phoneNumberType: PhoneNumberType.LOCAL }) }, /toll-free prefix with phoneNumberType Local finds nothing/, /TOLL_FREE/],
  ['country in lower case', { productType: SMA, search: PhoneNumberSearch.country('gb', PhoneNumberType.LOCAL) }, /country "gb" is not an ISO 3166-1 alpha-2 code/, /two capital letters/],
  ['country spelled out', { productType: SMA, search: PhoneNumberSearch.country('GBR', PhoneNumberType.LOCAL) }, /country "GBR" is not/, /e\.g\. 'US' or 'GB'/],
  ['country without number type', { productType: SMA, search: PhoneNumberSearch.of({ country: 'GB' }) }, /searching GB numbers needs a number type/, /PhoneNumberType\.LOCAL/],
  ['area code outside the U.S.', { productType: SMA, search: PhoneNumberSearch.of({ country: 'GB', areaCode: '20', phoneNumberType: PhoneNumberType.LOCAL }) }, /areaCode apply only to U\.S\. searches/, /PhoneNumberSearch\.country\('GB'/],
  ['outside the U.S. with VoiceConnector', { search: PhoneNumberSearch.country('GB', PhoneNumberType.LOCAL) }, /outside the U\.S\. \(GB\) must use SipMediaApplicationDialIn/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
  ['Canada with VoiceConnector', { search: PhoneNumberSearch.country('CA', PhoneNumberType.LOCAL) }, /outside the U\.S\. \(CA\)/, /SIP_MEDIA_APPLICATION_DIAL_IN/],
];

describe('search props are validated at synth', () => {
  test.each(rows)('%s', (_what, props, value, fix) => {
    const app = new App();
    new PhoneNumberOrder(new Stack(app, 'Bad'), 'Order', { productType: VC, ...props });
    const errors = synthErrors(app);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[Bad\/Order\] /);
    expect(errors[0]).toMatch(value);
    expect(errors[0]).toMatch(fix);
  });
});
