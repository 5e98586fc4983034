/** The page address of one run, for the tray and the "finished" notification. */
export function runPagePath({
  accountId,
  report,
  runId,
}: {
  accountId: number;
  report: string;
  runId: number;
}) {
  const search = new URLSearchParams({ account: String(accountId), report, run: String(runId) });
  return `/reports?${search.toString()}`;
}
