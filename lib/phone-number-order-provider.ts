import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { handlerAssetDir } from './handler-asset';
import { acknowledgeProviderFindings } from './provider-acknowledgments';

/**
 * Properties for a PhoneNumberOrderProvider.
 */
export interface PhoneNumberOrderProviderProps {
  /**
   * How often the waiter asks whether an order is terminal.
   * @default Duration.seconds(10)
   */
  readonly queryInterval?: Duration;
  /**
   * How long an order may take before the event fails.
   * @default Duration.minutes(30)
   */
  readonly totalTimeout?: Duration;
  /**
   * How long the provider's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Routing taken away (before numbers change product type or are released, and by
 * Custom::ChimePhoneNumberRouting on delete): granted to both functions, since both do it.
 * SIP rules are disabled before they are deleted, as Chime requires.
 */
const UNROUTE_ACTIONS = [
  'chime:DeleteSipRule',
  'chime:DisassociatePhoneNumbersFromVoiceConnector',
  'chime:DisassociatePhoneNumbersFromVoiceConnectorGroup',
  'chime:GetSipRule',
  'chime:UpdateSipRule',
];
/** The `chime:` actions each handler calls; nothing else is granted. */
const ON_EVENT_ACTIONS = [
  'chime:BatchDeletePhoneNumber',
  'chime:CreatePhoneNumberOrder',
  'chime:GetPhoneNumber',
  'chime:GetPhoneNumberOrder',
  'chime:ListPhoneNumberOrders',
  'chime:RestorePhoneNumber',
  'chime:UpdatePhoneNumber',
  // A routing target is looked up before anything is ordered for it.
  'chime:GetSipMediaApplication',
  'chime:GetVoiceConnector',
  'chime:GetVoiceConnectorGroup',
  ...UNROUTE_ACTIONS,
];
const IS_COMPLETE_ACTIONS = [
  'chime:BatchDeletePhoneNumber',
  'chime:GetPhoneNumber',
  'chime:GetPhoneNumberOrder',
  // Legacy API only: the newest order behind numbers that do not name theirs.
  'chime:ListPhoneNumberOrders',
  // Giving back an adopted number (its Name) when a failed create or a removal lets it go.
  'chime:UpdatePhoneNumber',
  // Routing the numbers once the order has them, and keeping it in step.
  'chime:AssociatePhoneNumbersWithVoiceConnector',
  'chime:AssociatePhoneNumbersWithVoiceConnectorGroup',
  'chime:CreateSipRule',
  ...UNROUTE_ACTIONS,
];

const MAX_TOTAL_TIMEOUT = Duration.hours(1);
const MIN_QUERY_INTERVAL = Duration.seconds(1);

/**
 * The Lambda-backed provider behind `Custom::ChimePhoneNumberOrder`: an onEvent and an
 * isComplete function driven by the CDK Provider framework. One serves every order in a stack.
 */
export class PhoneNumberOrderProvider extends Construct {
  /** The stack-wide provider, created on first use. */
  public static getOrCreate(scope: Construct): PhoneNumberOrderProvider {
    const stack = Stack.of(scope);
    const id = 'PhoneNumberOrderProvider';
    const existing = stack.node.tryFindChild(id);
    return existing instanceof PhoneNumberOrderProvider ? existing : new PhoneNumberOrderProvider(stack, id);
  }

  /** The ServiceToken custom resources send their events to. */
  public readonly serviceToken: string;
  /** The function that handles CloudFormation events. */
  public readonly onEventFunction: lambda.IFunction;
  /** The function the waiter calls until an order is terminal. */
  public readonly isCompleteFunction: lambda.IFunction;
  /** Where every function of the provider logs (JSON, numbers masked). */
  public readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: PhoneNumberOrderProviderProps = {}) {
    super(scope, id);
    const queryInterval = props.queryInterval ?? Duration.seconds(10);
    const totalTimeout = props.totalTimeout ?? Duration.minutes(30);
    this.validate(queryInterval, totalTimeout);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const code = lambda.Code.fromAsset(handlerAssetDir());
    const common = {
      code,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: this.logGroup,
    };
    const onEvent = new lambda.Function(this, 'OnEvent', {
      ...common,
      role: this.loggingRole('OnEventRole', ON_EVENT_ACTIONS),
      handler: 'index.onEvent',
      timeout: Duration.minutes(2),
      description: 'PhoneNumberOrder: handles CloudFormation events for Custom::ChimePhoneNumberOrder',
    });
    const isComplete = new lambda.Function(this, 'IsComplete', {
      ...common,
      role: this.loggingRole('IsCompleteRole', IS_COMPLETE_ACTIONS),
      handler: 'index.isComplete',
      timeout: Duration.minutes(1),
      // Lets isComplete fail just before the framework's timeout, naming the order's last status.
      environment: {
        TOTAL_TIMEOUT_SECONDS: String(totalTimeout.toSeconds()),
        QUERY_INTERVAL_SECONDS: String(queryInterval.toSeconds()),
      },
      description: 'PhoneNumberOrder: reports whether a Chime phone number order is terminal',
    });

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval,
      totalTimeout,
      logGroup: this.logGroup,
      frameworkOnEventRole: this.loggingRole('FrameworkOnEventRole'),
      frameworkCompleteAndTimeoutRole: this.loggingRole('FrameworkWaiterRole'),
      // The waiter's input holds the event, numbers included: log every step, never its data.
      waiterStateMachineLogOptions: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      disableWaiterStateMachineLogging: false,
    });
    this.serviceToken = provider.serviceToken;
    this.onEventFunction = onEvent;
    this.isCompleteFunction = isComplete;
    acknowledgeProviderFindings(this, [onEvent, isComplete, ...['framework-isComplete', 'framework-onTimeout'].map(c => provider.node.findChild(c))]);
  }

  /** A role that may write to the provider's log group and call exactly these actions; no managed policy. */
  private loggingRole(id: string, chimeActions: string[] = []): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    if (chimeActions.length > 0) {
      // Chime phone numbers and orders have no resource-level permissions: the resource is *.
      role.addToPolicy(new iam.PolicyStatement({ actions: chimeActions, resources: ['*'] }));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `Amazon Chime phone number actions support no resource-level permissions, and the routing targets are any the stack's orders name; the statement grants only ${chimeActions.join(', ')}`,
      });
    }
    return role;
  }

  private validate(queryInterval: Duration, totalTimeout: Duration): void {
    const where = this.node.path;
    if (!queryInterval.isUnresolved() && queryInterval.toMilliseconds() < MIN_QUERY_INTERVAL.toMilliseconds()) {
      throw new Error(`${where}: queryInterval ${queryInterval.toHumanString()} is too short: use at least 1 second`);
    }
    if (!totalTimeout.isUnresolved() && totalTimeout.toMilliseconds() > MAX_TOTAL_TIMEOUT.toMilliseconds()) {
      throw new Error(`${where}: totalTimeout ${totalTimeout.toHumanString()} is longer than the Provider framework allows: use at most 1 hour`);
    }
    if (!queryInterval.isUnresolved() && !totalTimeout.isUnresolved()
      && queryInterval.toMilliseconds() > totalTimeout.toMilliseconds()) {
      throw new Error(`${where}: queryInterval ${queryInterval.toHumanString()} is longer than totalTimeout ${totalTimeout.toHumanString()}: shorten queryInterval or lengthen totalTimeout`);
    }
  }
}
