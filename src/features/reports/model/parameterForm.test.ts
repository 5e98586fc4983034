import { describe, expect, it } from 'vitest';
import {
  buildParameterFields,
  initialParameterValues,
  MAX_NO_SUBMISSIONS_RANGE_DAYS,
  toCanvasParameters,
  validateParameters,
} from './parameterForm.ts';

const info = (required = false) => ({ required, description: '' });
const provisioning = buildParameterFields({
  enrollment_term_id: info(),
  users: info(),
  courses: info(),
  include_deleted: info(),
  enrollment_states: info(),
});
const noSubmissions = buildParameterFields({
  enrollment_term_id: info(),
  course_id: info(),
  start_at: info(true),
  end_at: info(true),
  enrollment_state: info(),
});
const TODAY = '2026-11-27';

describe('buildParameterFields', () => {
  it('knows parameters by name and puts pickers before checkboxes', () => {
    expect(provisioning.map((field) => [field.name, field.kind])).toEqual([
      ['enrollment_term_id', 'term'],
      ['enrollment_states', 'multiselect'],
      ['users', 'boolean'],
      ['courses', 'boolean'],
      ['include_deleted', 'boolean'],
    ]);
    expect(noSubmissions.find((field) => field.name === 'start_at')).toMatchObject({
      kind: 'date',
      required: true,
      label: 'Start date',
    });
    expect(noSubmissions.find((field) => field.name === 'course_id')?.kind).toBe('course');
    expect(noSubmissions.find((field) => field.name === 'enrollment_state')?.options?.length).toBe(7);
  });

  it('degrades unknown parameters to dates, text boxes or checkboxes', () => {
    const fields = buildParameterFields({ due_at: info(), section_id: info(), only_active: info() });
    expect(fields.map((field) => [field.name, field.kind, field.label])).toEqual([
      ['due_at', 'date', 'Due at'],
      ['section_id', 'text', 'Section id'],
      ['only_active', 'boolean', 'Only active'],
    ]);
    expect(buildParameterFields(null)).toEqual([]);
  });
});

describe('validateParameters', () => {
  it('asks for at least one entity in an export', () => {
    const values = initialParameterValues(provisioning);
    expect(validateParameters('provisioning_csv', provisioning, values, TODAY)).toEqual({
      ok: false,
      errors: { entities: 'Choose at least one kind of data to export' },
    });
    // Other reports with the same flag names have no such rule.
    expect(validateParameters('grade_export_csv', provisioning, values, TODAY).ok).toBe(true);
  });

  it('sends checked flags as true, joins lists and leaves out empty values', () => {
    const values = {
      ...initialParameterValues(provisioning),
      users: true,
      enrollment_term_id: 'active_terms',
      enrollment_states: ['active', 'completed'],
    };
    expect(validateParameters('provisioning_csv', provisioning, values, TODAY)).toEqual({
      ok: true,
      parameters: { enrollment_term_id: 'active_terms', users: true, enrollment_states: 'active,completed' },
    });
    expect(toCanvasParameters(provisioning, initialParameterValues(provisioning))).toEqual({});
  });

  it('requires required values and checks the date range rules', () => {
    const base = initialParameterValues(noSubmissions);
    const missing = validateParameters('students_with_no_submissions_csv', noSubmissions, base, TODAY);
    expect(missing).toEqual({
      ok: false,
      errors: { start_at: 'Start date is required', end_at: 'End date is required' },
    });
    const reversed = { ...base, start_at: '2026-11-20', end_at: '2026-11-10' };
    expect(validateParameters('students_with_no_submissions_csv', noSubmissions, reversed, TODAY)).toEqual({
      ok: false,
      errors: { end_at: 'The end date is before the start date' },
    });
    const tooLong = { ...base, start_at: '2026-11-01', end_at: '2026-11-16' };
    expect(validateParameters('students_with_no_submissions_csv', noSubmissions, tooLong, TODAY)).toEqual({
      ok: false,
      errors: { end_at: `The range can be at most ${MAX_NO_SUBMISSIONS_RANGE_DAYS} days` },
    });
    const twoWeeks = { ...base, start_at: '2026-11-01', end_at: '2026-11-15', course_id: '42' };
    expect(validateParameters('students_with_no_submissions_csv', noSubmissions, twoWeeks, TODAY)).toEqual({
      ok: true,
      parameters: { course_id: '42', start_at: '2026-11-01', end_at: '2026-11-15' },
    });
    const badCourse = { ...twoWeeks, course_id: 'Biology' };
    expect(
      validateParameters('students_with_no_submissions_csv', noSubmissions, badCourse, TODAY),
    ).toMatchObject({
      ok: false,
      errors: { course_id: 'Pick a course from the list' },
    });
  });

  it('refuses a future start for zero activity', () => {
    const fields = buildParameterFields({ start_at: info() });
    expect(validateParameters('zero_activity_csv', fields, { start_at: '2026-12-01' }, TODAY)).toEqual({
      ok: false,
      errors: { start_at: 'The start date must not be in the future' },
    });
    expect(validateParameters('zero_activity_csv', fields, { start_at: TODAY }, TODAY).ok).toBe(true);
    expect(validateParameters('zero_activity_csv', fields, { start_at: '27/11/2026' }, TODAY)).toMatchObject({
      ok: false,
      errors: { start_at: 'Enter a date as YYYY-MM-DD' },
    });
  });
});
