import { Skeleton, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { z } from 'zod';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { defaultManagedAccount, useAdministeredAccounts } from '../../lib/administeredAccounts.ts';
import { useUrlState } from '../../lib/urlState.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CalendarEditor, type CalendarsUrlState } from './components/CalendarEditor.tsx';
import { SUBSCRIPTION_FILTERS, VISIBILITY_FILTERS } from './model/filters.ts';

/** What a shared link carries: the account and the filters (never the unsaved edits). */
const CalendarsSearch = z.object({
  account: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().catch(''),
  visibility: z.enum(VISIBILITY_FILTERS).catch('all'),
  subscription: z.enum(SUBSCRIPTION_FILTERS).catch('all'),
});

function PageHeading() {
  return <Title order={1}>Calendars</Title>;
}

/** Route entry of /calendars: picks the account (the URL's, else the root the user administers). */
export function CalendarsPage() {
  useDocumentTitle('Calendars');
  const [{ account, ...filters }, setUrlState] = useUrlState(CalendarsSearch);
  const administered = useAdministeredAccounts();
  const onUrlStateChange = useCallback(
    (patch: Partial<CalendarsUrlState & { account: number }>, options?: { replace?: boolean }) =>
      setUrlState(patch, options),
    [setUrlState],
  );

  if (administered.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <PageHeading />
        <Skeleton height={36} width={340} />
        <Skeleton height={320} />
      </Stack>
    );
  }
  if (administered.isError) {
    return (
      <Stack gap="md">
        <PageHeading />
        <ErrorAlert
          title="Could not load your accounts"
          error={administered.error}
          onRetry={() => administered.refetch()}
        />
      </Stack>
    );
  }
  const defaultAccount = defaultManagedAccount(administered.data);
  const accountId = account ?? defaultAccount?.id;
  if (accountId === undefined || defaultAccount === undefined) {
    return (
      <Stack gap="md">
        <PageHeading />
        <Text>
          You don’t administer any account, so there are no account calendars for you to manage. Account
          admins with the “Manage account calendar visibility” permission can use this page.
        </Text>
      </Stack>
    );
  }
  return (
    <CalendarEditor
      key={accountId}
      accountId={accountId}
      defaultAccountId={defaultAccount.id}
      administered={administered.data}
      urlState={filters}
      onUrlStateChange={onUrlStateChange}
    />
  );
}
