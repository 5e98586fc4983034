import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { HelpLinks } from '../../../api/schemas/helpLinks.ts';
import { accountKeys } from './keys.ts';

/** GET /api/v1/accounts/:id/help_links: the root account's help menu; `{}` for sub-accounts. */
export function fetchHelpLinks(accountId: number, signal?: AbortSignal): Promise<HelpLinks> {
  return canvasFetch(`/api/v1/accounts/${accountId}/help_links`, { schema: HelpLinks, signal });
}

export function helpLinksQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: accountKeys.helpLinks(accountId),
    queryFn: ({ signal }) => fetchHelpLinks(accountId, signal),
  });
}

export function useHelpLinks(accountId: number) {
  return useQuery(helpLinksQueryOptions(accountId));
}
