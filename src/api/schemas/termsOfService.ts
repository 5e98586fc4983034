import * as z from 'zod';
import { CanvasId } from './primitives.ts';

/** Always the root account's terms, whichever account the path names. */
export const TermsOfService = z.looseObject({
  id: CanvasId,
  terms_type: z.enum(['default', 'custom', 'no_terms']),
  /** True when users are not forced to accept. */
  passive: z.boolean(),
  account_id: CanvasId,
  /** Custom HTML when `terms_type` is `custom`. */
  content: z.string().nullable(),
  /** Of the path account, unlike the rest. */
  self_registration_type: z.enum(['none', 'observer', 'all']),
});
export type TermsOfService = z.output<typeof TermsOfService>;
