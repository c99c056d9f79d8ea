// One step of a run, start to end: the template variant, the delivery faults, the deploy through
// the local deploy (and the recovery from a *_FAILED state), then the judgement of the outcome
// and the audit of the account, and the world brought up to date for the next step.
import * as path from 'path';
import type { Emulator } from '../../emulator';
import { type DeployedStack, readDeployed } from './app/deployed';
import { writeVariant } from './app/variant';
import { auditStep } from './audit/step-audit';
import { NO_RESPONSE, unanswered } from './audit/events';
import { HELD } from './audit/ownership';
import { type EventTarget, describeFault, drawDelivery } from './delivery';
import { judgeStep } from './expect';
import { markIn } from './marks';
import type { Rng } from './random';
import type { Expectation, StepPlan } from './scenarios/kind';
import { type StepContext, playStep } from './step';
import type { DeliveryMix } from './delivery';
import type { SentEvent } from '../local-deploy/stack-run';
import type { EventRecord, Problem, ShapeSpec, StepRecord } from './types';
import { type OrderModel, World } from './world';

export interface LifecycleContext extends StepContext {
  readonly root: string;
  readonly shape: ShapeSpec;
  readonly emulator: Emulator;
  readonly delivery: DeliveryMix;
  /** The step each order was placed in (for the order-book audit). */
  readonly stepOf: Map<string, number>;
}

/** Properties CloudFormation sends: a change to one of them is an event (a DeletionPolicy change is not). */
const SENT: (keyof OrderModel)[] = ['numbers', 'search', 'quantity', 'adopt', 'allowPartial', 'productType', 'api', 'label', 'logicalId', 'present', 'route'];

export class Lifecycle {
  readonly steps: StepRecord[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: LifecycleContext, readonly world: World, private readonly rng: Rng) {}

  /** Deploys the plan's stacks (those it changes; for a first deploy, the ones named). */
  deploy(plan: StepPlan, stacks?: readonly string[]): Promise<StepRecord> {
    return this.step(plan, stacks ?? this.ctx.shape.stacks.filter(s => Object.keys(plan.changes).some(k => k.startsWith(`${s}/`))));
  }

  destroy(): Promise<StepRecord> {
    return this.step(undefined, []);
  }

  private async step(plan: StepPlan | undefined, stacks: readonly string[]): Promise<StepRecord> {
    const { world, ctx } = this;
    const index = this.steps.length;
    const started = Date.now();
    const before = world.deployed;
    const candidate = world.candidate(plan?.changes ?? {});
    const deletesStack = !plan || (plan.expect === 'fail' && stacks.some(s => !world.stackOf(s)));
    const delivery = drawDelivery(this.rng, ctx.delivery, plan ? this.targets(plan, candidate, stacks) : this.deleteTargets(), deletesStack);
    plan?.prepare?.(ctx.emulator, world);
    const known = new Set(ctx.emulator.orders().map(o => o.PhoneNumberOrderId));
    const app = plan && writeVariant(ctx.shape.assembly, path.join(ctx.root, `step-${index}.out`), world.edits(candidate, ctx.shape.stacks));
    const play = await playStep(ctx, app ? { command: 'deploy', app, stacks, rehearse: plan?.expect === 'rehearsed' } : { command: 'destroy' }, delivery);

    await settle(ctx.emulator);
    world.deployed = readDeployed(ctx.stateDir);
    world.inventory = ctx.emulator.phoneNumbers();
    const placed = ctx.emulator.orders().filter(o => !o.Unrelated && !known.has(o.PhoneNumberOrderId));
    for (const o of placed) {
      ctx.stepOf.set(o.PhoneNumberOrderId, index);
      for (const n of o.OrderedPhoneNumbers) world.ordered.add(n.E164PhoneNumber);
    }
    const expect = new Map<string, Expectation>(stacks.map(s => [s, plan && Object.keys(plan.changes).some(k => k.startsWith(`${s}/`)) ? plan.expect : 'ok']));
    const abandoned = this.abandoned(play.events, candidate);
    const judged = judgeStep({
      command: plan ? 'deploy' : 'destroy', expect, noAnswer: delivery.noAnswer, play, after: world.deployed,
      existedBefore: new Set(before.map(s => s.stackName)), abandoned: new Set(abandoned.map(a => a.resource)),
    });
    for (const r of play.results) if (plan && r.ok && !r.rehearsed) world.commit(candidate, [r.stackName]);
    for (const o of world.live()) world.everDeployed.add(World.key(o));
    this.noteRetained(before, candidate, play.events);
    const found: Problem[] = [
      ...judged.problems,
      ...unanswered(play.events, delivery.noAnswer !== undefined).map(text => ({ kind: 'unanswered' as const, text })),
      ...auditStep({
        before, after: world.deployed, inventory: world.inventory, scope: n => world.ours(n),
        elsewhere: new Set(world.pool.seeded), retained: world.retained, refusedButOrdered: plan?.ordersNothing ? placed.length : 0,
        abandoned,
      }),
    ];
    const problems = found.filter(p => this.firstReport(p)).map(({ number: _whole, ...p }): Problem => p);
    const record: StepRecord = {
      index, label: plan?.label ?? 'destroy', expect: plan?.expect ?? 'ok', outcome: judged.outcome,
      faults: delivery.faults.map(describeFault),
      recoveries: play.recoveries.map(r => `${r.from} → ${r.action}`),
      events: play.events.map((e): EventRecord => ({
        requestType: e.requestType, resource: `${e.stackName}/${e.logicalResourceId}`, status: e.status, reason: e.reason?.slice(0, 400),
        swallowed: e.swallowed, cancelled: e.cancelled,
      })),
      ordersPlaced: placed.length, ms: Date.now() - started,
      problems,
      ...(problems.length > 0 ? { output: play.output } : {}),
    };
    this.steps.push(record);
    return record;
  }

