import { CanvasApiError } from '../../../api/errors.ts';
import { describeError } from '../../../lib/canvasErrors.ts';

/**
 * Where Canvas's refusal of a start belongs: its 400s name the parameter in the text
 * (`invalid enrollment_term_id '9'`) or, from other reports, as an attribute key; both land next to
 * that field. Anything else is shown above the form.
 */
export function placeServerError(
  error: unknown,
  fieldNames: readonly string[],
): { field: string; message: string } | { field: null; message: string } {
  const message = describeError(error);
  if (error instanceof CanvasApiError && error.kind === 'bad_request') {
    for (const name of fieldNames) {
      const attributeError = error.fieldErrors[name] ?? error.fieldErrors[`parameters.${name}`];
      if (attributeError?.[0]) return { field: name, message: attributeError[0] };
    }
    const named = fieldNames.find((name) => new RegExp(`\\b${name}\\b`).test(message));
    if (named) return { field: named, message };
  }
  return { field: null, message };
}
