import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClockStop, IconCopy, IconPencil, IconTrash } from '@tabler/icons-react';
import type { Ref } from 'react';
import type { AccountNotification } from '../../../api/schemas/accountNotification.ts';
import { formatWindow, type NotificationStatus, STATUS_LABELS } from '../model/notificationWindow.ts';
import { NotificationBanner } from './NotificationBanner.tsx';
import classes from './NotificationListItem.module.css';

const STATUS_COLORS: Record<NotificationStatus, string> = {
  current: 'teal',
  scheduled: 'blue',
  past: 'gray',
};

export interface NotificationActions {
  onEdit: (notification: AccountNotification) => void;
  onDuplicate: (notification: AccountNotification) => void;
  onEndNow: (notification: AccountNotification) => void;
  onDelete: (notification: AccountNotification) => void;
}

export interface NotificationListItemProps extends NotificationActions {
  notification: AccountNotification;
  status: NotificationStatus;
  zone: string;
  targets: string[];
  /** Belongs to a parent account: listed here, but only that account can change it. */
  inherited: boolean;
  highlighted: boolean;
  /** The composer has this notification open. */
  editing: boolean;
  ending: boolean;
  ref?: Ref<HTMLElement>;
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {term}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

export function NotificationListItem({
  notification,
  status,
  zone,
  targets,
  inherited,
  highlighted,
  editing,
  ending,
  onEdit,
  onDuplicate,
  onEndNow,
  onDelete,
  ref,
}: NotificationListItemProps) {
  const subjectId = `notification-${notification.id}-subject`;
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      ref={ref}
      tabIndex={-1}
      aria-labelledby={subjectId}
      style={highlighted ? { boxShadow: '0 0 0 2px var(--mantine-primary-color-filled)' } : undefined}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Badge color={STATUS_COLORS[status]} variant="light">
            {STATUS_LABELS[status]}
          </Badge>
          {inherited ? (
            <Badge color="gray" variant="outline">
              From a parent account
            </Badge>
          ) : null}
          {editing ? (
            <Badge color="indigo" variant="outline">
              Open in the composer
            </Badge>
          ) : null}
        </Group>
        <NotificationBanner
          subject={notification.subject}
          message={notification.message}
          icon={notification.icon}
          subjectElement="h3"
          subjectId={subjectId}
        />
        <dl className={classes.details}>
          <Detail term="Shown">{formatWindow(notification, zone)}</Detail>
          <Detail term="Shown to">{targets.length > 0 ? targets.join(', ') : 'Everyone'}</Detail>
          <Detail term="Author">{notification.author?.name ?? 'Unknown'}</Detail>
        </dl>
        <Group gap="xs">
          {inherited ? null : (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} aria-hidden />}
              aria-label={`Edit ${notification.subject}`}
              onClick={() => onEdit(notification)}
            >
              Edit
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCopy size={14} aria-hidden />}
            aria-label={`Duplicate ${notification.subject}`}
            onClick={() => onDuplicate(notification)}
          >
            Duplicate
          </Button>
          {!inherited && status === 'current' ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconClockStop size={14} aria-hidden />}
              aria-label={`End ${notification.subject} now`}
              loading={ending}
              onClick={() => onEndNow(notification)}
            >
              End now
            </Button>
          ) : null}
          {inherited ? null : (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              aria-label={`Delete ${notification.subject}`}
              onClick={() => onDelete(notification)}
            >
              Delete
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
