import '@mantine/dates/styles.css';

import { Alert, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileOff } from '@tabler/icons-react';
import { useCallback, useEffect } from 'react';
import { z } from 'zod';
import type { AccountReport, ReportType } from '../../api/schemas/accountReport.ts';
import { useSession } from '../../app/session/session.ts';
import { AccountPicker } from '../../components/AccountPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { defaultManagedAccount, useAdministeredAccounts } from '../../lib/administeredAccounts.ts';
import { useUrlState } from '../../lib/urlState.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useReportAccount } from './api/getAccounts.ts';
import { useReportTypes } from './api/getReportTypes.ts';
import type { StartedReport } from './api/startReport.ts';
import { ReportCatalogue } from './components/ReportCatalogue.tsx';
import { ReportDetail } from './components/ReportDetail.tsx';
import { HISTORY_PAGE_SIZES } from './components/runs/RunHistory.tsx';
import { useTrackedRuns } from './components/tray/useTrackedRuns.ts';
import { isActiveRun, progressOf } from './model/runStatus.ts';

const DEFAULT_PER_PAGE = 10;

/** What a shared link carries: the account, the report, the history page, and a run to point at. */
const ReportsSearch = z.object({
  account: z.coerce.number().int().positive().optional().catch(undefined),
  report: z.string().min(1).optional().catch(undefined),
  page: z.coerce.number().int().positive().catch(1).default(1),
  per_page: z.coerce
    .number()
    .int()
    .refine((value) => (HISTORY_PAGE_SIZES as readonly number[]).includes(value))
    .catch(DEFAULT_PER_PAGE)
    .default(DEFAULT_PER_PAGE),
  run: z.coerce.number().int().positive().optional().catch(undefined),
});
type ReportsSearch = z.output<typeof ReportsSearch>;

function PageSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading reports">
      <Skeleton height={36} width={380} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={400} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton height={400} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function trackedFrom(accountId: number, title: string, run: AccountReport) {
  return {
    accountId,
    report: run.report,
    runId: run.id,
    title,
    status: run.status,
    progress: progressOf(run),
    trackedAt: new Date().toISOString(),
  };
}

interface WorkspaceProps {
  accountId: number;
  userId: number | null;
  search: ReportsSearch;
  setSearch: (patch: Partial<ReportsSearch>, options?: { replace?: boolean }) => void;
}

/** Everything for one account; remounted when it changes so no state leaks between accounts. */
function ReportsWorkspace({ accountId, userId, search, setSearch }: WorkspaceProps) {
  const account = useReportAccount(accountId);
  const types = useReportTypes(accountId);
  const tray = useTrackedRuns(userId);
  const rootAccountId = account.data ? (account.data.root_account_id ?? account.data.id) : null;
  const list = types.data ?? [];
  const selected: ReportType | undefined = list.find((type) => type.report === search.report) ?? list[0];

  // Running reports this user started elsewhere (another browser, before a reload) join the tray.
  const { track, runs: trackedRuns } = tray;
  useEffect(() => {
    if (userId === null) return;
    for (const type of types.data ?? []) {
      const run = type.last_run;
      if (!run || !isActiveRun(run) || run.user?.id !== userId) continue;
      const known = trackedRuns.some((entry) => entry.runId === run.id && entry.accountId === accountId);
      if (!known) track(trackedFrom(accountId, type.title, run));
    }
  }, [types.data, trackedRuns, track, userId, accountId]);

  const onStarted = useCallback(
    ({ run }: StartedReport) => {
      if (selected) track(trackedFrom(accountId, selected.title, run));
      setSearch({ page: 1, run: run.id });
    },
    [accountId, selected, track, setSearch],
  );

  if (types.isPending) return <PageSkeleton />;
  if (types.isError) {
    return (
      <ErrorAlert title="Could not load the reports" error={types.error} onRetry={() => types.refetch()} />
    );
  }
  if (list.length === 0 || !selected) {
    return (
      <Alert color="gray" variant="light" icon={<IconFileOff aria-hidden />} title="No reports">
        Canvas offers no reports for this account.
      </Alert>
    );
  }
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ReportCatalogue
          types={list}
          selected={selected.report}
          onSelect={(report) => setSearch({ report, page: 1, run: undefined })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <ReportDetail
          key={selected.report}
          type={selected}
          accountId={accountId}
          rootAccountId={rootAccountId}
          page={search.page}
          perPage={search.per_page}
          highlightedRunId={search.run}
          onPageChange={(page) => setSearch({ page, run: undefined })}
          onPerPageChange={(perPage) => setSearch({ per_page: perPage, page: 1 })}
          onStarted={onStarted}
        />
      </Grid.Col>
    </Grid>
  );
}

/** `/reports`: run Canvas's account reports, follow them, and download or preview their files. */
export function ReportsPage() {
  useDocumentTitle('Reports');
  const session = useSession();
  const [search, setSearch] = useUrlState(ReportsSearch);
  const administered = useAdministeredAccounts();
  const fallback = administered.data ? defaultManagedAccount(administered.data) : undefined;
  const accountId = search.account ?? fallback?.id ?? null;
  const chosenAccount = useReportAccount(search.account ?? null);
  const userId = session.data?.user?.id ?? null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Reports</Title>
          <Text c="dimmed" size="sm">
            Run account reports, follow their progress, and download or preview the files.
          </Text>
        </div>
        {administered.data && administered.data.length > 0 && accountId !== null && (
          <AccountPicker
            administered={administered.data}
            value={accountId}
            selected={chosenAccount.data}
            onChange={(account) => setSearch({ account, report: undefined, page: 1, run: undefined })}
            description="Reports cover this account and its sub-accounts"
          />
        )}
      </Group>
      {administered.isPending ? (
        <PageSkeleton />
      ) : administered.isError ? (
        <ErrorAlert
          title="Could not load your accounts"
          error={administered.error}
          onRetry={() => administered.refetch()}
        />
      ) : accountId === null ? (
        <Alert color="gray" variant="light" title="No accounts to report on">
          Reports are run by account admins. You don't administer any account.
        </Alert>
      ) : (
        <ReportsWorkspace
          key={accountId}
          accountId={accountId}
          userId={userId}
          search={search}
          setSearch={setSearch}
        />
      )}
    </Stack>
  );
}
