// The chaos suite's CI size: what test/chaos/chaos.test.ts runs, and `npm run chaos -- --ci`.
// Sized for about a minute on two cores (two synths, then 6 runs at once): each run deploys through
// a dozen function processes and waits on the SDK's backoff after throttling. So CI plays 6 runs
// of 2-3 steps between the first deploy and the delete, throttles less and keeps a shorter order
// book than the default, and draws a delivery fault for half the steps.
import type { ChaosOptions } from './index';

export const CI_SIZE = {
  runs: 6,
  concurrency: 6,
  seed: 11,
  steps: [2, 3],
  unrelatedOrders: 10,
  faults: { throttleRate: 0.15, serverErrorRate: 0.1, dropAfterActRate: 0.15 },
  delivery: { rate: 0.5 },
} as const satisfies ChaosOptions;
