import { describe, expect, it } from 'vitest';
import { CanvasApiError } from '../../../api/errors.ts';
import { placeServerError } from './serverErrors.ts';

describe('placeServerError', () => {
  const fields = ['enrollment_term_id', 'course_id', 'users'];

  it("puts Canvas's term refusal next to the term picker", () => {
    const error = CanvasApiError.fromResponse(400, { error: "invalid enrollment_term_id '99'" });
    expect(placeServerError(error, fields)).toEqual({
      field: 'enrollment_term_id',
      message: "invalid enrollment_term_id '99'",
    });
  });

  it('uses attribute-keyed errors and leaves other errors above the form', () => {
    const keyed = CanvasApiError.fromResponse(400, {
      errors: { course_id: [{ message: 'is not a course' }] },
    });
    expect(placeServerError(keyed, fields)).toEqual({ field: 'course_id', message: 'is not a course' });
    const notFound = CanvasApiError.fromResponse(404, {
      errors: [{ message: 'The specified resource does not exist.' }],
    });
    expect(placeServerError(notFound, fields)).toEqual({
      field: null,
      message: 'The specified resource does not exist.',
    });
  });
});
