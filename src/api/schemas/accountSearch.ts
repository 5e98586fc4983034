import * as z from 'zod';

/** One hit of the hosted-only account domain lookup `GET /accounts/search` (at most five). */
export const AccountDomain = z.looseObject({
  name: z.string(),
  domain: z.string(),
  /** Always null nowadays. */
  distance: z.number().nullable(),
  authentication_provider: z.string().nullable(),
});
export type AccountDomain = z.output<typeof AccountDomain>;
