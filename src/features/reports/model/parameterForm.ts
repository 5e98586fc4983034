import * as z from 'zod';
import type { ReportParameterInfo } from '../../../api/schemas/accountReport.ts';

/** How a parameter is edited. Canvas only names parameters, so the kind is known by name. */
export type ParameterKind = 'term' | 'date' | 'course' | 'select' | 'multiselect' | 'boolean' | 'text';

export interface ParameterOption {
  value: string;
  label: string;
}

export interface ParameterField {
  name: string;
  kind: ParameterKind;
  label: string;
  description: string;
  required: boolean;
  /** For `select` and `multiselect`. */
  options?: readonly ParameterOption[];
  /** For `select`: the option meaning "not sent" (Canvas's default), if any. */
  emptyLabel?: string;
}

export type ParameterValue = string | boolean | string[];
export type ParameterValues = Record<string, ParameterValue>;

/** The value of `enrollment_term_id` that Canvas reads as "every term that is active now". */
export const ACTIVE_TERMS = 'active_terms';

/** The SIS entities a provisioning or SIS export writes one CSV each for (`sis_exporter.rb`). */
export const EXPORT_ENTITIES = [
  'users',
  'accounts',
  'terms',
  'courses',
  'sections',
  'enrollments',
  'groups',
  'group_categories',
  'group_membership',
  'xlist',
  'user_observers',
  'admins',
] as const;
const ENTITY_NAMES: ReadonlySet<string> = new Set(EXPORT_ENTITIES);
const EXPORT_REPORTS: ReadonlySet<string> = new Set(['provisioning_csv', 'sis_export_csv']);

const ENROLLMENT_STATES: readonly ParameterOption[] = [
  'active',
  'invited',
  'creation_pending',
  'deleted',
  'rejected',
  'completed',
  'inactive',
].map((value) => ({ value, label: humanize(value) }));

const ENROLLMENT_TYPES: readonly ParameterOption[] = [
  { value: 'StudentEnrollment', label: 'Students' },
  { value: 'TeacherEnrollment', label: 'Teachers' },
  { value: 'TaEnrollment', label: 'TAs' },
  { value: 'DesignerEnrollment', label: 'Designers' },
  { value: 'ObserverEnrollment', label: 'Observers' },
];

interface KnownParameter {
  kind: ParameterKind;
  label: string;
  options?: readonly ParameterOption[];
  emptyLabel?: string;
}

/** Parameters of Canvas's default report types (`engine.rb`), by name. */
const KNOWN_PARAMETERS: Record<string, KnownParameter> = {
  enrollment_term_id: { kind: 'term', label: 'Term' },
  enrollment_term: { kind: 'term', label: 'Term' },
  start_at: { kind: 'date', label: 'Start date' },
  end_at: { kind: 'date', label: 'End date' },
  course_id: { kind: 'course', label: 'Course' },
  order: {
    kind: 'select',
    label: 'Order',
    options: ['users', 'courses', 'outcomes'].map((value) => ({ value, label: `By ${value}` })),
    emptyLabel: 'Default order',
  },
  enrollment_state: {
    kind: 'select',
    label: 'Enrollment state',
    options: ENROLLMENT_STATES,
    emptyLabel: 'All states',
  },
  enrollment_states: { kind: 'multiselect', label: 'Enrollment states', options: ENROLLMENT_STATES },
  enrollment_filter: { kind: 'multiselect', label: 'Enrollment roles', options: ENROLLMENT_TYPES },
  users: { kind: 'boolean', label: 'Users' },
  accounts: { kind: 'boolean', label: 'Accounts' },
  terms: { kind: 'boolean', label: 'Terms' },
  courses: { kind: 'boolean', label: 'Courses' },
  sections: { kind: 'boolean', label: 'Sections' },
  enrollments: { kind: 'boolean', label: 'Enrollments' },
  groups: { kind: 'boolean', label: 'Groups' },
  group_categories: { kind: 'boolean', label: 'Group categories' },
  group_membership: { kind: 'boolean', label: 'Group memberships' },
  xlist: { kind: 'boolean', label: 'Cross-listed sections' },
  user_observers: { kind: 'boolean', label: 'User observers' },
  admins: { kind: 'boolean', label: 'Admins' },
  created_by_sis: { kind: 'boolean', label: 'Only objects created by SIS' },
  include_deleted: { kind: 'boolean', label: 'Include deleted objects' },
  no_enrollments: { kind: 'boolean', label: 'Only users without enrollments' },
  include_enrollment_state: { kind: 'boolean', label: 'Include the enrollment state' },
};

/** Longest range Canvas's "Students with no submissions" accepts. */
export const MAX_NO_SUBMISSIONS_RANGE_DAYS = 14;
const DAY_MS = 24 * 3600_000;

