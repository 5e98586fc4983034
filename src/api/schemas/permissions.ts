import * as z from 'zod';

/** `GET /accounts/:id/permissions`: one boolean per permission asked for (every right if none were). */
export const AccountPermissions = z.record(z.string(), z.boolean());
export type AccountPermissions = z.output<typeof AccountPermissions>;
