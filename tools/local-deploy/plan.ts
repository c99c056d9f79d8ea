// Which resources a deploy takes, in which order, and which the previous deploy had that it drops.
import { LocalDeployError } from './errors';
import { IntrinsicError } from './intrinsics';
import { scopeFor } from './scope';
import type { StackRun } from './stack-run';
import type { StackState } from './state';
import { dependenciesOf, topologicalOrder } from './template';

export interface Plan {
  /** Resources whose Condition holds, dependencies first. */
  order: string[];
  dependencies: Map<string, string[]>;
  /** In the previous deploy, not in this one. */
  removed: string[];
  /** Condition values, shared by every resolution of this deploy. */
  conditions: Map<string, boolean>;
  /** Resources whose template definition changed, for the progress counter. */
  touched: number;
}

export function planDeploy(run: StackRun, prev: StackState | undefined): Plan {
  const resources = run.template.Resources ?? {};
  const conditions = new Map<string, boolean>();
  try {
    const scope = scopeFor(run, 'Conditions', conditions);
    const active = Object.keys(resources).filter(id => resources[id].Condition === undefined || scope.condition(resources[id].Condition!));
    const activeSet = new Set(active);
    const dependencies = new Map(active.map(id => [id, dependenciesOf(resources[id], activeSet)]));
    const order = topologicalOrder(active, id => dependencies.get(id)!);
    const removed = prev ? Object.keys(prev.resources).filter(id => !activeSet.has(id)) : [];
    const touched = prev
      ? order.filter(id => JSON.stringify(prev.template.Resources?.[id]) !== JSON.stringify(resources[id])).length + removed.length
      : order.length;
    return { order, dependencies, removed, conditions, touched };
  } catch (err) {
    if (err instanceof IntrinsicError) throw new LocalDeployError(err.message);
    throw err;
  }
}
