import * as z from 'zod';
import { CanvasId, IsoDateTime } from './primitives.ts';

/** The workflow states a report run moves through (`app/models/account_report.rb`). */
export const REPORT_STATUSES = [
  'created',
  'running',
  'compiling',
  'complete',
  'error',
  'aborted',
  'deleted',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The file a finished report wrote (`lib/api/v1/attachment.rb`). Only what the dashboard relies on is
 * required; the rest of Canvas's File object varies with version and feature flags.
 */
export const ReportAttachment = z.looseObject({
  id: CanvasId,
  display_name: z.string(),
  filename: z.string(),
  'content-type': z.string(),
  url: z.string(),
  size: z.number(),
  uuid: z.string().optional(),
  folder_id: CanvasId.nullable().optional(),
  upload_status: z.string().optional(),
  mime_class: z.string().optional(),
  created_at: IsoDateTime.nullable().optional(),
  updated_at: IsoDateTime.nullable().optional(),
});
export type ReportAttachment = z.output<typeof ReportAttachment>;

/**
 * Who started a run: Canvas's UserDisplay, or `{}` once the user is gone, so every key is optional.
 */
export const ReportUser = z.looseObject({
  id: CanvasId.optional(),
  display_name: z.string().optional(),
  anonymous_id: z.string().optional(),
  avatar_image_url: z.string().nullable().optional(),
  html_url: z.string().optional(),
  pronouns: z.string().nullable().optional(),
});
export type ReportUser = z.output<typeof ReportUser>;

/**
 * One run of a report (`lib/api/v1/account_report.rb`). `parameters` echoes whatever was submitted
 * plus server-added keys (`locale`, `extra_text`), so its values may be of any JSON type; legacy rows
 * may have none at all. `attachment` is present only once a file exists.
 */
export const AccountReport = z.looseObject({
  id: CanvasId,
  report: z.string(),
  // Kept open: a newer Canvas may add a state, and the page should still list the run.
  status: z.union([z.enum(REPORT_STATUSES), z.string()]),
  progress: z.number().nullable().optional(),
  current_line: z.int().nullable().optional(),
  parameters: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .transform((value) => value ?? {}),
  created_at: IsoDateTime,
  started_at: IsoDateTime.nullable().optional(),
  ended_at: IsoDateTime.nullable().optional(),
  run_time: z.number().nullable().optional(),
  file_url: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  user: ReportUser.nullable().optional(),
  attachment: ReportAttachment.optional(),
});
export type AccountReport = z.output<typeof AccountReport>;

/** How Canvas describes one parameter of a report type; `required` is advisory. */
export const ReportParameterInfo = z.looseObject({
  required: z.boolean().optional().default(false),
  description: z.string().optional().default(''),
});
export type ReportParameterInfo = z.output<typeof ReportParameterInfo>;

/** An entry of `GET /accounts/:id/reports`: a report type the account can run, with its latest run. */
export const ReportType = z.looseObject({
  report: z.string(),
  title: z.string(),
  parameters: z.record(z.string(), ReportParameterInfo).nullable(),
  last_run: AccountReport.nullable().optional(),
  description_html: z.string().optional(),
  parameters_html: z.string().optional(),
});
export type ReportType = z.output<typeof ReportType>;
