// The narrow interface between routing and Chime SDK Voice (the only API that routes numbers).
import type { RoutingTargetType } from './target';

export interface SipRuleTarget {
  readonly sipMediaApplicationId: string;
  readonly priority: number;
  readonly awsRegion: string;
}

export interface SipRule {
  readonly id: string;
  readonly name: string;
  readonly disabled: boolean;
  readonly triggerValue: string;
  readonly targets: SipRuleTarget[];
}

/** A per-number failure of a batch association, as Chime reports it. */
export interface NumberError {
  readonly number: string;
  readonly code: string;
  readonly message: string;
}

export type AssociationTarget = Exclude<RoutingTargetType, 'SipMediaApplication'>;

export interface RoutingPort {
  /** Whether the target exists where the handler runs (GetVoiceConnector, ...Group, GetSipMediaApplication). */
  targetExists(type: RoutingTargetType, id: string): Promise<boolean>;
  associate(type: AssociationTarget, id: string, numbers: string[], force: boolean): Promise<NumberError[]>;
  disassociate(type: AssociationTarget, id: string, numbers: string[]): Promise<NumberError[]>;
  getSipRule(id: string): Promise<SipRule | undefined>;
  /** Sent once, never retried by the SDK: a lost answer is looked for, not re-sent (see execute.ts). */
  createSipRule(name: string, number: string, targets: SipRuleTarget[]): Promise<SipRule>;
  updateSipRule(id: string, change: { name: string; disabled?: boolean; targets?: SipRuleTarget[] }): Promise<void>;
  /** A rule already gone counts as deleted. */
  deleteSipRule(id: string): Promise<void>;
}
