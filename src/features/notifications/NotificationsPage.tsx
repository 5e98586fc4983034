import '@mantine/dates/styles.css';

import {
  Alert,
  Button,
  EmptyState,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBellOff, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import type { AccountNotification } from '../../api/schemas/accountNotification.ts';
import { useSession } from '../../app/session/session.ts';
import { AccountPicker } from '../../components/AccountPicker.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { defaultManagedAccount, useAdministeredAccounts } from '../../lib/administeredAccounts.ts';
import { useUrlState } from '../../lib/urlState.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { browserTimeZone, isValidTimeZone, timeZoneLabel } from '../../lib/zonedTime.ts';
import { useDeleteAccountNotification } from './api/deleteAccountNotification.ts';
import { useAccountNotifications } from './api/getAccountNotifications.ts';
import { useAccountRoles } from './api/getAccountRoles.ts';
import { type NotificationAccount, useNotificationAccount } from './api/getAccounts.ts';
import { useOwnProfile } from './api/getOwnProfile.ts';
import { useEndAccountNotificationNow } from './api/updateAccountNotification.ts';
import { NotificationComposer } from './components/composer/NotificationComposer.tsx';
import {
  type ComposerSession,
  hasUnsavedWork,
  type OpenComposerInput,
  useComposerDraft,
} from './components/composer/useComposerDraft.ts';
import { NotificationList } from './components/NotificationList.tsx';
import { NotificationTimeline } from './components/NotificationTimeline.tsx';
import { draftStorageKey } from './model/draftStorage.ts';
import {
  describeChangeError,
  emptyNotificationForm,
  formFromDuplicate,
  formFromNotification,
} from './model/notificationForm.ts';
import {
  groupByStatus,
  NOTIFICATION_STATUSES,
  notificationStatus,
  STATUS_LABELS,
} from './model/notificationWindow.ts';
import { groupRoleOptions } from './model/roleOptions.ts';

const StatusFilter = z.enum(['all', ...NOTIFICATION_STATUSES]);
type StatusFilter = z.output<typeof StatusFilter>;

/** What a shared link carries: the account and the status shown. */
const NotificationsSearch = z.object({
  account: z.coerce.number().int().positive().optional().catch(undefined),
  status: StatusFilter.catch('all'),
});

/** Past notifications pile up over the years; the most recent few are shown until more are asked for. */
const PAST_PAGE_SIZE = 10;
const CLOCK_TICK_MS = 60_000;

/** The admin's zone: their Canvas profile's, as Canvas shows times; the browser's until it loads or if unusable. */
function useAdminTimeZone(): { zone: string; source: 'canvas' | 'browser' } {
  const profile = useOwnProfile();
  const canvasZone = profile.data?.time_zone;
  if (canvasZone && isValidTimeZone(canvasZone)) return { zone: canvasZone, source: 'canvas' };
  return { zone: browserTimeZone(), source: 'browser' };
}

function PageSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading notifications">
      <Skeleton height={36} width={380} />
      <Skeleton height={120} />
      <Skeleton height={90} />
      <Skeleton height={90} />
    </Stack>
  );
}

interface WorkspaceProps {
  accountId: number;
  userId: number;
  administered: readonly NotificationAccount[];
  status: StatusFilter;
  onStatusChange: (status: StatusFilter) => void;
  onAccountChange: (accountId: number) => void;
}

