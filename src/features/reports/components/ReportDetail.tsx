import { Alert, Card, Stack, Text, Title, Typography } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { AccountReport, ReportType } from '../../../api/schemas/accountReport.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useEnrollmentTerms } from '../../../lib/enrollmentTerms.ts';
import { sanitizeHtml } from '../../../lib/sanitizeHtml.ts';
import { useAbortReport } from '../api/abortReport.ts';
import { useDeleteReport } from '../api/deleteReport.ts';
import { type StartedReport, useStartReport } from '../api/startReport.ts';
import { rerunParameters } from '../model/runParameters.ts';
import { ParameterForm } from './form/ParameterForm.tsx';
import { PreviewDialog } from './preview/PreviewDialog.tsx';
import { RunHistory } from './runs/RunHistory.tsx';

export interface ReportDetailProps {
  type: ReportType;
  accountId: number;
  rootAccountId: number | null;
  page: number;
  perPage: number;
  highlightedRunId: number | undefined;
  onPageChange: (page: number) => void;
  onPerPageChange: (perPage: number) => void;
  /** A run was started (or Canvas named the identical one in progress): show it. */
  onStarted: (started: StartedReport) => void;
}

/** One report: what it is, its parameter form, and its runs with their actions. */
export function ReportDetail({
  type,
  accountId,
  rootAccountId,
  page,
  perPage,
  highlightedRunId,
  onPageChange,
  onPerPageChange,
  onStarted,
}: ReportDetailProps) {
  const [duplicate, setDuplicate] = useState<AccountReport | null>(null);
  const start = useStartReport({
    onStarted: (started) => {
      setDuplicate(started.alreadyRunning ? started.run : null);
      onStarted(started);
    },
  });
  const rerun = useStartReport({
    onStarted: (started) => {
      setDuplicate(started.alreadyRunning ? started.run : null);
      onStarted(started);
    },
  });
  const abort = useAbortReport();
  const remove = useDeleteReport();
  const [rerunSource, setRerunSource] = useState<number | null>(null);
  const [deleteTarget, setDeleteTarget] = useState<AccountReport | null>(null);
  const [previewFile, setPreviewFile] = useState<{ url: string; name: string } | null>(null);
  const terms = useEnrollmentTerms(rootAccountId);
  const description = useMemo(
    () => (type.description_html ? sanitizeHtml(type.description_html) : ''),
    [type.description_html],
  );
  const names = useMemo(() => {
    const termNames = new Map((terms.data ?? []).map((term) => [String(term.id), term.name]));
    return { termName: (id: string) => termNames.get(id) };
  }, [terms.data]);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{type.title}</Title>
        {description ? (
          <Typography fz="sm" mt={4}>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by sanitizeHtml just above. */}
            <div dangerouslySetInnerHTML={{ __html: description }} />
          </Typography>
        ) : null}
      </div>

      <Card withBorder padding="md">
        <ParameterForm
          key={type.report}
          type={type}
          accountId={accountId}
          rootAccountId={rootAccountId}
          pending={start.isPending}
          serverError={start.error}
          onRun={(parameters) => start.mutate({ accountId, report: type.report, parameters })}
        />
      </Card>

      {duplicate && (
        <Alert
          color="blue"
          variant="light"
          title="Already running"
          withCloseButton
          onClose={() => setDuplicate(null)}
        >
          <Text size="sm">
            The same report with the same parameters is already in progress (run #{duplicate.id}), so Canvas
            did not start another. Its progress is shown below.
          </Text>
        </Alert>
      )}
      {rerun.error ? <ErrorAlert title="Could not run the report again" error={rerun.error} /> : null}
      {abort.error ? <ErrorAlert title="Could not abort the run" error={abort.error} /> : null}

      <Title order={3} size="h4">
        Runs
      </Title>
      <RunHistory
        accountId={accountId}
        report={type.report}
        title={type.title}
        page={page}
        perPage={perPage}
        highlightedRunId={highlightedRunId}
        names={names}
        onPageChange={onPageChange}
        onPerPageChange={onPerPageChange}
        onPreview={setPreviewFile}
        onAbort={(run) => abort.mutate({ accountId, report: type.report, runId: run.id })}
        onDelete={(run) => {
          remove.reset();
          setDeleteTarget(run);
        }}
        onRerun={(run) => {
          setRerunSource(run.id);
          rerun.mutate({ accountId, report: type.report, parameters: rerunParameters(run.parameters) });
        }}
        abortingRunId={abort.isPending ? (abort.variables?.runId ?? null) : null}
        rerunningRunId={rerun.isPending ? rerunSource : null}
      />

      <ConfirmDialog
        opened={deleteTarget !== null}
        title="Delete this run?"
        confirmLabel="Delete run"
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleteTarget(null)}
        onConfirm={() => {
          if (!deleteTarget) return;
          remove.mutate(
            { accountId, report: type.report, runId: deleteTarget.id },
            { onSuccess: () => setDeleteTarget(null) },
          );
        }}
      >
        <Text size="sm">
          {deleteTarget &&
            `${type.title} #${deleteTarget.id} and its file will no longer be listed or downloadable.${
              deleteTarget.status === 'running' || deleteTarget.status === 'created'
                ? ' The run is stopped.'
                : ''
            }`}
        </Text>
      </ConfirmDialog>

      <PreviewDialog file={previewFile} onClose={() => setPreviewFile(null)} />
    </Stack>
  );
}
