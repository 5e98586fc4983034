import * as z from 'zod';
import { Account } from './account.ts';
import { CanvasId, IsoDateTime } from './primitives.ts';

const RolePermission = z.looseObject({
  enabled: z.boolean(),
  locked: z.boolean(),
  readonly: z.boolean(),
  explicit: z.boolean(),
  /** Only when `explicit`. */
  prior_default: z.boolean().optional(),
  /** Only when `enabled`. */
  applies_to_self: z.boolean().optional(),
  applies_to_descendants: z.boolean().optional(),
  /** Granular permissions name their group. */
  group: z.string().optional(),
});

/** `role_json` (`lib/api/v1/role.rb`). */
export const Role = z.looseObject({
  id: CanvasId,
  /** Built-in names such as `TeacherEnrollment` or `AccountAdmin`, or a custom role's name. */
  role: z.string(),
  label: z.string(),
  /** `AccountMembership` for every account role, `AccountAdmin` included. */
  base_role_type: z.string(),
  workflow_state: z.enum(['built_in', 'active', 'inactive']),
  is_account_role: z.boolean(),
  /** Formatted in the caller's time zone, so it carries an offset. */
  created_at: IsoDateTime,
  last_updated_at: IsoDateTime,
  /** Custom roles only. */
  account: Account.optional(),
  permissions: z.record(z.string(), RolePermission),
});
export type Role = z.output<typeof Role>;
