/**
 * Routing in the account: Voice Connectors, Voice Connector groups, SIP media applications and SIP
 * rules, and the associations they give phone numbers. The numbers' `Associations` stay the one
 * record of what routes a number (the inventory in ./model); this keeps the resources around them
 * and refuses what Chime SDK Voice refuses:
 * - a number of the wrong product type (Voice Connectors take VoiceConnector numbers; SIP rules
 *   SipMediaApplicationDialIn numbers: "To create SIP rules, you need at least one DID or toll-free
 *   phone number with a Product Type set to SIP Media Application Dial-In", Administrator Guide);
 * - a number that already has associations, unless ForceAssociate ("If false, does not associate
 *   any phone numbers that have previously existing associations", model);
 * - deleting an enabled SIP rule ("You must disable SIP rules before you can delete them", model);
 * - deleting a SIP media application that enabled SIP rules still target (steering facts: a SIP
 *   media application's rules must be disabled before it is deleted);
 * - deleting a Voice Connector (group) with associated numbers ("Any phone numbers associated with
 *   the Amazon Chime SDK Voice Connector must be disassociated from it before it can be deleted").
 * Releasing an associated number is refused by the inventory itself (PhoneNumberAssociationsExist).
 */
import { ApiError, notFound, refused } from './errors';
import type { NumberRecord } from './model';
import { mask } from './numbers';
import type { Prng } from './random';
import type { AssociationName } from './types';

/** The one account every emulated resource lives in (ARNs need one). */
export const EMULATED_ACCOUNT = '123456789012';
/** The API reference: CreateVoiceConnector's AwsRegion defaults to us-east-1. */
const DEFAULT_VOICE_CONNECTOR_REGION = 'us-east-1';
const HELD = ['Unassigned', 'Assigned'];

export interface VoiceConnectorRecord {
  id: string;
  name: string;
  awsRegion: string;
  requireEncryption: boolean;
  integrationType?: string;
  networkType: string;
  createdAt: number;
  updatedAt: number;
}

export interface VoiceConnectorGroupRecord {
  id: string;
  name: string;
  items: { voiceConnectorId: string; priority: number }[];
  createdAt: number;
  updatedAt: number;
}

export interface SipMediaApplicationRecord {
  id: string;
  name: string;
  awsRegion: string;
  endpoints: { lambdaArn: string }[];
  createdAt: number;
  updatedAt: number;
}

export interface SipRuleTarget {
  sipMediaApplicationId: string;
  priority: number;
  awsRegion: string;
}

export interface SipRuleRecord {
  id: string;
  name: string;
  disabled: boolean;
  triggerType: 'ToPhoneNumber' | 'RequestUriHostname';
  triggerValue: string;
  targets: SipRuleTarget[];
  createdAt: number;
  updatedAt: number;
}

export interface RoutingState {
  voiceConnectors: VoiceConnectorRecord[];
  voiceConnectorGroups: VoiceConnectorGroupRecord[];
  sipMediaApplications: SipMediaApplicationRecord[];
  sipRules: SipRuleRecord[];
}

export interface PhoneNumberErrorEntry {
  PhoneNumberId: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export function emptyRouting(): RoutingState {
  return { voiceConnectors: [], voiceConnectorGroups: [], sipMediaApplications: [], sipRules: [] };
}

export class Routing {
  state: RoutingState = emptyRouting();

  constructor(
    private readonly inventory: () => Map<string, NumberRecord>,
    private readonly now: () => number,
    private readonly ids: Prng,
  ) {}

  // ---- Voice Connectors ----

  createVoiceConnector(input: Omit<VoiceConnectorRecord, 'id' | 'createdAt' | 'updatedAt' | 'awsRegion' | 'networkType'> & { awsRegion?: string; networkType?: string }): VoiceConnectorRecord {
    const now = this.now();
    const vc: VoiceConnectorRecord = {
      ...input, id: this.voiceConnectorId(), awsRegion: input.awsRegion ?? DEFAULT_VOICE_CONNECTOR_REGION,
      networkType: input.networkType ?? 'IPV4_ONLY', createdAt: now, updatedAt: now,
    };
    this.state.voiceConnectors.push(vc);
    return vc;
  }

