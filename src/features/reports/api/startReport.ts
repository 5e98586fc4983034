import { useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod';
import { CanvasApiError } from '../../../api/errors.ts';
import { canvasFetch } from '../../../api/http.ts';
import { AccountReport } from '../../../api/schemas/accountReport.ts';
import { reportKeys } from './keys.ts';

export const StartReportInput = z.object({
  accountId: z.number().int().positive(),
  report: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()),
});
export type StartReportInput = z.input<typeof StartReportInput>;

export interface StartedReport {
  run: AccountReport;
  /** Canvas answered 409: the same report with the same parameters is already running; this is that run. */
  alreadyRunning: boolean;
}

/**
 * POST /api/v1/accounts/:id/reports/:report. A 409 is not a failure to the admin: Canvas names the
 * identical run already in progress (its Report JSON is the body), and that run is what they wanted.
 */
export async function startReport(input: StartReportInput): Promise<StartedReport> {
  const { accountId, report, parameters } = StartReportInput.parse(input);
  try {
    const run = await canvasFetch(`/api/v1/accounts/${accountId}/reports/${encodeURIComponent(report)}`, {
      method: 'POST',
      body: { parameters },
      schema: AccountReport,
    });
    return { run, alreadyRunning: false };
  } catch (error) {
    if (error instanceof CanvasApiError && error.status === 409) {
      const existing = AccountReport.safeParse(error.body);
      if (existing.success) return { run: existing.data, alreadyRunning: true };
    }
    throw error;
  }
}

export function useStartReport({ onStarted }: { onStarted?: (started: StartedReport) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startReport,
    onSuccess: async (started, input) => {
      queryClient.setQueryData(reportKeys.run(input.accountId, input.report, started.run.id), started.run);
      onStarted?.(started);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: reportKeys.historiesOf(input.accountId, input.report) }),
        queryClient.invalidateQueries({ queryKey: reportKeys.catalogue(input.accountId) }),
      ]);
    },
  });
}
