import * as z from 'zod';
import { CanvasId, IsoDateTime } from './primitives.ts';

const TermDates = z.looseObject({ start_at: IsoDateTime.nullable(), end_at: IsoDateTime.nullable() });

export const EnrollmentTerm = z.looseObject({
  id: CanvasId,
  name: z.string(),
  start_at: IsoDateTime.nullable(),
  end_at: IsoDateTime.nullable(),
  /** Only on recent Canvas. */
  created_at: IsoDateTime.optional(),
  workflow_state: z.enum(['active', 'deleted']),
  grading_period_group_id: CanvasId.nullable(),
  sis_term_id: z.string().nullable().optional(),
  sis_import_id: CanvasId.nullable().optional(),
  /** `include[]=overrides`: dates per enrollment type, e.g. `StudentEnrollment`. */
  overrides: z.record(z.string(), TermDates).optional(),
  course_count: z.int().optional(),
  /** Present when the list was asked for `subaccount_id`. */
  used_in_subaccount: z.boolean().optional(),
});
export type EnrollmentTerm = z.output<typeof EnrollmentTerm>;

/** `GET /accounts/:id/terms` wraps its page of terms in an object. */
export const EnrollmentTermsList = z.looseObject({ enrollment_terms: z.array(EnrollmentTerm) });
export type EnrollmentTermsList = z.output<typeof EnrollmentTermsList>;
