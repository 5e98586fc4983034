import type { CsvCell } from '../reports/types.ts';

/** Ruby's CSV quotes a field only when it holds the separator, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  // Ruby's CSV writes an empty string as `""` (quote_empty) and nil as nothing, so the two stay
  // distinguishable in Canvas's reports.
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/**
 * One CSV record as Canvas's report writer (Ruby's CSV) produces it: RFC 4180 quoting, rows
 * ended by a bare LF (Ruby's default row separator), no byte-order mark.
 */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\n`;
}
