import { describe, expect, it } from 'vitest';
import { formatInstant, formatWindow, groupByStatus, notificationStatus } from './notificationWindow.ts';

const NOW = Date.parse('2025-06-15T12:00:00Z');
/** ICU separates times and ranges with narrow and thin spaces; tests compare plain ones. */
const plain = (text: string) => text.replace(/[\u202f\u2009\u00a0]/g, ' ');

describe('notificationStatus', () => {
  it('is current while start <= now <= end, inclusive at both ends', () => {
    expect(
      notificationStatus({ start_at: '2025-06-15T12:00:00Z', end_at: '2025-06-20T00:00:00Z' }, NOW),
    ).toBe('current');
    expect(
      notificationStatus({ start_at: '2025-06-01T00:00:00Z', end_at: '2025-06-15T12:00:00Z' }, NOW),
    ).toBe('current');
  });

  it('is scheduled before the start and past after the end', () => {
    expect(
      notificationStatus({ start_at: '2025-06-15T12:00:01Z', end_at: '2025-06-20T00:00:00Z' }, NOW),
    ).toBe('scheduled');
    expect(
      notificationStatus({ start_at: '2025-06-01T00:00:00Z', end_at: '2025-06-15T11:59:59Z' }, NOW),
    ).toBe('past');
  });
});

describe('groupByStatus', () => {
  it('groups and orders each status the way an admin reads it', () => {
    const list = [
      { id: 1, start_at: '2025-06-01T00:00:00Z', end_at: '2025-06-30T00:00:00Z' },
      { id: 2, start_at: '2025-06-10T00:00:00Z', end_at: '2025-06-16T00:00:00Z' },
      { id: 3, start_at: '2025-07-10T00:00:00Z', end_at: '2025-07-16T00:00:00Z' },
      { id: 4, start_at: '2025-06-20T00:00:00Z', end_at: '2025-08-16T00:00:00Z' },
      { id: 5, start_at: '2025-01-01T00:00:00Z', end_at: '2025-02-01T00:00:00Z' },
      { id: 6, start_at: '2025-05-01T00:00:00Z', end_at: '2025-05-02T00:00:00Z' },
    ];
    const groups = groupByStatus(list, NOW);
    expect(groups.current.map((n) => n.id)).toEqual([2, 1]);
    expect(groups.scheduled.map((n) => n.id)).toEqual([4, 3]);
    expect(groups.past.map((n) => n.id)).toEqual([6, 5]);
  });
});

describe('formatWindow', () => {
  it('shows the window on the zone clock and names the zone', () => {
    const window = { start_at: '2025-03-03T16:00:00Z', end_at: '2025-03-10T23:00:00Z' };
    expect(plain(formatWindow(window, 'America/Denver', 'en-US'))).toBe(
      'Mar 3, 2025, 9:00 AM MST – Mar 10, 2025, 5:00 PM MDT',
    );
    expect(plain(formatWindow(window, 'Europe/Berlin', 'en-US'))).toBe(
      'Mar 3, 2025, 5:00 PM GMT+1 – Mar 11, 2025, 12:00 AM GMT+1',
    );
  });

  it('shares the date within one day', () => {
    expect(
      plain(
        formatWindow(
          { start_at: '2025-06-03T15:00:00Z', end_at: '2025-06-03T22:00:00Z' },
          'America/Denver',
          'en-US',
        ),
      ),
    ).toBe('Jun 3, 2025, 9:00 AM – 4:00 PM MDT');
  });

  it('still reads when the end precedes the start (a draft can be in that state)', () => {
    expect(
      plain(
        formatWindow({ start_at: '2025-06-03T22:00:00Z', end_at: '2025-06-03T15:00:00Z' }, 'UTC', 'en-US'),
      ),
    ).toBe('Jun 3, 2025, 10:00 PM UTC – Jun 3, 2025, 3:00 PM UTC');
  });

  it('formats a single instant with its zone', () => {
    expect(plain(formatInstant('2025-06-03T15:00:00Z', 'America/Denver', 'en-US'))).toBe(
      'Jun 3, 2025, 9:00 AM MDT',
    );
  });
});
