import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountReport, ReportType } from '../../src/api/schemas/accountReport.ts';
import type { Db } from '../../src/server/sandbox/db/connection.ts';
import {
  RESTARTED_TEXT,
  type ReportRunnerSettings,
  reportRunnerOf,
} from '../../src/server/sandbox/jobs/reportRunner.ts';
import { REPORT_DEFINITIONS } from '../../src/server/sandbox/reports/catalogue.ts';
import { isOfferedScope } from '../../src/server/sandbox/scopes.ts';
import { isoInZone } from '../../src/server/sandbox/serializers/user.ts';
import { hashToken } from '../../src/server/sandbox/tokens.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';
import {
  BUSY_PLAN_MS,
  noteFor,
  SLOW_ROWS,
  subAccountsOf,
  TEST_REPORT_CATALOGUE,
  TEST_REPORTS,
} from './account-reports-definitions.ts';
import {
  type Caller,
  mintToken,
  NOT_FOUND_BODY,
  readMetaId,
  UNAUTHENTICATED_BODY,
  UNAUTHORIZED_BODY,
} from './accounts-helpers.ts';

function testRunnerSettings(overrides: Partial<ReportRunnerSettings> = {}): Partial<ReportRunnerSettings> {
  return {
    catalogue: TEST_REPORT_CATALOGUE,
    startDelayMs: 30,
    paceMs: 0,
    batchRows: 5,
    maxConcurrentJobs: 2,
    ...overrides,
  };
}

interface Sent {
  status: number;
  body: unknown;
  response: Response;
}

async function send(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  caller: Caller = 'admin',
  body?: unknown,
): Promise<Sent> {
  const headers = new Headers();
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (caller !== null && typeof caller === 'object') headers.set('Authorization', `Bearer ${caller.token}`);
  const response = await sandbox.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    as: caller !== null && typeof caller === 'object' ? null : caller,
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, response };
}

async function startRun(
  sandbox: RunningSandbox,
  accountId: number,
  report: string,
  parameters?: Record<string, unknown>,
  caller: Caller = 'admin',
): Promise<AccountReport> {
  const sent = await send(
    sandbox,
    'POST',
    `/api/v1/accounts/${accountId}/reports/${report}`,
    caller,
    parameters === undefined ? {} : { parameters },
  );
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return AccountReport.parse(sent.body);
}

async function showRun(
  sandbox: RunningSandbox,
  accountId: number,
  report: string,
  id: number,
  caller: Caller = 'admin',
): Promise<AccountReport> {
  const sent = await send(sandbox, 'GET', `/api/v1/accounts/${accountId}/reports/${report}/${id}`, caller);
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return AccountReport.parse(sent.body);
}

/** Polls a run until `done` holds (or fails the test after `timeoutMs`). */
async function waitForRun(
  sandbox: RunningSandbox,
  accountId: number,
  report: string,
  id: number,
  done: (run: AccountReport) => boolean,
  timeoutMs = 8000,
): Promise<AccountReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await showRun(sandbox, accountId, report, id);
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`Run ${id} never got there; last seen ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const isFinished = (run: AccountReport): boolean =>
  ['complete', 'error', 'aborted'].includes(String(run.status)) && run.progress === 100;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `<report>_<DD_Mon_YYYY>_<id>.<ext>` with the UTC date the job started on. */
function expectedFileName(run: AccountReport, extension: string): string {
  const started = new Date(run.started_at ?? '');
  const day = String(started.getUTCDate()).padStart(2, '0');
  return `${run.report}_${day}_${MONTHS[started.getUTCMonth()]}_${started.getUTCFullYear()}_${run.id}.${extension}`;
}

function expectedAccountsCsv(db: Db, accountPath: string, accountId: number): string {
  const quoted = (note: string | null) => (note === null ? '' : `"${note.replaceAll('"', '""')}"`);
  const lines = subAccountsOf(db, accountPath, accountId).map(
    (row) => `${row.id},${row.depth},${quoted(noteFor(row.id))}`,
  );
  return ['canvas_account_id,depth,note', ...lines].map((line) => `${line}\n`).join('');
}

/** Follows a run's `file_url` as a browser would: the 302, then the bytes. */
async function download(
  sandbox: RunningSandbox,
  run: AccountReport,
  caller: Caller = 'admin',
): Promise<{ redirect: Sent; file: Response }> {
  const redirect = await send(sandbox, 'GET', new URL(run.file_url ?? '').pathname, caller);
  const location = redirect.response.headers.get('location') ?? '';
  const target = new URL(location);
  const file = await sandbox.request(`${target.pathname}${target.search}`, {
    as: caller === null ? null : 'admin',
  });
  return { redirect, file };
}

