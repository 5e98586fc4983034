import type { AccountReport } from '../../../api/schemas/accountReport.ts';

/** States in which a run may still change (and can be aborted). */
const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['created', 'running', 'compiling']);

export function isActiveStatus(status: string): boolean {
  return ACTIVE_STATUSES.has(status);
}

export function isActiveRun(run: Pick<AccountReport, 'status'>): boolean {
  return isActiveStatus(run.status);
}

const STATUS_LABELS: Record<string, string> = {
  created: 'Queued',
  running: 'Running',
  compiling: 'Compiling',
  complete: 'Complete',
  error: 'Failed',
  aborted: 'Aborted',
  deleted: 'Deleted',
};

const STATUS_COLORS: Record<string, string> = {
  created: 'gray',
  running: 'blue',
  compiling: 'blue',
  complete: 'green',
  error: 'red',
  aborted: 'orange',
  deleted: 'gray',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? 'gray';
}

/** Canvas's progress is 0–100 but may be null on legacy rows; a finished run is full. */
export function progressOf(run: Pick<AccountReport, 'status' | 'progress'>): number {
  if (run.status === 'complete') return 100;
  const progress = run.progress ?? 0;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

/** `run_time` seconds as "850 ms", "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "Mar 5, 2025, 5:04 PM" in the viewer's locale and zone (Canvas sends the caller's offset or Z). */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
