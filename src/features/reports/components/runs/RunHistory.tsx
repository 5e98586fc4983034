import { Center, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { AccountReport } from '../../../../api/schemas/accountReport.ts';
import { ErrorAlert } from '../../../../components/ErrorAlert.tsx';
import { PageNavigation } from '../../../../components/table/PageNavigation.tsx';
import { useReportHistory } from '../../api/getReportHistory.ts';
import type { ParameterNames } from '../../model/runParameters.ts';
import { isActiveRun, statusLabel } from '../../model/runStatus.ts';
import { RunCard } from './RunCard.tsx';

export const HISTORY_PAGE_SIZES = [5, 10, 25, 50] as const;

export interface RunHistoryProps {
  accountId: number;
  report: string;
  title: string;
  page: number;
  perPage: number;
  highlightedRunId: number | undefined;
  names: ParameterNames;
  onPageChange: (page: number) => void;
  onPerPageChange: (perPage: number) => void;
  onPreview: (file: { url: string; name: string }) => void;
  onAbort: (run: AccountReport) => void;
  onDelete: (run: AccountReport) => void;
  onRerun: (run: AccountReport) => void;
  abortingRunId: number | null;
  rerunningRunId: number | null;
}

/** What changed since the last look, in words: "Provisioning #12: Complete." */
function statusChanges(
  previous: Map<number, string>,
  runs: readonly AccountReport[],
  title: string,
): string[] {
  return runs
    .filter((run) => previous.has(run.id) && previous.get(run.id) !== run.status)
    .map((run) => `${title} #${run.id}: ${statusLabel(run.status)}.`);
}

/** The runs of one report on this account, newest first, a page at a time, polled while any runs. */
export function RunHistory({
  accountId,
  report,
  title,
  page,
  perPage,
  highlightedRunId,
  names,
  onPageChange,
  onPerPageChange,
  ...actions
}: RunHistoryProps) {
  const history = useReportHistory(accountId, report, page, perPage);
  const runs = history.data?.items ?? [];
  const [announcement, setAnnouncement] = useState('');
  const seenStatuses = useRef(new Map<number, string>());
  // Runs watched while running keep their (full) bar after finishing, so the end is seen, not a jump.
  const [watchedIds, setWatchedIds] = useState<ReadonlySet<number>>(() => new Set());

  useEffect(() => {
    const changes = statusChanges(seenStatuses.current, runs, title);
    if (changes.length > 0) setAnnouncement(changes.join(' '));
    seenStatuses.current = new Map(runs.map((run) => [run.id, run.status]));
    const newlyActive = runs.filter((run) => isActiveRun(run) && !watchedIds.has(run.id));
    if (newlyActive.length > 0) setWatchedIds(new Set([...watchedIds, ...newlyActive.map((run) => run.id)]));
  }, [runs, title, watchedIds]);

  // A run opened from the tray or its notification is brought into view once it is listed.
  const highlightedListed = highlightedRunId !== undefined && runs.some((run) => run.id === highlightedRunId);
  useEffect(() => {
    if (highlightedListed)
      document.getElementById(`report-run-${highlightedRunId}`)?.scrollIntoView({ block: 'center' });
  }, [highlightedListed, highlightedRunId]);

  return (
    <Stack gap="sm">
      <VisuallyHidden aria-live="polite" aria-atomic>
        {announcement}
      </VisuallyHidden>
      {history.isPending ? (
        <Center p="md" aria-live="polite">
          <Loader size="sm" aria-label="Loading runs" />
        </Center>
      ) : history.isError ? (
        <ErrorAlert title="Could not load the runs" error={history.error} onRetry={() => history.refetch()} />
      ) : runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {page > 1 ? 'No runs on this page.' : 'This report has not been run on this account yet.'}
        </Text>
      ) : (
        runs.map((run) => (
          <RunCard
            key={run.id}
            run={run}
            title={title}
            names={names}
            highlighted={run.id === highlightedRunId}
            showProgress={isActiveRun(run) || watchedIds.has(run.id)}
            onPreview={actions.onPreview}
            onAbort={actions.onAbort}
            onDelete={actions.onDelete}
            onRerun={actions.onRerun}
            aborting={actions.abortingRunId === run.id}
            rerunning={actions.rerunningRunId === run.id}
          />
        ))
      )}
      {(page > 1 || history.data?.hasNext) && (
        <PageNavigation
          label={`${title} runs`}
          page={page}
          hasPrevious={page > 1}
          hasNext={history.data?.hasNext ?? false}
          perPage={perPage}
          perPageOptions={HISTORY_PAGE_SIZES}
          onPageChange={onPageChange}
          onPerPageChange={onPerPageChange}
          pending={history.isPlaceholderData}
        />
      )}
    </Stack>
  );
}
