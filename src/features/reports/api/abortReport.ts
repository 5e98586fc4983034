import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountReport } from '../../../api/schemas/accountReport.ts';
import type { RunRef } from './getReportRun.ts';
import { reportKeys } from './keys.ts';

/** PUT /api/v1/accounts/:id/reports/:report/:run_id/abort: only queued or running runs (else 404). */
export function abortReport({ accountId, report, runId }: RunRef): Promise<AccountReport> {
  return canvasFetch(`/api/v1/accounts/${accountId}/reports/${encodeURIComponent(report)}/${runId}/abort`, {
    method: 'PUT',
    schema: AccountReport,
  });
}

export function useAbortReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: abortReport,
    onSettled: async (_run, _error, ref) => {
      // Also after a 404: the run finished meanwhile, and the page should show how.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: reportKeys.run(ref.accountId, ref.report, ref.runId) }),
        queryClient.invalidateQueries({ queryKey: reportKeys.historiesOf(ref.accountId, ref.report) }),
        queryClient.invalidateQueries({ queryKey: reportKeys.catalogue(ref.accountId) }),
      ]);
    },
  });
}
