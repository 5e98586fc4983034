import { Alert, Anchor, EmptyState, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { CanvasApiError } from '../../../api/errors.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { useAccount } from '../api/getAccount.ts';

/**
 * Teachers and students administer nothing: GET /accounts answers `[]`. To say so in Canvas's own
 * words, the root account is asked for directly, which Canvas refuses with 403.
 */
export function NoAdministeredAccounts() {
  const rootAccount = useAccount('self');
  return (
    <Stack gap="md">
      <EmptyState icon={<IconLock aria-hidden />} withIndicatorBackground align="left">
        <EmptyState.Title order={2}>You don't administer any accounts</EmptyState.Title>
        <EmptyState.Description>
          Canvas lists no accounts for you to manage. Account administration is open to account admins only.
        </EmptyState.Description>
      </EmptyState>
      {rootAccount.isError ? (
        <Alert color="orange" variant="light" title="Canvas refused to show the root account">
          <Text size="sm">
            {rootAccount.error instanceof CanvasApiError && rootAccount.error.status > 0
              ? `HTTP ${rootAccount.error.status}: `
              : ''}
            {describeError(rootAccount.error)}
          </Text>
        </Alert>
      ) : null}
      {rootAccount.data ? (
        <Text size="sm">
          You can still view{' '}
          <Anchor component={Link} to={`/accounts/${rootAccount.data.id}`}>
            {rootAccount.data.name}
          </Anchor>
          .
        </Text>
      ) : null}
    </Stack>
  );
}
