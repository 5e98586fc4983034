import { Anchor, EmptyState, Stack } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle('Page not found');
  return (
    <Stack align="center" py="xl">
      <EmptyState icon={<IconMapOff aria-hidden />} withIndicatorBackground>
        <EmptyState.Title order={1}>Page not found</EmptyState.Title>
        <EmptyState.Description>
          There is no page at <code>{location.pathname}</code>.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Anchor component={Link} to="/accounts">
            Go to accounts
          </Anchor>
        </EmptyState.Actions>
      </EmptyState>
    </Stack>
  );
}
