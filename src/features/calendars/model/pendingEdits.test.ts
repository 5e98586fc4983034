import { describe, expect, it } from 'vitest';
import { buildCalendarIndex, type CalendarRow, rowById } from './calendarIndex.ts';
import {
  applyEdit,
  applyTargets,
  describeSavedState,
  effectiveState,
  NO_PENDING_EDITS,
  pendingEntries,
  rebasePendingEdits,
  summarizeChanges,
  withoutSavedEntries,
} from './pendingEdits.ts';
import { calendar, sampleCalendars, sampleSisIds } from './testCalendars.ts';

const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
const row = (id: number) => rowById(index, id) as CalendarRow;

describe('applyEdit', () => {
  it('records a change and removes it when toggled back', () => {
    const shown = applyEdit(NO_PENDING_EDITS, [row(4)], { visible: true });
    expect(shown.changed).toBe(1);
    expect([...shown.pending]).toEqual([[4, { visible: true }]]);
    const back = applyEdit(shown.pending, [row(4)], { visible: false });
    expect(back.pending.size).toBe(0);
  });

  it('returns the same map when nothing changes', () => {
    const outcome = applyEdit(NO_PENDING_EDITS, [row(3), row(6)], { visible: true });
    expect(outcome.pending).toBe(NO_PENDING_EDITS);
    expect(outcome.changed).toBe(0);
  });

  it('skips hidden calendars for auto-subscribe edits, pending hides included', () => {
    const hidden = applyEdit(NO_PENDING_EDITS, [row(3)], { visible: false }).pending;
    const outcome = applyEdit(hidden, [row(3), row(4), row(6)], { auto_subscribe: true });
    expect(outcome.skippedHidden).toBe(2);
    expect(outcome.changed).toBe(1);
    expect(outcome.pending.get(6)).toEqual({ auto_subscribe: true });
    expect(outcome.pending.get(3)).toEqual({ visible: false });
  });

  it('drops a pending auto-subscribe change when the calendar is hidden, as Canvas does', () => {
    let pending = applyEdit(NO_PENDING_EDITS, [row(6)], { auto_subscribe: true }).pending;
    pending = applyEdit(pending, [row(6)], { visible: false }).pending;
    expect(pending.get(6)).toEqual({ visible: false });
    pending = applyEdit(pending, [row(6)], { visible: true }).pending;
    expect(pending.size).toBe(0);
  });

  it('keeps both fields when showing and subscribing a hidden calendar', () => {
    let pending = applyEdit(NO_PENDING_EDITS, [row(4)], { visible: true }).pending;
    pending = applyEdit(pending, [row(4)], { auto_subscribe: true }).pending;
    expect(pending.get(4)).toEqual({ visible: true, auto_subscribe: true });
    expect(effectiveState(row(4).saved, pending.get(4))).toEqual({ visible: true, auto_subscribe: true });
  });
});

describe('applyTargets', () => {
  it('sets rows to full states, replacing their pending edits', () => {
    const pending = applyEdit(NO_PENDING_EDITS, [row(4)], { visible: true }).pending;
    const next = applyTargets(pending, [
      { row: row(4), target: { visible: false, auto_subscribe: false } },
      { row: row(2), target: { visible: true, auto_subscribe: false } },
    ]);
    expect([...next]).toEqual([[2, { auto_subscribe: false }]]);
    expect(applyTargets(next, [{ row: row(2), target: { visible: true, auto_subscribe: false } }])).toBe(
      next,
    );
  });
});

describe('rebasePendingEdits', () => {
  it('drops fields that Canvas now holds and edits of accounts that are gone', () => {
    let pending = applyEdit(NO_PENDING_EDITS, [row(4), row(5)], { visible: true }).pending;
    pending = applyEdit(pending, [row(4)], { auto_subscribe: true }).pending;
    const reloaded = buildCalendarIndex(
      1,
      [
        ...sampleCalendars.filter((c) => c.id !== 4 && c.id !== 5),
        calendar(4, 'Civil', 2, { visible: true }),
      ],
      sampleSisIds,
    );
    const rebased = rebasePendingEdits(pending, reloaded);
    expect([...rebased]).toEqual([[4, { auto_subscribe: true }]]);
    expect(rebasePendingEdits(rebased, reloaded)).toBe(rebased);
  });
});

describe('pendingEntries and summarizeChanges', () => {
  const pending = (() => {
    let edits = applyEdit(NO_PENDING_EDITS, [row(6), row(5)], { visible: false }).pending;
    edits = applyEdit(edits, [row(4), row(5)], { visible: true }).pending;
    edits = applyEdit(edits, [row(4), row(3)], { auto_subscribe: true }).pending;
    edits = applyEdit(edits, [row(2)], { auto_subscribe: false }).pending;
    return edits;
  })();

  it('lists the changed fields only, in display order', () => {
    expect(pendingEntries(pending, index)).toEqual([
      { id: 3, auto_subscribe: true },
      { id: 5, visible: true },
      { id: 2, auto_subscribe: false },
      { id: 4, visible: true, auto_subscribe: true },
      { id: 6, visible: false },
    ]);
  });

  it('counts what becomes visible, hidden, subscribed and unsubscribed', () => {
    const summary = summarizeChanges(pending, index);
    const names = (rows: CalendarRow[]) => rows.map((r) => r.name);
    expect(summary.accounts).toBe(5);
    expect(names(summary.becomeVisible)).toEqual(['Music', 'Civil']);
    expect(names(summary.becomeHidden)).toEqual(['Mechanical']);
    expect(names(summary.autoSubscribed)).toEqual(['College of Arts', 'Civil']);
    expect(names(summary.unsubscribed)).toEqual(['College of Engineering']);
    expect(names(summary.startAutoSubscribing)).toEqual(['College of Arts', 'Civil']);
  });

  it('counts a hidden auto-subscribe calendar being shown as starting to subscribe users', () => {
    const hiddenAuto = buildCalendarIndex(
      1,
      [calendar(1, 'Root', null, { auto_subscribe: true })],
      undefined,
    );
    const edits = applyEdit(NO_PENDING_EDITS, hiddenAuto.rows, { visible: true }).pending;
    const summary = summarizeChanges(edits, hiddenAuto);
    expect(summary.autoSubscribed).toEqual([]);
    expect(summary.startAutoSubscribing.map((r) => r.id)).toEqual([1]);
  });
});

describe('describeSavedState', () => {
  it('says what changed rows were', () => {
    expect(describeSavedState({ visible: false, auto_subscribe: false }, { visible: true })).toBe(
      'was hidden',
    );
    expect(
      describeSavedState({ visible: true, auto_subscribe: true }, { visible: false, auto_subscribe: false }),
    ).toBe('was visible, auto-subscribe');
  });
});

describe('withoutSavedEntries', () => {
  it('removes what was saved and keeps what was not', () => {
    let pending = applyEdit(NO_PENDING_EDITS, [row(4), row(5)], { visible: true }).pending;
    pending = applyEdit(pending, [row(4)], { auto_subscribe: true }).pending;
    const next = withoutSavedEntries(pending, [
      { id: 4, visible: true },
      { id: 5, visible: true },
      { id: 9, visible: false },
    ]);
    expect([...next]).toEqual([[4, { auto_subscribe: true }]]);
    expect(withoutSavedEntries(next, [{ id: 4, auto_subscribe: false }])).toBe(next);
  });
});
