/** A value as it goes into a CSV cell; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** One parsed record and the 1-based line it starts on, for messages that point into the file. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function formatCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 text: CRLF line ends, quotes only where needed. A byte-order mark is left out; callers
 * that target Excel add it to the file, not to the text.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(formatCell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

/**
 * Free text typed by users (names) is prefixed with an apostrophe when a spreadsheet would otherwise
 * evaluate it; the apostrophe is how spreadsheets themselves mark "this is text".
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Parses RFC 4180 CSV as spreadsheets write it: quoted fields with doubled quotes and line breaks,
 * CRLF or LF line ends, an optional byte-order mark. Blank lines are skipped; an unterminated quote
 * is a syntax error.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldWasQuoted = false;
  // `""` alone on a line is a record with one empty field, not a blank line.
  let fieldWasQuotedInRecord = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '' && !fieldWasQuotedInRecord;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    fieldWasQuotedInRecord = false;
  };

  for (let position = 0; position < input.length; position++) {
    const char = input[position] as string;
    if (quoted) {
      if (char === '"') {
        if (input[position + 1] === '"') {
          field += '"';
          position++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '' && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
      fieldWasQuotedInRecord = true;
    } else if (char === ',') {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[position + 1] === '\n') position++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is never closed', recordLine);
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}
