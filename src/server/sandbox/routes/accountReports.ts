import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';
import type { RequestContext, Route, RouteResult } from '../http/context.ts';
import { ApiError, errors } from '../http/errors.ts';
import { pageWithTotal } from '../http/pagination.ts';
import { arrayParam, hashParam, isBlank, type ParamHash, stringParam, toBoolean } from '../http/params.ts';
import { ABORTED_TEXT, reportRunnerOf } from '../jobs/reportRunner.ts';
import { type AccountRow, findAccount, findTerm, pathAccount } from '../lookup.ts';
import { accountRights, authorizeAccount } from '../permissions.ts';
import { rootAccountOf } from '../serializers/account.ts';
import {
  type AccountReportRow,
  accountReportJson,
  loadReportRelations,
} from '../serializers/accountReport.ts';
import { type AttachmentRow, attachmentDownloadUrl } from '../serializers/attachment.ts';
import { callerTimeZone } from '../serializers/user.ts';

/** `recent_account_report_window_hours`: how far back an identical in-flight run still counts. */
const RECENT_RUN_WINDOW_MS = 12 * 60 * 60 * 1000;
const IN_FLIGHT_STATES = `('created', 'running', 'compiling')`;
/** Keys the server adds to a run's parameters; a new request never carries them. */
const SERVER_PARAMETER_KEYS = new Set(['locale', 'extra_text']);

/** The path account, active, and the caller holding `read_reports` on it (401/403 otherwise). */
function reportsAccount(ctx: RequestContext): AccountRow {
  const account = pathAccount(ctx);
  authorizeAccount(ctx, account, 'read_reports');
  return account;
}

function renderRuns(
  ctx: RequestContext,
  account: AccountRow,
  rows: AccountReportRow[],
): Record<string, unknown>[] {
  const relations = loadReportRelations(ctx.db, rows);
  const timeZone = callerTimeZone(ctx, rootAccountOf(ctx, account));
  const now = Date.now();
  return rows.map((row) => accountReportJson(ctx, row, relations, timeZone, now));
}

function renderRun(ctx: RequestContext, account: AccountRow, row: AccountReportRow): Record<string, unknown> {
  const [json] = renderRuns(ctx, account, [row]);
  if (!json) throw new Error('A rendered run went missing');
  return json;
}

function readRun(db: Db, id: number): AccountReportRow {
  return db.prepare('SELECT * FROM account_reports WHERE id = ?').get(id) as AccountReportRow;
}

/** `:id` of the path: a non-deleted run of that type on that account, in one of `states` if given. */
function pathRun(ctx: RequestContext, account: AccountRow, states?: string): AccountReportRow {
  const reference = ctx.pathParams.id ?? '';
  const id = /^(?:\d+~)?(\d+)$/.exec(reference)?.[1];
  const row =
    id === undefined
      ? undefined
      : (ctx.db
          .prepare(
            `SELECT * FROM account_reports WHERE id = ? AND account_id = ? AND report_type = ?
               AND workflow_state ${states ? `IN ${states}` : `<> 'deleted'`}`,
          )
          .get(Number(id), account.id, ctx.pathParams.report ?? '') as AccountReportRow | undefined);
  if (!row) throw errors.notFound();
  return row;
}

// ---------------------------------------------------------------------------------------------
// GET /api/v1/accounts/:account_id/reports

