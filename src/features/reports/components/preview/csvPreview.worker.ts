import { type PreviewTable, readPreviewTables } from '../../model/csvPreview.ts';

export interface PreviewRequest {
  fileName: string;
  bytes: ArrayBuffer;
  limit: number;
}

export type PreviewResponse = { ok: true; tables: PreviewTable[] } | { ok: false; message: string };

// Unzipping and parsing a large report would freeze the page, so it happens here, off the main thread.
self.addEventListener('message', (event: MessageEvent<PreviewRequest>) => {
  const { fileName, bytes, limit } = event.data;
  let response: PreviewResponse;
  try {
    response = { ok: true, tables: readPreviewTables(fileName, new Uint8Array(bytes), limit) };
  } catch (error) {
    response = { ok: false, message: error instanceof Error ? error.message : 'The file could not be read' };
  }
  self.postMessage(response);
});
