import type { CalendarUpdateEntry } from '../api/bulkUpdateCalendars.ts';
import type { CalendarIndex, CalendarRow, CalendarState } from './calendarIndex.ts';

/** The fields of one calendar that differ from Canvas; a field equal to the saved value is never kept. */
export type CalendarChange = Partial<CalendarState>;

/**
 * Unsaved edits: calendar id -> change. The footer count, the review and the save all derive from
 * this one map, so toggling a row back (which removes its entry) undoes it everywhere.
 */
export type PendingEdits = ReadonlyMap<number, CalendarChange>;

export const NO_PENDING_EDITS: PendingEdits = new Map();

export function effectiveState(saved: CalendarState, change: CalendarChange | undefined): CalendarState {
  return {
    visible: change?.visible ?? saved.visible,
    auto_subscribe: change?.auto_subscribe ?? saved.auto_subscribe,
  };
}

/**
 * The change that takes a calendar from `saved` to `target`, or undefined when there is none.
 * As on Canvas's own page, a hidden calendar's subscription is not edited: hiding drops a pending
 * auto-subscribe change, and the saved subscription stays as it was.
 */
function changeBetween(saved: CalendarState, target: CalendarState): CalendarChange | undefined {
  const change: CalendarChange = {};
  if (target.visible !== saved.visible) change.visible = target.visible;
  if (target.visible && target.auto_subscribe !== saved.auto_subscribe) {
    change.auto_subscribe = target.auto_subscribe;
  }
  return change.visible === undefined && change.auto_subscribe === undefined ? undefined : change;
}

export type CalendarEdit = { visible: boolean } | { auto_subscribe: boolean };

export interface EditOutcome {
  pending: PendingEdits;
  /** Rows whose shown state changed. */
  changed: number;
  /** Rows left alone because auto-subscribe cannot be set on a hidden calendar. */
  skippedHidden: number;
}

/**
 * Applies one edit (show, hide, auto-subscribe on or off) to every row in `rows`, returning a new map
 * only if something changed. Auto-subscribe edits skip rows that are hidden (saved or pending).
 */
export function applyEdit(
  pending: PendingEdits,
  rows: Iterable<CalendarRow>,
  edit: CalendarEdit,
): EditOutcome {
  let next: Map<number, CalendarChange> | undefined;
  let changed = 0;
  let skippedHidden = 0;
  for (const row of rows) {
    const current = effectiveState(row.saved, pending.get(row.id));
    if ('auto_subscribe' in edit && !current.visible) {
      skippedHidden++;
      continue;
    }
    const target = { ...current, ...edit };
    if (target.visible === current.visible && target.auto_subscribe === current.auto_subscribe) continue;
    next ??= new Map(pending);
    const change = changeBetween(row.saved, target);
    if (change) next.set(row.id, change);
    else next.delete(row.id);
    changed++;
  }
  return { pending: next ?? pending, changed, skippedHidden };
}

/** Sets rows to full target states (a CSV import): each listed row ends up exactly as given. */
export function applyTargets(
  pending: PendingEdits,
  targets: Iterable<{ row: CalendarRow; target: CalendarState }>,
): PendingEdits {
  let next: Map<number, CalendarChange> | undefined;
  for (const { row, target } of targets) {
    const change = changeBetween(row.saved, target);
    const existing = pending.get(row.id);
    if (sameChange(existing, change)) continue;
    next ??= new Map(pending);
    if (change) next.set(row.id, change);
    else next.delete(row.id);
  }
  return next ?? pending;
}

function sameChange(a: CalendarChange | undefined, b: CalendarChange | undefined): boolean {
  return a?.visible === b?.visible && a?.auto_subscribe === b?.auto_subscribe;
}

/**
 * Re-bases pending edits on freshly loaded calendars: fields that now equal Canvas's value (saved by
 * this page, or by someone else meanwhile) are dropped, and so are edits of accounts that are gone.
 * Returns the same map when nothing changed, so it can run on every load without a render loop.
 */
