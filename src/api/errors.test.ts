import { describe, expect, it } from 'vitest';
import { CanvasApiError } from './errors.ts';

function parse(status: number, body: unknown, headers?: Record<string, string>): CanvasApiError {
  return CanvasApiError.fromResponse(status, body, headers ? new Headers(headers) : undefined);
}

describe('CanvasApiError.fromResponse', () => {
  it('reads {"errors":[{"message"}]} as not_found', () => {
    const error = parse(404, { errors: [{ message: 'The specified resource does not exist.' }] });
    expect(error).toBeInstanceOf(CanvasApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toBe('The specified resource does not exist.');
    expect(error.messages).toEqual(['The specified resource does not exist.']);
    expect(error.fieldErrors).toEqual({});
  });

  it('treats status "unauthenticated" as an auth failure', () => {
    const error = parse(401, {
      status: 'unauthenticated',
      errors: [{ message: 'user authorization required' }],
    });
    expect(error.kind).toBe('unauthenticated');
    expect(error.message).toBe('user authorization required');
  });

  it('treats an invalid token as unauthenticated', () => {
    const error = parse(
      401,
      { errors: [{ message: 'Invalid access token.' }] },
      {
        'WWW-Authenticate': 'Bearer realm="canvas-lms"',
      },
    );
    expect(error.kind).toBe('unauthenticated');
    expect(
      parse(401, { errors: [{ message: 'Expired access token.', expired_at: '2025-01-01T00:00:00Z' }] }).kind,
    ).toBe('unauthenticated');
  });

  it('treats status "unauthorized" as a permission failure on 403 and on older 401', () => {
    const body = {
      status: 'unauthorized',
      errors: [{ message: 'user not authorized to perform that action' }],
    };
    expect(parse(403, body).kind).toBe('unauthorized');
    expect(parse(401, body).kind).toBe('unauthorized');
    expect(parse(403, body).message).toBe('user not authorized to perform that action');
  });

  it('treats endpoint-specific 401 refusals as permission failures, not lost sessions', () => {
    expect(parse(401, { message: "You can't delete a root_account." }).kind).toBe('unauthorized');
    expect(parse(401, { error: 'manually_created_courses_subaccount_error' }).kind).toBe('unauthorized');
    const update = parse(401, {
      errors: {
        unauthorized: [
          {
            attribute: 'unauthorized',
            type: 'You cannot move a root account.',
            message: 'You cannot move a root account.',
          },
        ],
      },
    });
    expect(update.kind).toBe('unauthorized');
    expect(update.fieldErrors).toEqual({ unauthorized: ['You cannot move a root account.'] });
  });

  it('gives a 403 with an empty body a default message', () => {
    const error = parse(403, {});
    expect(error.kind).toBe('unauthorized');
    expect(error.messages).toEqual([]);
    expect(error.message).toMatch(/not allowed/);
  });

  it('collects attribute-keyed validation errors', () => {
    const error = parse(400, {
      errors: {
        subject: [{ attribute: 'subject', type: 'blank', message: 'blank' }],
        end_at: [
          {
            attribute: 'end_at',
            type: 'Account notification end time precedes start time',
            message: 'Account notification end time precedes start time',
          },
        ],
      },
    });
    expect(error.kind).toBe('bad_request');
    expect(error.fieldErrors).toEqual({
      subject: ['blank'],
      end_at: ['Account notification end time precedes start time'],
    });
    expect(error.messages).toEqual(['blank', 'Account notification end time precedes start time']);
  });

  it('falls back to the validator code when an attribute error has no message', () => {
    const error = parse(400, { errors: { name: [{ attribute: 'name', type: 'too_long' }] } });
    expect(error.fieldErrors).toEqual({ name: ['too_long'] });
  });

  it('reads string attribute values such as unparsable_content', () => {
    const error = parse(400, { errors: { unparsable_content: 'The syllabus could not be parsed' } });
    expect(error.fieldErrors).toEqual({ unparsable_content: ['The syllabus could not be parsed'] });
    expect(error.message).toBe('The syllabus could not be parsed');
  });

  it('reads the 422 field list, with and without a field', () => {
    const error = parse(422, {
      errors: [
        { field: 'name', message: 'Name is too long', error_code: 'too_long' },
        { field: null, message: 'Something else went wrong', error_code: 'invalid' },
      ],
    });
    expect(error.kind).toBe('bad_request');
    expect(error.fieldErrors).toEqual({ name: ['Name is too long'] });
    expect(error.messages).toEqual(['Name is too long', 'Something else went wrong']);
  });

  it('maps the search-term error onto its field', () => {
    const error = parse(400, {
      errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
    });
    expect(error.fieldErrors).toEqual({ search_term: ['2 or more characters is required'] });
    expect(error.message).toBe('2 or more characters is required');
  });

  it('reads a bare array of messages', () => {
    const error = parse(400, [{ message: 'token[purpose] is missing' }]);
    expect(error.messages).toEqual(['token[purpose] is missing']);
    expect(error.kind).toBe('bad_request');
  });

  it('reads {"errors": "string"}, {"error"} and {"message"}', () => {
    expect(parse(400, { errors: 'Duplicate IDs' }).message).toBe('Duplicate IDs');
    expect(parse(400, { error: "invalid enrollment_term_id '999'" }).message).toBe(
      "invalid enrollment_term_id '999'",
    );
    const conflict = parse(409, { message: "You can't delete a sub-account that has courses in it." });
    expect(conflict.kind).toBe('bad_request');
    expect(conflict.message).toBe("You can't delete a sub-account that has courses in it.");
  });

  it('reads the bookmark complaint keyed by page', () => {
    const error = parse(400, {
      status: 'bad_request',
      errors: [{ page: 'Restart pagination and follow the next links' }],
    });
    expect(error.messages).toEqual(['Restart pagination and follow the next links']);
    expect(error.fieldErrors).toEqual({});
  });

  it('flattens the composite user-create body under dotted and bare keys', () => {
    const error = parse(400, {
      errors: {
        user: { name: [{ attribute: 'name', type: 'blank', message: 'Name is required' }] },
        pseudonym: {
          unique_id: [
            { attribute: 'unique_id', type: 'taken', message: 'ID already in use for this account' },
          ],
        },
        observee: {},
        pairing_code: {},
        recaptcha: null,
      },
    });
    expect(error.fieldErrors).toEqual({
      'user.name': ['Name is required'],
      name: ['Name is required'],
      'pseudonym.unique_id': ['ID already in use for this account'],
      unique_id: ['ID already in use for this account'],
    });
    expect(error.messages).toEqual(['Name is required', 'ID already in use for this account']);
  });

  it('recognises the plain-text rate limit on 403 and 429', () => {
    const limited = parse(403, '403 Forbidden (Rate Limit Exceeded)\n');
    expect(limited.kind).toBe('rate_limited');
    expect(limited.message).toBe('403 Forbidden (Rate Limit Exceeded)');
    expect(parse(429, '429 Too Many Requests (Rate Limit Exceeded)').kind).toBe('rate_limited');
    expect(parse(429, null).kind).toBe('rate_limited');
  });

  it('reads 5xx errors with an error report id', () => {
    const error = parse(500, {
      errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
      error_report_id: 58213,
    });
    expect(error.kind).toBe('server');
    expect(error.message).toBe('An error occurred.');
    expect(error.body).toEqual({
      errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
      error_report_id: 58213,
    });
  });

  it('keeps HTML bodies out of the message', () => {
    const error = parse(502, '<html><body>Bad gateway</body></html>');
    expect(error.kind).toBe('server');
    expect(error.messages).toEqual([]);
    expect(error.message).toMatch(/internal error/);
    expect(error.body).toBe('<html><body>Bad gateway</body></html>');
  });

  it('uses short plain-text bodies as the message', () => {
    expect(parse(503, 'Service Unavailable').message).toBe('Service Unavailable');
  });

  it('classifies other statuses as other', () => {
    expect(parse(405, null).kind).toBe('other');
  });
});
