/** The shape of bench/results.json; the README's Performance section is built from it. */

/** What one polling strategy cost on one order. */
export interface Detected {
  /** From the order turning terminal to the driver holding the terminal answer. */
  readonly overheadSeconds: number;
  /** GetPhoneNumberOrder requests the order cost, from the emulator's stats. */
  readonly getCalls: number;
}

export interface DetectionRow extends Detected {
  readonly orderSeconds: number;
  readonly baselines: { readonly fixed10s: Detected; readonly fixed5s: Detected };
  /** Every repeat, so the medians can be checked. */
  readonly samples: Record<string, Detected[]>;
}

/** What a cold start loads for an event of one API. */
export interface ApiLoad {
  readonly api: string;
  /** Bytes of the handler's files in require.cache after loading. */
  readonly bytes: number;
  /** Those files, by name. */
  readonly loaded: string[];
  /** Median cold require() of those files in a fresh node process. */
  readonly initMs: number;
  readonly initSamplesMs: number[];
}

export interface BundleResult {
  /** Every file of dist/handler: the Lambda asset. */
  readonly shippedBytes: number;
  readonly perApi: ApiLoad[];
  readonly anchorBytes: number;
  readonly anchorInitMs: number;
  readonly anchorInitSamplesMs: number[];
}

export interface SynthRow {
  readonly orders: number;
  /**
   * Median time from new App() to app.synth() returning, each a fresh App in a fresh process that
   * has synthesised once already (see Results.firstSynth for that first one).
   */
  readonly ms: number;
  readonly anchorMs: number;
  readonly templateBytes: number;
  readonly anchorTemplateBytes: number;
  /** Ours adds two stack outputs per order by default; this is the template without them. */
  readonly templateBytesWithoutOutputs: number;
}

export interface Goal {
  readonly goal: string;
  readonly met: boolean;
  /** The figure and its limit, or how far past the limit it is. */
  readonly detail: string;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  /** Other work on the machine skews the timings; 1-minute load averages when the bench started and ended. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

export interface Results {
  readonly detection: DetectionRow[];
  readonly bundle: BundleResult;
  readonly synth: SynthRow[];
  /** The first synth in a fresh process (one order): it also pays for aws-cdk-lib loading most of itself lazily. */
  readonly firstSynth: { readonly orders: 1; readonly ms: number; readonly anchorMs: number };
  readonly goals: Goal[];
  readonly machine: Machine;
  readonly repeats: { readonly detection: number; readonly init: number; readonly synth: number };
  readonly startedAt: string;
  readonly durationSeconds: number;
}
