import { addToWallTime, type WallTime, wallTimeAt, wallTimeToInstant } from '../../../lib/zonedTime.ts';

/** One window to place on the axis; instants in epoch milliseconds. */
export interface TimelineItem {
  id: number;
  start: number;
  end: number;
}

/** A bar: its lane (row) and horizontal extent in percent of the axis. */
export interface TimelineBar {
  id: number;
  lane: number;
  left: number;
  width: number;
  /** The window starts before the axis does (or ends after it): the bar is cut at that edge. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface TimelineTick {
  at: number;
  /** Percent of the axis. */
  position: number;
  label: string;
}

export interface TimelineLayout {
  rangeStart: number;
  rangeEnd: number;
  bars: TimelineBar[];
  laneCount: number;
  ticks: TimelineTick[];
  /** Where "now" falls, in percent. */
  nowPosition: number;
  /** Windows entirely outside the axis, so not drawn. */
  offAxisIds: number[];
}

export interface TimelineOptions {
  now: number;
  /** The span to show; by default one that fits every window. */
  focus?: { start: number; end: number };
  zone: string;
  locale?: string;
  /** The narrowest bar, in percent, so that a one-minute window is still something to see and point at. */
  minBarWidth?: number;
  /** Space kept between two bars in one lane, in percent. */
  laneGap?: number;
  maxTicks?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = 30.44 * DAY;
const PADDING_SHARE = 0.02;
/** How far back the default focus reaches for windows that have ended. */
export const RECENT_PAST = 14 * DAY;

type TickUnit =
  | { kind: 'hour'; hours: number }
  | { kind: 'day'; days: number }
  | { kind: 'month'; months: number };

/** Tick steps from fine to coarse; the first one that fits `maxTicks` ticks across the range wins. */
const TICK_UNITS: readonly TickUnit[] = [
  { kind: 'hour', hours: 1 },
  { kind: 'hour', hours: 3 },
  { kind: 'hour', hours: 6 },
  { kind: 'hour', hours: 12 },
  { kind: 'day', days: 1 },
  { kind: 'day', days: 2 },
  { kind: 'day', days: 7 },
  { kind: 'day', days: 14 },
  { kind: 'month', months: 1 },
  { kind: 'month', months: 3 },
  { kind: 'month', months: 6 },
  { kind: 'month', months: 12 },
  { kind: 'month', months: 24 },
  { kind: 'month', months: 60 },
];

function unitLength(unit: TickUnit): number {
  if (unit.kind === 'hour') return unit.hours * HOUR;
  if (unit.kind === 'day') return unit.days * DAY;
  return unit.months * MONTH;
}

export function chooseTickUnit(span: number, maxTicks: number): TickUnit {
  return TICK_UNITS.find((unit) => span / unitLength(unit) <= maxTicks) ?? { kind: 'month', months: 120 };
}

/** The first tick at or before `instant`, on the zone's wall clock (midnights, first days of months). */
function alignedWallTime(instant: number, zone: string, unit: TickUnit): WallTime {
  const wall = wallTimeAt(instant, zone);
  if (unit.kind === 'hour') {
    return { ...wall, hour: wall.hour - (wall.hour % unit.hours), minute: 0, second: 0 };
  }
  if (unit.kind === 'day') return { ...wall, hour: 0, minute: 0, second: 0 };
  const monthIndex = wall.year * 12 + wall.month - 1;
  const aligned = monthIndex - (monthIndex % unit.months);
  return { year: Math.floor(aligned / 12), month: (aligned % 12) + 1, day: 1, hour: 0, minute: 0, second: 0 };
}

function tickLabeler(unit: TickUnit, zone: string, locale?: string): (instant: number) => string {
  const options: Intl.DateTimeFormatOptions =
    unit.kind === 'hour'
      ? { month: 'short', day: 'numeric', hour: 'numeric' }
      : unit.kind === 'day'
        ? { month: 'short', day: 'numeric' }
        : unit.months >= 12
          ? { year: 'numeric' }
          : { month: 'short', year: 'numeric' };
  const formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
  return (instant) => formatter.format(instant);
}

export function timelineTicks(
  rangeStart: number,
  rangeEnd: number,
  { zone, locale, maxTicks = 8 }: { zone: string; locale?: string; maxTicks?: number },
): TimelineTick[] {
  const span = rangeEnd - rangeStart;
  if (span <= 0) return [];
  const unit = chooseTickUnit(span, maxTicks);
  const label = tickLabeler(unit, zone, locale);
  const ticks: TimelineTick[] = [];
  let wall = alignedWallTime(rangeStart, zone, unit);
  for (let guard = 0; guard < maxTicks * 3; guard++) {
    const at = wallTimeToInstant(wall, zone);
    if (at > rangeEnd) break;
    if (at >= rangeStart) ticks.push({ at, position: ((at - rangeStart) / span) * 100, label: label(at) });
    wall =
      unit.kind === 'hour'
        ? wallTimeAt(at + unit.hours * HOUR, zone)
        : unit.kind === 'day'
          ? addToWallTime(wall, { days: unit.days })
          : addToWallTime(wall, { months: unit.months });
  }
  return ticks;
}

/**
 * The span worth looking at: now and every window that hasn't ended or ended in the last two weeks.
 * Older windows would stretch the axis over months of history and squeeze what matters into a corner;
 * when only old windows exist, they are the focus.
 */
export function defaultTimelineFocus(
  items: readonly TimelineItem[],
  now: number,
): { start: number; end: number } {
  const recent = items.filter((item) => Math.max(item.start, item.end) >= now - RECENT_PAST);
  let start = now;
  let end = now;
  for (const item of recent.length > 0 ? recent : items) {
    start = Math.min(start, item.start, item.end);
    end = Math.max(end, item.start, item.end);
  }
  return { start, end };
}

/**
 * Places windows on a date axis that covers the focus (by default every window) and now, with a little
 * room at both ends. Windows crossing an end of the axis are cut there, windows beyond it left out.
 * Overlapping windows go to separate lanes, each bar to the first lane where it fits.
 */
export function layoutTimeline(items: readonly TimelineItem[], options: TimelineOptions): TimelineLayout {
  const { now, zone, locale, minBarWidth = 0.75, laneGap = 0.5, maxTicks } = options;
  let low = Math.min(now, options.focus?.start ?? now);
  let high = Math.max(now, options.focus?.end ?? now);
  if (!options.focus) {
    for (const item of items) {
      low = Math.min(low, item.start, item.end);
      high = Math.max(high, item.start, item.end);
    }
  }
  if (high - low < HOUR) {
    low -= DAY / 2;
    high += DAY / 2;
  }
  const padding = (high - low) * PADDING_SHARE;
  const rangeStart = low - padding;
  const rangeEnd = high + padding;
  const span = rangeEnd - rangeStart;
  const toPercent = (instant: number) => ((instant - rangeStart) / span) * 100;

  const ordered = [...items].sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  const laneEnds: number[] = [];
  const bars: TimelineBar[] = [];
  const offAxisIds: number[] = [];
  for (const item of ordered) {
    const first = Math.min(item.start, item.end);
    const last = Math.max(item.start, item.end);
    if (last < rangeStart || first > rangeEnd) {
      offAxisIds.push(item.id);
      continue;
    }
    const left = Math.max(0, toPercent(first));
    const right = Math.min(100, Math.max(left + minBarWidth, toPercent(last)));
    let lane = laneEnds.findIndex((laneEnd) => laneEnd + laneGap <= left);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(right);
    } else {
      laneEnds[lane] = right;
    }
    bars.push({
      id: item.id,
      lane,
      left,
      width: right - left,
      clippedStart: first < rangeStart,
      clippedEnd: last > rangeEnd,
    });
  }

  return {
    rangeStart,
    rangeEnd,
    bars,
    laneCount: laneEnds.length,
    ticks: timelineTicks(rangeStart, rangeEnd, { zone, locale, maxTicks }),
    nowPosition: toPercent(now),
    offAxisIds,
  };
}
