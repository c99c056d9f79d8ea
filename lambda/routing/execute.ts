// Carries out routing steps. Every call that may have acted before its answer was lost is
// judged by what the account shows afterwards, never by the error alone: a retried
// DisassociatePhoneNumbers reports the numbers the first attempt freed, a retried CreateSipRule
// meets the rule the first attempt made.
import { maskNumber } from '../../lib/order-rules';
import { isNotFound } from '../adapters/map';
import type { ChimePort } from '../chime-port';
import { sleep } from '../concurrency';
import { EventFailure, chimeFailure } from '../failure';
import { log } from '../log';
import { observeNumbers } from '../observe';
import type { Identity } from '../ownership';
import { isRetryable } from '../retryable';
import type { AssociationTarget, NumberError, RoutingPort, SipRule } from './port';
import { isOwnRoute, type RoutingStep } from './plan';
import { describeTarget } from './target';

const CREATE_ATTEMPTS = 6;
/** Per-number errors worth trying again at the next interval. */
const TRANSIENT_CODES = ['ServiceFailure', 'ServiceUnavailable', 'Throttled', 'Throttling'];

export interface RoutingOutcome {
  /** The rule each number got from a create-rule step. */
  readonly created: ReadonlyMap<string, string>;
}

export async function executeRouting(routing: RoutingPort, numbers: ChimePort, steps: RoutingStep[], identity: Identity): Promise<RoutingOutcome> {
  const created = new Map<string, string>();
  for (const step of steps) {
    try {
      await run(step);
    } catch (err) {
      throw chimeFailure(describe(step), err);
    }
  }
  return { created };

  async function run(step: RoutingStep): Promise<void> {
    switch (step.kind) {
      case 'associate': {
        const errors = await routing.associate(step.target, step.id, step.numbers, step.force);
        await judge(errors, step.target, step.id, true);
        log('INFO', `${step.force ? 'moved numbers to' : 'associated numbers with'} ${describeTarget({ type: step.target, id: step.id })}`, { numbers: step.numbers });
        return;
      }
      case 'disassociate': {
        const errors = await routing.disassociate(step.target, step.id, step.numbers);
        await judge(errors, step.target, step.id, false);
        log('INFO', `disassociated numbers from ${describeTarget({ type: step.target, id: step.id })}`, { numbers: step.numbers });
        return;
      }
      case 'create-rule': {
        const rule = await createOnce(step.number, step.name, step.targets);
        created.set(step.number, rule.id);
        log('INFO', 'created SIP rule', { number: step.number, sipRuleId: rule.id });
        return;
      }
      case 'update-rule':
        await routing.updateSipRule(step.ruleId, { name: step.name, disabled: false, targets: step.targets });
        log('INFO', step.why === 'take-over' ? 'took over SIP rule' : step.why === 'move' ? 'moved SIP rule to the new target' : 'enabled SIP rule',
          { number: step.number, sipRuleId: step.ruleId });
        return;
      case 'delete-rule':
        // "You must disable a SIP rule before you can delete it" (Amazon Chime SDK Administrator Guide, Deleting a SIP rule).
        if (step.enabled) {
          try {
            await routing.updateSipRule(step.ruleId, { name: step.name, disabled: true });
          } catch (err) {
            if (isNotFound(err)) return;
            throw err;
          }
        }
        await routing.deleteSipRule(step.ruleId);
        log('INFO', 'deleted SIP rule', { number: step.number, sipRuleId: step.ruleId });
    }
  }

  /** Per-number errors stand only where the number is not now as the step wanted it. */
  async function judge(errors: NumberError[], type: AssociationTarget, id: string, wanted: boolean): Promise<void> {
    if (errors.length === 0) return;
    const facts = await observeNumbers(numbers, identity, errors.map(e => e.number));
    const real = errors.filter(e => facts.get(e.number)?.associations.some(a => a.name === `${type}Id` && a.value === id) !== wanted);
    if (real.length === 0) return;
    const reason = `${wanted ? 'Could not route' : 'Could not unroute'} ${real.map(e => `${maskNumber(e.number)} (${e.code}: ${e.message})`).join('; ')}`;
    throw new EventFailure(reason, real.every(e => TRANSIENT_CODES.includes(e.code)));
  }

  /**
   * CreateSipRule so that at most one rule comes of it: sent once per attempt; when the answer is
   * lost or refused, the number's own rule (its association, our mark) is looked for first.
   */
  async function createOnce(number: string, name: string, targets: Parameters<RoutingPort['createSipRule']>[2]): Promise<SipRule> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await routing.createSipRule(name, number, targets);
      } catch (err) {
        const found = await ownRule(number);
        if (found) return found;
        if (!isRetryable(err) || attempt >= CREATE_ATTEMPTS) throw err;
        log('WARN', 'CreateSipRule answer lost or refused for now; trying again', { attempt, error: (err as Error).name });
        await sleep(Math.min(100 * 2 ** attempt, 5_000) * (0.5 + Math.random() / 2));
      }
    }
  }

  async function ownRule(number: string): Promise<SipRule | undefined> {
    const f = (await observeNumbers(numbers, identity, [number])).get(number);
    for (const a of f?.associations.filter(x => x.name === 'SipRuleId') ?? []) {
      const rule = await routing.getSipRule(a.value);
      if (rule && isOwnRoute({ type: 'SipRule', id: rule.id, rule }, number, { identity, rules: new Map(), known: [] })) return rule;
    }
    return undefined;
  }
}

function describe(step: RoutingStep): string {
  switch (step.kind) {
    case 'associate': return `AssociatePhoneNumbersWith${step.target} ${step.id}`;
    case 'disassociate': return `DisassociatePhoneNumbersFrom${step.target} ${step.id}`;
    case 'create-rule': return `CreateSipRule for ${maskNumber(step.number)}`;
    case 'update-rule': return `UpdateSipRule ${step.ruleId}`;
    case 'delete-rule': return `DeleteSipRule ${step.ruleId}`;
  }
}
