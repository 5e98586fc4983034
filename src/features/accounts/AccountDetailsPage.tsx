import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  EmptyState,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconBuildingOff, IconListTree, IconLock } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { z } from 'zod';
import type { Account } from '../../api/schemas/account.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError, isCanvasErrorKind } from '../../lib/canvasErrors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useAccount } from './api/getAccount.ts';
import { useAccountAncestry } from './api/getAccountAncestry.ts';
import { AccountSettingsCard } from './components/AccountSettingsCard.tsx';
import { AccountSummary } from './components/AccountSummary.tsx';
import { AccountCoursesSection } from './components/courses/AccountCoursesSection.tsx';
import { HelpLinksCard } from './components/HelpLinksCard.tsx';
import { TermsOfServiceCard } from './components/TermsOfServiceCard.tsx';

const AccountIdParam = z.coerce.number().int().positive();

function AccountNotFound({ detail }: { detail?: string }) {
  return (
    <EmptyState icon={<IconBuildingOff aria-hidden />} withIndicatorBackground py="xl">
      <EmptyState.Title order={1}>Account not found</EmptyState.Title>
      <EmptyState.Description>
        There is no active account with this id. It may have been deleted, or the link is mistyped.
        {detail ? ` (Canvas: ${detail})` : ''}
      </EmptyState.Description>
      <EmptyState.Actions>
        <Anchor component={Link} to="/accounts">
          Back to accounts
        </Anchor>
      </EmptyState.Actions>
    </EmptyState>
  );
}

function AccountForbidden({ detail }: { detail: string }) {
  return (
    <EmptyState icon={<IconLock aria-hidden />} withIndicatorBackground py="xl">
      <EmptyState.Title order={1}>You're not allowed to view this account</EmptyState.Title>
      <EmptyState.Description>Canvas refused: {detail}</EmptyState.Description>
      <EmptyState.Actions>
        <Anchor component={Link} to="/accounts">
          Back to accounts
        </Anchor>
      </EmptyState.Actions>
    </EmptyState>
  );
}

function DetailsSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading account">
      <Skeleton height={16} width="30%" />
      <Skeleton height={34} width="50%" />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Skeleton height={220} />
        <Skeleton height={220} />
      </SimpleGrid>
    </Stack>
  );
}

function AccountBreadcrumbs({ account, ancestors }: { account: Account; ancestors: readonly Account[] }) {
  const chain = ancestors.length > 0 ? ancestors : [account];
  return (
    <nav aria-label="Breadcrumb">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/accounts" size="sm">
          Accounts
        </Anchor>
        {chain.map((item) =>
          item.id === account.id ? (
            <Text key={item.id} size="sm" fw={600} aria-current="page">
              {item.name}
            </Text>
          ) : (
            <Anchor key={item.id} component={Link} to={`/accounts/${item.id}`} size="sm">
              {item.name}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

function AccountDetails({ accountId }: { accountId: number }) {
  const account = useAccount(accountId);
  const ancestry = useAccountAncestry(accountId, { enabled: account.isSuccess });
  const notFound = isCanvasErrorKind(account.error, 'not_found');
  const forbidden = isCanvasErrorKind(account.error, 'unauthorized');
  useDocumentTitle(
    account.data?.name ?? (notFound ? 'Account not found' : forbidden ? 'Not allowed' : undefined),
  );

  if (account.isPending) return <DetailsSkeleton />;
  if (notFound) return <AccountNotFound detail={describeError(account.error)} />;
  if (forbidden) return <AccountForbidden detail={describeError(account.error)} />;
  if (account.isError) {
    return (
      <ErrorAlert
        title="Could not load the account"
        error={account.error}
        onRetry={() => account.refetch()}
      />
    );
  }

  const data = account.data;
  const ancestors = ancestry.data ?? [];
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <AccountBreadcrumbs account={data} ancestors={ancestors} />
        <Group justify="space-between" align="center" wrap="wrap">
          <Group gap="sm" align="center">
            <Title order={1}>{data.name}</Title>
            {data.sis_account_id ? (
              <Badge variant="light" color="gray" size="lg">
                SIS ID {data.sis_account_id}
              </Badge>
            ) : null}
          </Group>
          <Button
            component={Link}
            to={`/accounts?selected=${data.id}`}
            variant="default"
            leftSection={<IconListTree size={16} aria-hidden />}
          >
            Show in account tree
          </Button>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <AccountSummary account={data} ancestors={ancestors} />
        <Stack gap="md">
          <AccountSettingsCard accountId={data.id} />
          <TermsOfServiceCard accountId={data.id} isRoot={data.parent_account_id === null} />
        </Stack>
      </SimpleGrid>
      <HelpLinksCard accountId={data.id} />
      <AccountCoursesSection account={data} />
    </Stack>
  );
}

/** /accounts/:accountId — one account's details and its courses. */
export function AccountDetailsPage() {
  const { accountId } = useParams();
  const parsed = AccountIdParam.safeParse(accountId);
  if (!parsed.success) return <NotFoundForBadId />;
  // Keyed by id so that moving to another account starts with fresh page state.
  return <AccountDetails key={parsed.data} accountId={parsed.data} />;
}

function NotFoundForBadId() {
  useDocumentTitle('Account not found');
  return <AccountNotFound />;
}