  voiceConnector(id: string): VoiceConnectorRecord {
    const vc = this.state.voiceConnectors.find(v => v.id === id);
    if (!vc) throw notFound(`Voice Connector ${id} not found.`);
    return vc;
  }

  updateVoiceConnector(id: string, input: { name: string; requireEncryption: boolean }): VoiceConnectorRecord {
    const vc = this.voiceConnector(id);
    Object.assign(vc, input, { updatedAt: this.now() });
    return vc;
  }

  deleteVoiceConnector(id: string): void {
    this.voiceConnector(id);
    const groups = this.state.voiceConnectorGroups.filter(g => g.items.some(i => i.voiceConnectorId === id));
    if (groups.length > 0) {
      throw refused(`Voice Connector ${id} cannot be deleted: it belongs to Voice Connector group ${groups.map(g => g.id).join(', ')}.`,
        'VoiceConnectorGroupAssociationsExist');
    }
    this.refuseWhileAssociated('VoiceConnectorId', id, `Voice Connector ${id}`);
    this.state.voiceConnectors = this.state.voiceConnectors.filter(v => v.id !== id);
  }

  // ---- Voice Connector groups ----

  createVoiceConnectorGroup(input: { name: string; items: VoiceConnectorGroupRecord['items'] }): VoiceConnectorGroupRecord {
    for (const item of input.items) this.voiceConnectorForItem(item.voiceConnectorId);
    const now = this.now();
    const group: VoiceConnectorGroupRecord = { ...input, id: this.ids.uuid(), createdAt: now, updatedAt: now };
    this.state.voiceConnectorGroups.push(group);
    return group;
  }

  voiceConnectorGroup(id: string): VoiceConnectorGroupRecord {
    const group = this.state.voiceConnectorGroups.find(g => g.id === id);
    if (!group) throw notFound(`Voice Connector group ${id} not found.`);
    return group;
  }

  deleteVoiceConnectorGroup(id: string): void {
    const group = this.voiceConnectorGroup(id);
    this.refuseWhileAssociated('VoiceConnectorGroupId', id, `Voice Connector group ${id}`);
    if (group.items.length > 0) {
      throw refused(`Voice Connector group ${id} cannot be deleted: remove its Voice Connectors first.`, 'VoiceConnectorGroupAssociationsExist');
    }
    this.state.voiceConnectorGroups = this.state.voiceConnectorGroups.filter(g => g.id !== id);
  }

  // ---- associations with a Voice Connector or group ----

  /** The Voice Connector or group an association names; NotFound when there is none. */
  private associationTarget(name: 'VoiceConnectorId' | 'VoiceConnectorGroupId', id: string): void {
    if (name === 'VoiceConnectorId') this.voiceConnector(id);
    else this.voiceConnectorGroup(id);
  }

  associate(name: 'VoiceConnectorId' | 'VoiceConnectorGroupId', id: string, numbers: string[], force: boolean): PhoneNumberErrorEntry[] {
    this.associationTarget(name, id);
    return this.perNumber(numbers, rec => {
      if (rec.productType !== 'VoiceConnector') {
        throw refused(`Phone number ${mask(rec.id)} has product type ${rec.productType}; only VoiceConnector numbers can be associated with a Voice Connector.`);
      }
      if (rec.associations.some(a => a.name === name && a.value === id)) return;
      if (rec.associations.length > 0 && !force) {
        throw refused(`Phone number ${mask(rec.id)} is already associated with ${describe(rec)}; set ForceAssociate to move it.`, 'PhoneNumberAssociationsExist');
      }
      if (rec.associations.some(a => a.name === 'SipRuleId' || a.name === 'UserId')) {
        throw refused(`Phone number ${mask(rec.id)} is associated with ${describe(rec)}, which ForceAssociate does not remove.`, 'PhoneNumberAssociationsExist');
      }
      rec.associations = [{ name, value: id, at: this.now() }];
      this.touch(rec);
    });
  }

