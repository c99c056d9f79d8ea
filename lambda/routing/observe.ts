// What routes each number: its associations (from GetPhoneNumber), and for SIP rule
// associations the rule itself (GetSipRule), whose Name tells whether this resource made it.
import { mapLimit } from '../concurrency';
import { chimeFailure } from '../failure';
import type { NumberFacts } from '../observe';
import type { RoutingPort, SipRule } from './port';

const LOOKUPS_IN_FLIGHT = 8;

export type Route =
  | { readonly type: 'VoiceConnector' | 'VoiceConnectorGroup'; readonly id: string }
  | { readonly type: 'SipRule'; readonly id: string; readonly rule: SipRule }
  /** Anything else a number can be associated with (a user, ...): never touched. */
  | { readonly type: 'Other'; readonly name: string; readonly id: string };

/** The rules behind the numbers' SipRuleId associations, by rule ID; a rule gone since is absent. */
export async function observeRules(port: RoutingPort, facts: Iterable<NumberFacts>): Promise<Map<string, SipRule>> {
  const ids = [...new Set([...facts].flatMap(f => f.associations.filter(a => a.name === 'SipRuleId').map(a => a.value)))];
  const found = await mapLimit(ids, LOOKUPS_IN_FLIGHT, async id => {
    try {
      return await port.getSipRule(id);
    } catch (err) {
      throw chimeFailure(`GetSipRule ${id}`, err);
    }
  });
  return new Map(found.filter((r): r is SipRule => !!r).map(r => [r.id, r]));
}

export function routesOf(f: NumberFacts, rules: ReadonlyMap<string, SipRule>): Route[] {
  const routes: Route[] = [];
  for (const a of f.associations) {
    if (a.name === 'VoiceConnectorId') routes.push({ type: 'VoiceConnector', id: a.value });
    else if (a.name === 'VoiceConnectorGroupId') routes.push({ type: 'VoiceConnectorGroup', id: a.value });
    else if (a.name === 'SipRuleId') {
      const rule = rules.get(a.value);
      // An association whose rule is gone routes nothing any more.
      if (rule) routes.push({ type: 'SipRule', id: a.value, rule });
    } else routes.push({ type: 'Other', name: a.name, id: a.value });
  }
  return routes;
}
