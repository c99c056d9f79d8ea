// The lifecycle contract's Create and Update rows, as a table over the pure planner of onEvent:
// (event, what Chime holds) -> (refusals | steps). The emulator suites prove the executor.
import { type ActStep, planAct } from '../../lambda/plan-act';
import type { OrderSpec, PreviousSpec } from '../../lambda/spec';
import { type OwnerSpec, SELF, facts, snapshot } from './support';

const [A, B, C] = ['+12065550100', '+12065550101', '+12065550102'];
type Holding = [string, string | undefined, OwnerSpec];

interface Row {
  readonly row: string;
  readonly type: 'Create' | 'Update';
  readonly numbers: string[];
  readonly previous?: string[];
  readonly holds: Holding[];
  readonly spec?: Partial<OrderSpec>;
  readonly previousApi?: string;
  readonly marks?: boolean;
  readonly recent?: string[];
  /** Expected: steps as short strings, or a refusal pattern. */
  readonly steps?: string[];
  readonly acquiring?: string[];
  readonly refused?: RegExp;
}

const short = (s: ActStep) => (s.kind === 'order' ? `order ${s.numbers.join(',')}` : s.kind === 'name' ? `${s.why} ${s.number}` : s.kind === 'move' ? `move ${s.number} ${s.productType}`
  : s.kind === 'route' ? `route ${s.steps.map(r => r.kind).join(',')}` : `restore ${s.number}`);

const rows: Row[] = [
  { row: 'Create: nothing held → one order for the list', type: 'Create', numbers: [A, B], holds: [[A, undefined, 'none'], [B, undefined, 'none']], steps: [`order ${A},${B}`] },
  { row: 'Create: AcquireFailed and Cancelled records are ordered again', type: 'Create', numbers: [A, B], holds: [[A, 'AcquireFailed', 'other'], [B, 'Cancelled', 'none']], steps: [`order ${A},${B}`] },
  { row: 'Create retried: its own order holds the numbers → nothing new, wait for it', type: 'Create', numbers: [A, B], holds: [[A, 'AcquireInProgress', 'self'], [B, 'Unassigned', 'self']], steps: [], acquiring: [A] },
  { row: 'Create retried: its own order failed a number → not ordered twice', type: 'Create', numbers: [A], holds: [[A, 'AcquireFailed', 'self']], steps: [] },
  { row: 'Create after a rolled-back attempt: own numbers restored, failed ones ordered', type: 'Create', numbers: [A, B], holds: [[A, 'DeleteInProgress', 'self-earlier'], [B, 'AcquireFailed', 'self-earlier']], steps: [`restore ${A}`, `order ${B}`] },
  { row: 'Create delivered again after its event ended: its own numbers released since → refused, not restored', type: 'Create', numbers: [A, B], holds: [[A, 'DeleteInProgress', 'self'], [B, 'AcquireFailed', 'self']], refused: /\*\*\*0100 was ordered by this very request and released since: this is a repeated delivery/ },
  { row: "Create: another resource's number → refused", type: 'Create', numbers: [A, B], holds: [[A, 'Unassigned', 'other'], [B, undefined, 'none']], refused: /\*\*\*0100 \(Unassigned\) belongs to another PhoneNumberOrder resource/ },
  { row: "Create: another resource's number in the deletion queue → refused, not restored", type: 'Create', numbers: [A], holds: [[A, 'DeleteInProgress', 'other']], refused: /belongs to another PhoneNumberOrder/ },
  { row: 'Create: an unowned held number → refused without adoption', type: 'Create', numbers: [A], holds: [[A, 'Assigned', 'none']], refused: /already in the account \(Assigned\).*adoptExistingNumbers: true/ },
  { row: 'Create: an unowned held number with adoption → marked, not ordered', type: 'Create', numbers: [A, B], spec: { adopt: true }, holds: [[A, 'Unassigned', 'none'], [B, undefined, 'none']], steps: [`adopt ${A}`, `order ${B}`] },
  { row: "Create: adoption never takes another resource's number", type: 'Create', numbers: [A], spec: { adopt: true }, holds: [[A, 'Unassigned', 'other']], refused: /belongs to another PhoneNumberOrder/ },
  { row: 'Create: a number being ported in → refused, even with adoption', type: 'Create', numbers: [A], spec: { adopt: true }, holds: [[A, 'PortinInProgress', 'none']], refused: /being ported in/ },
  { row: "Create: someone else's order acquiring it → refused", type: 'Create', numbers: [A], holds: [[A, 'AcquireInProgress', 'none']], refused: /being acquired by an order this resource did not place/ },
  { row: 'Create: an unowned number in the deletion queue → refused', type: 'Create', numbers: [A], holds: [[A, 'ReleaseInProgress', 'none']], refused: /deletion queue, released by a previous holder/ },
  { row: 'Create: an unknown status → refused, left alone', type: 'Create', numbers: [A], holds: [[A, 'Quarantined', 'self']], refused: /status Quarantined, which this version/ },
  { row: 'Create: refusals come before any step', type: 'Create', numbers: [A, B], holds: [[A, 'DeleteInProgress', 'self-earlier'], [B, 'Unassigned', 'other']], refused: /belongs to another/ },
  { row: 'Create: a number outside the plan is refused before ordering', type: 'Create', numbers: ['+13705550100'], holds: [['+13705550100', undefined, 'none']], refused: /not a valid phone number/ },
  { row: 'Legacy Create: a held number → refused', type: 'Create', marks: false, numbers: [A], holds: [[A, 'Unassigned', 'unknown']], refused: /already in the account.*legacy chime API cannot mark numbers/ },
  { row: "Legacy Create retried: its own recent order's numbers are taken", type: 'Create', marks: false, numbers: [A, B], recent: [A, B], holds: [[A, 'Unassigned', 'unknown'], [B, 'AcquireInProgress', 'unknown']], steps: [], acquiring: [B] },
  { row: 'Legacy Create: numbers in the deletion queue are restored', type: 'Create', marks: false, numbers: [A], holds: [[A, 'ReleaseInProgress', 'unknown']], steps: [`restore ${A}`] },

  { row: 'Update, same numbers → nothing', type: 'Update', numbers: [A, B], previous: [A, B], holds: [[A, 'Unassigned', 'self'], [B, 'Assigned', 'self-earlier']], steps: [] },
  { row: 'Update, numbers added → one order for the added ones only', type: 'Update', numbers: [A, B, C], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, undefined, 'none'], [C, 'AcquireFailed', 'none']], steps: [`order ${B},${C}`] },
  { row: "Update adding another resource's number → refused (no takeover)", type: 'Update', numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'other']], refused: /\*\*\*0101 \(Unassigned\) belongs to another/ },
  { row: 'Update adding an unowned number with adoption → adopted', type: 'Update', numbers: [A, B], previous: [A], spec: { adopt: true }, holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'none']], steps: [`adopt ${B}`] },
  { row: 'Update rollback of a removal → own number restored from the deletion queue', type: 'Update', numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, 'DeleteInProgress', 'self-earlier']], steps: [`restore ${B}`] },
  { row: 'Update rollback of a failed update that never released → own held number kept', type: 'Update', numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'self-earlier']], steps: [] },
  { row: 'Update rollback of letting an adopted number go → taken back without the flag', type: 'Update', numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'former']], steps: [`adopt ${B}`] },
  { row: 'Update: a number the resource never got (allowPartial) is not ordered again', type: 'Update', numbers: [A, B], previous: [A, B], spec: { allowPartial: true }, holds: [[A, 'Unassigned', 'self'], [B, 'AcquireFailed', 'self-earlier']], steps: [] },
  { row: 'Update: product type changed → owned numbers moved', type: 'Update', numbers: [A, B], previous: [A, B], spec: { productType: 'SipMediaApplicationDialIn' }, holds: [[A, 'Unassigned', 'self'], [B, 'Unassigned', 'self']], steps: [`move ${A} SipMediaApplicationDialIn`, `move ${B} SipMediaApplicationDialIn`] },
  { row: 'Update: name changed → owned numbers renamed', type: 'Update', numbers: [A], previous: [A], spec: { name: 'desk' }, holds: [[A, 'Unassigned', 'self']], steps: [`rename ${A}`] },
  { row: 'Update: an adopted number keeps its own label when no name is set', type: 'Update', numbers: [A], previous: [A], holds: [[A, 'Unassigned', 'self-adopted', ]], steps: [] },
  { row: 'Update: a number being acquired by its own order → waited for', type: 'Update', numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'self'], [B, 'AcquireInProgress', 'self']], steps: [], acquiring: [B] },
  { row: 'Update: an owned number is never refused by the numbering plan', type: 'Update', numbers: ['+13705550100'], previous: [], holds: [['+13705550100', 'Unassigned', 'self-earlier']], steps: [] },
  { row: 'Update from the legacy API: unmarked numbers it listed are marked as its own', type: 'Update', numbers: [A], previous: [A, B], previousApi: 'chime', holds: [[A, 'Unassigned', 'none'], [B, 'Unassigned', 'none']], steps: [`claim ${A}`, `claim ${B}`] },
  { row: 'Legacy Update: held numbers of the list are kept (no marks to prove otherwise)', type: 'Update', marks: false, numbers: [A, B], previous: [A], holds: [[A, 'Unassigned', 'unknown'], [B, 'Unassigned', 'unknown']], steps: [] },
];

