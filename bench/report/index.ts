import type { Results } from '../types';
import { markdownTable, textTable } from './format';
import { goalLines, machineLine, tables } from './tables';

export function consoleReport(results: Results): string {
  return [...tables(results).map(textTable), ['Goals', ...goalLines(results)].join('\n'), machineLine(results)].join('\n\n');
}

/** For the README's Performance section. */
export function markdownReport(results: Results): string {
  return [
    ...tables(results).map(markdownTable),
    ['**Goals**', '', ...results.goals.map(g => `- ${g.met ? 'Met' : '**Missed**'}: ${g.goal}: ${g.detail}`)].join('\n'),
    `Measured by \`npm run bench\` on ${machineLine(results)}.`,
  ].join('\n\n') + '\n';
}
