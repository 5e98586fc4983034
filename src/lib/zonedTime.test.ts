import { describe, expect, it } from 'vitest';
import {
  addToWallTime,
  formatWallTime,
  isValidTimeZone,
  parseWallTime,
  timestampToWallString,
  timeZoneLabel,
  toCanvasTimestamp,
  wallStringToTimestamp,
  wallTimeAt,
  wallTimeToInstant,
  zoneOffsetAt,
} from './zonedTime.ts';

describe('zoned wall time', () => {
  it('reads an instant on a zone clock, standard and daylight time alike', () => {
    expect(formatWallTime(wallTimeAt(Date.parse('2025-01-15T16:30:00Z'), 'America/Denver'))).toBe(
      '2025-01-15 09:30:00',
    );
    expect(formatWallTime(wallTimeAt(Date.parse('2025-07-15T16:30:00Z'), 'America/Denver'))).toBe(
      '2025-07-15 10:30:00',
    );
    expect(formatWallTime(wallTimeAt(Date.parse('2025-07-15T23:30:00Z'), 'Asia/Tokyo'))).toBe(
      '2025-07-16 08:30:00',
    );
  });

  it('gives midnight as hour 0', () => {
    expect(wallTimeAt(Date.parse('2025-01-15T07:00:00Z'), 'America/Denver').hour).toBe(0);
  });

  it('knows the offset', () => {
    expect(zoneOffsetAt(Date.parse('2025-01-15T12:00:00Z'), 'America/Denver')).toBe(-7 * 3_600_000);
    expect(zoneOffsetAt(Date.parse('2025-07-15T12:00:00Z'), 'America/Denver')).toBe(-6 * 3_600_000);
    expect(zoneOffsetAt(Date.parse('2025-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('turns a wall reading back into the instant', () => {
    const wall = { year: 2025, month: 3, day: 3, hour: 9, minute: 0, second: 0 };
    expect(new Date(wallTimeToInstant(wall, 'America/Denver')).toISOString()).toBe(
      '2025-03-03T16:00:00.000Z',
    );
    expect(new Date(wallTimeToInstant(wall, 'UTC')).toISOString()).toBe('2025-03-03T09:00:00.000Z');
  });

  it('resolves readings near a DST change: a skipped one with the offset before the jump, a repeated one to its first occurrence', () => {
    // 2025-03-09 02:30 does not exist in Denver (clocks jump 2:00 → 3:00); it becomes 3:30 daylight time.
    const gap = wallTimeToInstant(
      { year: 2025, month: 3, day: 9, hour: 2, minute: 30, second: 0 },
      'America/Denver',
    );
    expect(new Date(gap).toISOString()).toBe('2025-03-09T09:30:00.000Z');
    // 2025-11-02 01:30 happens twice; the first (daylight time) is taken.
    const repeated = wallTimeToInstant(
      { year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0 },
      'America/Denver',
    );
    expect(new Date(repeated).toISOString()).toBe('2025-11-02T07:30:00.000Z');
    const after = wallTimeToInstant(
      { year: 2025, month: 3, day: 9, hour: 9, minute: 0, second: 0 },
      'America/Denver',
    );
    expect(new Date(after).toISOString()).toBe('2025-03-09T15:00:00.000Z');
  });

  it('adds calendar days and months on the wall clock', () => {
    const wall = { year: 2025, month: 1, day: 31, hour: 9, minute: 0, second: 0 };
    expect(formatWallTime(addToWallTime(wall, { days: 1 }))).toBe('2025-02-01 09:00:00');
    expect(formatWallTime(addToWallTime(wall, { months: 1 }))).toBe('2025-03-03 09:00:00');
    expect(formatWallTime(addToWallTime({ ...wall, month: 12 }, { days: 1 }))).toBe('2026-01-01 09:00:00');
  });

  it('parses the picker format and rejects impossible dates', () => {
    expect(parseWallTime('2025-03-03 09:05:07')).toEqual({
      year: 2025,
      month: 3,
      day: 3,
      hour: 9,
      minute: 5,
      second: 7,
    });
    expect(parseWallTime('2025-03-03')?.hour).toBe(0);
    expect(parseWallTime('2025-02-30 10:00:00')).toBeNull();
    expect(parseWallTime('2025-03-03 24:00:00')).toBeNull();
    expect(parseWallTime('yesterday')).toBeNull();
  });

  it('converts between Canvas timestamps and picker values in a zone', () => {
    expect(timestampToWallString('2025-03-03T16:00:00Z', 'America/Denver')).toBe('2025-03-03 09:00:00');
    expect(wallStringToTimestamp('2025-03-03 09:00:00', 'America/Denver')).toBe('2025-03-03T16:00:00Z');
    expect(timestampToWallString('not a date', 'UTC')).toBeNull();
    expect(wallStringToTimestamp('nope', 'UTC')).toBeNull();
  });

  it('writes Canvas timestamps in whole seconds', () => {
    expect(toCanvasTimestamp(Date.parse('2025-03-03T16:00:00.789Z'))).toBe('2025-03-03T16:00:00Z');
  });

  it('names a zone by its generic name and IANA id', () => {
    expect(timeZoneLabel('America/Denver', Date.parse('2025-07-01T00:00:00Z'), 'en-US')).toBe(
      'Mountain Time (America/Denver)',
    );
    expect(timeZoneLabel('UTC', Date.parse('2025-07-01T00:00:00Z'), 'en-US')).toBe(
      'Coordinated Universal Time (UTC)',
    );
  });

  it('tells valid zones from invalid ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mountain Time (US & Canada)')).toBe(false);
  });
});