/** Everything for one account and one user; remounted when either changes, so no state leaks between them. */
function NotificationsWorkspace({
  accountId,
  userId,
  administered,
  status,
  onStatusChange,
  onAccountChange,
}: WorkspaceProps) {
  const account = useNotificationAccount(accountId);
  const notifications = useAccountNotifications(accountId);
  const parentId = account.data?.parent_account_id ?? null;
  // Canvas lists the ancestors' notifications too, but they can only be changed from their own account.
  // Whatever the parent lists is inherited; a parent the admin can't read leaves that unknown.
  const parentNotifications = useAccountNotifications(parentId);
  const roles = useAccountRoles(accountId);
  const { zone, source: zoneSource } = useAdminTimeZone();
  const composer = useComposerDraft(draftStorageKey(userId, accountId));
  const endNow = useEndAccountNotificationNow();
  const deleteNotification = useDeleteAccountNotification();

  const [now, setNow] = useState(() => Date.now());
  const [pastLimit, setPastLimit] = useState(PAST_PAGE_SIZE);
  const [highlightedId, setHighlightedId] = useState<number | null>(null);
  const [pendingOpen, setPendingOpen] = useState<OpenComposerInput | null>(null);
  const [deleteTarget, setDeleteTarget] = useState<AccountNotification | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const itemElements = useRef(new Map<number, HTMLElement>());
  // Four labelled segments don't fit across a phone; they stack there.
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  const composerAnchor = useRef<HTMLDivElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  // Statuses move with the clock: a scheduled notification becomes current without a reload.
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  // A list fetched just now is judged against just now (a notification sent to start "now" is current).
  useEffect(() => {
    if (notifications.dataUpdatedAt > 0) setNow(Date.now());
  }, [notifications.dataUpdatedAt]);

  const accountName = account.data?.name ?? administered.find((entry) => entry.id === accountId)?.name ?? '';

  const rolesById = useMemo(() => new Map((roles.data ?? []).map((role) => [role.id, role])), [roles.data]);
  const roleGroups = useMemo(() => (roles.data ? groupRoleOptions(roles.data) : null), [roles.data]);
  const inheritedIds = useMemo(
    () => new Set((parentNotifications.data ?? []).map((notification) => notification.id)),
    [parentNotifications.data],
  );

  const grouped = useMemo(() => groupByStatus(notifications.data ?? [], now), [notifications.data, now]);
  const sections = useMemo(
    () =>
      NOTIFICATION_STATUSES.filter((entry) => status === 'all' || status === entry).map((entry) => {
        const all = grouped[entry];
        const shown = entry === 'past' ? all.slice(0, pastLimit) : all;
        return { status: entry, notifications: shown, hiddenCount: all.length - shown.length };
      }),
    [grouped, status, pastLimit],
  );
  const listed = useMemo(() => sections.flatMap((section) => section.notifications), [sections]);

  const registerItem = useCallback((id: number, element: HTMLElement | null) => {
    if (element) itemElements.current.set(id, element);
    else itemElements.current.delete(id);
  }, []);

  const showInList = useCallback((id: number) => {
    setHighlightedId(id);
    const element = itemElements.current.get(id);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element?.focus({ preventScroll: true });
  }, []);

  // A notification just sent or saved is brought into view once the refreshed list has it.
  const [revealId, setRevealId] = useState<number | null>(null);
  const revealListed = revealId !== null && listed.some((notification) => notification.id === revealId);
  useEffect(() => {
    if (!revealListed || revealId === null) return;
    showInList(revealId);
    setRevealId(null);
  }, [revealListed, revealId, showInList]);

  // The list and timeline must not re-render on every keystroke in the composer, so the handlers they
  // get are stable and read the composer through a ref.
  const sessionRef = useRef(composer.session);
  sessionRef.current = composer.session;
  const openComposer = composer.open;
  const startComposer = useCallback(
    (input: OpenComposerInput) => {
      if (hasUnsavedWork(sessionRef.current)) {
        setPendingOpen(input);
        return;
      }
      openComposer(input);
      composerAnchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
    [openComposer],
  );
  const editNotification = useCallback(
    (notification: AccountNotification) =>
      startComposer({
        mode: 'edit',
        notificationId: notification.id,
        sourceSubject: notification.subject,
        values: formFromNotification(notification),
      }),
    [startComposer],
  );
  const duplicateNotification = useCallback(
    (notification: AccountNotification) =>
      startComposer({
        mode: 'duplicate',
        sourceSubject: notification.subject,
        values: formFromDuplicate(notification, Date.now()),
      }),
    [startComposer],
  );
  const resetDelete = deleteNotification.reset;
  const askToDelete = useCallback(
    (notification: AccountNotification) => {
      resetDelete();
      setDeleteTarget(notification);
    },
    [resetDelete],
  );
  const showMorePast = useCallback(() => setPastLimit((limit) => limit + PAST_PAGE_SIZE * 2), []);

  const onSent = (notification: AccountNotification, session: ComposerSession) => {
    composer.close();
    const verb = session.mode === 'edit' ? 'Saved' : 'Sent';
    const state = STATUS_LABELS[notificationStatus(notification, Date.now())].toLowerCase();
    setAnnouncement(`${verb} “${notification.subject}”. It is ${state}.`);
    // The list may be filtered to another status; show the one it landed in.
    if (status !== 'all' && status !== notificationStatus(notification, Date.now())) onStatusChange('all');
    setRevealId(notification.id);
  };

  const endMutate = endNow.mutate;
  const endNotificationNow = useCallback(
    (notification: AccountNotification) => {
      setActionError(null);
      endMutate(
        { accountId, notification, now: Date.now() },
        {
          onSuccess: (ended) => setAnnouncement(`Ended “${ended.subject}”. It is no longer shown.`),
          onError: (error) => setActionError(error),
        },
      );
    },
    [accountId, endMutate],
  );

  const confirmDelete = () => {
    if (!deleteTarget) return;
    deleteNotification.mutate(
      { accountId, notificationId: deleteTarget.id },
      {
        onSuccess: () => {
          if (composer.session?.notificationId === deleteTarget.id) composer.close();
          setAnnouncement(`Deleted “${deleteTarget.subject}”.`);
          setDeleteTarget(null);
        },
      },
    );
  };

  const counts: Record<StatusFilter, number> = {
    all: (notifications.data ?? []).length,
    current: grouped.current.length,
    scheduled: grouped.scheduled.length,
    past: grouped.past.length,
  };

  let body: React.ReactNode;
  if (notifications.isPending) {
    body = <PageSkeleton />;
  } else if (notifications.isError) {
    body = (
      <ErrorAlert
        title="Could not load the notifications"
        error={notifications.error}
        onRetry={() => notifications.refetch()}
      />
    );
  } else if (counts.all === 0) {
    body = (
      <EmptyState icon={<IconBellOff aria-hidden />} withIndicatorBackground py="xl">
        <EmptyState.Title order={2}>No notifications yet</EmptyState.Title>
        <EmptyState.Description>
          Nothing has been announced in {accountName || 'this account'}. Write the first one with “New
          notification”.
        </EmptyState.Description>
      </EmptyState>
    );
  } else {
    body = (
      <Stack gap="lg">
        <SegmentedControl
          aria-label="Show notifications"
          orientation={narrow ? 'vertical' : 'horizontal'}
          fullWidth={narrow}
          value={status}
          onChange={(next) => onStatusChange(StatusFilter.catch('all').parse(next))}
          data={StatusFilter.options.map((option) => ({
            value: option,
            label: `${option === 'all' ? 'All' : STATUS_LABELS[option]} (${counts[option]})`,
          }))}
          w={narrow ? '100%' : 'fit-content'}
        />
        <NotificationTimeline
          notifications={listed}
          now={now}
          zone={zone}
          highlightedId={highlightedId}
          onSelect={showInList}
        />
        <NotificationList
          sections={sections}
          zone={zone}
          rolesById={rolesById}
          inheritedIds={inheritedIds}
          highlightedId={highlightedId}
          editingId={composer.session?.mode === 'edit' ? composer.session.notificationId : null}
          endingId={endNow.isPending ? (endNow.variables?.notification.id ?? null) : null}
          onShowMore={showMorePast}
          registerItem={registerItem}
          onEdit={editNotification}
          onDuplicate={duplicateNotification}
          onEndNow={endNotificationNow}
          onDelete={askToDelete}
        />
      </Stack>
    );
  }

  const zoneText = timeZoneLabel(zone, now);
  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between" gap="sm" wrap="wrap">
        <AccountPicker
          administered={administered}
          value={accountId}
          selected={account.data}
          onChange={onAccountChange}
          description="Notifications of this account reach its sub-accounts too"
        />
        <Button
          ref={newButton}
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => startComposer({ mode: 'new', values: emptyNotificationForm() })}
        >
          New notification
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Times are shown in {zoneText},{' '}
        {zoneSource === 'canvas' ? 'the time zone of your Canvas profile' : 'this browser’s time zone'}.
      </Text>
      {account.isError ? <ErrorAlert title="Could not load the account" error={account.error} /> : null}
      {parentNotifications.isError ? (
        <Text size="sm" c="dimmed">
          Canvas lists the notifications of parent accounts here too. You don’t administer the parent account,
          so they can’t be told apart; only their own account can edit or end them.
        </Text>
      ) : null}
      {actionError ? (
        <Alert color="red" variant="light" title="Could not end the notification" role="alert">
          {describeChangeError(actionError)}
        </Alert>
      ) : null}

      <div ref={composerAnchor} style={{ scrollMarginTop: 72 }}>
        {composer.session ? (
          <NotificationComposer
            accountId={accountId}
            accountName={accountName || `account ${accountId}`}
            session={composer.session}
            zone={zone}
            zoneLabel={zoneText}
            roleGroups={roleGroups}
            rolesError={roles.error}
            onRetryRoles={() => roles.refetch()}
            rolesById={rolesById}
            saveFailed={composer.saveFailed}
            onChange={composer.setValues}
            onSent={onSent}
            onDiscard={() => {
              composer.close();
              setAnnouncement('Draft discarded.');
              // The composer and the focus inside it are gone; the button that opens a new one takes it.
              newButton.current?.focus();
            }}
          />
        ) : null}
      </div>

      {body}

      <ConfirmDialog
        opened={pendingOpen !== null}
        title="Replace your unsent draft?"
        confirmLabel="Replace draft"
        danger
        onConfirm={() => {
          if (pendingOpen) composer.open(pendingOpen);
          setPendingOpen(null);
        }}
        onClose={() => setPendingOpen(null)}
      >
        <Text size="sm">
          The composer holds work you haven’t sent. Opening another notification discards it.
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={deleteTarget !== null}
        title={`Delete “${deleteTarget?.subject ?? ''}”?`}
        confirmLabel="Delete"
        danger
        pending={deleteNotification.isPending}
        error={deleteNotification.error}
        errorTitle="Canvas refused to delete it"
        onConfirm={confirmDelete}
        onClose={() => setDeleteTarget(null)}
      >
        <Text size="sm">
          It disappears for everyone at once, including users who haven’t seen it yet. This can’t be undone;
          to stop showing it but keep it on record, end it instead.
        </Text>
        {parentNotifications.isError ? (
          <Text size="sm" mt="xs">
            If it belongs to a parent account, Canvas deletes it there too: deleting goes by the notification,
            not by the account.
          </Text>
        ) : null}
      </ConfirmDialog>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}

