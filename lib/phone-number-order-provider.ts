import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { handlerAssetDir } from './handler-asset';
import { acknowledgeChimeResourceWildcard, acknowledgeProviderFindings } from './provider-acknowledgments';
import { ProviderSettings, settingsDifferences, settingsProblems } from './provider-settings';

/**
 * Properties for a PhoneNumberOrderProvider.
 */
export interface PhoneNumberOrderProviderProps {
  /**
   * How often the waiter asks whether an order is terminal; totalTimeout must be a whole multiple of it.
   * @default Duration.seconds(10)
   */
  readonly queryInterval?: Duration;
  /**
   * How long an order may take before the event fails (at most 1 hour). CloudFormation gives up on
   * the resource shortly after (its ServiceTimeout).
   * @default Duration.minutes(30)
   */
  readonly totalTimeout?: Duration;
  /**
   * How long the provider's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the provider's log groups when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
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
  // Search orders: the numbers carrying the resource's mark are found by listing the account's numbers.
  'chime:ListPhoneNumbers',
  'chime:RestorePhoneNumber',
  'chime:SearchAvailablePhoneNumbers',
  'chime:UpdatePhoneNumber',
  // A routing target is looked up before anything is ordered for it.
  'chime:GetSipMediaApplication',
  'chime:GetVoiceConnector',
  'chime:GetVoiceConnectorGroup',
  ...UNROUTE_ACTIONS,
];
const IS_COMPLETE_ACTIONS = [
  'chime:BatchDeletePhoneNumber',
  // Search orders: when numbers were taken between the search and the order, the waiter searches and orders again.
  'chime:CreatePhoneNumberOrder',
  'chime:GetPhoneNumber',
  'chime:GetPhoneNumberOrder',
  'chime:ListPhoneNumbers',
  'chime:SearchAvailablePhoneNumbers',
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

const ON_EVENT_TIMEOUT = Duration.minutes(2);
/** CloudFormation's own limit for ServiceTimeout. */
const MAX_SERVICE_TIMEOUT_SECONDS = 3600;
/** Past onEvent's time and the waiter's, before CloudFormation stops waiting for an answer. */
const SERVICE_TIMEOUT_MARGIN = Duration.minutes(2);

/**
 * The Lambda-backed provider behind `Custom::ChimePhoneNumberOrder`: an onEvent and an
 * isComplete function driven by the CDK Provider framework. One serves every order in a stack.
 *
 * The stack-wide provider always sits at the same path (a child of the stack named
 * `PhoneNumberOrderProvider`), so its ServiceToken never changes; change its settings with
 * `PhoneNumberOrderProvider.configure()`, at any time in the stack's life.
 */
export class PhoneNumberOrderProvider extends Construct {
  /** Construct ID of the stack-wide provider, a child of the stack: its path fixes every order's ServiceToken. */
  public static readonly STACK_PROVIDER_ID = 'PhoneNumberOrderProvider';

  /**
   * Settings for the stack's shared provider (the one every PhoneNumberOrder without a `provider`
   * uses). Changing them later changes the functions' settings and the waiter in place, never a
   * ServiceToken. Call it once per stack, before the stack's first PhoneNumberOrder; a second call
   * asking for other settings is a synth error naming both.
   */
  public static configure(scope: Construct, props: PhoneNumberOrderProviderProps): PhoneNumberOrderProvider {
    const origin = `PhoneNumberOrderProvider.configure() at ${scope.node.path}`;
    const existing = PhoneNumberOrderProvider.stackProvider(scope);
    if (existing) {
      existing.mustAgree(props, origin);
      return existing;
    }
    return new PhoneNumberOrderProvider(Stack.of(scope), PhoneNumberOrderProvider.STACK_PROVIDER_ID, props).withOrigin(origin);
  }

  /** The stack-wide provider, created with default settings on first use unless configure() came first. */
  public static getOrCreate(scope: Construct): PhoneNumberOrderProvider {
    return PhoneNumberOrderProvider.stackProvider(scope)
      ?? new PhoneNumberOrderProvider(Stack.of(scope), PhoneNumberOrderProvider.STACK_PROVIDER_ID).withOrigin(`default settings, first used by ${scope.node.path}`);
  }

