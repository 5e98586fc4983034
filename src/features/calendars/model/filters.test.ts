import { describe, expect, it } from 'vitest';
import { buildCalendarIndex, type CalendarIndex, type CalendarRow } from './calendarIndex.ts';
import { applyFacets, type FacetFilters, matchText } from './filters.ts';
import { applyEdit, NO_PENDING_EDITS } from './pendingEdits.ts';
import { calendar, sampleCalendars, sampleSisIds } from './testCalendars.ts';

const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
const names = (positions: readonly number[] | null, from: CalendarIndex = index) =>
  positions?.map((position) => from.rows[position]?.name);
const noFacets: FacetFilters = { visibility: 'all', subscription: 'all', changedOnly: false };

describe('matchText', () => {
  it('matches names and SIS ids, ignoring case and surrounding spaces', () => {
    expect(names(matchText(index, '  COLLEGE '))).toEqual(['College of Arts', 'College of Engineering']);
    expect(names(matchText(index, 'mus'))).toEqual(['Music']);
    expect(names(matchText(index, 'eng'))).toEqual(['College of Engineering']);
  });

  it('gives null (every row) for blank text', () => {
    expect(matchText(index, '   ')).toBeNull();
  });

  it('narrows from the previous result while the text grows, and starts over otherwise', () => {
    const previous = { text: 'c', positions: [1, 3] };
    // Only the candidates are tested: Civil (position 4) is not among them.
    expect(names(matchText(index, 'ci', previous))).toEqual([]);
    expect(names(matchText(index, 'ci', { text: 'x', positions: [1] }))).toEqual(['Civil']);
  });
});

describe('applyFacets', () => {
  it('returns every position when no facet is set', () => {
    expect(applyFacets(index, null, noFacets, NO_PENDING_EDITS)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(applyFacets(index, [2], noFacets, NO_PENDING_EDITS)).toEqual([2]);
  });

  it('filters by saved visibility and subscription, so pending edits do not move rows', () => {
    const pending = applyEdit(NO_PENDING_EDITS, [index.rows[1] as CalendarRow], { visible: false }).pending;
    expect(names(applyFacets(index, null, { ...noFacets, visibility: 'visible' }, pending))).toEqual([
      'College of Arts',
      'College of Engineering',
      'Mechanical',
    ]);
    expect(
      names(applyFacets(index, null, { ...noFacets, visibility: 'hidden', subscription: 'manual' }, pending)),
    ).toEqual(['University', 'Music', 'Civil']);
    expect(names(applyFacets(index, null, { ...noFacets, subscription: 'auto' }, pending))).toEqual([
      'College of Engineering',
    ]);
  });

  it('shows only changed rows, combined with the text matches', () => {
    const rows = index.rows as CalendarRow[];
    const pending = applyEdit(NO_PENDING_EDITS, [rows[0] as CalendarRow, rows[4] as CalendarRow], {
      visible: true,
    }).pending;
    const changed = { ...noFacets, changedOnly: true };
    expect(names(applyFacets(index, null, changed, pending))).toEqual(['University', 'Civil']);
    expect(names(applyFacets(index, matchText(index, 'civ'), changed, pending))).toEqual(['Civil']);
  });

  it('filters 10,000 rows quickly', () => {
    const many = [calendar(1, 'Root', null)];
    for (let id = 2; id <= 10_000; id++)
      many.push(calendar(id, `Department ${id}`, 1, { visible: id % 2 === 0 }));
    const big = buildCalendarIndex(1, many, undefined);
    const started = performance.now();
    const matches = matchText(big, 'department 12');
    const visible = applyFacets(big, matches, { ...noFacets, visibility: 'visible' }, NO_PENDING_EDITS);
    const elapsed = performance.now() - started;
    expect(visible.length).toBe(56);
    expect(elapsed).toBeLessThan(50);
  });
});
