import { describe, expect, it } from 'vitest';
import { buildCalendarIndex } from './calendarIndex.ts';
import { countSelectedAmong, EMPTY_SELECTION, idsAt, rangeIds, setSelected } from './selection.ts';
import { sampleCalendars, sampleSisIds } from './testCalendars.ts';

// Display order: University 1, Arts 3, Music 5, Engineering 2, Civil 4, Mechanical 6.
const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
const everyRow = [0, 1, 2, 3, 4, 5];

describe('setSelected', () => {
  it('adds and removes, returning the same set when nothing changes', () => {
    const selected = setSelected(EMPTY_SELECTION, [3, 5], true);
    expect([...selected]).toEqual([3, 5]);
    expect(setSelected(selected, [3], true)).toBe(selected);
    expect([...setSelected(selected, [3, 4], false)]).toEqual([5]);
  });
});

describe('rangeIds', () => {
  it('covers the shown rows between the anchor and the clicked row, in either direction', () => {
    expect(rangeIds(index, everyRow, 3, 4)).toEqual([3, 5, 2, 4]);
    expect(rangeIds(index, everyRow, 4, 3)).toEqual([3, 5, 2, 4]);
  });

  it('skips rows the filter hides', () => {
    expect(rangeIds(index, [0, 2, 4], 1, 4)).toEqual([1, 5, 4]);
  });

  it('selects just the row when there is no anchor or the anchor is filtered out', () => {
    expect(rangeIds(index, everyRow, null, 4)).toEqual([4]);
    expect(rangeIds(index, [0, 4, 5], 3, 6)).toEqual([6]);
  });
});

describe('countSelectedAmong and idsAt', () => {
  it('counts the selected rows among the shown ones', () => {
    const selected = new Set([3, 5, 6]);
    expect(countSelectedAmong(index, [1, 2, 3], selected)).toBe(2);
    expect(countSelectedAmong(index, everyRow, EMPTY_SELECTION)).toBe(0);
    expect(idsAt(index, [3, 4])).toEqual([2, 4]);
  });
});
