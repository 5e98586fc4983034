/**
 * Query keys of the reports area, broad to specific: `reportKeys.runs()` covers every loaded run
 * status and `reportKeys.histories()` every history page, so a change refreshes them in one line.
 */
export const reportKeys = {
  all: ['reports'] as const,
  account: (accountId: number) => [...reportKeys.all, 'account', accountId] as const,
  catalogues: () => [...reportKeys.all, 'catalogue'] as const,
  /** GET /accounts/:id/reports: the report types with their last runs. */
  catalogue: (accountId: number) => [...reportKeys.catalogues(), accountId] as const,
  histories: () => [...reportKeys.all, 'history'] as const,
  historiesOf: (accountId: number, report: string) => [...reportKeys.histories(), accountId, report] as const,
  history: (accountId: number, report: string, page: number, perPage: number) =>
    [...reportKeys.historiesOf(accountId, report), { page, perPage }] as const,
  runs: () => [...reportKeys.all, 'run'] as const,
  run: (accountId: number, report: string, runId: number) =>
    [...reportKeys.runs(), accountId, report, runId] as const,
  courseSearch: (accountId: number, searchTerm: string) =>
    [...reportKeys.all, 'course-search', accountId, searchTerm] as const,
};
