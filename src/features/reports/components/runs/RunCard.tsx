import { Alert, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconEye, IconPlayerStop, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { AccountReport } from '../../../../api/schemas/accountReport.ts';
import { sameOriginFileUrl } from '../../model/fileUrl.ts';
import { describeRunParameters, type ParameterNames } from '../../model/runParameters.ts';
import {
  formatDuration,
  formatTimestamp,
  isActiveRun,
  progressOf,
  statusColor,
  statusLabel,
} from '../../model/runStatus.ts';

export interface RunCardProps {
  run: AccountReport;
  title: string;
  names: ParameterNames;
  highlighted: boolean;
  /** The progress bar is shown while the run is active, and after it ended if it was watched running. */
  showProgress: boolean;
  onPreview: (file: { url: string; name: string }) => void;
  onAbort: (run: AccountReport) => void;
  onDelete: (run: AccountReport) => void;
  onRerun: (run: AccountReport) => void;
  aborting: boolean;
  rerunning: boolean;
}

const numberFormat = new Intl.NumberFormat();

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One run: state, progress, who and when, the parameters it used, its file or failure, and its actions. */
export function RunCard({
  run,
  title,
  names,
  highlighted,
  showProgress,
  onPreview,
  onAbort,
  onDelete,
  onRerun,
  aborting,
  rerunning,
}: RunCardProps) {
  const active = isActiveRun(run);
  const progress = progressOf(run);
  const runName = `${title} #${run.id}`;
  const { flags, values } = describeRunParameters(run.parameters, names);
  const extraText = typeof run.parameters.extra_text === 'string' ? run.parameters.extra_text : null;
  const fileUrl = run.file_url ?? run.attachment?.url ?? null;
  const fileName = run.attachment?.filename ?? run.attachment?.display_name ?? `${run.report}_${run.id}`;

  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-label={runName}
      id={`report-run-${run.id}`}
      style={highlighted ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600}>Run #{run.id}</Text>
            <Badge variant="light" color={statusColor(run.status)}>
              {statusLabel(run.status)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {formatTimestamp(run.created_at)}
          </Text>
        </Group>

        {showProgress && (
          <Stack gap={4}>
            <Progress
              value={progress}
              size="md"
              striped={active}
              animated={active}
              color={active ? undefined : statusColor(run.status)}
              aria-label={`Progress of ${runName}`}
            />
            <Text size="xs" c="dimmed">
              {progress}%
              {typeof run.current_line === 'number' &&
                ` · ${numberFormat.format(run.current_line)} rows written`}
            </Text>
          </Stack>
        )}

        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Detail label="Run by">{run.user?.display_name ?? 'Unknown user'}</Detail>
          <Detail label="Started">{formatTimestamp(run.started_at)}</Detail>
          <Detail label="Finished">{formatTimestamp(run.ended_at)}</Detail>
          <Detail label={active ? 'Running for' : 'Duration'}>{formatDuration(run.run_time)}</Detail>
        </SimpleGrid>

        <div>
          <Text size="xs" c="dimmed">
            Parameters
          </Text>
          {flags.length === 0 && values.length === 0 ? (
            <Text size="sm">None (Canvas's defaults)</Text>
          ) : (
            <Text size="sm">
              {[
                ...values.map((value) => `${value.label}: ${value.value}`),
                ...(flags.length > 0 ? [flags.join(', ')] : []),
              ].join(' · ')}
            </Text>
          )}
        </div>

        {run.status === 'error' && (
          <Alert color="red" variant="light" title={run.message ?? 'The report failed'}>
            {extraText ?? 'Canvas gave no reason.'}
          </Alert>
        )}
        {run.status === 'aborted' && extraText && (
          <Text size="sm" c="dimmed">
            {extraText}
          </Text>
        )}
        {run.status === 'complete' && (
          <Text size="sm" c="dimmed">
            {run.message}
            {run.attachment && ` · ${fileName} (${formatBytes(run.attachment.size)})`}
          </Text>
        )}

        <Group gap="xs">
          {fileUrl && run.status === 'complete' && (
            <>
              <Button
                component="a"
                href={sameOriginFileUrl(fileUrl)}
                download={fileName}
                size="xs"
                leftSection={<IconDownload size={14} aria-hidden />}
                aria-label={`Download ${fileName}`}
              >
                Download
              </Button>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconEye size={14} aria-hidden />}
                onClick={() => onPreview({ url: fileUrl, name: fileName })}
                aria-label={`Preview ${runName}`}
              >
                Preview
              </Button>
            </>
          )}
          {active && (
            <Button
              size="xs"
              variant="light"
              color="orange"
              loading={aborting}
              leftSection={<IconPlayerStop size={14} aria-hidden />}
              onClick={() => onAbort(run)}
              aria-label={`Abort ${runName}`}
            >
              Abort
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            loading={rerunning}
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={() => onRerun(run)}
            aria-label={`Run ${runName} again with the same parameters`}
          >
            Re-run
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => onDelete(run)}
            aria-label={`Delete ${runName}`}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