describe('onEvent plan: the contract rows', () => {
  test.each(rows.map(r => [r.row, r] as const))('%s', (_row, r) => {
    const spec: OrderSpec = { productType: 'VoiceConnector', numbers: r.numbers, api: r.marks === false ? 'chime' : 'chime-sdk-voice', allowPartial: false, adopt: false, ...r.spec };
    const previous: PreviousSpec | undefined = r.previous ? { numbers: r.previous, api: r.previousApi ?? spec.api } : undefined;
    const plan = planAct({
      requestType: r.type, spec, previous, identity: SELF,
      snapshot: snapshot(r.holds.map(([n, status, owner]) => facts(n, status, owner)), r.marks ?? true),
      recentOrderNumbers: r.recent,
    });
    if (r.refused) {
      expect(plan.refusals.join('; ')).toMatch(r.refused);
      expect(plan.steps).toEqual([]);
    } else {
      expect(plan.refusals).toEqual([]);
      expect(plan.steps.map(short)).toEqual(r.steps);
      expect(plan.acquiring).toEqual(r.acquiring ?? []);
    }
  });

  test('an order carries the resource mark in its Name on Chime SDK Voice, none on the legacy API', () => {
    const base = { requestType: 'Create' as const, identity: SELF };
    const voice = planAct({ ...base, spec: { productType: 'VoiceConnector', numbers: [A], api: 'chime-sdk-voice', name: 'desk', allowPartial: false, adopt: false }, snapshot: snapshot([facts(A, undefined, 'none')]) });
    expect(voice.steps).toEqual([{ kind: 'order', numbers: [A], productType: 'VoiceConnector', name: `desk pno.${SELF.resource}.o${SELF.request}` }]);
    const legacy = planAct({ ...base, spec: { productType: 'VoiceConnector', numbers: [A], api: 'chime', allowPartial: false, adopt: false }, snapshot: snapshot([facts(A, undefined, 'unknown')], false) });
    expect(legacy.steps).toEqual([{ kind: 'order', numbers: [A], productType: 'VoiceConnector', name: undefined }]);
  });
});
