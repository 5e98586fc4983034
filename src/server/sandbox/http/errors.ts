/**
 * An answer in one of Canvas's error formats. Routes throw it; the dispatcher renders it.
 * The body is passed whole because Canvas's shapes differ per endpoint.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`Canvas API error ${status}`);
  }
}

/** A validator code with its text (`{type: 'too_long', message: '...'}`) or a custom message. */
export type AttributeError = string | { type: string; message: string };

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="canvas-lms"' };

export const errors = {
  notFound: () => new ApiError(404, { errors: [{ message: 'The specified resource does not exist.' }] }),
  unauthenticated: () =>
    new ApiError(
      401,
      { status: 'unauthenticated', errors: [{ message: 'user authorization required' }] },
      WWW_AUTHENTICATE,
    ),
  invalidToken: () => new ApiError(401, { errors: [{ message: 'Invalid access token.' }] }, WWW_AUTHENTICATE),
  expiredToken: (expiredAt: string) =>
    new ApiError(
      401,
      { errors: [{ message: 'Expired access token.', expired_at: expiredAt }] },
      WWW_AUTHENTICATE,
    ),
  revokedToken: () => new ApiError(401, { errors: [{ message: 'Revoked access token.' }] }, WWW_AUTHENTICATE),
  /** Current Canvas answers 403 when a known user lacks the permission. */
  unauthorized: () =>
    new ApiError(403, {
      status: 'unauthorized',
      errors: [{ message: 'user not authorized to perform that action' }],
    }),
  missingParam: (name: string) => new ApiError(400, { errors: [{ message: `${name} is missing` }] }),
  searchTermTooShort: () =>
    new ApiError(400, {
      errors: [{ field: 'search_term', code: 'invalid', message: '2 or more characters is required' }],
    }),
  /** `render json: record.errors, status: 400` — a hash keyed by attribute. */
  attributes: (status: number, fieldErrors: Record<string, AttributeError[]>) =>
    new ApiError(status, {
      errors: Object.fromEntries(
        Object.entries(fieldErrors).map(([attribute, entries]) => [
          attribute,
          entries.map((entry) =>
            // A custom message doubles as its own type, as Rails reports it.
            typeof entry === 'string'
              ? { attribute, type: entry, message: entry }
              : { attribute, type: entry.type, message: entry.message },
          ),
        ]),
      ),
    }),
  message: (status: number, message: string) => new ApiError(status, { message }),
  internal: (errorReportId: number) =>
    new ApiError(500, {
      errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
      error_report_id: errorReportId,
    }),
};
