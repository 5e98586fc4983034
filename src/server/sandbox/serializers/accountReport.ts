import type { Db } from '../db/connection.ts';
import type { RequestContext } from '../http/context.ts';
import type { UserRow } from '../lookup.ts';
import { type AttachmentRow, attachmentJson } from './attachment.ts';
import { isoInZone } from './user.ts';

export type ReportWorkflowState =
  | 'created'
  | 'running'
  | 'compiling'
  | 'complete'
  | 'error'
  | 'aborted'
  | 'deleted';

export interface AccountReportRow {
  id: number;
  account_id: number;
  user_id: number;
  report_type: string;
  workflow_state: ReportWorkflowState;
  progress: number;
  current_line: number | null;
  /** JSON object. */
  parameters: string;
  message: string | null;
  attachment_id: number | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  ended_at: string | null;
}

/** The users and files a page of runs refers to, loaded with one query each. */
export interface ReportRelations {
  users: Map<number, UserRow>;
  attachments: Map<number, AttachmentRow>;
}

export function loadReportRelations(db: Db, rows: readonly AccountReportRow[]): ReportRelations {
  const userIds = JSON.stringify([...new Set(rows.map((row) => row.user_id))]);
  const attachmentIds = JSON.stringify(
    rows.map((row) => row.attachment_id).filter((id): id is number => id !== null),
  );
  const users = db
    .prepare('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(userIds) as UserRow[];
  const attachments = db
    .prepare('SELECT * FROM attachments WHERE id IN (SELECT value FROM json_each(?))')
    .all(attachmentIds) as AttachmentRow[];
  return {
    users: new Map(users.map((user) => [user.id, user])),
    attachments: new Map(attachments.map((attachment) => [attachment.id, attachment])),
  };
}

/** Canvas's fallback avatar, what `avatar_url_for_user` gives users without a picture. */
function fallbackAvatarUrl(baseUrl: string): string {
  return `${baseUrl}/images/messages/avatar-50.png`;
}

/**
 * `user_display_json` without a parent context (so `html_url` is `/users/:id`); `{}` when the user
 * no longer exists.
 */
export function userDisplayJson(baseUrl: string, user: UserRow | undefined): Record<string, unknown> {
  if (!user) return {};
  return {
    id: user.id,
    anonymous_id: user.id.toString(36),
    display_name: user.short_name,
    avatar_image_url: fallbackAvatarUrl(baseUrl),
    html_url: `${baseUrl}/users/${user.id}`,
    pronouns: user.pronouns,
  };
}

/** `(ended_at or now) - (started_at or created_at)`, in fractional seconds, never negative. */
export function reportRunTime(row: AccountReportRow, nowMs: number): number {
  const end = row.ended_at === null ? nowMs : Date.parse(row.ended_at);
  const start = Date.parse(row.started_at ?? row.created_at);
  return Math.max(0, end - start) / 1000;
}

/** `/accounts/:account_id/files/:id/download`: the run's `file_url`, answered with a redirect. */
export function accountFileUrl(baseUrl: string, accountId: number, attachmentId: number): string {
  return `${baseUrl}/accounts/${accountId}/files/${attachmentId}/download`;
}

/**
 * `account_report_json` (`lib/api/v1/account_report.rb`). Timestamps are in the caller's zone with
 * its offset, as Canvas renders them; `attachment` appears only once a file exists.
 */
export function accountReportJson(
  ctx: RequestContext,
  row: AccountReportRow,
  relations: ReportRelations,
  timeZone: string,
  nowMs = Date.now(),
): Record<string, unknown> {
  const attachment = row.attachment_id === null ? undefined : relations.attachments.get(row.attachment_id);
  const inZone = (stamp: string | null) => (stamp === null ? null : isoInZone(stamp, timeZone));
  const json: Record<string, unknown> = {
    id: row.id,
    report: row.report_type,
    file_url: attachment ? accountFileUrl(ctx.baseUrl, row.account_id, attachment.id) : null,
    status: row.workflow_state,
    created_at: inZone(row.created_at),
    started_at: inZone(row.started_at),
    ended_at: inZone(row.ended_at),
    parameters: JSON.parse(row.parameters) as unknown,
    progress: row.progress,
    current_line: row.current_line,
    message: row.message,
    run_time: reportRunTime(row, nowMs),
    user: userDisplayJson(ctx.baseUrl, relations.users.get(row.user_id)),
  };
  if (attachment) json.attachment = attachmentJson(ctx.baseUrl, attachment);
  return json;
}
