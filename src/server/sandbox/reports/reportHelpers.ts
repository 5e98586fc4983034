import { ApiError } from '../http/errors.ts';
import { type ParamValue, toBoolean } from '../http/params.ts';
import { findCourse, findTerm, subtreeRange } from '../lookup.ts';
import { parseCanvasDateTime } from '../time.ts';
import {
  type CsvCell,
  type ReportDefinition,
  ReportFailure,
  type ReportFile,
  type ReportRunContext,
} from './types.ts';

// What Canvas's AccountReports::ReportHelper does for every report (parameter reading, term and
// sub-account scopes, time formatting), over the sandbox schema.

const DEFAULT_BATCH_ROWS = 1000;

/** Rows per batch: `SANDBOX_REPORT_BATCH_ROWS` (the runner's pacing knob), default 1000. */
export function reportBatchRows(): number {
  const configured = Number.parseInt(process.env.SANDBOX_REPORT_BATCH_ROWS ?? '', 10);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_BATCH_ROWS;
}

function parameter(run: ReportRunContext, name: string): ParamValue | undefined {
  return run.parameters[name] as ParamValue | undefined;
}

/** Canvas's `value_for_param`: the value when present and not blank. */
function presentParameter(run: ReportRunContext, name: string): ParamValue | undefined {
  const value = parameter(run, name);
  if (value === undefined || value === null || value === false) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/** A flag read with Canvas's `value_to_boolean` ("true", "1", true, "on"...). */
export function flagParameter(run: ReportRunContext, name: string): boolean {
  return toBoolean(parameter(run, name));
}

/** Canvas's `Api.value_to_array`: an array as is, a string split on commas. */
export function listParameter(run: ReportRunContext, name: string): string[] | undefined {
  const value = presentParameter(run, name);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => String(item));
  return String(value).split(',');
}

/**
 * The terms a report is limited to (`enrollment_term_id`, or `enrollment_term`), or null for all
 * terms. Canvas's create endpoint accepts `active_terms` and comma-separated lists of any id form;
 * a list means any of those terms. `active_terms` is read as Canvas's `EnrollmentTerm.active`
 * scope, every term that is not deleted (unconfirmed: the report helper's handling of it is not in
 * the Canvas source we have). A term that does not exist fails the run, as Canvas's `api_find` does.
 */
