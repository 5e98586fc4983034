import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountReport } from '../../../api/schemas/accountReport.ts';
import type { RunRef } from './getReportRun.ts';
import { reportKeys } from './keys.ts';

/** DELETE /api/v1/accounts/:id/reports/:report/:run_id: a soft delete; the run leaves every list. */
export function deleteReport({ accountId, report, runId }: RunRef): Promise<AccountReport> {
  return canvasFetch(`/api/v1/accounts/${accountId}/reports/${encodeURIComponent(report)}/${runId}`, {
    method: 'DELETE',
    schema: AccountReport,
  });
}

export function useDeleteReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteReport,
    onSuccess: async (_run, ref) => {
      queryClient.removeQueries({ queryKey: reportKeys.run(ref.accountId, ref.report, ref.runId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: reportKeys.historiesOf(ref.accountId, ref.report) }),
        queryClient.invalidateQueries({ queryKey: reportKeys.catalogue(ref.accountId) }),
      ]);
    },
  });
}
