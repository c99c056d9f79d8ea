// Resources in dependency order, independent ones at once, as CloudFormation works through a
// stack: each starts as soon as what it waits for is done.

export interface GraphRun {
  /** Finished with success. */
  done: string[];
  failed: string[];
  /** Never started: a failure stopped the run, or something they wait for failed. */
  notStarted: string[];
}

/**
 * Runs `work` for each ID once every ID in `waitsFor(id)` (among `ids`) is done. A failed one
 * blocks what waits for it; with `stopOnFailure` nothing new starts after the first failure.
 */
export async function runGraph(ids: string[], waitsFor: (id: string) => string[], work: (id: string) => Promise<boolean>,
  options: { stopOnFailure: boolean }): Promise<GraphRun> {
  const pending = new Set(ids);
  const done = new Set<string>();
  const failed = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const blocked = (id: string) => waitsFor(id).some(d => ids.includes(d) && !done.has(d));
  const lost = (id: string) => waitsFor(id).some(d => failed.has(d) || (ids.includes(d) && !pending.has(d) && !done.has(d) && !running.has(d)));
  for (;;) {
    const stop = options.stopOnFailure && failed.size > 0;
    if (!stop) {
      // Template order among the ready ones, so runs with the same input start things in the same order.
      for (const id of ids.filter(i => pending.has(i) && !blocked(i))) {
        pending.delete(id);
        running.set(id, work(id).then(ok => { (ok ? done : failed).add(id); }, () => { failed.add(id); }).finally(() => running.delete(id)));
      }
    }
    for (const id of [...pending].filter(lost)) pending.delete(id);
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return { done: [...done], failed: [...failed], notStarted: ids.filter(id => !done.has(id) && !failed.has(id)) };
}
