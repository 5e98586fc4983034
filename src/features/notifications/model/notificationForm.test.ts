import { describe, expect, it } from 'vitest';
import { CanvasApiError } from '../../../api/errors.ts';
import type { AccountNotification } from '../../../api/schemas/accountNotification.ts';
import { accountNotificationBody } from '../api/createAccountNotification.ts';
import {
  describeChangeError,
  emptyNotificationForm,
  formFromDuplicate,
  formFromNotification,
  NOT_THIS_ACCOUNTS_MESSAGE,
  type NotificationFormValues,
  sameFormValues,
  serverFormErrors,
  validateNotificationForm,
} from './notificationForm.ts';

const valid: NotificationFormValues = {
  subject: 'Maintenance tonight',
  message: '<p>Canvas is down from <strong>10 PM</strong>.</p>',
  start_at: '2025-06-15T12:00:00Z',
  end_at: '2025-06-16T12:00:00Z',
  icon: 'information',
  roles: ['1', 'NilEnrollment'],
};

const notification: AccountNotification = {
  id: 7,
  subject: 'Exam week',
  message: '<p>Good luck</p>',
  start_at: '2025-06-10T00:00:00Z',
  end_at: '2025-06-20T00:00:00Z',
  icon: 'calendar',
  role_ids: [1, null],
  roles: ['StudentEnrollment', 'NilEnrollment'],
  author: { id: 1, name: 'Jordan Whitfield' },
};

describe('validateNotificationForm', () => {
  it('accepts a complete notification', () => {
    const result = validateNotificationForm(valid);
    expect(result.success).toBe(true);
  });

  it('requires subject, message, start and end, like Canvas', () => {
    const result = validateNotificationForm(emptyNotificationForm());
    expect(result).toEqual({
      success: false,
      errors: {
        subject: 'Enter a subject',
        message: 'Write a message',
        start_at: 'Choose when it starts',
        end_at: 'Choose when it ends',
      },
    });
  });

  it('treats a blank subject and an editor with no text as missing', () => {
    const result = validateNotificationForm({ ...valid, subject: '   ', message: '<p></p><p>&nbsp;</p>' });
    expect(result.success ? {} : result.errors).toEqual({
      subject: 'Enter a subject',
      message: 'Write a message',
    });
  });

  it('caps the subject at 255 characters', () => {
    expect(validateNotificationForm({ ...valid, subject: 'x'.repeat(255) }).success).toBe(true);
    const result = validateNotificationForm({ ...valid, subject: 'x'.repeat(256) });
    expect(result.success ? undefined : result.errors.subject).toBe(
      'The subject is too long (maximum is 255 characters)',
    );
  });

  it('puts an end before the start on the end field, even when other fields are wrong too', () => {
    const result = validateNotificationForm({
      ...valid,
      subject: '',
      start_at: '2025-06-16T12:00:00Z',
      end_at: '2025-06-15T12:00:00Z',
    });
    expect(result.success ? {} : result.errors).toEqual({
      subject: 'Enter a subject',
      end_at: 'The end time precedes the start time',
    });
  });

  it('allows a window that ends when it starts, as Canvas does', () => {
    expect(validateNotificationForm({ ...valid, end_at: valid.start_at }).success).toBe(true);
  });
});

describe('accountNotificationBody', () => {
  it('nests the fields under account_notification and sends the roles beside them', () => {
    expect(accountNotificationBody(valid)).toEqual({
      account_notification: {
        subject: 'Maintenance tonight',
        message: '<p>Canvas is down from <strong>10 PM</strong>.</p>',
        start_at: '2025-06-15T12:00:00Z',
        end_at: '2025-06-16T12:00:00Z',
        icon: 'information',
      },
      account_notification_roles: ['1', 'NilEnrollment'],
    });
  });

  it('refuses to build a request from invalid values', () => {
    expect(() => accountNotificationBody({ ...valid, end_at: null })).toThrow();
  });
});

describe('forms from existing notifications', () => {
  it('edits with the roles as Canvas accepts them back, NilEnrollment by name', () => {
    expect(formFromNotification(notification)).toEqual({
      subject: 'Exam week',
      message: '<p>Good luck</p>',
      start_at: '2025-06-10T00:00:00Z',
      end_at: '2025-06-20T00:00:00Z',
      icon: 'calendar',
      roles: ['1', 'NilEnrollment'],
    });
  });

  it('offers Canvas’s default icon for an icon the composer does not know', () => {
    expect(formFromNotification({ ...notification, icon: 'sparkles' }).icon).toBe('warning');
  });

  it('duplicates a current window, and leaves the dates open for a copy of a past one', () => {
    expect(formFromDuplicate(notification, Date.parse('2025-06-15T00:00:00Z')).start_at).toBe(
      '2025-06-10T00:00:00Z',
    );
    const copy = formFromDuplicate(notification, Date.parse('2025-07-01T00:00:00Z'));
    expect([copy.start_at, copy.end_at, copy.subject]).toEqual([null, null, 'Exam week']);
  });

  it('compares values ignoring the order of roles', () => {
    expect(sameFormValues(valid, { ...valid, roles: ['NilEnrollment', '1'] })).toBe(true);
    expect(sameFormValues(valid, { ...valid, roles: ['1'] })).toBe(false);
    expect(sameFormValues(valid, { ...valid, subject: 'Other' })).toBe(false);
  });
});

describe('serverFormErrors', () => {
  it('places Canvas attribute errors on the matching fields, nested or bare', () => {
    const error = CanvasApiError.fromResponse(400, {
      errors: {
        end_at: [
          {
            attribute: 'end_at',
            type: 'invalid',
            message: 'Account notification end time precedes start time',
          },
        ],
        subject: [{ attribute: 'subject', type: 'blank', message: 'blank' }],
      },
    });
    expect(serverFormErrors(error)).toEqual({
      fields: {
        end_at: 'Account notification end time precedes start time',
        subject: "Subject can't be blank",
      },
      general: null,
    });
    const nested = new CanvasApiError({
      status: 400,
      kind: 'bad_request',
      fieldErrors: { 'account_notification.message': ['too_long'] },
    });
    expect(serverFormErrors(nested).fields).toEqual({ message: 'Message is too long' });
  });

  it('puts role errors on the role picker', () => {
    const error = CanvasApiError.fromResponse(400, {
      errors: {
        account_notification_roles: [
          { attribute: 'account_notification_roles', type: 'invalid', message: 'Unknown role: Wizard' },
        ],
      },
    });
    expect(serverFormErrors(error).fields).toEqual({ roles: 'Unknown role: Wizard' });
  });

  it('explains a 404 on an update as another account’s notification', () => {
    const error = CanvasApiError.fromResponse(404, {
      errors: [{ message: 'The specified resource does not exist.' }],
    });
    expect(serverFormErrors(error, { editing: true }).general).toBe(NOT_THIS_ACCOUNTS_MESSAGE);
    expect(describeChangeError(error)).toBe(NOT_THIS_ACCOUNTS_MESSAGE);
    expect(serverFormErrors(error).general).toBe('The specified resource does not exist.');
  });

  it('keeps what belongs to no field as a general message', () => {
    const error = CanvasApiError.fromResponse(403, {
      status: 'unauthorized',
      errors: [{ message: 'user not authorized to perform that action' }],
    });
    expect(serverFormErrors(error)).toEqual({
      fields: {},
      general: 'user not authorized to perform that action',
    });
  });
});