export function humanize(name: string): string {
  const words = name.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a parameter name, known or not. */
export function parameterLabel(name: string): string {
  return KNOWN_PARAMETERS[name]?.label ?? humanize(name);
}

/**
 * A parameter Canvas knows but we don't is a flag if its name reads like one; ids and free values
 * get a text box, dates a date picker, so a newer Canvas's report still runs.
 */
function kindOfUnknown(name: string): ParameterKind {
  if (name.endsWith('_at') || name.endsWith('_date')) return 'date';
  if (name.endsWith('_id') || name.endsWith('_ids') || name.endsWith('_name')) return 'text';
  return 'boolean';
}

/** Form fields for a report type's parameters, in Canvas's order: pickers first, then the checkboxes. */
export function buildParameterFields(
  parameters: Record<string, ReportParameterInfo> | null,
): ParameterField[] {
  if (!parameters) return [];
  const fields = Object.entries(parameters).map(([name, info]): ParameterField => {
    const known = KNOWN_PARAMETERS[name];
    return {
      name,
      kind: known?.kind ?? kindOfUnknown(name),
      label: known?.label ?? humanize(name),
      description: info.description,
      required: info.required,
      options: known?.options,
      emptyLabel: known?.emptyLabel,
    };
  });
  const rank = (field: ParameterField) => (field.kind === 'boolean' ? 1 : 0);
  return fields.sort((a, b) => rank(a) - rank(b));
}

/** True when the report writes one CSV per checked SIS entity. */
export function isExportReport(report: string): boolean {
  return EXPORT_REPORTS.has(report);
}

export function isEntityField(report: string, field: ParameterField): boolean {
  return isExportReport(report) && ENTITY_NAMES.has(field.name);
}

export function emptyValue(field: ParameterField): ParameterValue {
  if (field.kind === 'boolean') return false;
  if (field.kind === 'multiselect') return [];
  return '';
}

export function initialParameterValues(fields: readonly ParameterField[]): ParameterValues {
  return Object.fromEntries(fields.map((field) => [field.name, emptyValue(field)]));
}

function isBlank(value: ParameterValue | undefined): boolean {
  if (value === undefined || value === false || value === '') return true;
  return Array.isArray(value) && value.length === 0;
}

/** `YYYY-MM-DD` to the epoch milliseconds of that day's start (UTC, only compared with each other). */
function dayOf(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The rules Canvas's reports apply to their parameters, checked before a run is started so the
 * admin does not wait for a job to fail: required values, at least one entity for an export, valid
 * dates in order, Canvas's two-week window for "Students with no submissions", and no future start
 * for "Zero activity" (its range ends at the run time).
 */
export function parameterFormSchema(report: string, fields: readonly ParameterField[], today: string) {
  return z
    .record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())]))
    .superRefine((values, context) => {
      const text = (name: string) => {
        const value = values[name];
        return typeof value === 'string' ? value.trim() : '';
      };
      for (const field of fields) {
        const value = values[field.name];
        // A required checkbox would force one answer; Canvas's flags are advisory, so only values are required.
        if (field.required && field.kind !== 'boolean' && isBlank(value)) {
          context.addIssue({ code: 'custom', path: [field.name], message: `${field.label} is required` });
        }
        if (field.kind === 'date' && text(field.name) !== '' && !DATE.test(text(field.name))) {
          context.addIssue({ code: 'custom', path: [field.name], message: 'Enter a date as YYYY-MM-DD' });
        }
        if (field.kind === 'course' && text(field.name) !== '' && !/^\d+$/.test(text(field.name))) {
          context.addIssue({ code: 'custom', path: [field.name], message: 'Pick a course from the list' });
        }
      }
      const entities = fields.filter((field) => isEntityField(report, field));
      if (entities.length > 0 && !entities.some((field) => values[field.name] === true)) {
        context.addIssue({
          code: 'custom',
          path: ['entities'],
          message: 'Choose at least one kind of data to export',
        });
      }
      const start = text('start_at');
      const end = text('end_at');
      const hasDates = DATE.test(start) && DATE.test(end);
      if (hasDates && dayOf(end) < dayOf(start)) {
        context.addIssue({
          code: 'custom',
          path: ['end_at'],
          message: 'The end date is before the start date',
        });
      } else if (
        hasDates &&
        report === 'students_with_no_submissions_csv' &&
        dayOf(end) - dayOf(start) > MAX_NO_SUBMISSIONS_RANGE_DAYS * DAY_MS
      ) {
        context.addIssue({
          code: 'custom',
          path: ['end_at'],
          message: `The range can be at most ${MAX_NO_SUBMISSIONS_RANGE_DAYS} days`,
        });
      }
      if (report === 'zero_activity_csv' && DATE.test(start) && dayOf(start) > dayOf(today)) {
        context.addIssue({
          code: 'custom',
          path: ['start_at'],
          message: 'The start date must not be in the future',
        });
      }
    });
}

export type ParameterErrors = Record<string, string>;

/** Validates the form; the errors are keyed by parameter name (`entities` for the export group). */
export function validateParameters(
  report: string,
  fields: readonly ParameterField[],
  values: ParameterValues,
  today: string,
): { ok: true; parameters: Record<string, unknown> } | { ok: false; errors: ParameterErrors } {
  const result = parameterFormSchema(report, fields, today).safeParse(values);
  if (!result.success) {
    const errors: ParameterErrors = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, parameters: toCanvasParameters(fields, values) };
}

/**
 * What is POSTed as `parameters`: unchecked flags and empty values are left out (Canvas treats an
 * absent parameter as its default), checked flags are JSON `true`, lists are comma-joined.
 */
export function toCanvasParameters(
  fields: readonly ParameterField[],
  values: ParameterValues,
): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || isBlank(value)) continue;
    if (Array.isArray(value)) parameters[field.name] = value.join(',');
    else parameters[field.name] = typeof value === 'string' ? value.trim() : value;
  }
  return parameters;
}
