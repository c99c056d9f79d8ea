import type { Table } from './tables';

/** Columns padded to their widest cell, for the terminal. */
export function textTable(table: Table): string {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, i) => Math.max(...all.map(r => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [table.title, line(table.headers), widths.map(w => '-'.repeat(w)).join('  '), ...table.rows.map(line), ...(table.note ? [table.note] : [])].join('\n');
}

export function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = table.headers.map((_, i) => (i === 0 ? '---' : '---:'));
  return [`**${table.title}**`, '', line(table.headers), line(align), ...table.rows.map(line), ...(table.note ? ['', table.note] : [])].join('\n');
}