/** /notifications — an account's global notifications on a list and a timeline, and the composer. */
export function NotificationsPage() {
  const [{ account, status }, setUrlState] = useUrlState(NotificationsSearch);
  const administered = useAdministeredAccounts();
  const session = useSession();
  const userId = session.data?.user?.id;
  const accountId = account ?? (administered.data ? defaultManagedAccount(administered.data)?.id : undefined);
  useDocumentTitle('Notifications');

  let content: React.ReactNode;
  if (administered.isPending || session.isPending) {
    content = <PageSkeleton />;
  } else if (administered.isError) {
    content = (
      <ErrorAlert
        title="Could not load your accounts"
        error={administered.error}
        onRetry={() => administered.refetch()}
      />
    );
  } else if (accountId === undefined || userId === undefined) {
    content = (
      <EmptyState icon={<IconBellOff aria-hidden />} withIndicatorBackground py="xl">
        <EmptyState.Title order={2}>No account to announce in</EmptyState.Title>
        <EmptyState.Description>
          Global notifications are written by account admins, and you don’t administer any account.
        </EmptyState.Description>
      </EmptyState>
    );
  } else {
    content = (
      <NotificationsWorkspace
        key={`${userId}:${accountId}`}
        accountId={accountId}
        userId={userId}
        administered={administered.data ?? []}
        status={status}
        onStatusChange={(next) => setUrlState({ status: next }, { replace: true })}
        onAccountChange={(next) => setUrlState({ account: next })}
      />
    );
  }

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Notifications</Title>
        <Text c="dimmed" size="sm">
          Banners shown across Canvas to the users of an account and its sub-accounts, between a start and an
          end time.
        </Text>
      </div>
      {content}
    </Stack>
  );
}
