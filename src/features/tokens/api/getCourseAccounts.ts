import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Account } from '../../../api/schemas/account.ts';
import { tokenKeys } from './keys.ts';

/** GET /api/v1/course_accounts: accounts of the courses the caller teaches, assists or designs. */
export function fetchCourseAccounts(signal?: AbortSignal): Promise<Account[]> {
  return paginate('/api/v1/course_accounts', { schema: Account, signal });
}

export function courseAccountsQueryOptions() {
  return queryOptions({
    queryKey: tokenKeys.courseAccounts(),
    queryFn: ({ signal }) => fetchCourseAccounts(signal),
    staleTime: 5 * 60_000,
  });
}

/** Only asked when the caller administers nothing: admins are never held to the student rule. */
export function useCourseAccounts(enabled: boolean) {
  return useQuery({ ...courseAccountsQueryOptions(), enabled });
}
