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

/** An order routed to ConnectorA, with its routing resource and routing output, as the construct synthesises it. */
const ROUTED: Template = {
  Resources: {
    ConnectorA: { Type: 'AWS::Chime::VoiceConnector', Properties: {} },
    ConnectorB: { Type: 'AWS::Chime::VoiceConnector', Properties: {} },
    RRRR: {
      Type: 'Custom::ChimePhoneNumberOrder',
      Properties: {
        ProductType: 'VoiceConnector', E164PhoneNumbers: ['+12065550100'], Api: 'chime-sdk-voice',
        Routing: { TargetType: 'VoiceConnector', TargetId: { 'Fn::GetAtt': ['ConnectorA', 'VoiceConnectorId'] }, TakeOver: false },
      },
      Metadata: { 'aws:cdk:path': 'S1/R/Resource/Default' },
    },
    RRoutingXXXX: {
      Type: 'Custom::ChimePhoneNumberRouting', DependsOn: ['RRRR'],
      Properties: {
        OrderLogicalId: 'RRRR', ProductType: 'VoiceConnector', E164PhoneNumbers: ['+12065550100'], Api: 'chime-sdk-voice',
        Routing: { TargetType: 'VoiceConnector', TargetId: { 'Fn::GetAtt': ['ConnectorA', 'VoiceConnectorId'] }, TakeOver: false },
      },
      Metadata: { 'aws:cdk:path': 'S1/R/Routing/Resource/Default' },
    },
    Search: {
      Type: 'Custom::ChimePhoneNumberOrder', Properties: { ProductType: 'VoiceConnector', Search: { AreaCode: '206' }, Quantity: 1 },
      Metadata: { 'aws:cdk:path': 'S1/S/Resource/Default' },
    },
  },
  Outputs: {
    RPhoneNumbers: { Value: { 'Fn::Join': [',', { 'Fn::GetAtt': ['RRRR', 'PhoneNumbers'] }] } },
    RRouting: { Value: { 'Fn::Join': [' ', [{ 'Fn::GetAtt': ['RRRR', 'RoutingTargetType'] }, { 'Fn::GetAtt': ['RRRR', 'RoutingTargetId'] }]] } },
  },
};

test('a routed order: its routing resource follows its numbers and target; routing left out takes the resource and its outputs; removed, both go', () => {
  const routedBase = path.join(root, 'routed.out');
  fs.mkdirSync(routedBase);
  fs.writeFileSync(path.join(routedBase, 'S1.template.json'), JSON.stringify(ROUTED));
  const moved = read(writeVariant(routedBase, path.join(root, 'r1'), { S1: { orders: { R: { numbers: ['+12065550101'], route: 'ConnectorB' } } } }));
  for (const id of ['RRRR', 'RRoutingXXXX']) {
    expect(moved.Resources![id].Properties).toMatchObject({ E164PhoneNumbers: ['+12065550101'], Routing: { TargetId: { 'Fn::GetAtt': ['ConnectorB', 'VoiceConnectorId'] } } });
  }
  const unrouted = read(writeVariant(routedBase, path.join(root, 'r2'), { S1: { orders: { R: { route: null, numbers: ['+12065550102'] } } } }));
  expect(unrouted.Resources).not.toHaveProperty('RRoutingXXXX');
  expect(unrouted.Resources!.RRRR.Properties).not.toHaveProperty('Routing');
  expect(unrouted.Resources!.RRRR.Properties).toMatchObject({ E164PhoneNumbers: ['+12065550102'] });
  expect(Object.keys(unrouted.Outputs!)).toEqual(['RPhoneNumbers']);
  const removed = read(writeVariant(routedBase, path.join(root, 'r3'), { S1: { orders: { R: { removed: true } } } }));
  expect(Object.keys(removed.Resources!).sort()).toEqual(['ConnectorA', 'ConnectorB', 'Search']);
  const searched = read(writeVariant(routedBase, path.join(root, 'r4'), { S1: { orders: { S: { search: { areaCode: '907' }, quantity: 4 } }, handlerEnv: { X: '1' } } }));
  expect(searched.Resources!.Search.Properties).toMatchObject({ Search: { AreaCode: '907' }, Quantity: 4 });
  expect(searched.Resources!.Search.Properties).not.toHaveProperty('E164PhoneNumbers');
});
