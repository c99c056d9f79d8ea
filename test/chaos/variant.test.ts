// Template variants of a synthesised assembly: what an edited app would synthesise, in milliseconds.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findOrder, writeVariant } from '../../tools/chaos/app/variant';
import type { Template } from '../../tools/local-deploy/template';

const TEMPLATE: Template = {
  Resources: {
    AAAA: {
      Type: 'Custom::ChimePhoneNumberOrder', DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain',
      Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, ProductType: 'VoiceConnector', E164PhoneNumbers: ['+12065550100'], Api: 'chime-sdk-voice' },
      Metadata: { 'aws:cdk:path': 'S1/A/Resource/Default' },
    },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.onEvent' }, Metadata: { 'aws:cdk:path': 'S1/PhoneNumberOrderProvider/OnEvent/Resource' } },
  },
  Outputs: {
    APhoneNumbersOutput1: { Value: { 'Fn::Join': [',', { 'Fn::GetAtt': ['AAAA', 'PhoneNumbers'] }] } },
    Other: { Value: 'x' },
  },
};

let root: string;
let base: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'variant-'));
  base = path.join(root, 'base.out');
  fs.mkdirSync(base);
  fs.writeFileSync(path.join(base, 'S1.template.json'), JSON.stringify(TEMPLATE));
  fs.writeFileSync(path.join(base, 'manifest.json'), '{}');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'S1.template.json'), 'utf8')) as Template;

test('properties, DeletionPolicy, a renamed logical ID (outputs follow), the onEvent function\'s inline wait', () => {
  const dir = writeVariant(base, path.join(root, 'v1'), {
    S1: { inlineWaitSeconds: 0, orders: { A: { numbers: ['+12065550101'], allowPartial: true, adopt: true, name: 'team', deletionPolicy: 'Delete', logicalId: 'Renamed' } } },
  });
  const t = read(dir);
  const [id, order] = findOrder(t, 'S1', 'A');
  expect(id).toBe('Renamed');
  expect(order).toMatchObject({
    DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
    Properties: { E164PhoneNumbers: ['+12065550101'], AllowPartial: true, AdoptExistingNumbers: true, Name: 'team' },
  });
  expect(JSON.stringify(t.Outputs)).toContain('"Renamed","PhoneNumbers"');
  expect(t.Resources!.Fn.Properties!.Environment).toEqual({ Variables: { INLINE_WAIT_SECONDS: '0' } });
  expect(read(base)).toEqual(TEMPLATE);
});

test('an order left out takes its outputs with it; a name of null removes the label', () => {
  const removed = read(writeVariant(base, path.join(root, 'v2'), { S1: { orders: { A: { removed: true } } } }));
  expect(Object.keys(removed.Resources!)).toEqual(['Fn']);
  expect(Object.keys(removed.Outputs!)).toEqual(['Other']);
  const unlabelled = read(writeVariant(base, path.join(root, 'v3'), { S1: { orders: { A: { name: null, api: 'chime' } } } }));
  expect(findOrder(unlabelled, 'S1', 'A')[1].Properties).not.toHaveProperty('Name');
  expect(() => writeVariant(base, path.join(root, 'v4'), { S1: { orders: { Z: {} } } })).toThrow(/no order S1\/Z/);
});
