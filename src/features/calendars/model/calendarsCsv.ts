import { CsvSyntaxError, neutralizeFormula, parseCsv, toCsv } from '../../../lib/csv.ts';
import type { CalendarIndex, CalendarRow, CalendarState } from './calendarIndex.ts';
import { effectiveState, type PendingEdits } from './pendingEdits.ts';

export const CALENDAR_CSV_COLUMNS = [
  'id',
  'sis_account_id',
  'name',
  'parent',
  'visible',
  'auto_subscribe',
] as const;

/**
 * The shown rows as CSV, with the values as shown (pending edits included), so that exporting,
 * editing in a spreadsheet and importing again round-trips. `parent` is the parent account's id.
 */
export function calendarsToCsv(
  index: CalendarIndex,
  positions: readonly number[],
  pending: PendingEdits,
): string {
  const lines: (string | number | boolean | null)[][] = [[...CALENDAR_CSV_COLUMNS]];
  for (const position of positions) {
    const row = index.rows[position];
    if (!row) continue;
    const state = effectiveState(row.saved, pending.get(row.id));
    lines.push([
      row.id,
      row.sisId ? neutralizeFormula(row.sisId) : '',
      neutralizeFormula(row.name),
      row.parentId,
      state.visible,
      state.auto_subscribe,
    ]);
  }
  return toCsv(lines);
}

export interface CsvImportProblem {
  /** 1-based line in the file. */
  line: number;
  /** The id as written, when the row had one. */
  id?: string;
  message: string;
}

export interface CsvImportTarget {
  row: CalendarRow;
  target: CalendarState;
}

export interface CsvImportResult {
  /** Data rows read (the header excluded). */
  rowCount: number;
  /** Rows that would change what the editor shows now. */
  changes: CsvImportTarget[];
  /** Valid rows that match what is shown already. */
  unchangedCount: number;
  /** Rows that are not applied, with why. Nothing applies until the admin confirms anyway. */
  problems: CsvImportProblem[];
  /** A problem with the file as a whole (no header, no id column): nothing can be applied. */
  fileError?: string;
}

const TRUE_VALUES = new Set(['true', 'yes', '1']);
const FALSE_VALUES = new Set(['false', 'no', '0']);

type ParsedFlag = { ok: true; value: boolean | undefined } | { ok: false };

/** true/false as exported; yes/no and 1/0 as spreadsheets rewrite them; blank leaves the value as is. */
function parseFlag(raw: string | undefined): ParsedFlag {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return { ok: true, value: undefined };
  if (TRUE_VALUES.has(text)) return { ok: true, value: true };
  if (FALSE_VALUES.has(text)) return { ok: true, value: false };
  return { ok: false };
}

function emptyResult(fileError: string): CsvImportResult {
  return { rowCount: 0, changes: [], unchangedCount: 0, problems: [], fileError };
}

/**
 * Reads a CSV in the export's format. Only `id`, `visible` and `auto_subscribe` are used; the other
 * columns are context for the person editing the file. Unknown ids, repeated ids (every row of such
 * an id is left out, since which one was meant is unclear) and values other than true/false are
 * listed as problems, and so is turning auto-subscribe on for a calendar that stays hidden.
 */
