import * as z from 'zod';

/** `GET /settings/environment`: only the settings stored explicitly on the root account, so `{}` is valid. */
export const EnvironmentSettings = z.looseObject({
  calendar_contexts_limit: z.int().optional(),
  open_registration: z.boolean().optional(),
  enable_inbox_signature_block: z.boolean().optional(),
  disable_inbox_signature_block_for_students: z.boolean().optional(),
  enable_inbox_auto_response: z.boolean().optional(),
  disable_inbox_auto_response_for_students: z.boolean().optional(),
});
export type EnvironmentSettings = z.output<typeof EnvironmentSettings>;
