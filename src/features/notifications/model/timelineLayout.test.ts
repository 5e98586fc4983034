import { describe, expect, it } from 'vitest';
import { chooseTickUnit, defaultTimelineFocus, layoutTimeline, timelineTicks } from './timelineLayout.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-15T12:00:00Z');

describe('layoutTimeline', () => {
  it('covers every window and now, with room at both ends', () => {
    const layout = layoutTimeline(
      [
        { id: 1, start: NOW - 10 * DAY, end: NOW - 5 * DAY },
        { id: 2, start: NOW + 2 * DAY, end: NOW + 10 * DAY },
      ],
      { now: NOW, zone: 'UTC', locale: 'en-US' },
    );
    expect(layout.rangeStart).toBeLessThan(NOW - 10 * DAY);
    expect(layout.rangeEnd).toBeGreaterThan(NOW + 10 * DAY);
    expect(layout.nowPosition).toBeCloseTo(50, 5);
    const [first, second] = layout.bars;
    expect(first?.left).toBeGreaterThan(0);
    expect((second?.left ?? 0) + (second?.width ?? 0)).toBeLessThan(100);
    // Five days of a twenty-day span, less the padding: a quarter of the axis, a little less.
    expect(first?.width).toBeCloseTo((5 / (20 * 1.04)) * 100, 5);
  });

  it('puts overlapping windows in separate lanes and reuses a lane once it is free', () => {
    const layout = layoutTimeline(
      [
        { id: 1, start: NOW, end: NOW + 4 * DAY },
        { id: 2, start: NOW + DAY, end: NOW + 2 * DAY },
        { id: 3, start: NOW + 5 * DAY, end: NOW + 6 * DAY },
        { id: 4, start: NOW + 3 * DAY, end: NOW + 7 * DAY },
      ],
      { now: NOW, zone: 'UTC' },
    );
    const laneOf = (id: number) => layout.bars.find((bar) => bar.id === id)?.lane;
    expect(laneOf(1)).toBe(0);
    expect(laneOf(2)).toBe(1);
    expect(laneOf(4)).toBe(1);
    expect(laneOf(3)).toBe(0);
    expect(layout.laneCount).toBe(2);
  });

  it('gives a momentary window a visible width', () => {
    const layout = layoutTimeline(
      [
        { id: 1, start: NOW, end: NOW + 60_000 },
        { id: 2, start: NOW - 30 * DAY, end: NOW + 30 * DAY },
      ],
      { now: NOW, zone: 'UTC', minBarWidth: 1 },
    );
    expect(layout.bars.find((bar) => bar.id === 1)?.width).toBeCloseTo(1, 5);
  });

  it('spreads an empty timeline around now', () => {
    const layout = layoutTimeline([], { now: NOW, zone: 'UTC' });
    expect(layout.bars).toEqual([]);
    expect(layout.laneCount).toBe(0);
    expect(layout.rangeEnd - layout.rangeStart).toBeGreaterThan(DAY);
    expect(layout.nowPosition).toBeCloseTo(50, 5);
  });
});

describe('focus', () => {
  const items = [
    { id: 1, start: NOW - 200 * DAY, end: NOW - 190 * DAY },
    { id: 2, start: NOW - 40 * DAY, end: NOW - 10 * DAY },
    { id: 3, start: NOW + DAY, end: NOW + 5 * DAY },
  ];

  it('fits now and the windows that have not ended or ended in the last two weeks', () => {
    expect(defaultTimelineFocus(items, NOW)).toEqual({ start: NOW - 40 * DAY, end: NOW + 5 * DAY });
  });

  it('fits the old windows when there is nothing recent', () => {
    expect(defaultTimelineFocus([{ id: 1, start: NOW - 200 * DAY, end: NOW - 190 * DAY }], NOW)).toEqual({
      start: NOW - 200 * DAY,
      end: NOW,
    });
  });

  it('cuts windows at the ends of a focused axis and leaves out the ones beyond it', () => {
    const layout = layoutTimeline(items, {
      now: NOW,
      zone: 'UTC',
      focus: { start: NOW - 20 * DAY, end: NOW + 5 * DAY },
    });
    expect(layout.offAxisIds).toEqual([1]);
    const cut = layout.bars.find((bar) => bar.id === 2);
    expect(cut).toMatchObject({ left: 0, clippedStart: true, clippedEnd: false });
    expect(layout.bars.find((bar) => bar.id === 3)).toMatchObject({ clippedStart: false, clippedEnd: false });
  });
});

describe('timeline ticks', () => {
  it('chooses a unit that keeps the tick count readable', () => {
    expect(chooseTickUnit(6 * 3_600_000, 8)).toEqual({ kind: 'hour', hours: 1 });
    expect(chooseTickUnit(6 * DAY, 8)).toEqual({ kind: 'day', days: 1 });
    expect(chooseTickUnit(40 * DAY, 8)).toEqual({ kind: 'day', days: 7 });
    expect(chooseTickUnit(400 * DAY, 8)).toEqual({ kind: 'month', months: 3 });
  });

  it('falls on midnights of the zone, labelled in it', () => {
    const start = Date.parse('2025-06-01T12:00:00Z');
    const ticks = timelineTicks(start, start + 5 * DAY, { zone: 'America/Denver', locale: 'en-US' });
    expect(ticks.map((tick) => new Date(tick.at).toISOString())).toEqual([
      '2025-06-02T06:00:00.000Z',
      '2025-06-03T06:00:00.000Z',
      '2025-06-04T06:00:00.000Z',
      '2025-06-05T06:00:00.000Z',
      '2025-06-06T06:00:00.000Z',
    ]);
    expect(ticks[0]?.label).toBe('Jun 2');
    expect(ticks[0]?.position).toBeCloseTo((18 / 120) * 100, 5);
  });

  it('labels month ticks with the month and year, on the first of the month', () => {
    const start = Date.parse('2025-01-15T00:00:00Z');
    const ticks = timelineTicks(start, start + 200 * DAY, { zone: 'UTC', locale: 'en-US' });
    expect(ticks[0]?.label).toBe('Feb 2025');
    expect(new Date(ticks[0]?.at ?? 0).toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });
});
