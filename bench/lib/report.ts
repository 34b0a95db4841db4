// What each item hands back to run.ts, which writes bench/README.md from it.
export interface Bar { what: string; value: string; bar: string; met: boolean | null }

export interface Section {
  title: string;
  /** Markdown table: header then rows. */
  header: string[];
  rows: string[][];
  bars: Bar[];
  notes: string[];
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const yesNo = (met: boolean | null): string => (met === null ? 'for information' : met ? '**met**' : '**NOT met**');

export function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
