import { Button, Stack, Text, Title } from '@mantine/core';
import { memo } from 'react';
import type { AccountNotification } from '../../../api/schemas/accountNotification.ts';
import type { Role } from '../../../api/schemas/role.ts';
import { type NotificationStatus, STATUS_LABELS } from '../model/notificationWindow.ts';
import { targetLabels } from '../model/roleOptions.ts';
import { type NotificationActions, NotificationListItem } from './NotificationListItem.tsx';

export interface NotificationListProps extends NotificationActions {
  sections: { status: NotificationStatus; notifications: AccountNotification[]; hiddenCount: number }[];
  zone: string;
  rolesById: ReadonlyMap<number, Role>;
  inheritedIds: ReadonlySet<number>;
  highlightedId: number | null;
  editingId: number | null;
  endingId: number | null;
  onShowMore: (status: NotificationStatus) => void;
  /** Where each entry's element is registered, so a timeline bar can bring it into view. */
  registerItem: (id: number, element: HTMLElement | null) => void;
}

const EMPTY_TEXT: Record<NotificationStatus, string> = {
  current: 'Nothing is being shown right now.',
  scheduled: 'Nothing is scheduled.',
  past: 'No notification has ended in this account yet.',
};

/** The notifications by status, each with its banner, window, audience, author and actions. */
export const NotificationList = memo(function NotificationList({
  sections,
  zone,
  rolesById,
  inheritedIds,
  highlightedId,
  editingId,
  endingId,
  onShowMore,
  registerItem,
  ...actions
}: NotificationListProps) {
  return (
    <Stack gap="lg">
      {sections.map(({ status, notifications, hiddenCount }) => {
        const headingId = `notifications-${status}-heading`;
        const total = notifications.length + hiddenCount;
        return (
          <section key={status} aria-labelledby={headingId}>
            <Title order={2} size="h4" id={headingId} mb="xs">
              {STATUS_LABELS[status]} ({total.toLocaleString()})
            </Title>
            {notifications.length === 0 ? (
              <Text size="sm" c="dimmed">
                {EMPTY_TEXT[status]}
              </Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {notifications.map((notification) => (
                  <li key={notification.id}>
                    <NotificationListItem
                      notification={notification}
                      status={status}
                      zone={zone}
                      targets={targetLabels(notification, rolesById)}
                      inherited={inheritedIds.has(notification.id)}
                      highlighted={highlightedId === notification.id}
                      editing={editingId === notification.id}
                      ending={endingId === notification.id}
                      ref={(element) => registerItem(notification.id, element)}
                      {...actions}
                    />
                  </li>
                ))}
              </Stack>
            )}
            {hiddenCount > 0 ? (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => onShowMore(status)}>
                Show {hiddenCount.toLocaleString()} more {STATUS_LABELS[status].toLowerCase()}
              </Button>
            ) : null}
          </section>
        );
      })}
    </Stack>
  );
});
