import { CfnResource, Stack, Token } from 'aws-cdk-lib';

// The native types are taken as CfnResource, their type checked at synth: aws-cdk-lib's
// aws_chime.CfnVoiceConnector and CfnSipMediaApplication exist only from 2.273.0, and apps on older
// releases can still pass theirs (or a CfnResource of that type) this way.
const VOICE_CONNECTOR_TYPE = 'AWS::Chime::VoiceConnector';
const SIP_MEDIA_APPLICATION_TYPE = 'AWS::Chime::SipMediaApplication';

/**
 * The kind of resource a PhoneNumberOrder routes its numbers to.
 */
export enum PhoneNumberTargetType {
  /** An Amazon Chime SDK Voice Connector (numbers of product type VOICE_CONNECTOR). */
  VOICE_CONNECTOR = 'VoiceConnector',
  /** An Amazon Chime SDK Voice Connector group (numbers of product type VOICE_CONNECTOR). */
  VOICE_CONNECTOR_GROUP = 'VoiceConnectorGroup',
  /** A SIP media application, through one SIP rule per number (numbers of product type SIP_MEDIA_APPLICATION_DIAL_IN). */
  SIP_MEDIA_APPLICATION = 'SipMediaApplication',
}

/**
 * Options for routing numbers to a Voice Connector or a Voice Connector group.
 */
export interface VoiceConnectorTargetOptions {
  /**
   * Whether to move a number that another association holds (one this construct did not make,
   * e.g. an adopted number already associated with another Voice Connector) with `ForceAssociate`.
   * Without it, such a number fails the deploy, naming the association, before anything is changed.
   * @default false
   */
  readonly takeOver?: boolean;
}

/**
 * Options for routing numbers to a SIP media application.
 */
export interface SipMediaApplicationTargetOptions {
  /**
   * The application's priority in each number's SIP rule.
   * @default 1
   */
  readonly priority?: number;
  /**
   * The AWS Region of the SIP media application.
   * @default - the application's `awsRegion` when given a CfnSipMediaApplication, otherwise the stack's Region
   */
  readonly region?: string;
  /**
   * Whether to take over a SIP rule that routes a number but was not made by this construct (it is
   * renamed with this construct's mark and pointed at this application). Without it, such a number
   * fails the deploy, naming the rule, before anything is changed.
   * @default false
   */
  readonly takeOver?: boolean;
}

/**
 * Where a PhoneNumberOrder routes its numbers once it holds them (Chime SDK Voice only).
 */
export class PhoneNumberTarget {
  /**
   * A Voice Connector of this stack: the native `AWS::Chime::VoiceConnector` (aws-cdk-lib's
   * `aws_chime.CfnVoiceConnector`).
   */
  public static voiceConnector(connector: CfnResource, options: VoiceConnectorTargetOptions = {}): PhoneNumberTarget {
    return new PhoneNumberTarget(PhoneNumberTargetType.VOICE_CONNECTOR, connector.getAtt('VoiceConnectorId').toString(), options.takeOver ?? false,
      undefined, undefined, typeProblem(connector, VOICE_CONNECTOR_TYPE, 'voiceConnector'));
  }

  /** A Voice Connector by its ID (a string or a token). */
  public static voiceConnectorId(voiceConnectorId: string, options: VoiceConnectorTargetOptions = {}): PhoneNumberTarget {
    return new PhoneNumberTarget(PhoneNumberTargetType.VOICE_CONNECTOR, voiceConnectorId, options.takeOver ?? false);
  }

  /** A Voice Connector group by its ID (a string or a token). */
  public static voiceConnectorGroup(voiceConnectorGroupId: string, options: VoiceConnectorTargetOptions = {}): PhoneNumberTarget {
    return new PhoneNumberTarget(PhoneNumberTargetType.VOICE_CONNECTOR_GROUP, voiceConnectorGroupId, options.takeOver ?? false);
  }

  /**
   * A SIP media application of this stack: the native `AWS::Chime::SipMediaApplication` (aws-cdk-lib's
   * `aws_chime.CfnSipMediaApplication`); one SIP rule per number.
   */
  public static sipMediaApplication(application: CfnResource, options: SipMediaApplicationTargetOptions = {}): PhoneNumberTarget {
    const awsRegion = (application as CfnResource & { awsRegion?: string }).awsRegion;
    return new PhoneNumberTarget(PhoneNumberTargetType.SIP_MEDIA_APPLICATION, application.getAtt('SipMediaApplicationId').toString(),
      options.takeOver ?? false, options.priority ?? 1, options.region ?? awsRegion, typeProblem(application, SIP_MEDIA_APPLICATION_TYPE, 'sipMediaApplication'));
  }

  /** A SIP media application by its ID (a string or a token): one SIP rule per number. */
  public static sipMediaApplicationId(sipMediaApplicationId: string, options: SipMediaApplicationTargetOptions = {}): PhoneNumberTarget {
    return new PhoneNumberTarget(PhoneNumberTargetType.SIP_MEDIA_APPLICATION, sipMediaApplicationId, options.takeOver ?? false,
      options.priority ?? 1, options.region);
  }

  /**
   * @param targetType what the numbers are routed to
   * @param targetId its ID
   * @param takeOver whether numbers another association holds are taken over
   * @param priority SIP media applications: the rule's priority
   * @param region SIP media applications: the application's Region (undefined: the stack's)
   * @param resourceProblem a native resource of the wrong type, said at synth
   */
  private constructor(
    public readonly targetType: PhoneNumberTargetType,
    public readonly targetId: string,
    public readonly takeOver: boolean,
    public readonly priority?: number,
    public readonly region?: string,
    private readonly resourceProblem?: string,
  ) {}

  /**
   * What the custom resources receive as their `Routing` property.
   * @internal
   */
  public _renderProperties(scope: Stack): { [key: string]: any } {
    return {
      TargetType: this.targetType,
      TargetId: this.targetId,
      TakeOver: this.takeOver,
      ...(this.targetType === PhoneNumberTargetType.SIP_MEDIA_APPLICATION ? { Priority: this.priority ?? 1, Region: this.region ?? scope.region } : {}),
    };
  }

  /**
   * Problems with the target's own values, each a sentence (tokens are not judged).
   * @internal
   */
  public _problems(): string[] {
    const problems: string[] = this.resourceProblem ? [this.resourceProblem] : [];
    if (!Token.isUnresolved(this.targetId) && this.targetId.trim() === '') problems.push(`target ${this.targetType} ID is empty: give the ID of the ${this.targetType}`);
    if (this.priority !== undefined && !Token.isUnresolved(this.priority) && !(Number.isInteger(this.priority) && this.priority >= 1)) {
      problems.push(`target priority ${this.priority} is invalid: use a whole number of at least 1`);
    }
    if (this.region !== undefined && !Token.isUnresolved(this.region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(this.region)) {
      problems.push(`target region "${this.region}" is not an AWS Region: use one like us-east-1`);
    }
    return problems;
  }
}

function typeProblem(resource: CfnResource, expected: string, factory: string): string | undefined {
  if (resource.cfnResourceType === expected) return undefined;
  return `PhoneNumberTarget.${factory}() takes an ${expected} resource, and ${resource.node.path} is ${resource.cfnResourceType}: `
    + `pass the ${expected}, or use PhoneNumberTarget.${factory}Id() with an ID`;
}
