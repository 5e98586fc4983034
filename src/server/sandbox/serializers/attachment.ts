import { isoSeconds } from '../time.ts';

export interface AttachmentRow {
  id: number;
  account_id: number;
  user_id: number | null;
  uuid: string;
  display_name: string;
  filename: string;
  content_type: string;
  size: number;
  storage_path: string;
  created_at: string;
  updated_at: string;
}

/** The attachment's own download URL; its uuid is the `verifier` that lets anyone holding it in. */
export function attachmentDownloadUrl(baseUrl: string, row: Pick<AttachmentRow, 'id' | 'uuid'>): string {
  return `${baseUrl}/files/${row.id}/download?download_frd=1&verifier=${row.uuid}`;
}

/** `Attachment#mime_class` for the types reports write. */
function mimeClass(contentType: string): string {
  return contentType === 'application/zip' ? 'zip' : 'file';
}

/**
 * `attachment_json` (`lib/api/v1/attachment.rb`) for a report file: not in a folder, never locked or
 * hidden, no thumbnail or media. Timestamps are UTC as the Files API prints them.
 */
export function attachmentJson(baseUrl: string, row: AttachmentRow): Record<string, unknown> {
  const createdAt = isoSeconds(new Date(row.created_at));
  const updatedAt = isoSeconds(new Date(row.updated_at));
  return {
    id: row.id,
    uuid: row.uuid,
    folder_id: null,
    display_name: row.display_name,
    filename: row.filename,
    upload_status: 'success',
    'content-type': row.content_type,
    url: attachmentDownloadUrl(baseUrl, row),
    size: row.size,
    created_at: createdAt,
    updated_at: updatedAt,
    unlock_at: null,
    locked: false,
    hidden: false,
    lock_at: null,
    hidden_for_user: false,
    thumbnail_url: null,
    modified_at: updatedAt,
    mime_class: mimeClass(row.content_type),
    media_entry_id: null,
    category: 'uncategorized',
    locked_for_user: false,
    visibility_level: 'inherit',
  };
}