function availableReports(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  const includes = arrayParam(ctx.params.include) ?? [];
  const definitions = [...reportRunnerOf(ctx.db).catalogue.definitions].sort((a, b) =>
    a.title < b.title ? -1 : a.title > b.title ? 1 : 0,
  );
  const lastRunOf = ctx.db.prepare(
    `SELECT * FROM account_reports WHERE account_id = ? AND report_type = ? AND workflow_state <> 'deleted'
     ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  const body = definitions.map((definition) => {
    const lastRun = lastRunOf.get(account.id, definition.report) as AccountReportRow | undefined;
    const entry: Record<string, unknown> = {
      title: definition.title,
      parameters: definition.parameters,
      report: definition.report,
      last_run: lastRun ? renderRun(ctx, account, lastRun) : null,
    };
    if (includes.includes('description_html')) entry.description_html = definition.descriptionHtml;
    return entry;
  });
  // Canvas returns the whole list, without pagination.
  return { body };
}

// ---------------------------------------------------------------------------------------------
// POST /api/v1/accounts/:account_id/reports/:report

/**
 * `enrollment_term_id` (or `enrollment_term`) must be `active_terms` or a comma-separated list of
 * term ids of which at least one exists in the root account.
 */
function checkTermParameter(db: Db, rootId: number, parameters: ParamHash): void {
  const given = isBlank(parameters.enrollment_term_id)
    ? parameters.enrollment_term
    : parameters.enrollment_term_id;
  if (isBlank(given)) return;
  const text = stringParam(given) ?? JSON.stringify(given);
  if (text === 'active_terms') return;
  const exists = text.split(',').some((reference) => {
    try {
      findTerm(db, rootId, reference.trim());
      return true;
    } catch (error) {
      if (error instanceof ApiError) return false;
      throw error;
    }
  });
  if (!exists) throw new ApiError(400, { error: `invalid enrollment_term_id '${text}'` });
}

/** JSON with sorted keys, so two hashes compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function submittedParameters(stored: string): string {
  const parameters = JSON.parse(stored) as Record<string, unknown>;
  for (const key of SERVER_PARAMETER_KEYS) delete parameters[key];
  return canonical(parameters);
}

/**
 * `AccountReport.recent_for`: an in-flight run of the type on this account, created within the
 * window, with identical parameters (any, when the request sent none). The job's own keys
 * (`locale`) are ignored, so a `running` run still matches: the sandbox keeps answering 409 while
 * an identical report is being written, as the reference allows.
 */
function identicalRunInFlight(
  db: Db,
  account: AccountRow,
  report: string,
  parameters: ParamHash | undefined,
): AccountReportRow | undefined {
  const since = new Date(Date.now() - RECENT_RUN_WINDOW_MS).toISOString();
  const candidates = db
    .prepare(
      `SELECT * FROM account_reports WHERE account_id = ? AND report_type = ? AND workflow_state IN ${IN_FLIGHT_STATES}
         AND created_at >= ? ORDER BY created_at DESC, id DESC`,
    )
    .all(account.id, report, since) as AccountReportRow[];
  if (parameters === undefined) return candidates[0];
  const wanted = canonical(parameters);
  return candidates.find((row) => submittedParameters(row.parameters) === wanted);
}

function startReport(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  const report = ctx.pathParams.report ?? '';
  const runner = reportRunnerOf(ctx.db);
  if (!runner.catalogue.find(report)) throw errors.notFound();
  const parameters = hashParam(ctx.params.parameters);
  checkTermParameter(ctx.db, account.root_account_id ?? account.id, parameters ?? {});

  const existing = identicalRunInFlight(ctx.db, account, report, parameters);
  if (existing) {
    throw new ApiError(409, renderRun(ctx, account, existing), {
      Location: `${ctx.baseUrl}/api/v1/accounts/${account.id}/reports/${report}/${existing.id}`,
    });
  }
  const user = ctx.requireUser();
  const now = new Date().toISOString();
  const created = ctx.db
    .prepare(
      `INSERT INTO account_reports (account_id, user_id, report_type, workflow_state, progress, parameters,
         created_at, updated_at)
       VALUES (?, ?, ?, 'created', 0, ?, ?, ?)`,
    )
    .run(account.id, user.id, report, JSON.stringify(parameters ?? {}), now, now);
  runner.schedule();
  return { body: renderRun(ctx, account, readRun(ctx.db, Number(created.lastInsertRowid))) };
}

// ---------------------------------------------------------------------------------------------
// GET /api/v1/accounts/:account_id/reports/:report (history), /:id (status)

function reportHistory(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  const report = ctx.pathParams.report ?? '';
  const page = pageWithTotal(
    ctx,
    () =>
      (
        ctx.db
          .prepare(
            `SELECT count(*) AS total FROM account_reports
             WHERE account_id = ? AND report_type = ? AND workflow_state <> 'deleted'`,
          )
          .get(account.id, report) as { total: number }
      ).total,
    (limit, offset) =>
      ctx.db
        .prepare(
          `SELECT * FROM account_reports WHERE account_id = ? AND report_type = ? AND workflow_state <> 'deleted'
           ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
        )
        .all(account.id, report, limit, offset) as AccountReportRow[],
  );
  return { body: renderRuns(ctx, account, page.items), headers: page.headers };
}

function showReport(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  return { body: renderRun(ctx, account, pathRun(ctx, account)) };
}

// ---------------------------------------------------------------------------------------------
// DELETE /api/v1/accounts/:account_id/reports/:report/:id, PUT .../:id/abort

/** Soft delete; a running job notices at its next batch, stops and removes its partial file. */
function deleteReport(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  const run = pathRun(ctx, account);
  ctx.db
    .prepare(`UPDATE account_reports SET workflow_state = 'deleted', updated_at = ? WHERE id = ?`)
    .run(new Date().toISOString(), run.id);
  reportRunnerOf(ctx.db).schedule();
  return { body: renderRun(ctx, account, readRun(ctx.db, run.id)) };
}

