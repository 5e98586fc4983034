import { unzipSync } from 'fflate';
import Papa from 'papaparse';

/** Rows shown per file: enough to eyeball a report, small enough for the browser. */
export const PREVIEW_ROW_LIMIT = 10_000;

export interface PreviewTable {
  /** The CSV's name (the zip entry, or the downloaded file). */
  name: string;
  header: string[];
  /** At most the limit's worth of data rows. */
  rows: string[][];
  /** Every data row in the file, header excluded. */
  totalRows: number;
  truncated: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

/**
 * Parses a whole CSV but keeps only the first `limit` data rows; counting every row needs the full
 * parse, since quoted cells may hold line breaks.
 */
export function parseCsvPreview(name: string, text: string, limit = PREVIEW_ROW_LIMIT): PreviewTable {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let header: string[] | undefined;
  const rows: string[][] = [];
  let totalRows = 0;
  Papa.parse<string[]>(content, {
    skipEmptyLines: 'greedy',
    step: (result) => {
      if (header === undefined) {
        header = result.data;
        return;
      }
      totalRows += 1;
      if (rows.length < limit) rows.push(result.data);
    },
  });
  return { name, header: header ?? [], rows, totalRows, truncated: totalRows > rows.length };
}

/** Every CSV of a report file: the file itself, or each `.csv` entry of a zip, in the zip's order. */
export function readPreviewTables(
  fileName: string,
  bytes: Uint8Array,
  limit = PREVIEW_ROW_LIMIT,
): PreviewTable[] {
  const decoder = new TextDecoder('utf-8');
  if (!isZip(bytes)) return [parseCsvPreview(fileName, decoder.decode(bytes), limit)];
  const entries = unzipSync(bytes, { filter: (file) => file.name.toLowerCase().endsWith('.csv') });
  return Object.entries(entries).map(([name, data]) => parseCsvPreview(name, decoder.decode(data), limit));
}
