import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { ReportType } from '../../../api/schemas/accountReport.ts';
import { isActiveRun } from '../model/runStatus.ts';
import { reportKeys } from './keys.ts';
import { pollWhileActive } from './pollWhileActive.ts';

/**
 * GET /api/v1/accounts/:id/reports?include[]=description_html: every report type the account can
 * run with its last run. One unpaginated array, whatever the docs say.
 */
export function fetchReportTypes(accountId: number, signal?: AbortSignal): Promise<ReportType[]> {
  return canvasFetch(`/api/v1/accounts/${accountId}/reports`, {
    schema: z.array(ReportType),
    params: { include: ['description_html'] },
    signal,
  });
}

const hasActiveLastRun = (types: ReportType[]) =>
  types.some((type) => type.last_run !== null && type.last_run !== undefined && isActiveRun(type.last_run));
// Made once: the backoff remembers, per query, when polling began.
const pollCatalogue = pollWhileActive(hasActiveLastRun);

export function reportTypesQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: reportKeys.catalogue(accountId),
    queryFn: ({ signal }) => fetchReportTypes(accountId, signal),
    // The last-run badges follow a running report too.
    refetchInterval: pollCatalogue,
  });
}

export function useReportTypes(accountId: number | null) {
  return useQuery({ ...reportTypesQueryOptions(accountId ?? 0), enabled: accountId !== null });
}
