import '@mantine/notifications/styles.css';

import {
  Anchor,
  Badge,
  Button,
  Group,
  Popover,
  Progress,
  ScrollArea,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { IconFileAnalytics } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { isCanvasErrorKind } from '../../../../lib/canvasErrors.ts';
import { useReportRuns } from '../../api/getReportRun.ts';
import { runPagePath } from '../../model/runLinks.ts';
import { isActiveStatus, progressOf, statusColor, statusLabel } from '../../model/runStatus.ts';
import type { TrackedRun } from '../../model/trayStorage.ts';
import { useTrackedRuns } from './useTrackedRuns.ts';

export interface RunningReportsTrayProps {
  userId: number;
}

function finishedText(run: TrackedRun, status: string): string {
  if (status === 'complete') return `${run.title} report is ready.`;
  if (status === 'error') return `${run.title} report failed.`;
  return `${run.title} report ${statusLabel(status).toLowerCase()}.`;
}

/**
 * The header's view of the user's reports from any page: how many are running, each one's progress,
 * and a notification when one finishes. It follows runs started in this browser and running last runs
 * the reports page saw, polling each with backoff until it ends.
 */
export function RunningReportsTray({ userId }: RunningReportsTrayProps) {
  const { runs, track, forget, forgetFinished } = useTrackedRuns(userId);
  const [opened, setOpened] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const watched = runs.filter((run) => isActiveStatus(run.status));
  const results = useReportRuns(watched);

  // Fold every fresh status into storage; a run that left the active states is told once, here.
  useEffect(() => {
    watched.forEach((entry, index) => {
      const result = results[index];
      if (result?.isError && isCanvasErrorKind(result.error, 'not_found')) {
        // Deleted elsewhere: nothing left to follow.
        forget(entry);
        return;
      }
      const run = result?.data;
      if (!run || run.id !== entry.runId) return;
      const progress = progressOf(run);
      if (run.status === entry.status && progress === entry.progress) return;
      track({ ...entry, status: run.status, progress });
      if (!isActiveStatus(run.status)) {
        const text = finishedText(entry, run.status);
        setAnnouncement(text);
        notifications.show({
          title: text,
          color: statusColor(run.status),
          autoClose: 8_000,
          closeButtonProps: { 'aria-label': 'Close notification' },
          message: (
            <Anchor component={Link} to={runPagePath(entry)} size="sm">
              Open the run
            </Anchor>
          ),
        });
      }
    });
  });

  const runningCount = watched.length;
  const finished = runs.filter((run) => !isActiveStatus(run.status));

  return (
    <>
      <Notifications position="bottom-right" zIndex={1000} />
      <VisuallyHidden aria-live="polite" aria-atomic>
        {announcement}
      </VisuallyHidden>
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width={340}
        shadow="md"
        withinPortal
      >
        <Popover.Target>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconFileAnalytics size={16} aria-hidden />}
            onClick={() => setOpened((value) => !value)}
            aria-label={`Reports: ${runningCount} running`}
            aria-expanded={opened}
            aria-haspopup="dialog"
          >
            {runningCount} running
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {runningCount === 0 ? 'No reports running' : `${runningCount} running`}
              </Text>
              {finished.length > 0 && (
                <Button variant="subtle" size="compact-xs" onClick={forgetFinished}>
                  Clear finished
                </Button>
              )}
            </Group>
            {runs.length === 0 ? (
              <Text size="sm" c="dimmed">
                Reports you start appear here until they finish.
              </Text>
            ) : (
              <ScrollArea.Autosize mah={360} type="auto">
                <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {runs.map((run) => (
                    <li key={`${run.accountId}-${run.report}-${run.runId}`}>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Anchor
                          component={Link}
                          to={runPagePath(run)}
                          size="sm"
                          onClick={() => setOpened(false)}
                          truncate
                        >
                          {run.title} #{run.runId}
                        </Anchor>
                        <Badge size="sm" variant="light" color={statusColor(run.status)}>
                          {statusLabel(run.status)}
                        </Badge>
                      </Group>
                      {isActiveStatus(run.status) && (
                        <Progress
                          mt={4}
                          size="sm"
                          value={run.progress}
                          aria-label={`${run.title} #${run.runId} progress`}
                        />
                      )}
                    </li>
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </>
  );
}
