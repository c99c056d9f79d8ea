import type { Results } from '../types';

export interface Table {
  readonly title: string;
  readonly headers: string[];
  readonly rows: string[][];
  /** What a reader needs to read the figures right. */
  readonly note?: string;
}

const s = (seconds: number) => seconds.toFixed(2);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ratio = (ours: number, anchor: number) => `${((ours / anchor) * 100).toFixed(0)} %`;
const API_NAMES: Record<string, string> = { 'chime-sdk-voice': 'Chime SDK Voice event', 'chime': 'legacy Chime event' };

/** The figures side by side with the baselines, for the console and the README alike. */
export function tables(results: Results): Table[] {
  const repeats = results.repeats;
  return [
    {
      title: `Detection: seconds from the order turning terminal to the framework knowing, and GetPhoneNumberOrder calls (median of ${repeats.detection})`,
      headers: ['Order takes', 'Overhead (s): ours', 'fixed 10 s (anchor)', 'fixed 5 s (framework default)', 'Calls: ours', 'fixed 10 s', 'fixed 5 s'],
      rows: results.detection.map(r => [
        `${r.orderSeconds} s`, s(r.overheadSeconds), s(r.baselines.fixed10s.overheadSeconds), s(r.baselines.fixed5s.overheadSeconds),
        String(r.getCalls), String(r.baselines.fixed10s.getCalls), String(r.baselines.fixed5s.getCalls),
      ]),
      note: 'The shipped bundle, each scenario with its own emulator and a warm node process per handler pair (no Lambda cold starts). '
        + 'A fixed schedule polls at whole multiples of its interval after the order, so an order of exactly 10 s (or 25 s at 5 s) ends just before a poll: '
        + 'its near-zero overhead there is luck of alignment; over orders of any length a fixed interval costs half an interval on average.',
    },
    {
      title: `Handler cold start per API: what an event loads (cold require(): median of ${repeats.init} fresh node processes each, in turns)`,
      headers: ['', 'Files loaded', 'Bytes', 'anchor', 'Ours / anchor', 'Cold require()', 'anchor', 'Ours / anchor'],
      rows: results.bundle.perApi.map(a => [
        API_NAMES[a.api] ?? a.api, a.loaded.join(' + '), kib(a.bytes), kib(results.bundle.anchorBytes), ratio(a.bytes, results.bundle.anchorBytes),
        `${a.initMs.toFixed(1)} ms`, `${results.bundle.anchorInitMs.toFixed(1)} ms`, ratio(a.initMs, results.bundle.anchorInitMs),
      ]),
      note: `The anchor is cdk-amazon-chime-resources' PSTN handler, one file. Ours ships ${kib(results.bundle.shippedBytes)} in all `
        + `(${ratio(results.bundle.shippedBytes, results.bundle.anchorBytes)} of the anchor): index.js and one file per API, of which an event loads one.`,
    },
    {
      title: `Synth of a stack of N orders (median of ${repeats.synth} fresh processes; ms per fresh App after the process's first synth)`,
      headers: ['Orders', 'Synth: ours', 'anchor', 'Template: ours', 'ours without outputs', 'anchor'],
      rows: [
        ...results.synth.map(r => [
          String(r.orders), `${r.ms.toFixed(0)} ms`, `${r.anchorMs.toFixed(0)} ms`,
          kib(r.templateBytes), kib(r.templateBytesWithoutOutputs), kib(r.anchorTemplateBytes),
        ]),
        ['1, first in process', `${results.firstSynth.ms.toFixed(0)} ms`, `${results.firstSynth.anchorMs.toFixed(0)} ms`, '', '', ''],
      ],
    },
  ];
}

export function goalLines(results: Results): string[] {
  return results.goals.map(g => `${g.met ? 'met   ' : 'MISSED'}  ${g.goal}: ${g.detail}`);
}

export function machineLine(results: Results): string {
  const m = results.machine;
  return `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}; load average ${m.loadAverage.start} at start, ${m.loadAverage.end} at end; `
    + `bench took ${results.durationSeconds.toFixed(0)} s`;
}
