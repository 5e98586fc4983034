import { CanvasApiError } from '../../../api/errors.ts';
import { sameOriginFileUrl } from '../model/fileUrl.ts';

/**
 * The bytes of a report file, through the dashboard's origin (the server forwards Canvas's file
 * paths with the admin's token and follows Canvas's redirect to the verifier URL).
 */
export async function fetchReportFile(fileUrl: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(sameOriginFileUrl(fileUrl), { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new CanvasApiError({ status: 0, kind: 'network', cause: error });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // A plain-text or HTML error page: kept as text.
    }
    throw CanvasApiError.fromResponse(response.status, body, response.headers);
  }
  return response.arrayBuffer();
}
