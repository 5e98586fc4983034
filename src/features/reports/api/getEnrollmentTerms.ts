import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { EnrollmentTerm } from '../../../api/schemas/enrollmentTerm.ts';
import { reportKeys } from './keys.ts';

/** GET /api/v1/accounts/:root/terms, every page: terms belong to the root account. */
export function fetchEnrollmentTerms(rootAccountId: number, signal?: AbortSignal): Promise<EnrollmentTerm[]> {
  return paginate(`/api/v1/accounts/${rootAccountId}/terms`, {
    schema: EnrollmentTerm,
    // The list comes wrapped: {"enrollment_terms": [...]}.
    select: (body) => (body as { enrollment_terms?: unknown } | null)?.enrollment_terms,
    signal,
  });
}

export function enrollmentTermsQueryOptions(rootAccountId: number) {
  return queryOptions({
    queryKey: reportKeys.terms(rootAccountId),
    queryFn: ({ signal }) => fetchEnrollmentTerms(rootAccountId, signal),
    // Terms change a few times a year.
    staleTime: 10 * 60_000,
  });
}

export function useEnrollmentTerms(rootAccountId: number | null) {
  return useQuery({ ...enrollmentTermsQueryOptions(rootAccountId ?? 0), enabled: rootAccountId !== null });
}
