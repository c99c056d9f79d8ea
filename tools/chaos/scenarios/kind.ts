// A scenario kind plans one step of a run (and, for kinds that take several, the steps after it)
// from the world as it is. It says what the templates become and what the lifecycle contract
// says the deploy must end in; the runner plays it, checks the outcome and audits the account.
import type { Emulator } from '../../../emulator';
import type { Rng } from '../random';
import type { Changes, World } from '../world';

/**
 * What the contract says the deploy ends in, before any delivery fault:
 * - ok: every stack deployed (CREATE_COMPLETE / UPDATE_COMPLETE);
 * - fail: the deploy fails and rolls back (ROLLBACK_COMPLETE / UPDATE_ROLLBACK_COMPLETE);
 * - rehearsed: it succeeds, then --rehearse-rollback rolls it back (exit 0).
 */
export type Expectation = 'ok' | 'fail' | 'rehearsed';

/** The emulator controls a scenario may use before its deploy. */
export type Controls = Pick<Emulator, 'putNumber' | 'advanceClock' | 'phoneNumbers' | 'takeAfterSearch'>;

export interface StepPlan {
  /** The kind's name, and the variant when it has several, e.g. "move: refused while queued". */
  readonly label: string;
  readonly changes: Changes;
  readonly expect: Expectation;
  /** The contract refuses this before any side effect: the step may place no order. */
  readonly ordersNothing?: boolean;
  /** Emulator controls to apply before the deploy (seed a number, move the clock). */
  readonly prepare?: (controls: Controls, world: World) => void;
  /** The next step of a scenario that takes several, planned from the world this one leaves. */
  readonly next?: (world: World, rng: Rng) => StepPlan | undefined;
}

export interface ScenarioKind {
  readonly name: string;
  /** How often it is drawn, relative to the others. */
  readonly weight: number;
  /** The step, or undefined when the world offers nothing this kind needs (another kind is drawn). */
  plan(world: World, rng: Rng): StepPlan | undefined;
}
