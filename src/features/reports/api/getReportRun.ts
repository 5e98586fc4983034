import { queryOptions, useQueries } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountReport } from '../../../api/schemas/accountReport.ts';
import { isActiveRun } from '../model/runStatus.ts';
import { reportKeys } from './keys.ts';
import { pollWhileActive } from './pollWhileActive.ts';

export interface RunRef {
  accountId: number;
  report: string;
  runId: number;
}

/** GET /api/v1/accounts/:id/reports/:report/:run_id: one run's status. */
export function fetchReportRun(
  { accountId, report, runId }: RunRef,
  signal?: AbortSignal,
): Promise<AccountReport> {
  return canvasFetch(`/api/v1/accounts/${accountId}/reports/${encodeURIComponent(report)}/${runId}`, {
    schema: AccountReport,
    signal,
  });
}

// Made once: the backoff remembers, per query, when polling began.
const pollRun = pollWhileActive((run: AccountReport) => isActiveRun(run));

export function reportRunQueryOptions(ref: RunRef) {
  return queryOptions({
    queryKey: reportKeys.run(ref.accountId, ref.report, ref.runId),
    queryFn: ({ signal }) => fetchReportRun(ref, signal),
    refetchInterval: pollRun,
    // A status is only worth as much as its age; every mount asks again.
    staleTime: 0,
  });
}

/** The status of several runs at once, each polled with backoff until it finishes (the tray). */
export function useReportRuns(refs: readonly RunRef[]) {
  return useQueries({ queries: refs.map((ref) => reportRunQueryOptions(ref)) });
}
