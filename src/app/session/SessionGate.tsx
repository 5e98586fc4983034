import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { CanvasApiError } from '../../api/errors.ts';
import { AppLayout } from '../AppLayout.tsx';
import { SignInPage } from '../SignInPage.tsx';
import { sessionKeys, signInRequiredBy, useSession } from './session.ts';

function isAuthFailure(error: unknown): boolean {
  return error instanceof CanvasApiError && error.kind === 'unauthenticated';
}

/**
 * The app when there is a session, the sign-in page when the server (connected to a real Canvas)
 * wants one. Any Canvas call that fails for want of a session re-checks the session, so a session
 * that ended at Canvas turns into "sign in again" wherever the user is.
 */
export function SessionGate() {
  const session = useSession();
  const queryClient = useQueryClient();
  const connectedToCanvas = session.data?.mode === 'canvas';

  useEffect(() => {
    if (!connectedToCanvas) return;
    const recheck = (error: unknown) => {
      if (isAuthFailure(error)) void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      const isSessionQuery = event.query.queryKey[0] === sessionKeys.all[0];
      if (event.type === 'updated' && event.action.type === 'error' && !isSessionQuery)
        recheck(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') recheck(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [connectedToCanvas, queryClient]);

  const signInRequired = signInRequiredBy(session.error);
  if (signInRequired) return <SignInPage required={signInRequired} />;
  return <AppLayout />;
}
