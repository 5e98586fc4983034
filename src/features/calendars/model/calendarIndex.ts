import type { AccountCalendar } from '../../../api/schemas/accountCalendar.ts';

/** A calendar's two settings as Canvas stores them. */
export interface CalendarState {
  visible: boolean;
  auto_subscribe: boolean;
}

/** One account's calendar as the editor shows it, in tree order. */
export interface CalendarRow {
  id: number;
  name: string;
  parentId: number | null;
  /** 0 for the managed account, 1 for its children, and so on. */
  depth: number;
  /** From the accounts API (calendars carry none); undefined until that list has loaded. */
  sisId: string | null | undefined;
  /** The saved state in Canvas. */
  saved: CalendarState;
  /** Direct sub-accounts among the loaded rows. */
  childCount: number;
  /** Rows `position + 1 .. subtreeEnd - 1` are this account's descendants (tree order keeps them together). */
  subtreeEnd: number;
}

/** Everything the filters, selection and review read, built once per load. */
export interface CalendarIndex {
  rows: readonly CalendarRow[];
  positionById: ReadonlyMap<number, number>;
  /** Lower-cased "name\nsis id" per row, so a keystroke in the filter costs one substring test per row. */
  searchText: readonly string[];
}

const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareByName(a: AccountCalendar, b: AccountCalendar): number {
  return nameCollator.compare(a.name, b.name) || a.id - b.id;
}

/**
 * Orders the calendars of `rootId`'s subtree depth-first, siblings by name as Canvas lists them.
 * Calendars whose parent is not among them (an account moved while the pages loaded) are shown at
 * the top level after the tree rather than dropped.
 */
export function buildCalendarIndex(
  rootId: number,
  calendars: readonly AccountCalendar[],
  sisIds: ReadonlyMap<number, string | null> | undefined,
): CalendarIndex {
  const byId = new Map<number, AccountCalendar>();
  for (const calendar of calendars) byId.set(calendar.id, calendar);
  const childrenByParent = new Map<number, AccountCalendar[]>();
  const tops: AccountCalendar[] = [];
  for (const calendar of byId.values()) {
    const parentId = calendar.parent_account_id;
    if (calendar.id === rootId || parentId === null || !byId.has(parentId)) {
      tops.push(calendar);
      continue;
    }
    const siblings = childrenByParent.get(parentId);
    if (siblings) siblings.push(calendar);
    else childrenByParent.set(parentId, [calendar]);
  }
  for (const siblings of childrenByParent.values()) siblings.sort(compareByName);
  tops.sort((a, b) => (a.id === rootId ? -1 : b.id === rootId ? 1 : compareByName(a, b)));

  const rows: CalendarRow[] = [];
  const positionById = new Map<number, number>();
  const searchText: string[] = [];
  // Iterative so that a deep tree cannot overflow the stack; `exit` frames close a subtree.
  type Frame = { calendar: AccountCalendar; depth: number } | { exit: number };
  const stack: Frame[] = tops.map((calendar) => ({ calendar, depth: 0 })).reverse();
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if ('exit' in frame) {
      (rows[frame.exit] as CalendarRow).subtreeEnd = rows.length;
      continue;
    }
    const { calendar, depth } = frame;
    if (positionById.has(calendar.id)) continue;
    const children = childrenByParent.get(calendar.id) ?? [];
    const sisId = sisIds ? (sisIds.get(calendar.id) ?? null) : undefined;
    const position = rows.length;
    positionById.set(calendar.id, position);
    rows.push({
      id: calendar.id,
      name: calendar.name,
      parentId: calendar.parent_account_id,
      depth,
      sisId,
      saved: { visible: calendar.visible, auto_subscribe: calendar.auto_subscribe },
      childCount: children.length,
      subtreeEnd: position + 1,
    });
    searchText.push(`${calendar.name}\n${sisId ?? ''}`.toLocaleLowerCase());
    stack.push({ exit: position });
    for (let child = children.length - 1; child >= 0; child--) {
      stack.push({ calendar: children[child] as AccountCalendar, depth: depth + 1 });
    }
  }
  return { rows, positionById, searchText };
}

/** The ids of an account and all its descendants among the loaded rows. */
export function subtreeIds(index: CalendarIndex, id: number): number[] {
  const position = index.positionById.get(id);
  if (position === undefined) return [];
  const row = index.rows[position] as CalendarRow;
  const ids: number[] = [];
  for (let at = position; at < row.subtreeEnd; at++) ids.push((index.rows[at] as CalendarRow).id);
  return ids;
}

export function rowById(index: CalendarIndex, id: number): CalendarRow | undefined {
  const position = index.positionById.get(id);
  return position === undefined ? undefined : index.rows[position];
}
