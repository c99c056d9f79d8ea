// The audit after every step: the ownership promises over every deployed resource, what each
// answered, and, where the contract refuses before any side effect, that nothing was ordered.
// A number left held by nobody, or released while listed, by a resource whose Create or Update
// CloudFormation had stopped waiting for in this step (cancelled because another resource failed,
// or past its ServiceTimeout) is told apart: that operation went on after the rollback had looked.
import type { EmulatorPhoneNumber } from '../../../emulator';
import type { DeployedStack } from '../app/deployed';
import { markIn, resourceMark } from '../marks';
import { mask } from '../numbers';
import type { Problem } from '../types';
import { auditOwnership } from './ownership';

export interface StepAuditInput {
  readonly before: readonly DeployedStack[];
  readonly after: readonly DeployedStack[];
  readonly inventory: readonly EmulatorPhoneNumber[];
  readonly scope: (n: string) => boolean;
  readonly elsewhere: ReadonlySet<string>;
  readonly retained: ReadonlyMap<string, string>;
  /** Orders this step placed, when the contract says it places none. */
  readonly refusedButOrdered?: number;
  /** Resources whose operation CloudFormation stopped waiting for in this step: their mark, and the numbers they listed. */
  readonly abandoned?: readonly { readonly mark: string; readonly numbers: readonly string[] }[];
}

export function auditStep(input: StepAuditInput): Problem[] {
  const problems: Problem[] = [];
  const listings = input.after.flatMap(s => s.orders.map(o => ({
    resource: `${s.stackName}/${o.construct}`,
    mark: o.api === 'chime' ? undefined : resourceMark(s.stackName, o.logicalId, s.region, s.account),
    numbers: o.listed,
  })));
  for (const f of auditOwnership({ listings, inventory: input.inventory, scope: input.scope, elsewhere: input.elsewhere, retained: input.retained })) {
    const mark = markIn(input.inventory.find(r => r.E164PhoneNumber === f.number)?.Name)?.resource;
    const by = (input.abandoned ?? []).find(a => a.mark === mark || (!mark && a.numbers.includes(f.number)));
    const afterCancel = by && (f.kind === 'held-by-nobody' || f.kind === 'listed-not-held');
    problems.push({ kind: afterCancel ? 'acted-after-cancel' : f.kind, number: f.number, text: f.text });
  }
  for (const s of input.after) {
    for (const o of s.orders) {
      if (!o.answeredPhoneNumbers) problems.push({ kind: 'missing-attribute', text: `${s.stackName}/${o.construct} answered SUCCESS without the PhoneNumbers attribute` });
      const old = input.before.find(b => b.stackName === s.stackName)?.orders.find(b => b.logicalId === o.logicalId);
      if (old && old.physicalId !== o.physicalId) {
        problems.push({ kind: 'physical-id-changed', text: `${s.stackName}/${o.construct}: physical ID ${old.physicalId} became ${o.physicalId} (an update must keep it)` });
      }
    }
  }
  // Routing follows ownership: only a resource that routes, and lists the number, may leave it associated.
  const routedBy = new Set(input.after.flatMap(s => s.orders.filter(o => o.routed).flatMap(o => o.listed)));
  for (const r of input.inventory) {
    if (!input.scope(r.E164PhoneNumber) || r.Associations.length === 0 || routedBy.has(r.E164PhoneNumber)) continue;
    problems.push({
      kind: 'routed-not-listed', number: r.E164PhoneNumber,
      text: `${mask(r.E164PhoneNumber)} is associated (${r.Associations.map(a => a.Name).join(', ')}, ${r.Status}) but no resource that routes lists it`,
    });
  }
  if (input.refusedButOrdered) {
    problems.push({ kind: 'ordered-when-refused', text: `${input.refusedButOrdered} order(s) placed in a step the contract refuses before any side effect` });
  }
  return problems;
}
