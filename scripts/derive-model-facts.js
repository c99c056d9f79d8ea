// Derives, from the AWS service models of both Chime APIs, the facts the emulator's conformance
// test checks (test/fixtures/chime-model-facts.json), and the regions where Chime SDK Voice has an
// endpoint (emulator/regions.ts). Run by hand when the models or the operation list change:
//
//   node scripts/derive-model-facts.js [--models DIR] [--endpoints FILE] [--operations A,B,...]
//
// --models     botocore service models (default ../shared/aws-models)
// --endpoints  botocore data/endpoints.json of the same botocore release (default: the one of the
//              `botocore` Python package, if installed); its `voice-chime` entries name the regions
//              whose endpoint exists. It is cross-checked against the list in the models' README.
// --operations the operations the emulator serves on both APIs (default: the list below)
// --voice-operations  those it serves on Chime SDK Voice only (default: the list below)
//
// Tests and the emulator read only the generated files, never the models themselves.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OPERATIONS = [
  'CreatePhoneNumberOrder',
  'GetPhoneNumberOrder',
  'ListPhoneNumberOrders',
  'GetPhoneNumber',
  'ListPhoneNumbers',
  'UpdatePhoneNumber',
  'DeletePhoneNumber',
  'BatchDeletePhoneNumber',
  'RestorePhoneNumber',
  'SearchAvailablePhoneNumbers',
];
/** Served for Chime SDK Voice only: the legacy model (botocore 1.43) no longer has them. */
const VOICE_ONLY_OPERATIONS = [
  'CreateVoiceConnector',
  'GetVoiceConnector',
  'UpdateVoiceConnector',
  'DeleteVoiceConnector',
  'AssociatePhoneNumbersWithVoiceConnector',
  'DisassociatePhoneNumbersFromVoiceConnector',
  'CreateVoiceConnectorGroup',
  'GetVoiceConnectorGroup',
  'DeleteVoiceConnectorGroup',
  'AssociatePhoneNumbersWithVoiceConnectorGroup',
  'DisassociatePhoneNumbersFromVoiceConnectorGroup',
  'CreateSipMediaApplication',
  'GetSipMediaApplication',
  'UpdateSipMediaApplication',
  'DeleteSipMediaApplication',
  'CreateSipRule',
  'GetSipRule',
  'UpdateSipRule',
  'DeleteSipRule',
];
const MODELS = { chime: 'chime-2018-05-01', 'chime-sdk-voice': 'chime-sdk-voice-2022-08-03' };
const SHAPE_FACTS = ['type', 'required', 'min', 'max', 'pattern', 'enum', 'sensitive', 'timestampFormat', 'fault'];
const MEMBER_FACTS = ['location', 'locationName'];

function args() {
  const out = { models: path.join(ROOT, '..', 'shared', 'aws-models'), endpoints: undefined, operations: OPERATIONS, voiceOperations: VOICE_ONLY_OPERATIONS };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--models') out.models = path.resolve(value);
    else if (flag === '--endpoints') out.endpoints = path.resolve(value);
    else if (flag === '--operations') out.operations = value.split(',').filter(Boolean);
    else if (flag === '--voice-operations') out.voiceOperations = value.split(',').filter(Boolean);
    else throw new Error(`unknown option ${flag}`);
  }
  out.endpoints ??= botocoreEndpoints();
  return out;
}

function botocoreEndpoints() {
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
    return path.join(dir, 'data', 'endpoints.json');
  } catch {
    throw new Error('no --endpoints FILE given and no botocore Python package found: pass botocore data/endpoints.json');
  }
}

/** Only the constraint facts, reachable from the listed operations: no documentation. */
function deriveApi(model, operations) {
  const shapes = {};
  const visit = (name) => {
    if (shapes[name]) return;
    const s = model.shapes[name];
    if (!s) throw new Error(`shape ${name} is not in the model`);
    const fact = {};
    for (const k of SHAPE_FACTS) if (s[k] !== undefined) fact[k] = s[k];
    if (s.error) fact.httpStatusCode = s.error.httpStatusCode;
    shapes[name] = fact;
    if (s.type === 'list') {
      fact.member = s.member.shape;
      visit(s.member.shape);
    }
    if (s.type === 'structure') {
      fact.members = {};
      for (const [m, spec] of Object.entries(s.members ?? {})) {
        const member = { shape: spec.shape };
        for (const k of MEMBER_FACTS) if (spec[k] !== undefined) member[k] = spec[k];
        fact.members[m] = member;
        visit(spec.shape);
      }
    }
  };
  const ops = {};
  for (const name of operations) {
    const op = model.operations[name];
    if (!op) throw new Error(`operation ${name} is not in ${model.metadata.uid}`);
    ops[name] = {
      method: op.http.method,
      requestUri: op.http.requestUri,
      responseCode: op.http.responseCode ?? 200,
      input: op.input?.shape,
      output: op.output?.shape,
      errors: (op.errors ?? []).map((e) => e.shape),
    };
    for (const s of [op.input?.shape, op.output?.shape, ...ops[name].errors]) if (s) visit(s);
  }
  const { uid, protocol, endpointPrefix, serviceId } = model.metadata;
  return { uid, protocol, endpointPrefix, serviceId, signingName: model.metadata.signingName ?? endpointPrefix, operations: ops, shapes };
}

