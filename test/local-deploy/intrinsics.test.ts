import { IntrinsicError, NO_VALUE, Scope, resolve } from '../../tools/local-deploy/intrinsics';
import { scopeFor } from '../../tools/local-deploy/scope';
import { newStackState } from '../../tools/local-deploy/state';
import type { Json, Template } from '../../tools/local-deploy/template';
import { validateTemplate } from '../../tools/local-deploy/validate';

const template: Template = {
  Parameters: {
    Env: { Type: 'String', Default: 'dev' },
    Subnets: { Type: 'CommaDelimitedList', Default: 'a,b' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    InUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
    Both: { 'Fn::And': [{ Condition: 'InUsEast1' }, { 'Fn::Not': [{ Condition: 'IsProd' }] }] },
  },
  Mappings: { Sizes: { dev: { Memory: 128 } } },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'Stack/Fn/Resource' } },
    Order: { Type: 'Custom::ChimePhoneNumberOrder', Metadata: { 'aws:cdk:path': 'Stack/Numbers/Resource/Default' } },
  },
};

function scope(where = 'Stack/Thing (Thing1)'): Scope {
  const stack = newStackState('Stack', 'arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/uuid', 'us-east-1', '123456789012', template);
  stack.parameters = { Env: 'dev', Subnets: ['a', 'b'] };
  stack.resources = {
    Fn: { type: 'AWS::Lambda::Function', physicalId: 'Stack-Fn-ABC', properties: {}, attributes: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:Stack-Fn-ABC' }, dependsOn: [] },
    Order: { type: 'Custom::ChimePhoneNumberOrder', physicalId: 'order-1', properties: {}, attributes: { OrderId: 'order-1', PhoneNumbers: '+12065550100,+12065550101' }, dependsOn: [] },
  };
  const env = { stackName: 'Stack', region: 'us-east-1', account: '123456789012', partition: 'aws', urlSuffix: 'amazonaws.com' };
  return scopeFor({ env, stack, template }, where);
}

const r = (value: Json) => resolve(value, scope());

describe('intrinsic resolution', () => {
  test('Ref: pseudo parameters, parameters with defaults, resources', () => {
    expect(r({ Ref: 'AWS::Region' })).toBe('us-east-1');
    expect(r({ Ref: 'AWS::AccountId' })).toBe('123456789012');
    expect(r({ Ref: 'AWS::StackName' })).toBe('Stack');
    expect(r({ Ref: 'AWS::StackId' })).toBe('arn:aws:cloudformation:us-east-1:123456789012:stack/Stack/uuid');
    expect(r({ Ref: 'AWS::Partition' })).toBe('aws');
    expect(r({ Ref: 'AWS::URLSuffix' })).toBe('amazonaws.com');
    expect(r({ Ref: 'Env' })).toBe('dev');
    expect(r({ Ref: 'Subnets' })).toEqual(['a', 'b']);
    expect(r({ Ref: 'Fn' })).toBe('Stack-Fn-ABC');
    expect(r({ Ref: 'Order' })).toBe('order-1');
  });

  test('AWS::NoValue removes the property or list item', () => {
    expect(r({ a: 1, b: { Ref: 'AWS::NoValue' } })).toEqual({ a: 1 });
    expect(r(['x', { Ref: 'AWS::NoValue' }, 'y'])).toEqual(['x', 'y']);
    expect(r({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  test('Fn::GetAtt in both forms: custom resource Data and simulated attributes', () => {
    expect(r({ 'Fn::GetAtt': ['Order', 'OrderId'] })).toBe('order-1');
    expect(r({ 'Fn::GetAtt': 'Fn.Arn' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:Stack-Fn-ABC');
  });

  test('Fn::Join, Fn::Split, Fn::Select, nested', () => {
    expect(r({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/x']] })).toBe('arn:aws:iam::aws:policy/x');
    expect(r({ 'Fn::Split': [',', { 'Fn::GetAtt': ['Order', 'PhoneNumbers'] }] })).toEqual(['+12065550100', '+12065550101']);
    expect(r({ 'Fn::Select': [1, { 'Fn::Split': [',', { 'Fn::GetAtt': ['Order', 'PhoneNumbers'] }] }] })).toBe('+12065550101');
    expect(r({ 'Fn::Select': ['0', { Ref: 'Subnets' }] })).toBe('a');
    expect(r({ 'Fn::Join': ['-', { Ref: 'Subnets' }] })).toBe('a-b');
  });

  test('Fn::Sub in both forms, with escapes and attributes', () => {
    expect(r({ 'Fn::Sub': 'cdk-${AWS::AccountId}-${AWS::Region}' })).toBe('cdk-123456789012-us-east-1');
    expect(r({ 'Fn::Sub': '${Fn.Arn}:*' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:Stack-Fn-ABC:*');
    expect(r({ 'Fn::Sub': ['${Greeting}, ${Env}! ${!Literal}', { Greeting: { 'Fn::Join': ['', ['hel', 'lo']] } }] })).toBe('hello, dev! ${Literal}');
  });

  test('conditions and Fn::If, Fn::FindInMap, Fn::Base64, Fn::GetAZs', () => {
    expect(r({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
    expect(r({ 'Fn::If': ['Both', 'yes', 'no'] })).toBe('yes');
    expect(r({ x: { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] } })).toEqual({});
    expect(r({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] })).toBe(128);
    expect(r({ 'Fn::Base64': 'hi' })).toBe('aGk=');
    expect(r({ 'Fn::GetAZs': '' })).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  test('an unsupported intrinsic is an error naming the construct and the function', () => {
    expect(() => resolve({ 'Fn::ImportValue': 'SharedVpc' }, scope('Stack/Numbers/Resource/Default (Numbers114013F5)')))
      .toThrow(/^Stack\/Numbers\/Resource\/Default \(Numbers114013F5\): Fn::ImportValue is not supported by local deploy/);
  });

  test('a GetAtt the custom resource did not answer is an error, not an empty value', () => {
    expect(() => r({ 'Fn::GetAtt': ['Order', 'Missing'] }))
      .toThrow(new IntrinsicError("Stack/Thing (Thing1): Fn::GetAtt Order.Missing: CustomResource attribute error: Vendor response doesn't contain Missing attribute (the custom resource returned OrderId, PhoneNumbers)"));
  });

  test('references to unknown names, out-of-range selects and malformed arguments fail', () => {
    expect(() => r({ Ref: 'Nope' })).toThrow(/Ref Nope: no parameter, pseudo parameter or resource/);
    expect(() => r({ 'Fn::Select': [5, ['a']] })).toThrow(/index 5 is outside the list of 1/);
    expect(() => r({ 'Fn::Join': ['', 'not-a-list'] })).toThrow(/Fn::Join needs \[delimiter, list\]/);
    expect(() => r({ 'Fn::Sub': '${Missing}' })).toThrow(/Ref Missing/);
  });
});

describe('template validation before deploying', () => {
  test('names every construct using an unsupported intrinsic, and unknown references', () => {
    const bad: Template = {
      Resources: {
        A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::ImportValue': 'x' } }, Metadata: { 'aws:cdk:path': 'S/A/Resource' } },
        B: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Ghost' } } },
      },
      Outputs: { O: { Value: { 'Fn::Cidr': ['10.0.0.0/16', 1, 8] } } },
    };
    expect(() => validateTemplate('S', bad)).toThrow(/S\/A\/Resource \(A\): Fn::ImportValue is not supported[\s\S]*B: refers to Ghost[\s\S]*Outputs\.O: Fn::Cidr is not supported/);
  });

  test('a custom resource must be served by a custom_resources.Provider of the same stack', () => {
    const direct: Template = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
        R: { Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
        Imported: { Type: 'Custom::Thing', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:1:function:elsewhere' } },
      },
    };
    expect(() => validateTemplate('S', direct)).toThrow(/R: ServiceToken points to Fn, which is not a custom_resources.Provider framework function[\s\S]*Imported: ServiceToken is not the Arn of a Lambda function in this stack/);
  });
});
