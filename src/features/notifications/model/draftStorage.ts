import * as z from 'zod';
import { NotificationFormValues } from './notificationForm.ts';

/** An unsent composer: a new notification, a copy of one, or changes to an existing one. */
export const NotificationDraft = z.object({
  version: z.literal(1),
  mode: z.enum(['new', 'duplicate', 'edit']),
  /** The notification being edited; null for a new one or a copy. */
  notificationId: z.int().positive().nullable(),
  /** The subject of the notification edited or copied, for the composer's heading. */
  sourceSubject: z.string().nullable(),
  values: NotificationFormValues,
  /** When it was last written, ISO 8601. */
  savedAt: z.string(),
});
export type NotificationDraft = z.output<typeof NotificationDraft>;

const KEY_PREFIX = 'canvas-admin:notification-draft';

/** One draft per user and account: signing in as someone else, or switching account, finds its own. */
export function draftStorageKey(userId: number | string, accountId: number): string {
  return `${KEY_PREFIX}:user-${userId}:account-${accountId}`;
}

/** The stored draft, or null when there is none or it can't be read (old format, hand-edited). */
export function loadDraft(storage: Storage, key: string): NotificationDraft | null {
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    const parsed = NotificationDraft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the draft; false when the browser refuses (storage full or disabled), so the page can say so. */
export function saveDraft(storage: Storage, key: string, draft: NotificationDraft): boolean {
  try {
    storage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Storage that can't be written holds nothing of ours to clear.
  }
}