  disassociate(name: 'VoiceConnectorId' | 'VoiceConnectorGroupId', id: string, numbers: string[]): PhoneNumberErrorEntry[] {
    this.associationTarget(name, id);
    return this.perNumber(numbers, rec => {
      if (!rec.associations.some(a => a.name === name && a.value === id)) {
        throw refused(`Phone number ${mask(rec.id)} is not associated with ${name === 'VoiceConnectorId' ? 'Voice Connector' : 'Voice Connector group'} ${id}.`);
      }
      rec.associations = rec.associations.filter(a => !(a.name === name && a.value === id));
      this.touch(rec);
    }, true);
  }

  // ---- SIP media applications ----

  createSipMediaApplication(input: { name: string; awsRegion: string; endpoints: { lambdaArn: string }[] }): SipMediaApplicationRecord {
    const now = this.now();
    const sma: SipMediaApplicationRecord = { ...input, id: this.ids.uuid(), createdAt: now, updatedAt: now };
    this.state.sipMediaApplications.push(sma);
    return sma;
  }

  sipMediaApplication(id: string): SipMediaApplicationRecord {
    const sma = this.state.sipMediaApplications.find(s => s.id === id);
    if (!sma) throw notFound(`SIP media application ${id} not found.`);
    return sma;
  }

  updateSipMediaApplication(id: string, input: { name?: string; endpoints?: { lambdaArn: string }[] }): SipMediaApplicationRecord {
    const sma = this.sipMediaApplication(id);
    if (input.name !== undefined) sma.name = input.name;
    if (input.endpoints !== undefined) sma.endpoints = input.endpoints;
    sma.updatedAt = this.now();
    return sma;
  }

  deleteSipMediaApplication(id: string): void {
    this.sipMediaApplication(id);
    const enabled = this.state.sipRules.filter(r => !r.disabled && r.targets.some(t => t.sipMediaApplicationId === id));
    if (enabled.length > 0) {
      throw new ApiError('Conflict', `SIP media application ${id} cannot be deleted: enabled SIP rules target it (${enabled.map(r => r.id).join(', ')}); disable them first.`);
    }
    this.state.sipMediaApplications = this.state.sipMediaApplications.filter(s => s.id !== id);
  }

  // ---- SIP rules ----

  createSipRule(input: Omit<SipRuleRecord, 'id' | 'createdAt' | 'updatedAt'>): SipRuleRecord {
    this.checkTargets(input.targets);
    const rec = this.checkTrigger(input.triggerType, input.triggerValue);
    const now = this.now();
    const rule: SipRuleRecord = { ...input, id: this.ids.uuid(), createdAt: now, updatedAt: now };
    this.state.sipRules.push(rule);
    if (rec) {
      rec.associations.push({ name: 'SipRuleId', value: rule.id, at: now });
      this.touch(rec);
    }
    return rule;
  }

  sipRule(id: string): SipRuleRecord {
    const rule = this.state.sipRules.find(r => r.id === id);
    if (!rule) throw notFound(`SIP rule ${id} not found.`);
    return rule;
  }

  updateSipRule(id: string, input: { name: string; disabled?: boolean; targets?: SipRuleTarget[] }): SipRuleRecord {
    const rule = this.sipRule(id);
    if (input.targets !== undefined) this.checkTargets(input.targets);
    rule.name = input.name;
    if (input.disabled !== undefined) rule.disabled = input.disabled;
    if (input.targets !== undefined) rule.targets = input.targets;
    rule.updatedAt = this.now();
    return rule;
  }

  deleteSipRule(id: string): void {
    const rule = this.sipRule(id);
    if (!rule.disabled) throw new ApiError('Conflict', `SIP rule ${id} is enabled: you must disable a SIP rule before you can delete it.`);
    this.state.sipRules = this.state.sipRules.filter(r => r.id !== id);
    for (const rec of this.inventory().values()) {
      if (!rec.associations.some(a => a.name === 'SipRuleId' && a.value === id)) continue;
      rec.associations = rec.associations.filter(a => !(a.name === 'SipRuleId' && a.value === id));
      this.touch(rec);
    }
  }

