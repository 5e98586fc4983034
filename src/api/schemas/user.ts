import * as z from 'zod';
import { CanvasId, IsoDateTime } from './primitives.ts';

const UserPermissions = z.looseObject({
  can_update_name: z.boolean(),
  can_update_avatar: z.boolean(),
  limit_parent_app_web_access: z.boolean().optional(),
});

/**
 * `user_json` (`lib/api/v1/user.rb`) in an account context. Which optional keys appear depends on the
 * caller's rights (SIS, logins, email) and on `include[]`.
 */
export const User = z.looseObject({
  id: CanvasId,
  name: z.string(),
  sortable_name: z.string(),
  short_name: z.string(),
  created_at: IsoDateTime,
  sis_user_id: z.string().nullable().optional(),
  integration_id: z.string().nullable().optional(),
  sis_import_id: CanvasId.nullable().optional(),
  root_account: z.string().optional(),
  login_id: z.string().optional(),
  pronouns: z.string().optional(),
  merged_into_user_id: CanvasId.optional(),
  avatar_url: z.string().optional(),
  email: z.string().nullable().optional(),
  /** Pre-formatted by Canvas, so it may carry the caller's UTC offset. */
  last_login: IsoDateTime.nullable().optional(),
  /** A Rails zone name or an IANA name, whichever the user stored. */
  time_zone: z.string().optional(),
  uuid: z.string().optional(),
  account_uuid: z.string().optional(),
  past_uuid: z.string().optional(),
  /** Comma-joined, with `include_deleted_users=true`. */
  login_ids: z.string().optional(),
  sis_user_ids: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  locale: z.string().nullable().optional(),
  effective_locale: z.string().optional(),
  permissions: UserPermissions.optional(),
  terms_of_use: z.boolean().optional(),
  confirmation_url: z.string().optional(),
  /** User create with a password and `destination`. */
  destination: z.string().optional(),
});
export type User = z.output<typeof User>;

/** `GET /users/self`: Canvas always adds names, locale and permissions for the caller. */
export const CurrentUser = User.extend({
  first_name: z.string(),
  last_name: z.string(),
  locale: z.string().nullable(),
  effective_locale: z.string(),
  permissions: UserPermissions,
});
export type CurrentUser = z.output<typeof CurrentUser>;

// The raw user row Rails renders after removing a user from a root account; its columns vary by version.
const RemovedUserRecord = z.looseObject({
  id: CanvasId,
  name: z.string(),
  sortable_name: z.string().nullable().optional(),
  short_name: z.string().nullable().optional(),
  workflow_state: z.string().optional(),
  time_zone: z.string().nullable().optional(),
  created_at: IsoDateTime.nullable().optional(),
  updated_at: IsoDateTime.nullable().optional(),
});

/**
 * `DELETE /accounts/:id/users/:user_id`: Canvas wraps the row as `{"user": {...}}` by model-JSON
 * convention, but a bare row is accepted too; either way the output is the row.
 */
export const RemovedUser = z.union([
  z.looseObject({ user: RemovedUserRecord }).transform((wrapped) => wrapped.user),
  RemovedUserRecord,
]);
export type RemovedUser = z.output<typeof RemovedUser>;
