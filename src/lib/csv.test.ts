import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, neutralizeFormula, parseCsv, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes only cells that need it, doubles quotes, ends lines with CRLF', () => {
    const text = toCsv([
      ['id', 'name', 'flag'],
      [1, 'Plain', true],
      [2, 'Arts, "Fine" & Design', false],
      [3, 'Two\nlines', null],
      [4, ' padded ', undefined],
    ]);
    expect(text).toBe(
      'id,name,flag\r\n1,Plain,true\r\n2,"Arts, ""Fine"" & Design",false\r\n3,"Two\nlines",\r\n4," padded ",\r\n',
    );
  });

  it('gives an empty string for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});

describe('neutralizeFormula', () => {
  it('prefixes text a spreadsheet would evaluate', () => {
    expect(neutralizeFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutralizeFormula('+1')).toBe("'+1");
    expect(neutralizeFormula('-5')).toBe("'-5");
    expect(neutralizeFormula('@SUM')).toBe("'@SUM");
    expect(neutralizeFormula('College of Arts')).toBe('College of Arts');
  });
});

describe('parseCsv', () => {
  it('reads what toCsv writes', () => {
    const rows = [
      ['id', 'name'],
      ['1', 'Arts, "Fine" & Design'],
      ['2', 'Two\r\nlines'],
      ['3', ''],
    ];
    expect(parseCsv(toCsv(rows)).map((record) => record.fields)).toEqual(rows);
  });

  it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
    const records = parseCsv('\uFEFFa,b\n"x\ny",1\n\n2,3');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', '1'] },
      { line: 5, fields: ['2', '3'] },
    ]);
  });

  it('keeps empty trailing fields and a quoted empty field on its own line', () => {
    expect(parseCsv('a,,\n""\n').map((record) => record.fields)).toEqual([['a', '', ''], ['']]);
  });

  it('rejects an unterminated quote, naming its line', () => {
    expect(() => parseCsv('a\n"open,1\n2')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,1\n2')).toThrow('Line 2');
  });
});
