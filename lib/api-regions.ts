// Where each Chime API can be called, shared by the construct (at synth, for concrete regions) and
// the handler (for regions that are tokens until deploy). Plain data: no aws-cdk-lib here, so the
// handler bundle stays small.

/**
 * Regions where Chime SDK Voice orders and manages phone numbers: the "PSTN" column of "Voice
 * Connector and PSTN Audio Regions" in the Amazon Chime SDK developer guide,
 * https://docs.aws.amazon.com/chime-sdk/latest/dg/sdk-available-regions.html
 * ("PSTN Regions support phone number provisioning and management").
 */
export const PHONE_NUMBER_REGIONS: readonly string[] = ['us-east-1', 'us-west-2'];

/**
 * Regions with a Chime SDK Voice endpoint (botocore endpoints.json, service voice-chime) that do
 * not manage phone numbers: Voice Connectors and SIP media applications live there, numbers do not.
 */
export const VOICE_ENDPOINT_ONLY_REGIONS: readonly string[] = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2',
];

/**
 * The legacy `chime` API's one global endpoint, by partition, and the region requests are signed
 * for. The SDK's endpoint rules (@aws-sdk/client-chime) give `aws` the global
 * https://chime.us-east-1.amazonaws.com; botocore's endpoint data lists the service in no other partition.
 */
const LEGACY_GLOBAL_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1' };

/** The partition a region belongs to (the region patterns of the SDK's partitions.json). */
export function partitionOf(region: string): string {
  const patterns: [string, RegExp][] = [
    ['aws-cn', /^cn-\w+-\d+$/],
    ['aws-us-gov', /^us-gov-\w+-\d+$/],
    ['aws-iso', /^us-iso-\w+-\d+$/],
    ['aws-iso-b', /^us-isob-\w+-\d+$/],
    ['aws-iso-e', /^eu-isoe-\w+-\d+$/],
    ['aws-iso-f', /^us-isof-\w+-\d+$/],
  ];
  return patterns.find(([, pattern]) => pattern.test(region))?.[0] ?? 'aws';
}

/**
 * Where the region being checked came from, which decides how a message names it and its fix:
 * the construct's `apiRegion` prop or the stack's own region (at synth), or the resource's
 * `ApiRegion` property (in the handler, for regions that were tokens at synth).
 */
export type RegionSource = 'apiRegion' | 'stackRegion' | 'ApiRegion';

/**
 * Why Chime SDK Voice phone numbers cannot be managed through `apiRegion` (from a stack in
 * `homeRegion`, when known), or undefined when they can.
 */
export function apiRegionProblem(apiRegion: string, source: RegionSource, homeRegion?: string): string | undefined {
  const choices = PHONE_NUMBER_REGIONS.join(' or ');
  if (homeRegion !== undefined && partitionOf(homeRegion) !== 'aws') {
    return `Chime SDK Voice phone numbers exist only in the aws partition (${choices}), and this stack is in ${homeRegion} `
      + `(partition ${partitionOf(homeRegion)}), whose credentials cannot call them: deploy the stack in the aws partition`;
  }
  if (PHONE_NUMBER_REGIONS.includes(apiRegion)) return undefined;
  const shown = {
    apiRegion: `apiRegion ${JSON.stringify(apiRegion)}`,
    stackRegion: `the stack's region ${apiRegion} (the default apiRegion)`,
    ApiRegion: `ApiRegion ${JSON.stringify(apiRegion)} (the PhoneNumberOrder's apiRegion, or the stack's region when apiRegion is not set)`,
  }[source];
  const fix = source === 'ApiRegion'
    ? `set the PhoneNumberOrder's apiRegion prop to ${choices} and deploy again`
    : `set apiRegion to ${choices}`;
  const why = VOICE_ENDPOINT_ONLY_REGIONS.includes(apiRegion)
    ? 'has a Chime SDK Voice endpoint for Voice Connectors and SIP media applications, but not for phone numbers'
    : 'has no Chime SDK Voice phone number API';
  return `${shown} ${why}: phone numbers are ordered and managed only in ${choices}, and numbers ordered there work with `
    + `Voice Connectors and SIP media applications in any region. To fix, ${fix}`;
}

/** The region the legacy API's requests are signed for, from the region the caller runs in; undefined outside the aws partition. */
export function legacyApiRegion(homeRegion: string): string | undefined {
  return LEGACY_GLOBAL_REGION[partitionOf(homeRegion)];
}

export function legacyApiProblem(homeRegion: string): string | undefined {
  if (legacyApiRegion(homeRegion) !== undefined) return undefined;
  return `the legacy Amazon Chime API has one global endpoint, in the aws partition only, and this stack is in ${homeRegion} `
    + `(partition ${partitionOf(homeRegion)}): deploy in the aws partition`;
}
