/** Canvas's timestamp format: UTC, whole seconds (`2024-03-05T17:04:11Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The UTC offset of `ianaZone` at the instant `atMs`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(ianaZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ianaZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(atMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  // `GMT-07:00`; `GMT-06:59:56` in the local mean time before standard zones; a bare `GMT` at zero.
  const match = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return (match[1] === '-' ? -seconds : seconds) * 1000;
}

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?`;
/** `2025-03-09T14:30:00.5-06:00`: the zone is `Z` or `±hh:mm` (colon optional). */
const ZONED_DATE_TIME = new RegExp(String.raw`^${DATE}T${TIME}(?:Z|([+-])(\d{2}):?(\d{2}))$`, 'i');
/** `2025-03-09`, `2025-03-09T14:30` or `2025-03-09 14:30:00.5`: a wall-clock reading. */
const ZONE_LESS_DATE_TIME = new RegExp(`^${DATE}(?:[T ]${TIME})?$`);

/**
 * A datetime param as Canvas reads it with `Time.zone`: ISO 8601 with `Z` or an offset is taken as
 * given; a date, or a time without a zone, is a wall-clock reading in `ianaZone`. Null when the text
 * is not one of those forms or names a moment that cannot exist (`2025-02-30`, `10:75`).
 */
export function parseCanvasDateTime(text: string, ianaZone: string): Date | null {
  const trimmed = text.trim();
  const zoned = ZONED_DATE_TIME.exec(trimmed);
  const fields = zoned ?? ZONE_LESS_DATE_TIME.exec(trimmed);
  if (!fields) return null;
  const field = (index: number): number => Number(fields[index] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const [hour, minute, second] = [field(4), field(5), field(6)];
  const millisecond = Number((fields[7] ?? '').slice(0, 3).padEnd(3, '0'));

  // The setters rather than `Date.UTC`, which would read years 0–99 as 1900–1999.
  const wallClock = new Date(0);
  wallClock.setUTCFullYear(year, month - 1, day);
  // The setter rolls 2025-02-30 over into March, as Ruby's `Time.new` under `Time.zone.parse` does
  // (rails/rails#36950); the sandbox refuses a date that does not exist instead.
  if (wallClock.getUTCMonth() !== month - 1 || wallClock.getUTCDate() !== day) return null;
  // ISO 8601 allows `24:00` for the end of a day; any other hour past 23 is not a time.
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return null;
  wallClock.setUTCHours(hour, minute, second, millisecond);
  const wallClockMs = wallClock.getTime();

  if (zoned) {
    const [offsetHours, offsetMinutes] = [field(9), field(10)];
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const offsetMs = (zoned[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
    return new Date(wallClockMs - offsetMs);
  }
  // Read as UTC, the wall-clock reading is off by the zone's own offset, which can put it on the other
  // side of a DST change; the offset at the corrected first guess is the one in force at that reading.
  const firstGuess = wallClockMs - zoneOffsetMs(ianaZone, wallClockMs);
  return new Date(wallClockMs - zoneOffsetMs(ianaZone, firstGuess));
}
