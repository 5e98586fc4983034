import { useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { CanvasId } from '../../../api/schemas/primitives.ts';
import { notificationKeys } from './keys.ts';

/** The part of `user_profile_json` this area reads: Canvas always sends the zone as an IANA name. */
export const OwnProfile = z.looseObject({
  id: CanvasId,
  time_zone: z.string().nullish(),
});
export type OwnProfile = z.output<typeof OwnProfile>;

/** GET /api/v1/users/self/profile. */
export function fetchOwnProfile(signal?: AbortSignal): Promise<OwnProfile> {
  return canvasFetch('/api/v1/users/self/profile', { schema: OwnProfile, signal });
}

export function useOwnProfile() {
  return useQuery({
    queryKey: notificationKeys.ownProfile(),
    queryFn: ({ signal }) => fetchOwnProfile(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
