import * as fs from 'fs';
import * as os from 'os';
import type { Machine } from './types';

/** Figures mean little without the machine they came from, and how busy it was. */
export function machine(loadAtStart: number): Machine {
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: { start: loadAtStart, end: loadNow() },
  };
}

export const loadNow = () => Number(os.loadavg()[0].toFixed(2));

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find(l => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}
