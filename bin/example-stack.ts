import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ChimeApi, PhoneNumberOrder, PhoneNumberOrderProvider, PhoneNumberSearch, PhoneNumberType, PhoneProductType } from '../lib';

const REMOVAL_POLICIES: Record<string, RemovalPolicy> = {
  'destroy': RemovalPolicy.DESTROY,
  'retain': RemovalPolicy.RETAIN,
  'retain-on-update-or-delete': RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
};

const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');

/** A context value matched against an enum's keys and values, ignoring case, - and _. */
function fromContext<T extends string>(app: App, key: string, options: Record<string, T>): T | undefined {
  const value = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  const found = Object.entries(options).find(([k, v]) => fold(k) === fold(String(value)) || fold(v) === fold(String(value)));
  if (!found) throw new Error(`context ${key}=${value} is not one of ${Object.keys(options).join(', ')}`);
  return found[1];
}

/** A context value in whole seconds, as a Duration. */
function secondsFromContext(app: App, key: string): Duration | undefined {
  const value = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(String(value))) throw new Error(`context ${key}=${value} is not a whole number of seconds`);
  return Duration.seconds(Number(value));
}

/** The search context keys, as PhoneNumberSearch.of takes them. */
const SEARCH_KEYS = ['areaCode', 'city', 'state', 'country', 'tollFreePrefix', 'phoneNumberType'] as const;

/** An order by search when any search key is given (`-c areaCode=206 -c quantity=3`), else the `numbers` list. */
function searchFromContext(app: App): { search?: PhoneNumberSearch; quantity?: number } {
  const given = SEARCH_KEYS.filter(k => app.node.tryGetContext(k) !== undefined);
  const quantity = app.node.tryGetContext('quantity');
  if (given.length === 0) {
    if (quantity !== undefined) throw new Error('context quantity needs search criteria: add e.g. -c areaCode=206');
    return {};
  }
  if (app.node.tryGetContext('numbers') !== undefined) throw new Error(`context numbers and ${given.join(', ')} exclude each other: give a list or search criteria`);
  const text = (k: (typeof SEARCH_KEYS)[number]) => (app.node.tryGetContext(k) === undefined ? undefined : String(app.node.tryGetContext(k)));
  return {
    search: PhoneNumberSearch.of({
      areaCode: text('areaCode'), city: text('city'), state: text('state'), country: text('country'), tollFreePrefix: text('tollFreePrefix'),
      phoneNumberType: fromContext(app, 'phoneNumberType', PhoneNumberType),
    }),
    quantity: quantity === undefined ? undefined : Number(quantity),
  };
}

/** The example stack: one PhoneNumberOrder, configured from CDK context. */
export function exampleStack(app: App): Stack {
  const stack = new Stack(app, 'PhoneNumberOrderExample');
  const queryInterval = secondsFromContext(app, 'queryInterval');
  const totalTimeout = secondsFromContext(app, 'totalTimeout');
  if (queryInterval || totalTimeout) PhoneNumberOrderProvider.configure(stack, { queryInterval, totalTimeout });
  const { search, quantity } = searchFromContext(app);
  const numbers = search ? undefined : String(app.node.tryGetContext('numbers') ?? '+12065550100,+12065550101')
    .split(',').map(n => n.trim()).filter(Boolean);
  const allowPartial = app.node.tryGetContext('allowPartial');
  const removal = fromContext(app, 'removalPolicy', Object.fromEntries(Object.keys(REMOVAL_POLICIES).map(k => [k, k])));
  new PhoneNumberOrder(stack, 'Numbers', {
    productType: fromContext(app, 'productType', PhoneProductType) ?? PhoneProductType.VOICE_CONNECTOR,
    e164PhoneNumbers: numbers,
    search,
    quantity,
    api: fromContext(app, 'api', ChimeApi),
    apiRegion: app.node.tryGetContext('apiRegion'),
    removalPolicy: removal ? REMOVAL_POLICIES[removal] : undefined,
    allowPartial: allowPartial === undefined ? undefined : String(allowPartial) === 'true',
  });
  return stack;
}
