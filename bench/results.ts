import type { PartName } from './options.ts';
import type { Summary } from './stats.ts';

/** One line of the table and of results.json. */
export interface Figure {
  part: PartName;
  name: string;
  unit: string;
  /** A timed figure over several runs, or a single measurement (bundle sizes, counts). */
  value: Summary | number;
  higherIsBetter: boolean;
  /** The named baseline measured in the same run, with `ratio` = product median / baseline median. */
  baseline?: { name: string; value: Summary | number; ratio: number };
  note?: string;
}

export interface SkippedPart {
  part: PartName;
  reason: string;
}

export interface PartResult {
  figures: Figure[];
  skipped?: string;
}

export function medianOf(value: Summary | number): number {
  return typeof value === 'number' ? value : value.median;
}

export function withBaseline(
  figure: Omit<Figure, 'baseline'>,
  name: string,
  baselineValue: Summary | number,
): Figure {
  return {
    ...figure,
    baseline: { name, value: baselineValue, ratio: medianOf(figure.value) / medianOf(baselineValue) },
  };
}

function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatValue(value: Summary | number): { median: string; range: string } {
  if (typeof value === 'number') return { median: formatNumber(value), range: '' };
  if (value.runs === 1) return { median: formatNumber(value.median), range: '(1 run)' };
  return {
    median: formatNumber(value.median),
    range: `${formatNumber(value.min)}–${formatNumber(value.max)}`,
  };
}

/** A plain-text table: one row per figure, then the parts that were skipped and why. */
export function formatTable(figures: readonly Figure[], skipped: readonly SkippedPart[]): string {
  const header = ['part', 'figure', 'median', 'min–max', 'unit', 'baseline', 'base median', 'ratio'];
  const rows = figures.map((figure) => {
    const { median, range } = formatValue(figure.value);
    const baseline = figure.baseline;
    return [
      figure.part,
      figure.name,
      median,
      range,
      figure.unit,
      baseline?.name ?? '',
      baseline ? formatValue(baseline.value).median : '',
      baseline ? `×${formatNumber(baseline.ratio)}` : '',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = new Set([2, 3, 6, 7]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
  for (const part of skipped) lines.push(`${part.part}: skipped: ${part.reason}`);
  const notes = figures.filter((figure) => figure.note);
  if (notes.length > 0) lines.push('', 'notes:');
  for (const figure of notes) lines.push(`  ${figure.part} / ${figure.name}: ${figure.note}`);
  return lines.join('\n');
}
