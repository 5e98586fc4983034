import * as z from 'zod';
import { CanvasId } from './primitives.ts';

/**
 * Both serializations of `lib/api/v1/account.rb`: the full form, and the read-only form given to
 * callers who may read but not manage the account (and to `course_accounts`), which has only the
 * keys that are required here. Everything else depends on the form, the caller's rights or `include[]`.
 */
export const Account = z.looseObject({
  id: CanvasId,
  name: z.string(),
  uuid: z.string(),
  parent_account_id: CanvasId.nullable(),
  /** Null for root accounts. */
  root_account_id: CanvasId.nullable(),
  workflow_state: z.enum(['active', 'deleted']),
  default_time_zone: z.string(),
  /** Absent on older Canvas. */
  default_time_zone_friendly_name: z.string().optional(),
  default_storage_quota_mb: z.number().optional(),
  default_user_storage_quota_mb: z.number().optional(),
  default_group_storage_quota_mb: z.number().optional(),
  course_template_id: CanvasId.nullable().optional(),
  sis_account_id: z.string().nullable().optional(),
  integration_id: z.string().nullable().optional(),
  sis_import_id: CanvasId.nullable().optional(),
  lti_guid: z.string().optional(),
  site_admin: z.boolean().optional(),
  registration_settings: z
    .looseObject({ login_handle_name: z.string().nullable(), require_email: z.boolean() })
    .optional(),
  terms_required: z.boolean().optional(),
  terms_of_use_url: z.string().optional(),
  privacy_policy_url: z.string().optional(),
  recaptcha_key: z.string().nullable().optional(),
  services: z.record(z.string(), z.boolean()).optional(),
  course_count: z.int().optional(),
  sub_account_count: z.int().optional(),
  global_id: CanvasId.optional(),
  horizon_account: z.boolean().optional(),
  /** `course_creation_accounts` only, behind a site-admin flag. */
  adminable: z.boolean().optional(),
});
export type Account = z.output<typeof Account>;
