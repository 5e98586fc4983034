import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../api/paginate.ts';
import { EnrollmentTerm } from '../api/schemas/enrollmentTerm.ts';

/**
 * GET /api/v1/accounts/:root/terms, every page. Terms belong to root accounts only (Canvas answers 400
 * for a sub-account), and listing them needs read_terms on the root.
 */
export function fetchEnrollmentTerms(rootAccountId: number, signal?: AbortSignal): Promise<EnrollmentTerm[]> {
  return paginate(`/api/v1/accounts/${rootAccountId}/terms`, {
    schema: EnrollmentTerm,
    // The list comes wrapped: {"enrollment_terms": [...]}.
    select: (body) => (body as { enrollment_terms?: unknown } | null)?.enrollment_terms,
    signal,
  });
}

/** One cache entry per root, shared by the course filters and the report forms. */
export function enrollmentTermsQueryOptions(rootAccountId: number) {
  return queryOptions({
    queryKey: ['enrollment-terms', rootAccountId] as const,
    queryFn: ({ signal }) => fetchEnrollmentTerms(rootAccountId, signal),
    // Terms change a few times a year.
    staleTime: 10 * 60_000,
  });
}

/** The root's terms; waits while the root is not known yet (null). */
export function useEnrollmentTerms(rootAccountId: number | null) {
  return useQuery({ ...enrollmentTermsQueryOptions(rootAccountId ?? 0), enabled: rootAccountId !== null });
}
