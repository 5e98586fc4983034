import * as z from 'zod';

// Some settings are stored as `{value, locked}` pairs rather than bare booleans, depending on the key
// and the Canvas version.
const LockableBoolean = z.union([
  z.boolean(),
  z.looseObject({ value: z.boolean(), locked: z.boolean().optional() }),
]);

/** `GET /accounts/:id/settings`: each key appears only when its value is set, so `{}` is common. */
export const AccountSettings = z.looseObject({
  microsoft_sync_enabled: LockableBoolean.optional(),
  microsoft_sync_tenant: z.string().optional(),
  microsoft_sync_login_attribute: z.string().optional(),
  microsoft_sync_login_attribute_suffix: z.string().optional(),
  microsoft_sync_remote_attribute: z.string().optional(),
  enable_as_k5_account: LockableBoolean.optional(),
  use_classic_font_in_k5: LockableBoolean.optional(),
  allow_assign_to_differentiation_tags: LockableBoolean.optional(),
  horizon_account: LockableBoolean.optional(),
  /** Only with password complexity enabled on a non-Site-Admin account; its keys vary by version. */
  password_policy: z.looseObject({}).optional(),
});
export type AccountSettings = z.output<typeof AccountSettings>;
