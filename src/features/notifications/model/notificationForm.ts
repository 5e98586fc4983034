import * as z from 'zod';
import { CanvasApiError } from '../../../api/errors.ts';
import {
  type AccountNotification,
  AccountNotificationIcon,
  DEFAULT_ACCOUNT_NOTIFICATION_ICON,
} from '../../../api/schemas/accountNotification.ts';
import { describeError, isCanvasErrorKind } from '../../../lib/canvasErrors.ts';
import {
  AccountNotificationInput,
  type ValidAccountNotificationInput,
} from '../api/createAccountNotification.ts';
import { rolesOf } from '../api/updateAccountNotification.ts';

/** What the composer edits; dates are Canvas timestamps (UTC), null until chosen. */
export const NotificationFormValues = z.object({
  subject: z.string(),
  message: z.string(),
  start_at: z.string().nullable(),
  end_at: z.string().nullable(),
  icon: AccountNotificationIcon,
  roles: z.array(z.string()),
});
export type NotificationFormValues = z.output<typeof NotificationFormValues>;

export type NotificationField = keyof NotificationFormValues;
export type NotificationFieldErrors = Partial<Record<NotificationField, string>>;

/** The fields in the order they appear, so the first invalid one can take focus. */
export const NOTIFICATION_FIELDS: readonly NotificationField[] = [
  'subject',
  'message',
  'start_at',
  'end_at',
  'icon',
  'roles',
];

export function emptyNotificationForm(): NotificationFormValues {
  return {
    subject: '',
    message: '',
    start_at: null,
    end_at: null,
    icon: DEFAULT_ACCOUNT_NOTIFICATION_ICON,
    roles: [],
  };
}

function iconOf(notification: AccountNotification): NotificationFormValues['icon'] {
  const parsed = AccountNotificationIcon.safeParse(notification.icon);
  // Canvas stores any string; one the composer can't offer becomes Canvas's default.
  return parsed.success ? parsed.data : DEFAULT_ACCOUNT_NOTIFICATION_ICON;
}

/** An existing notification, to edit in place. */
export function formFromNotification(notification: AccountNotification): NotificationFormValues {
  return {
    subject: notification.subject,
    message: notification.message,
    start_at: notification.start_at,
    end_at: notification.end_at,
    icon: iconOf(notification),
    roles: rolesOf(notification),
  };
}

/**
 * A copy to send as a new notification. A window that has already ended is of no use to the copy, so
 * its dates are left for the admin to choose; a current or scheduled window is kept.
 */
export function formFromDuplicate(notification: AccountNotification, now: number): NotificationFormValues {
  const values = formFromNotification(notification);
  if (Date.parse(notification.end_at) < now) return { ...values, start_at: null, end_at: null };
  return values;
}

export function sameFormValues(a: NotificationFormValues, b: NotificationFormValues): boolean {
  return (
    a.subject === b.subject &&
    a.message === b.message &&
    a.start_at === b.start_at &&
    a.end_at === b.end_at &&
    a.icon === b.icon &&
    a.roles.length === b.roles.length &&
    a.roles.every((role) => b.roles.includes(role))
  );
}

export type ValidationResult =
  | { success: true; input: ValidAccountNotificationInput }
  | { success: false; errors: NotificationFieldErrors };

/** The composer's check before sending: the same schema the request is built from. */
export function validateNotificationForm(values: NotificationFormValues): ValidationResult {
  const parsed = AccountNotificationInput.safeParse(values);
  if (parsed.success) return { success: true, input: parsed.data };
  const errors: NotificationFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    const parsedField = NotificationFormValues.keyof().safeParse(field);
    if (parsedField.success && errors[parsedField.data] === undefined)
      errors[parsedField.data] = issue.message;
  }
  return { success: false, errors };
}

const FIELD_NAMES: Record<NotificationField, string> = {
  subject: 'Subject',
  message: 'Message',
  start_at: 'Start',
  end_at: 'End',
  icon: 'Icon',
  roles: 'Roles',
};

/** Canvas's attribute keys for each field, bare or under the model's name. */
const SERVER_KEYS: Record<NotificationField, readonly string[]> = {
  subject: ['subject'],
  message: ['message'],
  start_at: ['start_at'],
  end_at: ['end_at'],
  icon: ['icon'],
  roles: ['account_notification_roles', 'roles', 'role_ids'],
};

/**
 * Canvas's API reports a model error by its validator code ("blank", "too_long") when the model gives
 * no text of its own; those codes become sentences, anything else is shown as Canvas wrote it.
 */
function readableServerMessage(field: NotificationField, message: string): string {
  const name = FIELD_NAMES[field];
  switch (message) {
    case 'blank':
      return `${name} can't be blank`;
    case 'too_long':
      return `${name} is too long`;
    case 'invalid':
    case 'inclusion':
      return `${name} is not valid`;
    default:
      return message;
  }
}

/**
 * Canvas finds a notification to change only among the path account's own, so a 404 on an update
 * usually means it belongs to a parent account (or was deleted meanwhile).
 */
export const NOT_THIS_ACCOUNTS_MESSAGE =
  'Canvas has no such notification in this account. It was deleted, or it belongs to a parent account, where only that account’s admins can change it.';

/** The words for a failed update or end: Canvas's own, except for the 404 that needs explaining. */
export function describeChangeError(error: unknown): string {
  return isCanvasErrorKind(error, 'not_found') ? NOT_THIS_ACCOUNTS_MESSAGE : describeError(error);
}

export interface ServerFormErrors {
  fields: NotificationFieldErrors;
  /** What could not be placed on a field (permissions, a vanished notification, network). */
  general: string | null;
}

/**
 * Places Canvas's attribute errors (`account_notification.subject` or `subject`) on the composer's fields;
 * `editing` explains a 404 as an update of another account's notification.
 */
export function serverFormErrors(
  error: unknown,
  { editing = false }: { editing?: boolean } = {},
): ServerFormErrors {
  const fields: NotificationFieldErrors = {};
  if (error instanceof CanvasApiError) {
    for (const field of NOTIFICATION_FIELDS) {
      for (const key of SERVER_KEYS[field]) {
        const message = error.fieldErrors[`account_notification.${key}`]?.[0] ?? error.fieldErrors[key]?.[0];
        if (message !== undefined && fields[field] === undefined) {
          fields[field] = readableServerMessage(field, message);
        }
      }
    }
  }
  const placed = Object.keys(fields).length > 0;
  if (placed) return { fields, general: null };
  return { fields, general: editing ? describeChangeError(error) : describeError(error) };
}
