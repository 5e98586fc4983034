import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PageResult } from '../../../api/http.ts';
import { fetchPage } from '../../../api/paginate.ts';
import { AccountReport } from '../../../api/schemas/accountReport.ts';
import { isActiveRun } from '../model/runStatus.ts';
import { reportKeys } from './keys.ts';
import { pollWhileActive } from './pollWhileActive.ts';

/** GET /api/v1/accounts/:id/reports/:report: one page of a report's runs, newest first. */
export function fetchReportHistory(
  accountId: number,
  report: string,
  page: number,
  perPage: number,
  signal?: AbortSignal,
): Promise<PageResult<AccountReport>> {
  return fetchPage(`/api/v1/accounts/${accountId}/reports/${encodeURIComponent(report)}`, {
    schema: AccountReport,
    page,
    perPage,
    signal,
  });
}

// Made once: the backoff remembers, per query, when polling began.
const pollHistory = pollWhileActive((result: PageResult<AccountReport>) => result.items.some(isActiveRun));

export function reportHistoryQueryOptions(accountId: number, report: string, page: number, perPage: number) {
  return queryOptions({
    queryKey: reportKeys.history(accountId, report, page, perPage),
    queryFn: ({ signal }) => fetchReportHistory(accountId, report, page, perPage, signal),
    placeholderData: keepPreviousData,
    // Progress bars of the runs on this page move while any of them runs.
    refetchInterval: pollHistory,
  });
}

export function useReportHistory(accountId: number, report: string, page: number, perPage: number) {
  return useQuery(reportHistoryQueryOptions(accountId, report, page, perPage));
}