describe('account reports', () => {
  let sandbox: RunningSandbox;
  let rootId: number;
  let rootPath: string;
  let collegeId: number;
  let collegePath: string;
  let adminId: number;
  const zone = 'Pacific/Auckland';

  beforeAll(async () => {
    sandbox = await startSandbox({ reports: testRunnerSettings() });
    rootId = 1;
    rootPath = (sandbox.db.prepare('SELECT path FROM accounts WHERE id = ?').get(rootId) as { path: string })
      .path;
    collegeId = readMetaId(sandbox.db, 'demo_subadmin_account');
    collegePath = (
      sandbox.db.prepare('SELECT path FROM accounts WHERE id = ?').get(collegeId) as { path: string }
    ).path;
    adminId = sandbox.userId('admin');
    // A zone far from UTC, so a timestamp printed in UTC could not pass for one in the caller's zone.
    sandbox.db.prepare('UPDATE users SET time_zone = ? WHERE id = ?').run(zone, adminId);
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  describe('GET /api/v1/accounts/:account_id/reports', () => {
    it('lists every offered report by title, unpaginated, with parameters and the last run', async () => {
      const sent = await send(sandbox, 'GET', `/api/v1/accounts/${rootId}/reports`);
      expect(sent.status).toBe(200);
      expect(sent.response.headers.get('link')).toBeNull();
      const list = ReportType.array().parse(sent.body);
      const titles = TEST_REPORTS.map((definition) => definition.title).sort((a, b) => (a < b ? -1 : 1));
      expect(list.map((entry) => entry.title)).toEqual(titles);
      const raw = sent.body as Record<string, unknown>[];
      for (const entry of raw) {
        expect(entry).toHaveProperty('last_run');
        expect(entry).not.toHaveProperty('description_html');
      }
      expect(list.find((entry) => entry.report === 'test_multi_csv')?.parameters).toBeNull();
      expect(list.find((entry) => entry.report === 'test_accounts_csv')?.parameters).toEqual({
        enrollment_term_id: { required: false, description: 'The term' },
        include_deleted: { required: false, description: 'Deleted too' },
      });
    });

    it('adds description_html on request and shows the latest non-deleted run', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv');
      await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      const sent = await send(
        sandbox,
        'GET',
        `/api/v1/accounts/${rootId}/reports?include[]=description_html`,
      );
      const list = ReportType.array().parse(sent.body);
      const multi = list.find((entry) => entry.report === 'test_multi_csv');
      expect(multi?.description_html).toBe('<p>Two files.</p>');
      expect(multi?.last_run?.id).toBe(run.id);
      expect(multi?.last_run?.status).toBe('complete');
      // Deleting it brings back the previous run (none on a sub-account here).
      await startRun(sandbox, collegeId, 'test_multi_csv');
      const college = ReportType.array().parse(
        (await send(sandbox, 'GET', `/api/v1/accounts/${collegeId}/reports`)).body,
      );
      const collegeRun = college.find((entry) => entry.report === 'test_multi_csv')?.last_run;
      expect(collegeRun).toBeTruthy();
      await send(sandbox, 'DELETE', `/api/v1/accounts/${collegeId}/reports/test_multi_csv/${collegeRun?.id}`);
      const after = ReportType.array().parse(
        (await send(sandbox, 'GET', `/api/v1/accounts/${collegeId}/reports`)).body,
      );
      expect(after.find((entry) => entry.report === 'test_multi_csv')?.last_run).toBeNull();
    });
  });

  describe('POST /api/v1/accounts/:account_id/reports/:report', () => {
    it('creates a run in the created state, echoing the parameters', async () => {
      const sent = await send(
        sandbox,
        'POST',
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
        'admin',
        {
          parameters: { include_deleted: true, label: 'x' },
        },
      );
      expect(sent.status).toBe(200);
      const body = sent.body as Record<string, unknown>;
      const run = AccountReport.parse(body);
      expect(run).toMatchObject({
        report: 'test_accounts_csv',
        status: 'created',
        progress: 0,
        file_url: null,
        started_at: null,
        ended_at: null,
        message: null,
        parameters: { include_deleted: true, label: 'x' },
      });
      expect(body).not.toHaveProperty('attachment');
      expect(run.run_time).toBeGreaterThanOrEqual(0);
      expect(body.user).toEqual({
        id: adminId,
        anonymous_id: adminId.toString(36),
        display_name: expect.any(String),
        avatar_image_url: `${sandbox.baseUrl}/images/messages/avatar-50.png`,
        html_url: `${sandbox.baseUrl}/users/${adminId}`,
        pronouns: null,
      });
      const expectedOffset = isoInZone(new Date().toISOString(), zone).slice(-6);
      expect(run.created_at.slice(-6)).toBe(expectedOffset);
      await waitForRun(sandbox, rootId, 'test_accounts_csv', run.id, isFinished);
    });

    it('answers 404 for a report the sandbox does not offer', async () => {
      const sent = await send(sandbox, 'POST', `/api/v1/accounts/${rootId}/reports/no_such_csv`);
      expect(sent.status).toBe(404);
      expect(sent.body).toEqual(NOT_FOUND_BODY);
    });

    it('refuses a term parameter that names no term of the root account', async () => {
      for (const value of ['nope', '999999', 'sis_term_id:missing,123456']) {
        const sent = await send(
          sandbox,
          'POST',
          `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
          'admin',
          {
            parameters: { enrollment_term_id: value },
          },
        );
        expect(sent.status).toBe(400);
        expect(sent.body).toEqual({ error: `invalid enrollment_term_id '${value}'` });
      }
      const legacy = await send(
        sandbox,
        'POST',
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
        'admin',
        {
          parameters: { enrollment_term: 'nope' },
        },
      );
      expect(legacy.body).toEqual({ error: "invalid enrollment_term_id 'nope'" });
    });

    it('accepts active_terms and a list in which one term exists', async () => {
      const termId = (
        sandbox.db
          .prepare('SELECT id FROM enrollment_terms WHERE root_account_id = ? LIMIT 1')
          .get(rootId) as {
          id: number;
        }
      ).id;
      for (const value of ['active_terms', `999999,${termId}`]) {
        const run = await startRun(sandbox, rootId, 'test_accounts_csv', { enrollment_term_id: value });
        expect(run.parameters).toEqual({ enrollment_term_id: value });
        await waitForRun(sandbox, rootId, 'test_accounts_csv', run.id, isFinished);
      }
    });
  });

  describe('a run from start to file', () => {
    it('moves created → running → complete and writes the CSV', async () => {
      const created = await startRun(sandbox, rootId, 'test_accounts_csv', { include_deleted: 'false' });
      const done = await waitForRun(sandbox, rootId, 'test_accounts_csv', created.id, isFinished);
      const rows = subAccountsOf(sandbox.db, rootPath, rootId);
      expect(done).toMatchObject({
        status: 'complete',
        progress: 100,
        current_line: rows.length + 1,
        parameters: { include_deleted: 'false', locale: 'en', extra_text: 'Term: All Terms;' },
        message:
          'Sub-accounts report successfully generated with the following settings. Account: Northfield State University; Term: All Terms;',
      });
      expect(done.started_at?.slice(-6)).toBe(done.created_at.slice(-6));
      expect(Date.parse(done.ended_at ?? '')).toBeGreaterThanOrEqual(Date.parse(done.started_at ?? ''));
      expect(done.run_time).toBeGreaterThan(0);
      const fileName = expectedFileName(done, 'csv');
      expect(done.file_url).toBe(
        `${sandbox.baseUrl}/accounts/${rootId}/files/${done.attachment?.id}/download`,
      );
      expect(done.attachment).toMatchObject({
        display_name: fileName,
        filename: fileName,
        'content-type': 'text/csv',
        upload_status: 'success',
        mime_class: 'file',
        folder_id: null,
        locked: false,
        hidden: false,
        url: `${sandbox.baseUrl}/files/${done.attachment?.id}/download?download_frd=1&verifier=${done.attachment?.uuid}`,
      });

      const { redirect, file } = await download(sandbox, done);
      expect(redirect.status).toBe(302);
      expect(redirect.response.headers.get('location')).toBe(done.attachment?.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv');
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
      const text = await file.text();
      expect(file.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(done.attachment?.size).toBe(Buffer.byteLength(text));
      expect(text).toBe(expectedAccountsCsv(sandbox.db, rootPath, rootId));
      expect(text).toContain(',"say ""hi"", ok"\n');
      expect(text).toContain(',""\n');

      // Without download_frd, Canvas lets a text file show inline.
      const inline = await sandbox.request(
        `${new URL(done.attachment?.url ?? '').pathname}?verifier=${done.attachment?.uuid}`,
        { as: null },
      );
      expect(inline.headers.get('content-disposition')).toBe(`inline; filename="${fileName}"`);
      expect(await inline.text()).toBe(text);

      const head = await sandbox.request(new URL(done.attachment?.url ?? '').pathname, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(done.attachment?.size));
      expect(await head.text()).toBe('');
    });

    it('zips several files, one entry per report file', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv', { pass: 2 });
      const done = await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      expect(done.status).toBe('complete');
      expect(done.attachment?.['content-type']).toBe('application/zip');
      expect(done.attachment?.mime_class).toBe('zip');
      const { file } = await download(sandbox, done);
      expect(file.headers.get('content-type')).toBe('application/zip');
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="${expectedFileName(done, 'zip')}"`,
      );
      const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
      expect(Object.keys(entries)).toEqual(['accounts.csv', 'terms.csv']);
      expect(strFromU8(entries['accounts.csv'] ?? new Uint8Array())).toBe(
        expectedAccountsCsv(sandbox.db, rootPath, rootId),
      );
      expect(strFromU8(entries['terms.csv'] ?? new Uint8Array())).toBe(
        'term_id,name\n1,"First, ""quoted"""\n2,Second\n',
      );
    });

    it('ends in error with the report’s reason when the report refuses its parameters', async () => {
      const run = await startRun(sandbox, rootId, 'test_failing_csv');
      const done = await waitForRun(sandbox, rootId, 'test_failing_csv', run.id, isFinished);
      expect(done).toMatchObject({
        status: 'error',
        progress: 100,
        file_url: null,
        message: 'Generating the report, Test Failing Csv, failed.',
        parameters: { locale: 'en', extra_text: 'The start date must be before the end date.' },
      });
      expect(done).not.toHaveProperty('attachment');
      expect(done.ended_at).not.toBeNull();
    });

    it('ends in error and removes the partial file when a report crashes midway', async () => {
      const run = await startRun(sandbox, rootId, 'test_crash_csv');
      const done = await waitForRun(sandbox, rootId, 'test_crash_csv', run.id, isFinished);
      expect(done).toMatchObject({
        status: 'error',
        progress: 100,
        message:
          'Generating the report, Test Crash Csv, failed. Unable to create error_report_id for disk on fire',
        parameters: { extra_text: 'Failed, the report failed to generate a file. Please try again.' },
      });
      const runFiles = join(reportRunnerOf(sandbox.db).filesDirectory, 'reports', String(run.id));
      expect(existsSync(runFiles)).toBe(false);
    });
  });

  describe('history, status and delete', () => {
    it('lists non-deleted runs of a type, newest first, with ordinal pages', async () => {
      const ids: number[] = [];
      for (let pass = 0; pass < 3; pass++) {
        const run = await startRun(sandbox, collegeId, 'test_accounts_csv', { pass });
        ids.push(run.id);
        await waitForRun(sandbox, collegeId, 'test_accounts_csv', run.id, isFinished);
      }
      const first = await send(
        sandbox,
        'GET',
        `/api/v1/accounts/${collegeId}/reports/test_accounts_csv?per_page=2`,
      );
      expect(first.status).toBe(200);
      const page = AccountReport.array().parse(first.body);
      expect(page.map((run) => run.id)).toEqual([ids[2], ids[1]]);
      const link = first.response.headers.get('link') ?? '';
      expect(link).toContain('rel="next"');
      expect(link).toMatch(/page=2&per_page=2>; rel="last"/);
      const second = await send(
        sandbox,
        'GET',
        `/api/v1/accounts/${collegeId}/reports/test_accounts_csv?per_page=2&page=2`,
      );
      expect(
        AccountReport.array()
          .parse(second.body)
          .map((run) => run.id),
      ).toEqual([ids[0]]);
      // Each file is the college's own subtree.
      const done = await showRun(sandbox, collegeId, 'test_accounts_csv', ids[0] ?? 0);
      const { file } = await download(sandbox, done);
      expect(await file.text()).toBe(expectedAccountsCsv(sandbox.db, collegePath, collegeId));

      const unknown = await send(sandbox, 'GET', `/api/v1/accounts/${collegeId}/reports/no_such_csv`);
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual([]);
    });

    it('finds a run only under its own type and account', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv', { pass: 'lookup' });
      await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      for (const path of [
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv/${run.id}`,
        `/api/v1/accounts/${collegeId}/reports/test_multi_csv/${run.id}`,
        `/api/v1/accounts/${rootId}/reports/test_multi_csv/999999`,
      ]) {
        const sent = await send(sandbox, 'GET', path);
        expect(sent.status, path).toBe(404);
        expect(sent.body).toEqual(NOT_FOUND_BODY);
      }
    });

    it('deletes softly: the run answers deleted once, then disappears', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv', { pass: 'delete' });
      await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      const path = `/api/v1/accounts/${rootId}/reports/test_multi_csv/${run.id}`;
      const deleted = await send(sandbox, 'DELETE', path);
      expect(deleted.status).toBe(200);
      expect(AccountReport.parse(deleted.body).status).toBe('deleted');
      expect((await send(sandbox, 'GET', path)).status).toBe(404);
      expect((await send(sandbox, 'DELETE', path)).status).toBe(404);
      const history = AccountReport.array().parse(
        (await send(sandbox, 'GET', `/api/v1/accounts/${rootId}/reports/test_multi_csv?per_page=100`)).body,
      );
      expect(history.map((entry) => entry.id)).not.toContain(run.id);
    });

    it('answers 404 to an abort of a finished run', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv', { pass: 'abort-finished' });
      await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      const sent = await send(
        sandbox,
        'PUT',
        `/api/v1/accounts/${rootId}/reports/test_multi_csv/${run.id}/abort`,
      );
      expect(sent.status).toBe(404);
      expect(sent.body).toEqual(NOT_FOUND_BODY);
      const failed = await startRun(sandbox, rootId, 'test_failing_csv', { pass: 'abort-error' });
      await waitForRun(sandbox, rootId, 'test_failing_csv', failed.id, isFinished);
      const abortError = `/api/v1/accounts/${rootId}/reports/test_failing_csv/${failed.id}/abort`;
      expect((await send(sandbox, 'PUT', abortError)).status).toBe(404);
    });
  });

  describe('permissions', () => {
    it('requires read_reports on the account', async () => {
      const paths = [
        `/api/v1/accounts/${rootId}/reports`,
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
      ];
      for (const path of paths) {
        const anonymous = await send(sandbox, 'GET', path, null);
        expect(anonymous.status).toBe(401);
        expect(anonymous.body).toEqual(UNAUTHENTICATED_BODY);
        for (const caller of ['student', 'teacher', 'subadmin'] as const) {
          const sent = await send(sandbox, 'GET', path, caller);
          expect(sent.status, `${caller} ${path}`).toBe(403);
          expect(sent.body).toEqual(UNAUTHORIZED_BODY);
        }
      }
      const start = await send(
        sandbox,
        'POST',
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
        'student',
      );
      expect(start.status).toBe(403);
      const startSubadmin = await send(
        sandbox,
        'POST',
        `/api/v1/accounts/${rootId}/reports/test_accounts_csv`,
        'subadmin',
      );
      expect(startSubadmin.status).toBe(403);
    });

    it('lets the sub-admin run and download reports of their own college', async () => {
      const sent = await send(sandbox, 'GET', `/api/v1/accounts/${collegeId}/reports`, 'subadmin');
      expect(sent.status).toBe(200);
      const run = await startRun(sandbox, collegeId, 'test_accounts_csv', { by: 'subadmin' }, 'subadmin');
      expect(run.user?.id).toBe(sandbox.userId('subadmin'));
      const done = await waitForRun(sandbox, collegeId, 'test_accounts_csv', run.id, isFinished);
      const redirect = await send(sandbox, 'GET', new URL(done.file_url ?? '').pathname, 'subadmin');
      expect(redirect.status).toBe(302);
      const attachmentPath = new URL(done.attachment?.url ?? '').pathname;
      const bytes = await sandbox.request(attachmentPath, { as: 'subadmin' });
      expect(bytes.status).toBe(200);
      expect(await bytes.text()).toBe(expectedAccountsCsv(sandbox.db, collegePath, collegeId));
    });

    it('guards downloads: the verifier, the run’s user or read_reports', async () => {
      const run = await startRun(sandbox, rootId, 'test_multi_csv', { pass: 'download-guard' });
      const done = await waitForRun(sandbox, rootId, 'test_multi_csv', run.id, isFinished);
      const filePath = new URL(done.attachment?.url ?? '').pathname;
      const accountPath = new URL(done.file_url ?? '').pathname;

      const anonymous = await sandbox.request(filePath, { as: null });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual(UNAUTHENTICATED_BODY);
      const wrongVerifier = await sandbox.request(`${filePath}?verifier=not-it`, { as: null });
      expect(wrongVerifier.status).toBe(401);
      for (const caller of ['student', 'subadmin'] as const) {
        const refused = await sandbox.request(filePath, { as: caller });
        expect(refused.status, caller).toBe(403);
        expect(await refused.json()).toEqual(UNAUTHORIZED_BODY);
        const redirect = await send(sandbox, 'GET', accountPath, caller);
        expect(redirect.status, caller).toBe(403);
      }
      const withVerifier = await sandbox.request(`${filePath}${new URL(done.attachment?.url ?? '').search}`, {
        as: null,
      });
      expect(withVerifier.status).toBe(200);
      expect(withVerifier.headers.get('content-type')).toBe('application/zip');
      await withVerifier.arrayBuffer();
      // The file belongs to the root account: not found under another account's path.
      const elsewhere = await send(
        sandbox,
        'GET',
        accountPath.replace(`/accounts/${rootId}/`, `/accounts/${collegeId}/`),
      );
      expect(elsewhere.status).toBe(404);
      expect((await sandbox.request('/files/999999/download', { as: 'admin' })).status).toBe(404);
    });
  });
});

describe('account reports with scoped tokens', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ reports: testRunnerSettings() });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('offers the report endpoints as scopes, and the verifier still downloads without a token', async () => {
    const statusScope = 'url:GET|/api/v1/accounts/:account_id/reports/:report/:id';
    expect(isOfferedScope(statusScope)).toBe(true);
    expect(isOfferedScope('url:POST|/api/v1/accounts/:account_id/reports/:report')).toBe(true);
    // Canvas's file paths are not API routes: no scope names them.
    expect(isOfferedScope('url:GET|/files/:id/download')).toBe(false);

    const run = await startRun(sandbox, 1, 'test_multi_csv', { pass: 'scoped' });
    const done = await waitForRun(sandbox, 1, 'test_multi_csv', run.id, isFinished);
    const scoped = mintToken(sandbox.db, sandbox.userId('admin'), 'scoped-report-status-token');
    sandbox.db
      .prepare('UPDATE access_tokens SET scopes = ? WHERE token_hash = ?')
      .run(JSON.stringify([statusScope]), hashToken(sandbox.db, scoped.token));
    const status = await send(sandbox, 'GET', `/api/v1/accounts/1/reports/test_multi_csv/${run.id}`, scoped);
    expect(status.status).toBe(200);
    const history = await send(sandbox, 'GET', '/api/v1/accounts/1/reports/test_multi_csv', scoped);
    expect(history.status).toBe(401);
    expect(history.body).toEqual({ errors: [{ message: 'Insufficient scopes on access token.' }] });
    const url = new URL(done.attachment?.url ?? '');
    const bytes = await sandbox.request(`${url.pathname}${url.search}`, { as: null });
    expect(bytes.status).toBe(200);
    expect(unzipSync(new Uint8Array(await bytes.arrayBuffer()))).toHaveProperty(['terms.csv']);
  });
});

describe('account reports with the sandbox catalogue', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  it('offers the sandbox reports and runs one of them by default', async () => {
    const list = ReportType.array().parse((await send(sandbox, 'GET', '/api/v1/accounts/1/reports')).body);
    const titles = REPORT_DEFINITIONS.map((definition) => definition.title).sort((a, b) => (a < b ? -1 : 1));
    expect(list.map((entry) => entry.title)).toEqual(titles);
    const run = await startRun(sandbox, 1, 'provisioning_csv', {
      accounts: true,
      users: '1',
      include_deleted: true,
      enrollment_term_id: 'sis_term_id:FA25',
    });
    const done = await waitForRun(sandbox, 1, 'provisioning_csv', run.id, isFinished, 20_000);
    expect(done.status, JSON.stringify(done)).toBe('complete');
    const fall = sandbox.db
      .prepare(`SELECT name FROM enrollment_terms WHERE sis_term_id = 'FA25'`)
      .pluck()
      .get();
    expect(done.message).toBe(
      `Provisioning report successfully generated with the following settings. Account: Northfield State University; Term: ${fall}; Include Deleted Objects: true; Reports: users accounts `,
    );
    const { file } = await download(sandbox, done);
    const accountsCsv = strFromU8(
      unzipSync(new Uint8Array(await file.arrayBuffer()))['accounts.csv'] ?? new Uint8Array(),
    );
    expect(accountsCsv.split('\n')[0]).toBe(
      'canvas_account_id,account_id,canvas_parent_id,parent_account_id,name,status,created_by_sis',
    );
  });
});

describe('account reports while they run', () => {
  let sandbox: RunningSandbox;
  const rootId = 1;

  beforeAll(async () => {
    sandbox = await startSandbox({ reports: testRunnerSettings({ paceMs: 15, batchRows: 10 }) });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  const isRunningWithProgress = (run: AccountReport) =>
    run.status === 'running' && (run.current_line ?? 0) > 0;

  it('reports progress while writing and keeps the API responsive', async () => {
    const run = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'progress' });
    const running = await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isRunningWithProgress);
    expect(running.started_at).not.toBeNull();
    expect(running.parameters).toMatchObject({ label: 'progress', locale: 'en' });
    expect(running.progress).toBeGreaterThanOrEqual(0);
    expect(running.progress).toBeLessThan(100);
    expect(running).not.toHaveProperty('attachment');
    const before = Date.now();
    const other = await send(sandbox, 'GET', '/api/v1/accounts/self');
    expect(other.status).toBe(200);
    expect(Date.now() - before).toBeLessThan(500);
    const later = await waitForRun(
      sandbox,
      rootId,
      'test_slow_csv',
      run.id,
      (seen) => (seen.current_line ?? 0) > (running.current_line ?? 0),
    );
    expect(later.progress ?? 0).toBeGreaterThanOrEqual(running.progress ?? 0);
    await send(sandbox, 'PUT', `/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}/abort`);
    await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isFinished);
  });

  it('answers other requests quickly while a job keeps its own thread busy', async () => {
    const run = await startRun(sandbox, rootId, 'test_busy_plan_csv');
    await waitForRun(sandbox, rootId, 'test_busy_plan_csv', run.id, (seen) => seen.status === 'running');
    const latencies: number[] = [];
    let done: AccountReport | null = null;
    while (!done) {
      const before = performance.now();
      const other = await send(sandbox, 'GET', `/api/v1/accounts/${rootId}`);
      latencies.push(performance.now() - before);
      expect(other.status).toBe(200);
      const seen = await showRun(sandbox, rootId, 'test_busy_plan_csv', run.id);
      if (isFinished(seen)) done = seen;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The job planned for BUSY_PLAN_MS: a job on the server's thread would have held up a request
    // for about that long, and there would have been time for few of them.
    expect(Math.max(...latencies)).toBeLessThan(300);
    expect(latencies.length).toBeGreaterThanOrEqual(BUSY_PLAN_MS / 200);
    expect(done.status, JSON.stringify(done)).toBe('complete');
    const rootPath = (
      sandbox.db.prepare('SELECT path FROM accounts WHERE id = ?').get(rootId) as { path: string }
    ).path;
    const { file } = await download(sandbox, done);
    expect(await file.text()).toBe(expectedAccountsCsv(sandbox.db, rootPath, rootId));
  });

  it('answers 409 with the run in flight for an identical request', async () => {
    const run = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'same' });
    const again = await send(sandbox, 'POST', `/api/v1/accounts/${rootId}/reports/test_slow_csv`, 'admin', {
      parameters: { label: 'same' },
    });
    expect(again.status).toBe(409);
    expect(AccountReport.parse(again.body).id).toBe(run.id);
    expect(again.response.headers.get('location')).toBe(
      `${sandbox.baseUrl}/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}`,
    );
    // Still 409 once the job has started and added its locale.
    await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, (seen) => seen.status === 'running');
    const whileRunning = await send(
      sandbox,
      'POST',
      `/api/v1/accounts/${rootId}/reports/test_slow_csv`,
      'admin',
      {
        parameters: { label: 'same' },
      },
    );
    expect(whileRunning.status).toBe(409);
    // No parameters at all match any run in flight; other parameters start a new run.
    const bare = await send(sandbox, 'POST', `/api/v1/accounts/${rootId}/reports/test_slow_csv`);
    expect(bare.status).toBe(409);
    const different = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'other' });
    expect(different.id).not.toBe(run.id);
    for (const id of [run.id, different.id]) {
      await send(sandbox, 'PUT', `/api/v1/accounts/${rootId}/reports/test_slow_csv/${id}/abort`);
      await waitForRun(sandbox, rootId, 'test_slow_csv', id, isFinished);
    }
    // Finished runs no longer count.
    const fresh = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'same' });
    expect(fresh.id).not.toBe(run.id);
    await send(sandbox, 'PUT', `/api/v1/accounts/${rootId}/reports/test_slow_csv/${fresh.id}/abort`);
    await waitForRun(sandbox, rootId, 'test_slow_csv', fresh.id, isFinished);
  });

  it('aborts a run mid-way: the job stops, no file remains', async () => {
    const run = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'abort' });
    await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isRunningWithProgress);
    const aborted = await send(
      sandbox,
      'PUT',
      `/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}/abort`,
    );
    expect(aborted.status).toBe(200);
    expect(AccountReport.parse(aborted.body).status).toBe('aborted');
    const done = await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isFinished);
    expect(done).toMatchObject({ status: 'aborted', progress: 100, file_url: null });
    expect(done.parameters).toMatchObject({ extra_text: 'Report has been aborted' });
    expect(done.ended_at).not.toBeNull();
    expect(done.current_line ?? 0).toBeLessThan(SLOW_ROWS);
    const runner = reportRunnerOf(sandbox.db);
    expect(runner.isRunning(run.id)).toBe(false);
    expect(existsSync(join(runner.filesDirectory, 'reports', String(run.id)))).toBe(false);
    const again = await send(
      sandbox,
      'PUT',
      `/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}/abort`,
    );
    expect(again.status).toBe(404);
  });

  it('runs two jobs at a time; the others wait in created, and abort there at once', async () => {
    const runs = [];
    for (const label of ['c1', 'c2', 'c3'])
      runs.push(await startRun(sandbox, rootId, 'test_slow_csv', { label }));
    const [first, second, third] = runs;
    if (!first || !second || !third) throw new Error('three runs expected');
    await waitForRun(sandbox, rootId, 'test_slow_csv', second.id, isRunningWithProgress);
    await waitForRun(sandbox, rootId, 'test_slow_csv', first.id, isRunningWithProgress);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const waiting = await showRun(sandbox, rootId, 'test_slow_csv', third.id);
    expect(waiting.status).toBe('created');
    expect(waiting.started_at).toBeNull();
    const abortedEarly = await send(
      sandbox,
      'PUT',
      `/api/v1/accounts/${rootId}/reports/test_slow_csv/${third.id}/abort`,
    );
    expect(AccountReport.parse(abortedEarly.body)).toMatchObject({
      status: 'aborted',
      progress: 100,
      started_at: null,
      parameters: { label: 'c3', extra_text: 'Report has been aborted' },
    });
    for (const run of [first, second]) {
      await send(sandbox, 'PUT', `/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}/abort`);
      await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isFinished);
    }
  });

  it('deleting a running run stops its job and removes its file', async () => {
    const run = await startRun(sandbox, rootId, 'test_slow_csv', { label: 'delete' });
    await waitForRun(sandbox, rootId, 'test_slow_csv', run.id, isRunningWithProgress);
    const deleted = await send(
      sandbox,
      'DELETE',
      `/api/v1/accounts/${rootId}/reports/test_slow_csv/${run.id}`,
    );
    expect(AccountReport.parse(deleted.body).status).toBe('deleted');
    const runner = reportRunnerOf(sandbox.db);
    const deadline = Date.now() + 3000;
    while (runner.isRunning(run.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(runner.isRunning(run.id)).toBe(false);
    const row = sandbox.db
      .prepare('SELECT workflow_state, attachment_id FROM account_reports WHERE id = ?')
      .get(run.id);
    expect(row).toEqual({ workflow_state: 'deleted', attachment_id: null });
    expect(existsSync(join(runner.filesDirectory, 'reports', String(run.id)))).toBe(false);
  });
});

describe('account reports across a server restart', () => {
  it('marks the interrupted run as failed and starts the waiting one', async () => {
    const rootId = 1;
    const first = await startSandbox({
      reports: testRunnerSettings({ paceMs: 15, batchRows: 10, maxConcurrentJobs: 1 }),
    });
    let second: RunningSandbox | undefined;
    try {
      const interrupted = await startRun(first, rootId, 'test_slow_csv', { label: 'restart' });
      await waitForRun(first, rootId, 'test_slow_csv', interrupted.id, (run) => (run.current_line ?? 0) > 0);
      const waiting = await startRun(first, rootId, 'test_multi_csv', { label: 'queued' });
      const filesDirectory = reportRunnerOf(first.db).filesDirectory;
      await first.close({ keepDatabase: true });
      // The interrupted job's partial file was left behind, as a crash would leave it.
      expect(readdirSync(join(filesDirectory, 'reports'))).toContain(String(interrupted.id));

      second = await startSandbox({ databaseFile: first.databaseFile, reports: testRunnerSettings() });
      const failed = await showRun(second, rootId, 'test_slow_csv', interrupted.id);
      expect(failed).toMatchObject({
        status: 'error',
        progress: 100,
        file_url: null,
        message: 'Generating the report, Test Slow Csv, failed.',
        parameters: { label: 'restart', locale: 'en', extra_text: RESTARTED_TEXT },
      });
      expect(failed.ended_at).not.toBeNull();
      expect(existsSync(join(filesDirectory, 'reports', String(interrupted.id)))).toBe(false);
      const completed = await waitForRun(second, rootId, 'test_multi_csv', waiting.id, isFinished);
      expect(completed.status).toBe('complete');
    } finally {
      if (second) await second.close();
      else await first.close();
    }
  });
});
