import * as z from 'zod';
import { CanvasId } from './primitives.ts';
import { User } from './user.ts';

/** An account membership (`lib/api/v1/admin.rb`); `id` is the membership's id, not the user's. */
export const Admin = z.looseObject({
  id: CanvasId,
  /** `AccountAdmin` or a custom account role's name. */
  role: z.string(),
  role_id: CanvasId,
  user: User,
  workflow_state: z.enum(['active', 'deleted']),
});
export type Admin = z.output<typeof Admin>;
