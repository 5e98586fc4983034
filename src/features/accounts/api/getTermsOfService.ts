import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { TermsOfService } from '../../../api/schemas/termsOfService.ts';
import { accountKeys } from './keys.ts';

/** GET /api/v1/accounts/:id/terms_of_service: always the root account's terms. */
export function fetchTermsOfService(accountId: number, signal?: AbortSignal): Promise<TermsOfService> {
  return canvasFetch(`/api/v1/accounts/${accountId}/terms_of_service`, { schema: TermsOfService, signal });
}

export function termsOfServiceQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: accountKeys.termsOfService(accountId),
    queryFn: ({ signal }) => fetchTermsOfService(accountId, signal),
  });
}

export function useTermsOfService(accountId: number) {
  return useQuery(termsOfServiceQueryOptions(accountId));
}
