import { describe, expect, it } from 'vitest';
import { isActiveStatus } from './runStatus.ts';
import {
  FINISHED_RETENTION_MS,
  parseTrackedRuns,
  pruneTrackedRuns,
  type TrackedRun,
  trayStorageKey,
  withoutTrackedRun,
  withTrackedRun,
} from './trayStorage.ts';

const run = (runId: number, status = 'running', trackedAt = '2026-11-27T10:00:00.000Z'): TrackedRun => ({
  accountId: 1,
  report: 'provisioning_csv',
  runId,
  title: 'Provisioning',
  status,
  progress: 0,
  trackedAt,
});

describe('tray storage', () => {
  it('is kept per user', () => {
    expect(trayStorageKey(1)).not.toBe(trayStorageKey(2));
  });

  it('survives damaged storage, dropping only the bad entries', () => {
    expect(parseTrackedRuns(null)).toEqual([]);
    expect(parseTrackedRuns('not json')).toEqual([]);
    expect(parseTrackedRuns('{"a":1}')).toEqual([]);
    expect(parseTrackedRuns(JSON.stringify([run(1), { runId: 'x' }]))).toEqual([run(1)]);
  });

  it('adds new runs first and updates known ones in place, keeping when they were first tracked', () => {
    const list = withTrackedRun(withTrackedRun([], run(1)), run(2));
    expect(list.map((entry) => entry.runId)).toEqual([2, 1]);
    const updated = withTrackedRun(list, {
      ...run(1, 'complete', '2026-11-27T11:00:00.000Z'),
      progress: 100,
    });
    expect(updated.map((entry) => [entry.runId, entry.status, entry.trackedAt])).toEqual([
      [2, 'running', '2026-11-27T10:00:00.000Z'],
      [1, 'complete', '2026-11-27T10:00:00.000Z'],
    ]);
    expect(withoutTrackedRun(updated, run(2)).map((entry) => entry.runId)).toEqual([1]);
  });

  it('forgets finished runs after the retention but never running ones', () => {
    const now = Date.parse('2026-11-27T10:00:00.000Z') + FINISHED_RETENTION_MS + 1;
    const kept = pruneTrackedRuns(
      [run(1, 'running'), run(2, 'complete'), run(3, 'complete', new Date(now).toISOString())],
      isActiveStatus,
      now,
    );
    expect(kept.map((entry) => entry.runId)).toEqual([1, 3]);
  });
});
