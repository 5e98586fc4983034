import { Button, Code, EmptyState, Stack } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router-dom';
import { describeError } from '../lib/canvasErrors.ts';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The router's error boundary for pages: a crash in one page keeps the shell and offers a retry. */
export function RouteErrorPage() {
  const error = useRouteError();
  const navigate = useNavigate();
  const location = useLocation();
  const { reset } = useQueryErrorResetBoundary();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  useDocumentTitle(notFound ? 'Page not found' : 'Something went wrong');

  if (notFound) return <NotFoundPage />;

  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : describeError(error);
  const tryAgain = () => {
    reset();
    // Navigating to the same URL clears the router's error state and renders the page afresh.
    navigate(`${location.pathname}${location.search}`, { replace: true });
  };

  return (
    <Stack align="center" py="xl">
      <EmptyState icon={<IconBug aria-hidden />} withIndicatorBackground color="red">
        <EmptyState.Title order={1}>Something went wrong</EmptyState.Title>
        <EmptyState.Description>
          This page hit an unexpected problem. Your data is safe; try again, and if it keeps happening, reload
          the page.
        </EmptyState.Description>
        <Code block>{detail}</Code>
        <EmptyState.Actions>
          <Button onClick={tryAgain}>Try again</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Stack>
  );
}
