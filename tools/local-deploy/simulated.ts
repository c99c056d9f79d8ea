// Resources local deploy does not run (roles, policies, functions, state machines, metadata):
// "created" at once, with the physical ID and attributes CloudFormation would give them, so that
// Ref and Fn::GetAtt elsewhere in the template resolve to plausible values.
import { randomBytes } from 'crypto';
import type { JsonObject } from './template';

export interface StackEnv {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

export interface Simulated {
  physicalId: string;
  attributes: JsonObject;
}

/** Properties that name the resource; without one CloudFormation generates a name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::DynamoDB::Table': 'TableName',
};

export function simulate(type: string, logicalId: string, props: JsonObject, env: StackEnv): Simulated {
  const given = props[NAME_PROPERTY[type]];
  const name = typeof given === 'string' ? given : generatedName(env.stackName, logicalId, type === 'AWS::S3::Bucket' ? 63 : 64, type === 'AWS::S3::Bucket');
  const { partition: p, region: r, account: a } = env;
  switch (type) {
    case 'AWS::IAM::Role':
      return { physicalId: name, attributes: { Arn: `arn:${p}:iam::${a}:role/${name}`, RoleId: `AROA${random(17).toUpperCase()}` } };
    case 'AWS::IAM::ManagedPolicy': {
      const arn = `arn:${p}:iam::${a}:policy/${name}`;
      return { physicalId: arn, attributes: { PolicyArn: arn } };
    }
    case 'AWS::Lambda::Function':
      return { physicalId: name, attributes: { Arn: `arn:${p}:lambda:${r}:${a}:function:${name}` } };
    case 'AWS::StepFunctions::StateMachine': {
      const arn = `arn:${p}:states:${r}:${a}:stateMachine:${name}`;
      return { physicalId: arn, attributes: { Arn: arn, Name: name } };
    }
    case 'AWS::S3::Bucket':
      return {
        physicalId: name,
        attributes: { Arn: `arn:${p}:s3:::${name}`, DomainName: `${name}.s3.${env.urlSuffix}`, RegionalDomainName: `${name}.s3.${r}.${env.urlSuffix}` },
      };
    case 'AWS::SNS::Topic': {
      const arn = `arn:${p}:sns:${r}:${a}:${name}`;
      return { physicalId: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    case 'AWS::SQS::Queue':
      return {
        physicalId: `https://sqs.${r}.${env.urlSuffix}/${a}/${name}`,
        attributes: { Arn: `arn:${p}:sqs:${r}:${a}:${name}`, QueueName: name, QueueUrl: `https://sqs.${r}.${env.urlSuffix}/${a}/${name}` },
      };
    case 'AWS::Logs::LogGroup':
      return { physicalId: name, attributes: { Arn: `arn:${p}:logs:${r}:${a}:log-group:${name}:*` } };
    default: {
      const [, service = 'cloudformation', kind = 'resource'] = type.split('::');
      return { physicalId: name, attributes: { Arn: `arn:${p}:${service.toLowerCase()}:${r}:${a}:${kind.toLowerCase()}/${name}` } };
    }
  }
}

/** The physical ID CloudFormation makes up for a resource that never got one (a custom resource with no answer). */
export function generatedPhysicalId(stackName: string, logicalId: string): string {
  return generatedName(stackName, logicalId, 64, false);
}

/** CloudFormation's pattern: stack name and logical ID, shortened to fit, and a random suffix. */
function generatedName(stackName: string, logicalId: string, max: number, lowercase: boolean): string {
  const suffix = random(12);
  const name = `${`${stackName}-${logicalId}`.slice(0, max - suffix.length - 1)}-${suffix.toUpperCase()}`;
  return lowercase ? name.toLowerCase() : name;
}

function random(length: number): string {
  return randomBytes(length).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(length, '0').slice(0, length);
}

export function partitionOf(region: string): { partition: string; urlSuffix: string } {
  if (region.startsWith('cn-')) return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  if (region.startsWith('us-gov-')) return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  return { partition: 'aws', urlSuffix: 'amazonaws.com' };
}
