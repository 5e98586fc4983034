import { describe, expect, it } from 'vitest';
import { buildCalendarIndex, rowById, subtreeIds } from './calendarIndex.ts';
import { calendar, sampleCalendars, sampleSisIds } from './testCalendars.ts';

describe('buildCalendarIndex', () => {
  it('orders the subtree depth-first, siblings by name, with depths and subtree ranges', () => {
    const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
    expect(index.rows.map((row) => [row.name, row.depth, row.childCount])).toEqual([
      ['University', 0, 2],
      ['College of Arts', 1, 1],
      ['Music', 2, 0],
      ['College of Engineering', 1, 2],
      ['Civil', 2, 0],
      ['Mechanical', 2, 0],
    ]);
    expect(index.rows.map((row) => row.subtreeEnd)).toEqual([6, 3, 3, 6, 5, 6]);
    expect(index.positionById.get(2)).toBe(3);
    expect(rowById(index, 2)?.saved).toEqual({ visible: true, auto_subscribe: true });
  });

  it('searches names and SIS ids in lower case', () => {
    const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
    expect(index.searchText[3]).toBe('college of engineering\neng');
    expect(rowById(index, 5)?.sisId).toBe('MUS');
    expect(rowById(index, 4)?.sisId).toBeNull();
  });

  it('marks SIS ids as unknown until they are loaded', () => {
    const index = buildCalendarIndex(1, sampleCalendars, undefined);
    expect(rowById(index, 5)?.sisId).toBeUndefined();
    expect(index.searchText[2]).toBe('music\n');
  });

  it('starts from a sub-account and keeps calendars whose parent is missing at the top level', () => {
    const index = buildCalendarIndex(
      2,
      [...sampleCalendars.filter((c) => [2, 4, 6].includes(c.id)), calendar(9, 'Orphan', 77)],
      undefined,
    );
    expect(index.rows.map((row) => [row.name, row.depth])).toEqual([
      ['College of Engineering', 0],
      ['Civil', 1],
      ['Mechanical', 1],
      ['Orphan', 0],
    ]);
  });

  it('keeps a deep chain without recursion', () => {
    const chain = [calendar(1, 'Level 0', null)];
    for (let depth = 1; depth < 5000; depth++) chain.push(calendar(depth + 1, `Level ${depth}`, depth));
    const index = buildCalendarIndex(1, chain, undefined);
    expect(index.rows).toHaveLength(5000);
    expect(index.rows[4999]?.depth).toBe(4999);
    expect(index.rows[0]?.subtreeEnd).toBe(5000);
  });
});

describe('subtreeIds', () => {
  it('gives the account and all its descendants', () => {
    const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
    expect(subtreeIds(index, 2)).toEqual([2, 4, 6]);
    expect(subtreeIds(index, 5)).toEqual([5]);
    expect(subtreeIds(index, 1)).toHaveLength(6);
    expect(subtreeIds(index, 99)).toEqual([]);
  });
});