  /** A number found wrong stays wrong in the steps after: it is reported once. */
  private firstReport(p: Problem): boolean {
    if (!p.number) return true;
    if (this.reported.has(p.number)) return false;
    this.reported.add(p.number);
    return true;
  }

  /** Resources whose Create or Update CloudFormation stopped waiting for (cancelled, or no answer within ServiceTimeout). */
  private abandoned(events: readonly SentEvent[], candidate: Map<string, OrderModel>): { resource: string; mark: string; numbers: string[] }[] {
    return events.filter(e => e.requestType !== 'Delete' && (e.cancelled || e.reason?.startsWith(NO_RESPONSE))).map(e => {
      const models = [...candidate.values(), ...this.world.orders()].filter(o => o.stack === e.stackName && o.logicalId === e.logicalResourceId);
      return {
        resource: `${e.stackName}/${e.logicalResourceId}`,
        mark: this.world.identity({ stack: e.stackName, logicalId: e.logicalResourceId }),
        numbers: models.flatMap(o => [...o.numbers]),
      };
    });
  }

  /** Events a plan the contract says succeeds is sure to send (where a no-answer fault may be aimed). */
  private targets(plan: StepPlan, candidate: Map<string, OrderModel>, stacks: readonly string[]): EventTarget[] {
    if (plan.expect !== 'ok') return [];
    return [...candidate.values()].filter(o => stacks.includes(o.stack) && o.present).flatMap((o): EventTarget[] => {
      const deployed = this.world.stackOf(o.stack)?.orders.find(d => d.logicalId === o.logicalId);
      const old = this.world.template.get(World.key(o))!;
      if (!deployed) return [{ stack: o.stack, logicalId: o.logicalId, requestType: 'Create' }];
      const sends = SENT.some(k => JSON.stringify(old[k]) !== JSON.stringify(o[k]));
      return sends ? [{ stack: o.stack, logicalId: o.logicalId, requestType: 'Update' }] : [];
    });
  }

  private deleteTargets(): EventTarget[] {
    return this.world.live().filter(o => o.deletionPolicy === 'Delete').map(o => ({ stack: o.stack, logicalId: o.logicalId, requestType: 'Delete' as const }));
  }

  /**
   * A resource gone from every stack without a Delete that succeeded was kept by its DeletionPolicy:
   * what the account holds with its mark (under the legacy API: what it listed, unmarked) stays,
   * held by nobody's stack, as the contract says.
   */
  private noteRetained(before: readonly DeployedStack[], candidate: Map<string, OrderModel>, events: readonly SentEvent[]): void {
    const { world } = this;
    const was = [
      ...before.flatMap(s => s.orders.map(o => ({ stack: s.stackName, logicalId: o.logicalId, listed: o.listed, legacy: o.api === 'chime' }))),
      ...events.filter(e => e.requestType === 'Create').map(e => {
        const o = [...candidate.values()].find(c => c.stack === e.stackName && c.logicalId === e.logicalResourceId);
        return { stack: e.stackName, logicalId: e.logicalResourceId, listed: [...(o?.numbers ?? [])], legacy: o?.api === 'chime' };
      }),
    ];
    for (const { stack, logicalId, listed, legacy } of was) {
      if (world.stackOf(stack)?.orders.some(o => o.logicalId === logicalId)) continue;
      const deleted = events.some(e => e.requestType === 'Delete' && e.stackName === stack && e.logicalResourceId === logicalId && e.status === 'SUCCESS' && !e.swallowed);
      if (deleted) continue;
      const mark = world.identity({ stack, logicalId });
      for (const r of world.inventory.filter(x => HELD.includes(x.Status))) {
        const found = markIn(r.Name)?.resource;
        if (found === mark) world.retained.set(r.E164PhoneNumber, mark);
        else if (legacy && !found && listed.includes(r.E164PhoneNumber)) world.retained.set(r.E164PhoneNumber, '');
      }
    }
  }
}

/** Waits until no order of the run is still processing, so the audit sees where each number ended. */
async function settle(emulator: Emulator, maxWaitMs = 5_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (emulator.orders().some(o => !o.Unrelated && o.Status === 'Processing') && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