/**
 * Aborts a run that has not finished. A job in progress finishes the abort itself at its next
 * batch (progress 100, `extra_text`). A run still `created` has no job (a job claims its run
 * synchronously as it starts), so nobody else would finalize it: that happens here.
 */
function abortReport(ctx: RequestContext): RouteResult {
  const account = reportsAccount(ctx);
  const run = pathRun(ctx, account, IN_FLIGHT_STATES);
  const now = new Date().toISOString();
  const runner = reportRunnerOf(ctx.db);
  if (run.workflow_state === 'created') {
    ctx.db
      .prepare(
        `UPDATE account_reports SET workflow_state = 'aborted', progress = 100, ended_at = ?, updated_at = ?,
           parameters = json_set(parameters, '$.extra_text', ?)
         WHERE id = ?`,
      )
      .run(now, now, ABORTED_TEXT, run.id);
  } else {
    ctx.db
      .prepare(`UPDATE account_reports SET workflow_state = 'aborted', updated_at = ? WHERE id = ?`)
      .run(now, run.id);
  }
  runner.schedule();
  return { body: renderRun(ctx, account, readRun(ctx.db, run.id)) };
}

// ---------------------------------------------------------------------------------------------
// File downloads (outside /api, as on Canvas)

/**
 * Who may download a report file: anyone presenting its `verifier` (the attachment's uuid, which
 * Canvas puts in the file's `url`), the user who ran the report, or anyone with `read_reports` on
 * the file's account.
 */
function authorizeDownload(ctx: RequestContext, attachment: AttachmentRow): void {
  if (stringParam(ctx.params.verifier) === attachment.uuid) return;
  const user = ctx.requireUser();
  if (attachment.user_id === user.id) return;
  const account = findAccount(ctx.db, String(attachment.account_id), { includeDeleted: true });
  if (!accountRights(ctx.db, user.id, account.path).has('read_reports')) throw errors.unauthorized();
}

function attachmentById(db: Db, reference: string | undefined, accountId?: number): AttachmentRow {
  const id = /^\d+$/.test(reference ?? '') ? Number(reference) : undefined;
  const row =
    id === undefined
      ? undefined
      : (db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined);
  if (!row || (accountId !== undefined && row.account_id !== accountId)) throw errors.notFound();
  return row;
}

/** `GET /accounts/:account_id/files/:id/download` (a run's `file_url`): redirects to the file's `url`. */
function accountFileDownload(ctx: RequestContext): RouteResult {
  const account = pathAccount(ctx);
  const attachment = attachmentById(ctx.db, ctx.pathParams.id, account.id);
  authorizeDownload(ctx, attachment);
  return {
    status: 302,
    body: undefined,
    headers: { Location: attachmentDownloadUrl(ctx.baseUrl, attachment) },
  };
}

/**
 * `GET /files/:id/download`: the bytes. As in Canvas's `send_attachment`, `download_frd` forces a
 * download; without it a text file may be shown inline, anything else is still an attachment.
 */
function fileDownload(ctx: RequestContext): RouteResult {
  const attachment = attachmentById(ctx.db, ctx.pathParams.id);
  authorizeDownload(ctx, attachment);
  const path = join(reportRunnerOf(ctx.db).filesDirectory, attachment.storage_path);
  if (!existsSync(path)) throw errors.notFound();
  const forceDownload = toBoolean(ctx.params.download_frd);
  const inline = !forceDownload && attachment.content_type.startsWith('text/');
  return {
    body: undefined,
    file: {
      path,
      contentType: attachment.content_type,
      filename: attachment.filename,
      size: attachment.size,
      disposition: inline ? 'inline' : 'attachment',
    },
  };
}

export const accountReportRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/accounts/:account_id/reports', handler: availableReports },
  { method: 'POST', path: '/api/v1/accounts/:account_id/reports/:report', handler: startReport },
  { method: 'GET', path: '/api/v1/accounts/:account_id/reports/:report', handler: reportHistory },
  { method: 'GET', path: '/api/v1/accounts/:account_id/reports/:report/:id', handler: showReport },
  { method: 'DELETE', path: '/api/v1/accounts/:account_id/reports/:report/:id', handler: deleteReport },
  { method: 'PUT', path: '/api/v1/accounts/:account_id/reports/:report/:id/abort', handler: abortReport },
  { method: 'GET', path: '/accounts/:account_id/files/:id/download', handler: accountFileDownload },
  { method: 'GET', path: '/files/:id/download', handler: fileDownload },
];
