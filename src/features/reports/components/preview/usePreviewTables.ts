import { useQuery } from '@tanstack/react-query';
import { fetchReportFile } from '../../api/getReportFile.ts';
import { reportKeys } from '../../api/keys.ts';
import { PREVIEW_ROW_LIMIT, type PreviewTable } from '../../model/csvPreview.ts';
import type { PreviewRequest, PreviewResponse } from './csvPreview.worker.ts';

/** Parses the file in a module worker (same origin, so the strict CSP allows it) and ends the worker. */
function parseInWorker(fileName: string, bytes: ArrayBuffer, signal: AbortSignal): Promise<PreviewTable[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./csvPreview.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<PreviewResponse>) => {
      finish();
      if (event.data.ok) resolve(event.data.tables);
      else reject(new Error(event.data.message));
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(event.message || 'The preview could not be prepared'));
    });
    const request: PreviewRequest = { fileName, bytes, limit: PREVIEW_ROW_LIMIT };
    worker.postMessage(request, [bytes]);
  });
}

/** The CSV tables of a report file: downloaded same-origin, unzipped and parsed off the main thread. */
export function usePreviewTables(fileUrl: string | null, fileName: string) {
  return useQuery({
    queryKey: [...reportKeys.all, 'preview', fileUrl] as const,
    queryFn: async ({ signal }) =>
      parseInWorker(fileName, await fetchReportFile(fileUrl ?? '', signal), signal),
    enabled: fileUrl !== null,
    // A report file never changes; but its rows are heavy, so they go once the preview is closed.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}
