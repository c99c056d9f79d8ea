// CloudFormation's side of one stack holding the custom resource: deploy, updates, rollbacks
// and deletion, with the reactions CloudFormation has to a FAILED answer and to DeletionPolicy.
import type { EventRequest, ProviderAnswer } from './provider';
import type { Plan, Planner } from './scenario';
import type { EventRecord, Phase, StackEnd } from './types';

type Send = (req: EventRequest, phase: Phase, label: string) => Promise<ProviderAnswer>;

export interface Lifecycle {
  readonly events: EventRecord[];
  readonly end: StackEnd;
  readonly halfDone?: string;
  /**
   * The numbers the account should hold when the stack is done: the PhoneNumbers output of the
   * last successful answer while the resource is kept (stack or DeletionPolicy), none once it is
   * deleted or never created. Undefined for a half-done stack.
   */
  readonly expectedHeld?: string[];
}

/** Plays the plan; `send` delivers an event through the Provider framework and records it. */
export async function playLifecycle(plan: Plan, planner: Planner, deliver: (req: EventRequest) => Promise<ProviderAnswer>): Promise<Lifecycle> {
  const events: EventRecord[] = [];
  const send: Send = async (req, phase, label) => {
    const started = Date.now();
    const a = await deliver(req);
    const missingOutput = a.status === 'SUCCESS' && req.requestType !== 'Delete' && !a.swallowed && a.data.PhoneNumbers === undefined;
    events.push({
      requestType: req.requestType, phase, label, status: a.status, reason: a.reason, ms: Date.now() - started,
      isCompleteCalls: a.isCompleteCalls, swallowed: a.swallowed, hung: a.hung,
      unanswered: a.unanswered ?? (missingOutput ? 'SUCCESS without the PhoneNumbers attribute' : undefined),
    });
    return a;
  };
  const halfDone = (why: string): Lifecycle => ({ events, end: 'half-done', halfDone: why });
  const retainsOnRollbackOfCreate = plan.policy === 'Retain';

  const created = await send({ requestType: 'Create', props: plan.create }, 'deploy', `create:${plan.createKind}`);
  if (created.status === 'FAILED') {
    // ROLLBACK_IN_PROGRESS: the failed resource is deleted unless its policy retains it.
    if (!retainsOnRollbackOfCreate) {
      const del = await send({ requestType: 'Delete', props: plan.create, physicalId: created.physicalId }, 'rollback', 'rollback:create');
      if (del.status === 'FAILED') return halfDone('ROLLBACK_FAILED: the Delete rolling back a failed create failed');
    }
    return { events, end: 'create-rolled-back', expectedHeld: [] };
  }
  const physicalId = created.physicalId;
  let outputs = outputsOf(created);
  let current = plan.create;

  if (plan.rehearseCreateRollback) {
    // Another resource of the first deploy failed. RetainExceptOnCreate deletes what this deploy created.
    if (retainsOnRollbackOfCreate) return { events, end: 'create-rolled-back', expectedHeld: outputs };
    const del = await send({ requestType: 'Delete', props: current, physicalId }, 'rehearsed-rollback', 'rollback:create');
    if (del.status === 'FAILED') return halfDone('ROLLBACK_FAILED: the Delete rolling back a created stack failed');
    return { events, end: 'create-rolled-back', expectedHeld: [] };
  }

  for (let u = 0; u < plan.updates; u++) {
    const step = planner.nextUpdate(current);
    const updated = await send({ requestType: 'Update', props: step.props, oldProps: current, physicalId }, 'deploy', `update:${step.kind}`);
    if (updated.status === 'SUCCESS' && !step.rehearseRollback) {
      outputs = outputsOf(updated);
      current = step.props;
      continue;
    }
    // UPDATE_ROLLBACK: the same resource gets an Update back to the properties it had.
    const phase: Phase = updated.status === 'SUCCESS' ? 'rehearsed-rollback' : 'rollback';
    const back = await send({ requestType: 'Update', props: current, oldProps: step.props, physicalId }, phase, `rollback:${step.kind}`);
    if (back.status === 'FAILED') return halfDone(`UPDATE_ROLLBACK_FAILED: rolling back update:${step.kind} failed`);
    outputs = outputsOf(back);
  }

  if (plan.policy !== 'Delete') return { events, end: 'retained', expectedHeld: outputs };
  const del = await send({ requestType: 'Delete', props: current, physicalId }, 'destroy', 'destroy');
  if (del.status === 'FAILED') return halfDone('DELETE_FAILED: the stack delete failed');
  return { events, end: 'destroyed', expectedHeld: [] };
}

function outputsOf(answer: ProviderAnswer): string[] {
  const numbers = answer.data.PhoneNumbers;
  return Array.isArray(numbers) ? numbers.map(String) : [];
}
