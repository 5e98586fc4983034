/**
 * Wall-clock time in an IANA time zone, computed with Intl so that the admin's Canvas zone (not the
 * browser's) decides what "9:00 AM" or "end of today" means. Instants are epoch milliseconds.
 */

/** A wall-clock reading; `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      // h23 because `hour12: false` gives "24" for midnight in some engines.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, formatter);
  }
  return formatter;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function wallTimeAt(instant: number, zone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, zone)) - whole;
}

/**
 * The instant a wall-clock reading names in `zone`. A reading skipped by a DST jump is read with the
 * offset before the jump (2:30 becomes 3:30); a repeated one resolves to its first occurrence.
 */
export function wallTimeToInstant(wall: WallTime, zone: string): number {
  const asUtc = wallAsUtc(wall);
  const firstGuess = asUtc - zoneOffsetAt(asUtc, zone);
  const secondOffset = zoneOffsetAt(firstGuess, zone);
  const secondGuess = asUtc - secondOffset;
  if (secondGuess === firstGuess) return firstGuess;
  // Around a transition the two offsets disagree; take the earlier instant whose reading matches.
  const candidates = [secondGuess, firstGuess].sort((a, b) => a - b);
  return candidates.find((candidate) => wallAsUtc(wallTimeAt(candidate, zone)) === asUtc) ?? firstGuess;
}

/** Calendar arithmetic on the wall clock (adding a day keeps 9:00 at 9:00 across DST). */
export function addToWallTime(wall: WallTime, amount: { days?: number; months?: number }): WallTime {
  const shifted = new Date(
    Date.UTC(
      wall.year,
      wall.month - 1 + (amount.months ?? 0),
      wall.day + (amount.days ?? 0),
      wall.hour,
      wall.minute,
      wall.second,
    ),
  );
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss`, the value format of Mantine's date-time pickers. */
export function formatWallTime(wall: WallTime): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

const WALL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or `YYYY-MM-DD HH:mm:ss`; null for anything else. */
export function parseWallTime(text: string): WallTime | null {
  const match = WALL_TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = {
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  };
  // Date.UTC silently rolls 2025-02-30 over to March; a reading that doesn't survive the round trip is invalid.
  const roundTrip = new Date(wallAsUtc(wall));
  if (roundTrip.getUTCMonth() + 1 !== wall.month || roundTrip.getUTCDate() !== wall.day) return null;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  return wall;
}

/** Canvas's timestamp form: UTC, whole seconds, `Z`. */
export function toCanvasTimestamp(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The picker value for a stored timestamp, on the zone's wall clock. */
export function timestampToWallString(timestamp: string, zone: string): string | null {
  const instant = Date.parse(timestamp);
  return Number.isNaN(instant) ? null : formatWallTime(wallTimeAt(instant, zone));
}

/** The stored timestamp for a picker value read on the zone's wall clock. */
export function wallStringToTimestamp(text: string, zone: string): string | null {
  const wall = parseWallTime(text);
  return wall ? toCanvasTimestamp(wallTimeToInstant(wall, zone)) : null;
}

function zoneNamePart(zone: string, style: 'longGeneric' | 'long', at: number, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/**
 * A zone's name as people say it, with the IANA id for precision: "Mountain Time (America/Denver)".
 * Zones without a generic name ("GMT+00:00") use their specific one ("Coordinated Universal Time").
 */
export function timeZoneLabel(zone: string, at: number = Date.now(), locale?: string): string {
  const generic = zoneNamePart(zone, 'longGeneric', at, locale);
  const name = /^GMT[+-]/.test(generic) ? zoneNamePart(zone, 'long', at, locale) : generic;
  return name === zone ? zone : `${name} (${zone})`;
}