export function rebasePendingEdits(pending: PendingEdits, index: CalendarIndex): PendingEdits {
  let next: Map<number, CalendarChange> | undefined;
  for (const [id, change] of pending) {
    const position = index.positionById.get(id);
    const row = position === undefined ? undefined : index.rows[position];
    const rebased = row ? changeBetween(row.saved, effectiveState(row.saved, change)) : undefined;
    if (sameChange(change, rebased)) continue;
    next ??= new Map(pending);
    if (rebased) next.set(id, rebased);
    else next.delete(id);
  }
  return next ?? pending;
}

/** The bulk update body for all pending edits, in the order the rows are shown. */
export function pendingEntries(pending: PendingEdits, index: CalendarIndex): CalendarUpdateEntry[] {
  const entries: { position: number; entry: CalendarUpdateEntry }[] = [];
  for (const [id, change] of pending) {
    entries.push({
      position: index.positionById.get(id) ?? Number.MAX_SAFE_INTEGER,
      entry: { id, ...change },
    });
  }
  entries.sort((a, b) => a.position - b.position || a.entry.id - b.entry.id);
  return entries.map(({ entry }) => entry);
}

/** What a save would do, for the review. Each list holds rows in display order. */
export interface ChangeSummary {
  accounts: number;
  becomeVisible: CalendarRow[];
  becomeHidden: CalendarRow[];
  autoSubscribed: CalendarRow[];
  unsubscribed: CalendarRow[];
  /**
   * Calendars that will start putting their events into users' calendars: visible with
   * auto-subscribe after the save but not before. Includes hidden auto-subscribe calendars being shown.
   */
  startAutoSubscribing: CalendarRow[];
}

export function summarizeChanges(pending: PendingEdits, index: CalendarIndex): ChangeSummary {
  const summary: ChangeSummary = {
    accounts: 0,
    becomeVisible: [],
    becomeHidden: [],
    autoSubscribed: [],
    unsubscribed: [],
    startAutoSubscribing: [],
  };
  const positions = [...pending.keys()]
    .map((id) => index.positionById.get(id))
    .filter((position) => position !== undefined)
    .sort((a, b) => a - b);
  for (const position of positions) {
    const row = index.rows[position] as CalendarRow;
    const change = pending.get(row.id);
    const after = effectiveState(row.saved, change);
    summary.accounts++;
    if (change?.visible === true) summary.becomeVisible.push(row);
    if (change?.visible === false) summary.becomeHidden.push(row);
    if (change?.auto_subscribe === true) summary.autoSubscribed.push(row);
    if (change?.auto_subscribe === false) summary.unsubscribed.push(row);
    const reachedUsersBefore = row.saved.visible && row.saved.auto_subscribe;
    if (after.visible && after.auto_subscribe && !reachedUsersBefore) summary.startAutoSubscribing.push(row);
  }
  return summary;
}

/** "was hidden", "was visible, manual" ...: what a changed row looked like in Canvas. */
export function describeSavedState(saved: CalendarState, change: CalendarChange): string {
  const parts: string[] = [];
  if (change.visible !== undefined) parts.push(saved.visible ? 'visible' : 'hidden');
  if (change.auto_subscribe !== undefined) parts.push(saved.auto_subscribe ? 'auto-subscribe' : 'manual');
  return `was ${parts.join(', ')}`;
}

/**
 * Removes what Canvas has just confirmed: an entry's fields leave the pending map when they still
 * hold the saved values (an edit made since is kept).
 */
export function withoutSavedEntries(
  pending: PendingEdits,
  saved: readonly CalendarUpdateEntry[],
): PendingEdits {
  let next: Map<number, CalendarChange> | undefined;
  for (const entry of saved) {
    const change = pending.get(entry.id);
    if (!change) continue;
    const rest: CalendarChange = { ...change };
    if (entry.visible !== undefined && rest.visible === entry.visible) delete rest.visible;
    if (entry.auto_subscribe !== undefined && rest.auto_subscribe === entry.auto_subscribe)
      delete rest.auto_subscribe;
    if (sameChange(rest, change)) continue;
    next ??= new Map(pending);
    if (rest.visible === undefined && rest.auto_subscribe === undefined) next.delete(entry.id);
    else next.set(entry.id, rest);
  }
  return next ?? pending;
}
