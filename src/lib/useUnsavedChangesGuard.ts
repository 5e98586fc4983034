import { useCallback, useEffect } from 'react';
import { type Blocker, type BlockerFunction, useBlocker } from 'react-router-dom';

type Navigation = Parameters<BlockerFunction>[0];

/**
 * Asks before unsaved work is lost: in-app navigations are held by react-router's blocker (the
 * caller shows a dialog while `blocker.state === 'blocked'` and calls `proceed` or `reset`), and
 * closing or reloading the tab gets the browser's own prompt. By default a navigation that stays
 * on the same path (search params changing as filters are typed) is let through; `isLeaving`
 * overrides that, e.g. to also hold a switch of the account in the URL.
 */
export function useUnsavedChangesGuard(
  hasUnsavedChanges: boolean,
  isLeaving: (navigation: Navigation) => boolean = leavesThePath,
): Blocker {
  const shouldBlock = useCallback<BlockerFunction>(
    (navigation) => hasUnsavedChanges && isLeaving(navigation),
    [hasUnsavedChanges, isLeaving],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!hasUnsavedChanges) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsavedChanges]);

  return blocker;
}

function leavesThePath({ currentLocation, nextLocation }: Navigation): boolean {
  return currentLocation.pathname !== nextLocation.pathname;
}
