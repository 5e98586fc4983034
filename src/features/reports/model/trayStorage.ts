import * as z from 'zod';

/** A report run the tray follows: one started in this browser, or a running last run seen on the page. */
export const TrackedRun = z.object({
  accountId: z.number().int(),
  report: z.string(),
  runId: z.number().int(),
  title: z.string(),
  /** The last status the tray saw, so a finish that happened while the tab was closed is still told. */
  status: z.string(),
  progress: z.number().default(0),
  /** ISO time the run was added, for ordering. */
  trackedAt: z.string(),
});
export type TrackedRun = z.output<typeof TrackedRun>;

/** Finished runs stay listed for this long so the admin can still open them from the tray. */
export const FINISHED_RETENTION_MS = 24 * 3600_000;
const MAX_TRACKED = 50;

export function trayStorageKey(userId: number): string {
  return `canvas-admin:reports:tray:${userId}`;
}

export function sameRun(a: Pick<TrackedRun, 'accountId' | 'report' | 'runId'>, b: typeof a): boolean {
  return a.accountId === b.accountId && a.report === b.report && a.runId === b.runId;
}

/** Whatever is stored, damaged entries (another version, a hand edit) are dropped one by one. */
export function parseTrackedRuns(raw: string | null): TrackedRun[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const result = TrackedRun.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}

/** Adds or refreshes a run (newest first), forgetting the oldest beyond a small cap. */
export function withTrackedRun(runs: readonly TrackedRun[], run: TrackedRun): TrackedRun[] {
  const existing = runs.find((entry) => sameRun(entry, run));
  const merged = existing ? { ...run, trackedAt: existing.trackedAt } : run;
  const others = runs.filter((entry) => !sameRun(entry, run));
  const next = existing ? runs.map((entry) => (sameRun(entry, run) ? merged : entry)) : [merged, ...others];
  return next.slice(0, MAX_TRACKED);
}

export function withoutTrackedRun(
  runs: readonly TrackedRun[],
  run: Pick<TrackedRun, 'accountId' | 'report' | 'runId'>,
): TrackedRun[] {
  return runs.filter((entry) => !sameRun(entry, run));
}

/** Drops finished runs tracked longer ago than the retention, so the list doesn't grow forever. */
export function pruneTrackedRuns(
  runs: readonly TrackedRun[],
  isActive: (status: string) => boolean,
  now: number,
): TrackedRun[] {
  return runs.filter(
    (entry) => isActive(entry.status) || now - Date.parse(entry.trackedAt) < FINISHED_RETENTION_MS,
  );
}
