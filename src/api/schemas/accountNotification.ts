import * as z from 'zod';
import { CanvasId, IsoDateTime } from './primitives.ts';

/** The icons Canvas's banner can draw; `warning` is the column default when none is sent. */
export const ACCOUNT_NOTIFICATION_ICONS = [
  'warning',
  'information',
  'question',
  'error',
  'calendar',
] as const;
export const AccountNotificationIcon = z.enum(ACCOUNT_NOTIFICATION_ICONS);
export type AccountNotificationIcon = z.output<typeof AccountNotificationIcon>;
export const DEFAULT_ACCOUNT_NOTIFICATION_ICON: AccountNotificationIcon = 'warning';

/** The model's length validation on `subject`. */
export const ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH = 255;

/**
 * The pseudo-role "users with no enrollments": `null` in `role_ids`, this string in `roles`, and
 * accepted under this name in `account_notification_roles[]`.
 */
export const NIL_ENROLLMENT_ROLE = 'NilEnrollment';

/** `account_notification_json` (`lib/api/v1/account_notifications.rb`). */
export const AccountNotification = z.looseObject({
  id: CanvasId,
  subject: z.string(),
  /** HTML, sanitized by the server; sanitize again before rendering it. */
  message: z.string(),
  start_at: IsoDateTime,
  end_at: IsoDateTime,
  /**
   * One of ACCOUNT_NOTIFICATION_ICONS when written through the sandbox; real Canvas does not
   * validate the column, so any string may come back.
   */
  icon: z.string(),
  /** One entry per targeted role, `null` for NilEnrollment; empty = everyone. */
  role_ids: z.array(CanvasId.nullable()),
  /** Role names in the order of `role_ids` (`"StudentEnrollment"`, `"AccountAdmin"`, `"NilEnrollment"`, custom names). */
  roles: z.array(z.string()),
  /** Non-null only in the admin `include_all=true` index; `name` is the author's short name. */
  author: z.looseObject({ id: CanvasId, name: z.string() }).nullable(),
  /** Only when the index is called with `show_is_closed=true`. */
  closed: z.boolean().optional(),
});
export type AccountNotification = z.output<typeof AccountNotification>;

/** `GET /accounts/:account_id/account_notifications`: the whole list, not paginated. */
export const AccountNotificationList = z.array(AccountNotification);
export type AccountNotificationList = z.output<typeof AccountNotificationList>;
