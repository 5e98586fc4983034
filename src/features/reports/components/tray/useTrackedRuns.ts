import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { isActiveStatus } from '../../model/runStatus.ts';
import {
  parseTrackedRuns,
  pruneTrackedRuns,
  type TrackedRun,
  trayStorageKey,
  withoutTrackedRun,
  withTrackedRun,
} from '../../model/trayStorage.ts';

type RunKey = Pick<TrackedRun, 'accountId' | 'report' | 'runId'>;

// Writers in this tab tell the other hooks directly; other tabs are heard through the `storage` event.
const listeners = new Set<() => void>();
const snapshots = new Map<string, { raw: string | null; runs: TrackedRun[] }>();

function readRaw(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function snapshot(key: string): TrackedRun[] {
  const raw = readRaw(key);
  const cached = snapshots.get(key);
  if (cached && cached.raw === raw) return cached.runs;
  const runs = parseTrackedRuns(raw);
  snapshots.set(key, { raw, runs });
  return runs;
}

function write(key: string, update: (runs: TrackedRun[]) => TrackedRun[]): void {
  const next = pruneTrackedRuns(update(snapshot(key)), isActiveStatus, Date.now());
  try {
    window.localStorage.setItem(key, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the tray then forgets runs on reload, nothing worse.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

const EMPTY: TrackedRun[] = [];

/** The runs the tray follows for this user, kept in localStorage so they outlive a reload. */
export function useTrackedRuns(userId: number | null) {
  const key = userId === null ? null : trayStorageKey(userId);
  const runs = useSyncExternalStore(
    subscribe,
    () => (key === null ? EMPTY : snapshot(key)),
    () => EMPTY,
  );
  const track = useCallback(
    (run: TrackedRun) => {
      if (key !== null) write(key, (current) => withTrackedRun(current, run));
    },
    [key],
  );
  const forget = useCallback(
    (run: RunKey) => {
      if (key !== null) write(key, (current) => withoutTrackedRun(current, run));
    },
    [key],
  );
  const forgetFinished = useCallback(() => {
    if (key !== null) write(key, (current) => current.filter((entry) => isActiveStatus(entry.status)));
  }, [key]);
  return useMemo(() => ({ runs, track, forget, forgetFinished }), [runs, track, forget, forgetFinished]);
}
