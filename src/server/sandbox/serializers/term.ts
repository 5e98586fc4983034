import type { RequestContext } from '../http/context.ts';
import type { TermRow } from '../lookup.ts';
import { cachedAccount, cachedAccountRights } from './account.ts';

// One grouped query for a whole page of terms instead of a count per term.
const courseCountsByRequest = new WeakMap<RequestContext, Map<number, number>>();

/** `EnrollmentTerm.course_counts`: non-deleted courses per term, for a page of terms at once. */
export function preloadTermCourseCounts(ctx: RequestContext, termIds: number[]): void {
  let counts = courseCountsByRequest.get(ctx);
  if (!counts) {
    counts = new Map();
    courseCountsByRequest.set(ctx, counts);
  }
  if (termIds.length === 0) return;
  const rows = ctx.db
    .prepare(
      `SELECT enrollment_term_id AS id, COUNT(*) AS total FROM courses
       WHERE enrollment_term_id IN (SELECT value FROM json_each(?)) AND workflow_state <> 'deleted'
       GROUP BY enrollment_term_id`,
    )
    .all(JSON.stringify(termIds)) as { id: number; total: number }[];
  for (const id of termIds) counts.set(id, 0);
  for (const row of rows) counts.set(row.id, row.total);
}

function termCourseCount(ctx: RequestContext, termId: number): number {
  if (!courseCountsByRequest.get(ctx)?.has(termId)) preloadTermCourseCounts(ctx, [termId]);
  return courseCountsByRequest.get(ctx)?.get(termId) ?? 0;
}

export interface TermJsonOptions {
  /** `overrides`, `course_count`. */
  includes?: string[];
}

/** `enrollment_term_json` (`lib/api/v1/enrollment_term.rb`). */
export function termJson(
  ctx: RequestContext,
  row: TermRow,
  options: TermJsonOptions = {},
): Record<string, unknown> {
  const includes = options.includes ?? [];
  const json: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    start_at: row.start_at,
    end_at: row.end_at,
    created_at: row.created_at,
    workflow_state: row.workflow_state,
    grading_period_group_id: row.grading_period_group_id,
  };
  const root = cachedAccount(ctx, row.root_account_id);
  const rootRights = root ? cachedAccountRights(ctx, root.path) : new Set<string>();
  if (rootRights.has('read_sis') || rootRights.has('manage_sis')) json.sis_term_id = row.sis_term_id;
  // Sandbox terms are never created by an SIS import, so the batch id Canvas would show is always null.
  if (rootRights.has('manage_sis')) json.sis_import_id = null;
  // The sandbox stores no per-enrollment-type date overrides, so Canvas's list of them is empty.
  if (includes.includes('overrides')) json.overrides = {};
  if (includes.includes('course_count')) json.course_count = termCourseCount(ctx, row.id);
  return json;
}