/** Regions with a `voice-chime` endpoint (FIPS aliases aside), per partition, from botocore's endpoints.json. */
function voiceRegions(endpointsFile, readme) {
  const data = JSON.parse(fs.readFileSync(endpointsFile, 'utf8'));
  const regions = [];
  let awsRegions = [];
  for (const p of data.partitions) {
    if (p.partition === 'aws') awsRegions = Object.keys(p.regions);
    const service = p.services['voice-chime'];
    if (!service) continue;
    for (const [region, spec] of Object.entries(service.endpoints)) {
      if (!spec.deprecated && !spec.hostname && p.regions[region]) regions.push(region);
    }
  }
  regions.sort();
  // The README states the same list in prose; a disagreement means the two files are of different releases.
  const stated = /`voice-chime`\):\s*([a-z0-9-,\s]+)/.exec(readme)?.[1].split(/[,\s]+/).filter(Boolean).sort();
  if (!stated || stated.join() !== regions.join()) {
    throw new Error(`${endpointsFile} lists voice-chime in ${regions.join(', ')}, the models' README ${stated?.join(', ')}`);
  }
  return { regions, others: awsRegions.filter((r) => !regions.includes(r)).sort() };
}

/** The host the SDK's own endpoint rules resolve for a region: what a client outside the emulator would call. */
function sdkHost(region) {
  const { ChimeSDKVoiceClient } = require('@aws-sdk/client-chime-sdk-voice');
  const client = new ChimeSDKVoiceClient({ region });
  try {
    return client.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false }).url.host;
  } finally {
    client.destroy();
  }
}

function regionsModule(voice) {
  const list = voice.regions.map((r) => `  '${r}',`).join('\n');
  return `// Generated by scripts/derive-model-facts.js from botocore's endpoints.json (service voice-chime)
// and the Chime SDK Voice endpoint rule set. Do not edit by hand: rerun the script.

/**
 * Regions where \`voice-chime.<region>.amazonaws.com\` exists. The SDK's endpoint rules resolve that
 * host for any region of the partition, so a client configured for another region sends its
 * request to a host that does not exist.
 */
export const VOICE_REGIONS: readonly string[] = [
${list}
];

/** The legacy \`chime\` API has one global endpoint, chime.us-east-1.amazonaws.com, signed for us-east-1. */
export const LEGACY_SIGNING_REGION = 'us-east-1';
`;
}

function main() {
  const opts = args();
  const readme = fs.readFileSync(path.join(opts.models, 'README.md'), 'utf8');
  const apis = {};
  for (const [api, file] of Object.entries(MODELS)) {
    const model = JSON.parse(fs.readFileSync(path.join(opts.models, `${file}.service.json`), 'utf8'));
    apis[api] = deriveApi(model, api === 'chime-sdk-voice' ? [...opts.operations, ...opts.voiceOperations] : opts.operations);
  }
  const voice = voiceRegions(opts.endpoints, readme);
  const hosts = {};
  for (const r of [...voice.regions, ...voice.others]) hosts[r] = sdkHost(r);
  const facts = {
    generatedBy: 'scripts/derive-model-facts.js',
    sources: { models: Object.values(MODELS), endpoints: 'botocore data/endpoints.json, service voice-chime' },
    apis,
    voiceEndpoints: { regions: voice.regions, awsRegionsWithout: voice.others, sdkHosts: hosts },
  };
  const fixture = path.join(ROOT, 'test', 'fixtures', 'chime-model-facts.json');
  fs.mkdirSync(path.dirname(fixture), { recursive: true });
  fs.writeFileSync(fixture, `${JSON.stringify(facts, null, 1)}\n`);
  fs.writeFileSync(path.join(ROOT, 'emulator', 'regions.ts'), regionsModule(voice));
  process.stdout.write(`wrote ${path.relative(ROOT, fixture)} (${opts.operations.length} operations x 2 APIs, ${opts.voiceOperations.length} Chime SDK Voice only) and emulator/regions.ts (${voice.regions.length} regions)\n`);
}

main();