export function parseCalendarsCsv(
  text: string,
  index: CalendarIndex,
  pending: PendingEdits,
): CsvImportResult {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return emptyResult(`The file is not valid CSV: ${error.message}.`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return emptyResult('The file is empty.');
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const idColumn = columns.indexOf('id');
  const visibleColumn = columns.indexOf('visible');
  const autoColumn = columns.indexOf('auto_subscribe');
  if (idColumn < 0) return emptyResult('The first line must name the columns, including “id”.');
  if (visibleColumn < 0 && autoColumn < 0) {
    return emptyResult('The file needs a “visible” or an “auto_subscribe” column.');
  }

  const problems: CsvImportProblem[] = [];
  const linesById = new Map<number, number[]>();
  const candidates: { line: number; id: string; row: CalendarRow; target: CalendarState }[] = [];

  for (const record of data) {
    const rawId = (record.fields[idColumn] ?? '').trim();
    const { line } = record;
    if (!/^\d+$/.test(rawId)) {
      problems.push({
        line,
        id: rawId || undefined,
        message: rawId ? 'The id is not a number.' : 'The id is missing.',
      });
      continue;
    }
    const id = Number(rawId);
    const seenOn = linesById.get(id);
    if (seenOn) {
      seenOn.push(line);
      continue;
    }
    linesById.set(id, [line]);
    const position = index.positionById.get(id);
    const row = position === undefined ? undefined : index.rows[position];
    if (!row) {
      problems.push({ line, id: rawId, message: 'No account with this id in the list.' });
      continue;
    }
    const visible =
      visibleColumn < 0 ? { ok: true as const, value: undefined } : parseFlag(record.fields[visibleColumn]);
    const auto =
      autoColumn < 0 ? { ok: true as const, value: undefined } : parseFlag(record.fields[autoColumn]);
    if (!visible.ok || !auto.ok) {
      const bad = [
        visible.ok ? null : `visible is “${record.fields[visibleColumn] ?? ''}”`,
        auto.ok ? null : `auto_subscribe is “${record.fields[autoColumn] ?? ''}”`,
      ].filter(Boolean);
      problems.push({ line, id: rawId, message: `${bad.join(' and ')}; expected true or false.` });
      continue;
    }
    const current = effectiveState(row.saved, pending.get(row.id));
    const target: CalendarState = {
      visible: visible.value ?? current.visible,
      auto_subscribe: auto.value ?? current.auto_subscribe,
    };
    if (!target.visible && target.auto_subscribe && !row.saved.auto_subscribe) {
      problems.push({
        line,
        id: rawId,
        message: 'Auto-subscribe can only be turned on for a visible calendar.',
      });
      continue;
    }
    candidates.push({ line, id: rawId, row, target });
  }

  const duplicated = new Set<number>();
  for (const [id, lines] of linesById) {
    if (lines.length < 2) continue;
    duplicated.add(id);
    const [first, ...repeats] = lines;
    for (const line of repeats) {
      problems.push({
        line,
        id: String(id),
        message: `Account ${id} is also on line ${first}; none of its rows are applied.`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);

  const changes: CsvImportTarget[] = [];
  let unchangedCount = 0;
  for (const candidate of candidates) {
    if (duplicated.has(candidate.row.id)) continue;
    const current = effectiveState(candidate.row.saved, pending.get(candidate.row.id));
    // A hidden calendar's subscription is not edited (as on Canvas), so it does not count as a change.
    const sameVisible = candidate.target.visible === current.visible;
    const sameAuto = !candidate.target.visible || candidate.target.auto_subscribe === current.auto_subscribe;
    if (sameVisible && sameAuto) unchangedCount++;
    else changes.push({ row: candidate.row, target: candidate.target });
  }
  return { rowCount: data.length, changes, unchangedCount, problems };
}

export interface ImportSummary {
  becomeVisible: number;
  becomeHidden: number;
  autoOn: number;
  autoOff: number;
}

/** What applying an import would do to the shown state, counted per kind. */
export function summarizeImport(result: CsvImportResult, pending: PendingEdits): ImportSummary {
  const summary: ImportSummary = { becomeVisible: 0, becomeHidden: 0, autoOn: 0, autoOff: 0 };
  for (const { row, target } of result.changes) {
    const current = effectiveState(row.saved, pending.get(row.id));
    if (target.visible && !current.visible) summary.becomeVisible++;
    if (!target.visible && current.visible) summary.becomeHidden++;
    if (target.visible && target.auto_subscribe !== current.auto_subscribe) {
      if (target.auto_subscribe) summary.autoOn++;
      else summary.autoOff++;
    }
  }
  return summary;
}