  private static stackProvider(scope: Construct): PhoneNumberOrderProvider | undefined {
    const existing = Stack.of(scope).node.tryFindChild(PhoneNumberOrderProvider.STACK_PROVIDER_ID);
    if (existing === undefined || existing instanceof PhoneNumberOrderProvider) return existing;
    throw new Error(`${existing.node.path}: this id is reserved for the stack's PhoneNumberOrderProvider; give this construct another id`);
  }

  /** The ServiceToken custom resources send their events to. */
  public readonly serviceToken: string;
  /**
   * How long CloudFormation waits for the answer to one event: onEvent's time and totalTimeout and
   * a little more, at most CloudFormation's limit of 1 hour.
   */
  public readonly serviceTimeout: Duration;
  /** The function that handles CloudFormation events. */
  public readonly onEventFunction: lambda.IFunction;
  /** The function the waiter calls until an order is terminal. */
  public readonly isCompleteFunction: lambda.IFunction;
  /** Where every function of the provider logs (JSON, numbers masked). */
  public readonly logGroup: logs.ILogGroup;
  /** Where the waiter state machine logs, named under /aws/vendedlogs/states/ as aws-cdk-lib names its own. */
  public readonly waiterLogGroup: logs.ILogGroup;

  private readonly settings: ProviderSettings;
  private origin: string;
  private readonly conflicts: string[] = [];

  constructor(scope: Construct, id: string, props: PhoneNumberOrderProviderProps = {}) {
    super(scope, id);
    this.origin = `new PhoneNumberOrderProvider() at ${this.node.path}`;
    this.settings = ProviderSettings.of(props);
    const problems = settingsProblems(this.settings);
    this.node.addValidation({ validate: () => [...problems, ...this.conflicts] });
    // Invalid settings are reported at synth, with every other problem; the parts are built with defaults meanwhile.
    const { queryInterval, totalTimeout } = problems.length > 0 ? ProviderSettings.of({}) : this.settings;

    const logOptions = { retention: this.settings.logRetention, removalPolicy: this.settings.logRemovalPolicy };
    this.logGroup = new logs.LogGroup(this, 'Logs', logOptions);
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
      timeout: ON_EVENT_TIMEOUT,
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
    // CloudWatch Logs' resource policy for vended logs is limited to 5,120 characters; aws-cdk-lib
    // names its state machines' log groups under this prefix so that one policy entry covers them all.
    this.waiterLogGroup = new logs.LogGroup(this, 'WaiterLogs', {
      ...logOptions,
      logGroupName: `/aws/vendedlogs/states/phone-number-order-waiter-${isComplete.functionName}`,
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
      waiterStateMachineLogOptions: { destination: this.waiterLogGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      disableWaiterStateMachineLogging: false,
    });
    this.serviceToken = provider.serviceToken;
    this.serviceTimeout = Duration.seconds(Math.min(MAX_SERVICE_TIMEOUT_SECONDS,
      totalTimeout.toSeconds() + ON_EVENT_TIMEOUT.toSeconds() + SERVICE_TIMEOUT_MARGIN.toSeconds()));
    this.onEventFunction = onEvent;
    this.isCompleteFunction = isComplete;
    acknowledgeProviderFindings(this, [onEvent, isComplete, ...['framework-isComplete', 'framework-onTimeout'].map(c => provider.node.findChild(c))]);
  }

  private withOrigin(origin: string): this {
    this.origin = origin;
    return this;
  }

  /** A second place asking for the stack's provider with other settings: reported at synth, naming both. */
  private mustAgree(props: PhoneNumberOrderProviderProps, origin: string): void {
    const differences = settingsDifferences(this.settings, ProviderSettings.of(props));
    if (differences.length === 0) return;
    this.conflicts.push(`${origin} asks for ${differences.map(d => d.asked).join(', ')}, but the stack's provider already has `
      + `${differences.map(d => d.has).join(', ')} (${this.origin}). One provider serves the whole stack and keeps its ServiceToken: `
      + 'configure it once, with PhoneNumberOrderProvider.configure() before the stack\'s first PhoneNumberOrder');
  }

  /** A role that may write to the provider's log group and call exactly these actions; no managed policy. */
  private loggingRole(id: string, chimeActions: string[] = []): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    if (chimeActions.length > 0) {
      // Chime phone numbers and orders have no resource-level permissions: the resource is *.
      role.addToPolicy(new iam.PolicyStatement({ actions: chimeActions, resources: ['*'] }));
      acknowledgeChimeResourceWildcard(role, chimeActions);
    }
    return role;
  }
}
