import { fieldErrorOf, isCanvasErrorKind } from '../../../lib/canvasErrors.ts';
import type { TokenFormErrors } from './tokenForm.ts';

// Canvas's expiry refusals come as bare messages without a field: "Expiration date is required",
// "Invalid expiration date format", "... cannot be more than N days in the future", and the
// regenerate one about an expired token.
const EXPIRY_MESSAGE = /expiration date/i;

/**
 * Canvas's refusal of a token form, placed on the fields it concerns: attribute errors on
 * `purpose`, `scopes` and `expires_at`, and the expiry messages. `placed` is false when nothing
 * could be placed, so the caller shows the error as a whole.
 */
export function tokenFormServerErrors(error: unknown): { fields: TokenFormErrors; placed: boolean } {
  const fields: TokenFormErrors = {};
  if (!isCanvasErrorKind(error, 'bad_request')) return { fields, placed: false };
  const purpose = fieldErrorOf(error, 'purpose');
  const scopes = fieldErrorOf(error, 'scopes');
  const expiry =
    fieldErrorOf(error, 'expires_at') ??
    fieldErrorOf(error, 'permanent_expires_at') ??
    error.messages.find((message) => EXPIRY_MESSAGE.test(message));
  if (purpose) fields.purpose = purpose;
  if (scopes) fields.scopes = scopes;
  if (expiry) fields.expiry = expiry;
  return { fields, placed: Object.keys(fields).length > 0 };
}
