import { describe, expect, it } from 'vitest';
import { isoSeconds, parseCanvasDateTime, zoneOffsetMs } from './time.ts';

const HOUR_MS = 3_600_000;
const DENVER = 'America/Denver';

/** The parsed instant as a full ISO string (milliseconds kept), or null. */
function parsed(text: string, zone = DENVER): string | null {
  return parseCanvasDateTime(text, zone)?.toISOString() ?? null;
}

describe('isoSeconds', () => {
  it('writes UTC with whole seconds', () => {
    expect(isoSeconds(new Date('2024-03-05T17:04:11.987Z'))).toBe('2024-03-05T17:04:11Z');
  });
});

describe('zoneOffsetMs', () => {
  it('follows daylight saving time', () => {
    expect(zoneOffsetMs(DENVER, Date.parse('2025-01-15T12:00:00Z'))).toBe(-7 * HOUR_MS);
    expect(zoneOffsetMs(DENVER, Date.parse('2025-07-15T12:00:00Z'))).toBe(-6 * HOUR_MS);
  });

  it('switches at the instant of the change', () => {
    // Denver springs forward at 02:00 MST, which is 09:00 UTC.
    expect(zoneOffsetMs(DENVER, Date.parse('2025-03-09T08:59:59Z'))).toBe(-7 * HOUR_MS);
    expect(zoneOffsetMs(DENVER, Date.parse('2025-03-09T09:00:00Z'))).toBe(-6 * HOUR_MS);
  });

  it('reads zero, half-hour and second-level offsets', () => {
    expect(zoneOffsetMs('UTC', Date.parse('2025-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMs('Asia/Kolkata', Date.parse('2025-01-15T12:00:00Z'))).toBe(5.5 * HOUR_MS);
    // Denver kept local mean time, -06:59:56, until standard time zones arrived in 1883.
    expect(zoneOffsetMs(DENVER, Date.parse('1850-01-01T00:00:00Z'))).toBe(-(6 * 3600 + 59 * 60 + 56) * 1000);
  });
});

describe('parseCanvasDateTime', () => {
  it('takes a time with Z or an offset as given, whatever the zone', () => {
    expect(parsed('2025-01-15T10:00:00Z')).toBe('2025-01-15T10:00:00.000Z');
    expect(parsed('2025-01-15T10:00Z', 'Asia/Tokyo')).toBe('2025-01-15T10:00:00.000Z');
    expect(parsed('2025-01-15T10:00:00+05:30')).toBe('2025-01-15T04:30:00.000Z');
    expect(parsed('2025-01-15T10:00:00-0700')).toBe('2025-01-15T17:00:00.000Z');
    expect(parsed('2025-01-15t10:00:00z')).toBe('2025-01-15T10:00:00.000Z');
  });

  it('reads a time without a zone in the given zone, on either side of a DST change', () => {
    expect(parsed('2025-03-08T12:00')).toBe('2025-03-08T19:00:00.000Z');
    expect(parsed('2025-03-10T12:00')).toBe('2025-03-10T18:00:00.000Z');
    // Spring forward, 2025-03-09 02:00: the hour before is MST, the hour after MDT.
    expect(parsed('2025-03-09T01:30:00')).toBe('2025-03-09T08:30:00.000Z');
    expect(parsed('2025-03-09T03:30:00')).toBe('2025-03-09T09:30:00.000Z');
    // Fall back, 2025-11-02 02:00: 01:30 happens twice and is read as the first (MDT), like Rails.
    expect(parsed('2025-11-02 01:30')).toBe('2025-11-02T07:30:00.000Z');
    expect(parsed('2025-11-02 02:30')).toBe('2025-11-02T09:30:00.000Z');
  });

  it('reads a date as its midnight in the given zone', () => {
    expect(parsed('2025-01-15')).toBe('2025-01-15T07:00:00.000Z');
    expect(parsed('2025-07-15')).toBe('2025-07-15T06:00:00.000Z');
    expect(parsed('2025-07-15', 'Asia/Kolkata')).toBe('2025-07-14T18:30:00.000Z');
    expect(parsed('2024-02-29')).toBe('2024-02-29T07:00:00.000Z');
  });

  it('keeps fractional seconds to the millisecond', () => {
    expect(parsed('2025-01-15T10:00:00.5Z')).toBe('2025-01-15T10:00:00.500Z');
    expect(parsed('2025-01-15T10:00:00.123456+01:00')).toBe('2025-01-15T09:00:00.123Z');
    expect(parsed('2025-01-15T10:00:00.25')).toBe('2025-01-15T17:00:00.250Z');
  });

  it('trims surrounding whitespace', () => {
    expect(parsed('  2025-01-15T10:00:00Z\n')).toBe('2025-01-15T10:00:00.000Z');
  });

  it('reads 24:00 as the end of the day', () => {
    expect(parsed('2025-01-31T24:00:00Z')).toBe('2025-02-01T00:00:00.000Z');
    expect(parsed('2025-01-31T24:00')).toBe('2025-02-01T07:00:00.000Z');
  });

  it('keeps years below 100 as written', () => {
    expect(parseCanvasDateTime('0099-06-01T00:00:00Z', DENVER)?.getUTCFullYear()).toBe(99);
  });

  it('refuses dates and times that do not exist', () => {
    for (const text of [
      '2025-02-30',
      '2023-02-29',
      '2025-04-31T10:00:00Z',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '2025-01-01T25:00',
      '2025-01-01T24:30:00Z',
      '2025-01-01T10:60',
      '2025-01-01T10:00:60Z',
      '2025-01-01T10:00:00+24:00',
      '2025-01-01T10:00:00+05:60',
    ]) {
      expect(parsed(text), text).toBeNull();
    }
  });

  it('refuses anything that is not an ISO 8601 date or time', () => {
    for (const text of [
      '',
      '   ',
      'someday',
      'next tuesday',
      '1735725600',
      '2025-1-5',
      '20250105',
      '2025-01-05T10',
      '2025-01-05 10:00Z',
      '2025-01-05T10:00:00 GMT',
      '2025-01-05T10:00:00+05',
      '2025-01-05Z',
      '2025-01-05T10:00:00Zjunk',
    ]) {
      expect(parsed(text), text).toBeNull();
    }
  });
});
