import { describe, expect, it } from 'vitest';
import { buildCalendarIndex, type CalendarRow, rowById } from './calendarIndex.ts';
import { calendarsToCsv, parseCalendarsCsv, summarizeImport } from './calendarsCsv.ts';
import { applyEdit, applyTargets, NO_PENDING_EDITS } from './pendingEdits.ts';
import { calendar, sampleCalendars, sampleSisIds } from './testCalendars.ts';

const index = buildCalendarIndex(1, sampleCalendars, sampleSisIds);
const row = (id: number) => rowById(index, id) as CalendarRow;

describe('calendarsToCsv', () => {
  it('writes the shown rows with their shown values, pending edits included', () => {
    const pending = applyEdit(NO_PENDING_EDITS, [row(5)], { visible: true }).pending;
    const text = calendarsToCsv(index, [1, 2, 3], pending);
    expect(text.split('\r\n')).toEqual([
      'id,sis_account_id,name,parent,visible,auto_subscribe',
      '3,,College of Arts,1,true,false',
      '5,MUS,Music,3,true,false',
      '2,ENG,College of Engineering,1,true,true',
      '',
    ]);
  });

  it('quotes names and keeps spreadsheets from running them as formulas', () => {
    const odd = buildCalendarIndex(1, [calendar(1, '=cmd, "x"', null)], new Map([[1, null]]));
    expect(calendarsToCsv(odd, [0], NO_PENDING_EDITS).split('\r\n')[1]).toBe(
      `1,,"'=cmd, ""x""",,false,false`,
    );
  });
});

describe('parseCalendarsCsv', () => {
  it('round-trips an export: nothing changes', () => {
    const text = calendarsToCsv(index, [0, 1, 2, 3, 4, 5], NO_PENDING_EDITS);
    const result = parseCalendarsCsv(text, index, NO_PENDING_EDITS);
    expect(result).toMatchObject({ rowCount: 6, changes: [], unchangedCount: 6, problems: [] });
  });

  it('reads changes and lists unknown ids, duplicates and bad values with their lines', () => {
    const text = [
      'ID,Name,Visible,Auto_Subscribe,notes',
      '4,Civil,TRUE,yes,extra column',
      '99,Nowhere,true,false,',
      '6,Mechanical,maybe,false,',
      '5,Music,true,,',
      '3,Arts,false,false,',
      '5,Music again,false,,',
      'x,bad,true,true,',
      ',,true,true,',
      '1,University,false,true,',
    ].join('\n');
    const result = parseCalendarsCsv(text, index, NO_PENDING_EDITS);
    expect(result.rowCount).toBe(9);
    expect(result.changes.map(({ row: changed, target }) => [changed.id, target])).toEqual([
      [4, { visible: true, auto_subscribe: true }],
      [3, { visible: false, auto_subscribe: false }],
    ]);
    expect(result.problems).toEqual([
      { line: 3, id: '99', message: 'No account with this id in the list.' },
      { line: 4, id: '6', message: 'visible is “maybe”; expected true or false.' },
      { line: 7, id: '5', message: 'Account 5 is also on line 5; none of its rows are applied.' },
      { line: 8, id: 'x', message: 'The id is not a number.' },
      { line: 9, id: undefined, message: 'The id is missing.' },
      { line: 10, id: '1', message: 'Auto-subscribe can only be turned on for a visible calendar.' },
    ]);
    const pending = applyTargets(NO_PENDING_EDITS, result.changes);
    expect([...pending]).toEqual([
      [4, { visible: true, auto_subscribe: true }],
      [3, { visible: false }],
    ]);
  });

  it('compares with what is shown, pending edits included', () => {
    const pending = applyEdit(NO_PENDING_EDITS, [row(4)], { visible: true }).pending;
    const result = parseCalendarsCsv('id,visible\n4,true\n5,false', index, pending);
    expect(result).toMatchObject({ changes: [], unchangedCount: 2 });
  });

  it('refuses files without an id column or any setting column, and broken CSV', () => {
    expect(parseCalendarsCsv('name,visible\nx,true', index, NO_PENDING_EDITS).fileError).toMatch('“id”');
    expect(parseCalendarsCsv('id,name\n1,x', index, NO_PENDING_EDITS).fileError).toMatch('“visible”');
    expect(parseCalendarsCsv('', index, NO_PENDING_EDITS).fileError).toBe('The file is empty.');
    expect(parseCalendarsCsv('id,visible\n"1,true', index, NO_PENDING_EDITS).fileError).toMatch('Line 2');
  });
});

describe('summarizeImport', () => {
  it('counts what an import would change, against what is shown', () => {
    const pending = applyEdit(NO_PENDING_EDITS, [row(4)], { visible: true }).pending;
    const result = parseCalendarsCsv(
      'id,visible,auto_subscribe\n4,true,true\n5,true,false\n2,false,\n3,true,true',
      index,
      pending,
    );
    expect(summarizeImport(result, pending)).toEqual({
      becomeVisible: 1,
      becomeHidden: 1,
      autoOn: 2,
      autoOff: 0,
    });
  });
});
