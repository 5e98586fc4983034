import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsvPreview, readPreviewTables } from './csvPreview.ts';

describe('CSV preview', () => {
  it('keeps the header apart and counts every row, including quoted line breaks', () => {
    const csv = 'id,name\n1,"Smith, Ann"\n2,"two\nlines"\n3,Bo\n';
    expect(parseCsvPreview('users.csv', csv, 2)).toEqual({
      name: 'users.csv',
      header: ['id', 'name'],
      rows: [
        ['1', 'Smith, Ann'],
        ['2', 'two\nlines'],
      ],
      totalRows: 3,
      truncated: true,
    });
    expect(parseCsvPreview('empty.csv', 'id,name\n').totalRows).toBe(0);
    expect(parseCsvPreview('bom.csv', '\uFEFFid\n1\n').header).toEqual(['id']);
  });

  it('reads each CSV of a zip, and a plain CSV as one table', () => {
    const zip = zipSync({
      'users.csv': strToU8('canvas_user_id,user_id\n1,u1\n'),
      'courses.csv': strToU8('canvas_course_id\n5\n6\n'),
      'readme.txt': strToU8('ignored'),
    });
    const tables = readPreviewTables('provisioning.zip', zip);
    expect(tables.map((table) => [table.name, table.header, table.totalRows])).toEqual([
      ['users.csv', ['canvas_user_id', 'user_id'], 1],
      ['courses.csv', ['canvas_course_id'], 2],
    ]);
    expect(readPreviewTables('one.csv', strToU8('a,b\n1,2\n'))[0]?.rows).toEqual([['1', '2']]);
  });
});
