import { ACTIVE_TERMS, parameterLabel } from './parameterForm.ts';

/** Keys Canvas adds to a run's parameters itself: the job's locale and the failure/abort text. */
export const SERVER_ADDED_PARAMETERS: readonly string[] = ['locale', 'extra_text'];

/** The parameters to start the same report again: what the admin sent, without Canvas's additions. */
export function rerunParameters(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).filter(([name]) => !SERVER_ADDED_PARAMETERS.includes(name)),
  );
}

/** Canvas reads flags with its boolean parser: `true`, `"true"`, `"1"`, `"on"`… count as set. */
export function isTruthyFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['true', '1', 'on', 'yes', 't'].includes(value.trim().toLowerCase());
  return false;
}

export interface ShownParameter {
  name: string;
  label: string;
  value: string;
}

export interface ParameterNames {
  termName?: (termId: string) => string | undefined;
  courseName?: (courseId: string) => string | undefined;
}

function looksLikeFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  return typeof value === 'string' && ['true', 'false', '1', '0'].includes(value.trim().toLowerCase());
}

function describeValue(name: string, value: unknown, names: ParameterNames): string {
  if (name === 'enrollment_term_id' || name === 'enrollment_term') {
    const text = String(value);
    if (text === ACTIVE_TERMS) return 'All active terms';
    return text
      .split(',')
      .map((id) => names.termName?.(id.trim()) ?? `Term ${id.trim()}`)
      .join(', ');
  }
  if (name === 'course_id') return names.courseName?.(String(value)) ?? `Course ${String(value)}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/**
 * The parameters of a run as an admin reads them: flags that are set become a list of labels
 * ("Users, Courses"), other values are named; unset flags and Canvas's own keys are left out.
 */
export function describeRunParameters(
  parameters: Record<string, unknown>,
  names: ParameterNames = {},
): { flags: string[]; values: ShownParameter[] } {
  const flags: string[] = [];
  const values: ShownParameter[] = [];
  for (const [name, value] of Object.entries(rerunParameters(parameters))) {
    if (value === null || value === undefined || value === '') continue;
    if (looksLikeFlag(value)) {
      if (isTruthyFlag(value)) flags.push(parameterLabel(name));
      continue;
    }
    values.push({ name, label: parameterLabel(name), value: describeValue(name, value, names) });
  }
  return { flags, values };
}