  // ---- helpers ----

  private voiceConnectorForItem(id: string): void {
    if (!this.state.voiceConnectors.some(v => v.id === id)) throw refused(`Voice Connector ${id} not found.`);
  }

  private checkTargets(targets: SipRuleTarget[]): void {
    for (const t of targets) {
      const sma = this.state.sipMediaApplications.find(s => s.id === t.sipMediaApplicationId);
      if (!sma) throw refused(`SIP media application ${t.sipMediaApplicationId} not found.`);
      if (sma.awsRegion !== t.awsRegion) {
        throw refused(`SIP media application ${sma.id} is in ${sma.awsRegion}, not ${t.awsRegion}.`);
      }
    }
  }

  /** The number a ToPhoneNumber rule routes (the hostname a RequestUriHostname rule matches needs no record). */
  private checkTrigger(type: SipRuleRecord['triggerType'], value: string): NumberRecord | undefined {
    const taken = this.state.sipRules.find(r => r.triggerType === type && r.triggerValue === value);
    if (type === 'RequestUriHostname') {
      if (!this.state.voiceConnectors.some(v => outboundHostName(v) === value)) throw refused(`${value} is not the outbound host name of a Voice Connector.`);
      if (taken) throw new ApiError('Conflict', `SIP rule ${taken.id} already uses this trigger value.`);
      return undefined;
    }
    const rec = this.inventory().get(value);
    if (!rec || !HELD.includes(rec.status)) throw refused(`Phone number ${mask(value)} is not in the account's inventory.`);
    if (rec.productType !== 'SipMediaApplicationDialIn') {
      throw refused(`Phone number ${mask(value)} has product type ${rec.productType}; SIP rules need SipMediaApplicationDialIn numbers.`);
    }
    if (taken) throw new ApiError('Conflict', `Phone number ${mask(value)} already triggers SIP rule ${taken.id}.`);
    if (rec.associations.length > 0) throw refused(`Phone number ${mask(value)} is already associated with ${describe(rec)}.`, 'PhoneNumberAssociationsExist');
    return rec;
  }

  private refuseWhileAssociated(name: AssociationName, id: string, what: string): void {
    const held = [...this.inventory().values()].filter(r => r.associations.some(a => a.name === name && a.value === id));
    if (held.length > 0) {
      throw refused(`${what} cannot be deleted: ${held.length} phone number(s) are associated with it (${held.map(r => mask(r.id)).join(', ')}); disassociate them first.`,
        'PhoneNumberAssociationsExist');
    }
  }

  /** Each number succeeds or fails on its own, as the batch operations report it. */
  private perNumber(numbers: string[], act: (rec: NumberRecord) => void, anyStatus = false): PhoneNumberErrorEntry[] {
    const errors: PhoneNumberErrorEntry[] = [];
    for (const n of numbers) {
      const id = n.startsWith('+') ? n : `+${n}`;
      const rec = this.inventory().get(id);
      try {
        if (!rec || (!anyStatus && !HELD.includes(rec.status))) throw notFound(`Phone number ${mask(id)} not found.`);
        act(rec);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push({ PhoneNumberId: n, ErrorCode: e.code, ErrorMessage: e.message });
      }
    }
    return errors;
  }

  private touch(rec: NumberRecord): void {
    rec.status = rec.associations.length > 0 ? 'Assigned' : 'Unassigned';
    rec.updatedAt = this.now();
  }

  /** Voice Connector IDs are 22 lowercase letters and digits. */
  private voiceConnectorId(): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let id = '';
    for (let i = 0; i < 22; i++) id += alphabet[this.ids.int(0, alphabet.length - 1)];
    return id;
  }
}

export function outboundHostName(vc: VoiceConnectorRecord): string {
  return `${vc.id}.voiceconnector.chime.aws`;
}

function describe(rec: NumberRecord): string {
  return rec.associations.map(a => `${a.name} ${a.value}`).join(', ');
}
