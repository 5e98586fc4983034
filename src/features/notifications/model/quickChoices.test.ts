import { describe, expect, it } from 'vitest';
import { quickChoiceTimestamp } from './quickChoices.ts';

// 4:17:42 PM in Denver (daylight time).
const NOW = Date.parse('2025-06-15T22:17:42.500Z');

describe('quickChoiceTimestamp', () => {
  it('takes now to the minute', () => {
    expect(quickChoiceTimestamp('now', { now: NOW, zone: 'America/Denver' })).toBe('2025-06-15T22:17:00Z');
  });

  it('ends today at 11:59 PM on the admin’s clock, not the browser’s', () => {
    expect(quickChoiceTimestamp('end_of_today', { now: NOW, zone: 'America/Denver' })).toBe(
      '2025-06-16T05:59:00Z',
    );
    expect(quickChoiceTimestamp('end_of_today', { now: NOW, zone: 'Asia/Tokyo' })).toBe(
      '2025-06-16T14:59:00Z',
    );
  });

  it('adds one week at the same wall time, across a DST change', () => {
    expect(quickChoiceTimestamp('one_week', { now: NOW, zone: 'America/Denver' })).toBe(
      '2025-06-22T22:17:00Z',
    );
    const beforeChange = Date.parse('2025-11-01T15:00:00Z'); // 9:00 AM MDT
    expect(quickChoiceTimestamp('one_week', { now: beforeChange, zone: 'America/Denver' })).toBe(
      '2025-11-08T16:00:00Z', // 9:00 AM MST
    );
  });

  it('counts the week from a given start', () => {
    expect(
      quickChoiceTimestamp('one_week', { now: NOW, zone: 'UTC', from: Date.parse('2025-07-01T08:00:00Z') }),
    ).toBe('2025-07-08T08:00:00Z');
  });
});