export function termScope(run: ReportRunContext): number[] | null {
  const value = presentParameter(run, 'enrollment_term_id') ?? presentParameter(run, 'enrollment_term');
  if (value === undefined) return null;
  const text = String(value).trim();
  if (text === 'active_terms') {
    return run.db
      .prepare(
        `SELECT id FROM enrollment_terms WHERE root_account_id = ? AND workflow_state <> 'deleted' ORDER BY id`,
      )
      .pluck()
      .all(run.rootAccountId) as number[];
  }
  const ids = new Set<number>();
  for (const reference of text.split(',')) {
    try {
      ids.add(findTerm(run.db, run.rootAccountId, reference.trim(), run.startedAt).id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  if (ids.size === 0) throw new ReportFailure(`The term "${text}" was not found in this account.`);
  return [...ids];
}

/**
 * The start of Canvas's `extra_text` for reports that take a term and `include_deleted`
 * (`extra_text_term`, then `Include Deleted Objects: true;`). `active_terms` has no name of its own
 * in Canvas's helper; the sandbox writes "Active Terms".
 */
export function defaultSettingsSummary(run: ReportRunContext, definition: ReportDefinition): string {
  const parts: string[] = [];
  if (definition.parameters && 'enrollment_term_id' in definition.parameters) {
    const requested = presentParameter(run, 'enrollment_term_id') ?? presentParameter(run, 'enrollment_term');
    let names = 'All Terms';
    if (requested !== undefined && String(requested).trim() === 'active_terms') names = 'Active Terms';
    else if (requested !== undefined) {
      const ids = termScope(run) ?? [];
      const placeholders = ids.map(() => '?').join(', ');
      names = (
        run.db
          .prepare(`SELECT name FROM enrollment_terms WHERE id IN (${placeholders}) ORDER BY id`)
          .pluck()
          .all(...ids) as string[]
      ).join(', ');
    }
    parts.push(`Term: ${names};`);
  }
  if (
    definition.parameters &&
    'include_deleted' in definition.parameters &&
    flagParameter(run, 'include_deleted')
  )
    parts.push('Include Deleted Objects: true;');
  return parts.join(' ');
}

/** The course a report is limited to (`course_id` or `course`, any id form), or null. */
export function courseScope(run: ReportRunContext): number | null {
  const value = presentParameter(run, 'course_id') ?? presentParameter(run, 'course');
  if (value === undefined) return null;
  const reference = String(value).trim();
  try {
    const course = findCourse(run.db, reference);
    if (course.root_account_id === run.rootAccountId) return course.id;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  throw new ReportFailure(`The course "${reference}" was not found in this account.`);
}

/**
 * A date parameter read in the root account's time zone, as Canvas's `account_time_parse` does.
 * Canvas quietly ignores text it cannot parse; the sandbox fails the run instead, so that a
 * report never silently answers a different question than the one asked.
 */
export function dateParameter(run: ReportRunContext, name: string): Date | null {
  const value = presentParameter(run, name);
  if (value === undefined) return null;
  const parsed = parseCanvasDateTime(String(value), rootTimeZone(run));
  if (!parsed) throw new ReportFailure(`The ${name} parameter "${String(value)}" is not a date or time.`);
  return parsed;
}

export function rootTimeZone(run: ReportRunContext): string {
  const zone = run.db
    .prepare('SELECT default_time_zone FROM accounts WHERE id = ?')
    .pluck()
    .get(run.rootAccountId) as string | null | undefined;
  return zone ?? 'UTC';
}

export function isRootRun(run: ReportRunContext): boolean {
  return run.account.id === run.rootAccountId;
}

/** Canvas's `time.iso8601` after `in_time_zone(root zone)`: `2026-01-12T00:00:00-07:00`. */
export function zonedTimestampFormatter(zone: string): (utc: string | null | undefined) => string | null {
  const utcZone = zone === 'UTC' || zone === 'Etc/UTC';
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offsetMs = (atMs: number): number => {
    const name = format.formatToParts(new Date(atMs)).find((part) => part.type === 'timeZoneName')?.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return (match[1] === '-' ? -minutes : minutes) * 60_000;
  };
  return (utc) => {
    if (!utc) return null;
    const atMs = Date.parse(utc);
    if (Number.isNaN(atMs)) return null;
    const offset = utcZone ? 0 : offsetMs(atMs);
    const local = new Date(atMs + offset).toISOString().slice(0, 19);
    if (utcZone) return `${local}Z`;
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) / 60_000;
    return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
}

/** Named SQL parameters of a report query. */
export type QueryParams = Record<string, string | number | null>;

/**
 * Accounts of the run's subtree (the account itself included) as SQL over `accounts`, for
 * Canvas's course_account_associations: a course belongs to every account above its own.
 */
export function subtreeAccountIds(run: ReportRunContext, params: QueryParams): string {
  const [lo, hi] = subtreeRange(run.account.path);
  params.subtree_lo = lo;
  params.subtree_hi = hi;
  return 'SELECT id FROM accounts WHERE path >= @subtree_lo AND path < @subtree_hi';
}

/**
 * Canvas's user_account_associations for a sub-account: the sandbox associates a user with every
 * account above a course they are enrolled in (any state but deleted) and above an account they
 * administer, which is how Canvas builds those rows. The set is read once when the report is
 * planned (at most one id per user) and handed to every page, which would otherwise rebuild it.
 */
export function userInSubtree(run: ReportRunContext, params: QueryParams, userIdColumn: string): string {
  const accountParams: QueryParams = {};
  const accounts = subtreeAccountIds(run, accountParams);
  const userIds = run.db
    .prepare(
      `SELECT ue.user_id FROM enrollments ue
       WHERE ue.workflow_state <> 'deleted'
         AND ue.course_id IN (SELECT uc.id FROM courses uc WHERE uc.account_id IN (${accounts}))
       UNION
       SELECT au.user_id FROM account_users au WHERE au.workflow_state <> 'deleted' AND au.account_id IN (${accounts})`,
    )
    .pluck()
    .all(accountParams) as number[];
  params.subtree_users = JSON.stringify(userIds);
  return `${userIdColumn} IN (SELECT value FROM json_each(@subtree_users))`;
}

/** `column IN (the terms)`, or null when the run covers every term. */
export function termCondition(terms: number[] | null, params: QueryParams, column: string): string | null {
  if (terms === null) return null;
  params.term_ids = JSON.stringify(terms);
  return `${column} IN (SELECT value FROM json_each(@term_ids))`;
}

/** A query a report file pages through by one increasing integer key. */
export interface KeysetQuery<Row> {
  /** Result columns (without the key). */
  select: string;
  /** FROM and JOIN clauses; joins on keys only, every filter goes in `where`. */
  from: string;
  /** Conditions, ANDed; nulls are skipped. */
  where: (string | null)[];
  /** The unique, increasing key the file is ordered by, e.g. `e.id`. */
  key: string;
  params: QueryParams;
  toCells(row: Row): CsvCell[];
}

/**
 * A report file over a keyset query: the count and every page are complete statements, so the
 * runner may pause between batches without holding a statement (or all rows) open.
 *
 * A page reads the next rows by key and tests the conditions in its result columns rather than in
 * WHERE: with a condition on a joined table in WHERE, SQLite builds a Bloom filter over that whole
 * table on every execution (for 1,000 enrollments it scanned 100,000 courses each time). A page may
 * therefore hold fewer rows than the batch size; empty pages are not yielded.
 */
export function keysetFile<Row>(
  run: ReportRunContext,
  name: string,
  header: string[],
  query: KeysetQuery<Row>,
): ReportFile {
  const conditions = query.where.filter((condition): condition is string => condition !== null);
  const all = conditions.map((condition) => `(${condition})`).join(' AND ');
  const rowCount = run.db
    .prepare(`SELECT count(*) FROM ${query.from} ${all ? `WHERE ${all}` : ''}`)
    .pluck()
    .get(query.params) as number;
  const pageSql = `SELECT ${query.select}, ${query.key} AS keyset_key,
      ${all ? `CASE WHEN ${all} THEN 1 ELSE 0 END` : '1'} AS keyset_keep
    FROM ${query.from} WHERE ${query.key} > @keyset_after ORDER BY ${query.key} LIMIT @keyset_limit`;
  return {
    name,
    header,
    rowCount,
    *batches() {
      const page = run.db.prepare(pageSql);
      const limit = reportBatchRows();
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = page.all({ ...query.params, keyset_after: after, keyset_limit: limit }) as (Row & {
          keyset_key: number;
          keyset_keep: number;
        })[];
        const kept = rows.filter((row) => row.keyset_keep === 1).map((row) => query.toCells(row));
        if (kept.length > 0) yield kept;
        if (rows.length < limit) return;
        after = rows[rows.length - 1]?.keyset_key ?? after;
      }
    },
  };
}

/** A file whose rows the report computes up front (small, bounded tables only). */
export function fixedFile(name: string, header: string[], rows: CsvCell[][]): ReportFile {
  return {
    name,
    header,
    rowCount: rows.length,
    *batches() {
      if (rows.length > 0) yield rows;
    },
  };
}
