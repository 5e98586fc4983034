import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { CalendarRow } from '../model/calendarIndex.ts';
import type { ChangeSummary } from '../model/pendingEdits.ts';
import { plural } from '../plural.ts';
import classes from './ReviewChangesDialog.module.css';

/**
 * From this many calendars on, auto-subscribing is called out as a warning: each one puts its
 * events into the calendar of every user of its account, who did not choose them.
 */
export const AUTO_SUBSCRIBE_WARNING_THRESHOLD = 10;

export interface ReviewChangesDialogProps {
  opened: boolean;
  accountName: string;
  summary: ChangeSummary;
  requestCount: number;
  saving: boolean;
  /** Why the last save failed; the pending edits are still there. */
  error: unknown;
  /** Set when the failed save had written some chunks before a later one was refused. */
  partialSave: { saved: number; total: number } | null;
  onSave: () => void;
  onClose: () => void;
}

function ChangeGroup({ label, rows }: { label: string; rows: CalendarRow[] }) {
  // The list is built when opened: a 10,000-name list nobody looks at should cost nothing.
  const [opened, setOpened] = useState(false);
  if (rows.length === 0) return null;
  return (
    <details className={classes.group} onToggle={(event) => setOpened(event.currentTarget.open)}>
      <summary className={classes.summary}>
        <Text span fw={600} size="sm">
          {label}
        </Text>
      </summary>
      {opened ? (
        // A long list scrolls; keyboard users reach it with Tab to scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
        <ul className={classes.list} tabIndex={0} aria-label={label}>
          {rows.map((row) => (
            <li key={row.id}>
              {row.name}
              {row.sisId ? <span className={classes.sis}> · {row.sisId}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

/** The diff before anything is written: counts, the accounts behind each, and the save itself. */
export function ReviewChangesDialog({
  opened,
  accountName,
  summary,
  requestCount,
  saving,
  error,
  partialSave,
  onSave,
  onClose,
}: ReviewChangesDialogProps) {
  const starting = summary.startAutoSubscribing.length;
  const accounts = plural(summary.accounts, 'account', 'accounts');
  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={`Review changes to ${accounts}`}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close review' }}
    >
      <Stack gap="md">
        <Text size="sm">
          Nothing has been written yet. Saving updates the calendars of {accounts} in {accountName}
          {requestCount > 1 ? ` in ${requestCount} requests of up to 1,000 accounts` : ''}.
        </Text>
        <Stack gap="xs">
          <ChangeGroup
            label={`${plural(summary.becomeVisible.length, 'calendar becomes', 'calendars become')} visible`}
            rows={summary.becomeVisible}
          />
          <ChangeGroup
            label={`${plural(summary.becomeHidden.length, 'calendar becomes', 'calendars become')} hidden`}
            rows={summary.becomeHidden}
          />
          <ChangeGroup
            label={`${plural(summary.autoSubscribed.length, 'calendar turns', 'calendars turn')} auto-subscribe on`}
            rows={summary.autoSubscribed}
          />
          <ChangeGroup
            label={`${plural(summary.unsubscribed.length, 'calendar turns', 'calendars turn')} auto-subscribe off`}
            rows={summary.unsubscribed}
          />
        </Stack>
        {starting >= AUTO_SUBSCRIBE_WARNING_THRESHOLD ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={`Auto-subscribing users to ${plural(starting, 'calendar', 'calendars')}`}
          >
            Every user of these accounts, new and existing, will get the events of{' '}
            {plural(starting, 'calendar', 'calendars')} in their Canvas calendar without choosing them. Check
            the list before saving.
          </Alert>
        ) : starting > 0 ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {plural(starting, 'calendar', 'calendars')} will be added automatically to the Canvas calendar of
            every user of {starting === 1 ? 'its account' : 'their accounts'}.
          </Alert>
        ) : null}
        {error ? (
          <Stack gap={4}>
            <ErrorAlert title="Canvas did not save the changes" error={error} />
            {partialSave ? (
              <Text size="sm">
                {plural(partialSave.saved, 'change was', 'changes were')} saved before Canvas refused; the
                other {plural(partialSave.total - partialSave.saved, 'change is', 'changes are')} still
                pending, listed above.
              </Text>
            ) : (
              <Text size="sm">Nothing was saved; every change is still pending.</Text>
            )}
          </Stack>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={saving}>
            Back to editing
          </Button>
          <Button onClick={onSave} loading={saving} data-autofocus>
            Save {accounts}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
