import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import {
  ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH,
  AccountNotification,
  AccountNotificationIcon,
} from '../../../api/schemas/accountNotification.ts';
import { IsoDateTime } from '../../../api/schemas/primitives.ts';
import { htmlToPlainText } from '../../../lib/sanitizeHtml.ts';
import { notificationKeys } from './keys.ts';

/** Canvas's `maximum_text_length` for the message column. */
export const MESSAGE_MAX_LENGTH = 65_535;

/** Canvas's check on the window, with its wording. */
export const END_BEFORE_START_MESSAGE = 'The end time precedes the start time';

/**
 * A notification as the composer sends it, validated as Canvas's model validates it: subject,
 * message, start and end required, subject at most 255 characters and message at most 65,535, end
 * not before start, icon one of Canvas's five. `roles` are role ids (or names, or `NilEnrollment`); empty means everyone.
 */
export const AccountNotificationInput = z
  .object({
    subject: z
      .string({ error: 'Enter a subject' })
      .refine((subject) => subject.trim() !== '', 'Enter a subject')
      .refine(
        (subject) => subject.length <= ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH,
        `The subject is too long (maximum is ${ACCOUNT_NOTIFICATION_SUBJECT_MAX_LENGTH} characters)`,
      ),
    // An editor left empty still holds markup such as <p></p>; only visible text counts as a message.
    message: z
      .string({ error: 'Write a message' })
      .refine((message) => htmlToPlainText(message) !== '', 'Write a message')
      .refine(
        (message) => message.length <= MESSAGE_MAX_LENGTH,
        `The message is too long (maximum is ${MESSAGE_MAX_LENGTH.toLocaleString('en-US')} characters of HTML)`,
      ),
    start_at: IsoDateTime.nullable().refine((value) => value !== null, 'Choose when it starts'),
    end_at: IsoDateTime.nullable().refine((value) => value !== null, 'Choose when it ends'),
    icon: AccountNotificationIcon,
    roles: z.array(z.string().min(1)),
  })
  .check((context) => {
    const { start_at, end_at } = context.value;
    if (start_at && end_at && Date.parse(end_at) < Date.parse(start_at)) {
      context.issues.push({
        code: 'custom',
        path: ['end_at'],
        message: END_BEFORE_START_MESSAGE,
        input: end_at,
      });
    }
  });
export type AccountNotificationInput = z.input<typeof AccountNotificationInput>;
export type ValidAccountNotificationInput = z.output<typeof AccountNotificationInput>;

/** The Canvas request body: the model's fields, and the roles beside them. */
export function accountNotificationBody(input: AccountNotificationInput) {
  const valid = AccountNotificationInput.parse(input);
  return {
    account_notification: {
      subject: valid.subject,
      message: valid.message,
      start_at: valid.start_at,
      end_at: valid.end_at,
      icon: valid.icon,
    },
    account_notification_roles: valid.roles,
  };
}

export interface CreateAccountNotificationVariables {
  accountId: number;
  input: AccountNotificationInput;
}

/** POST /api/v1/accounts/:account_id/account_notifications. */
export function createAccountNotification({
  accountId,
  input,
}: CreateAccountNotificationVariables): Promise<AccountNotification> {
  return canvasFetch(`/api/v1/accounts/${accountId}/account_notifications`, {
    method: 'POST',
    body: accountNotificationBody(input),
    schema: AccountNotification,
  });
}

export function useCreateAccountNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccountNotification,
    // Every account below this one lists it too, so every loaded list is refreshed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  });
}
