import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { type AccountCalendar, BulkCalendarUpdateResult } from '../../../api/schemas/accountCalendar.ts';
import { describeError } from '../../../lib/canvasErrors.ts';
import { calendarKeys } from './keys.ts';

/** One element of Canvas's bulk body: the id and only the fields that change. */
export const CalendarUpdateEntry = z.object({
  id: z.int().positive(),
  visible: z.boolean().optional(),
  auto_subscribe: z.boolean().optional(),
});
export type CalendarUpdateEntry = z.output<typeof CalendarUpdateEntry>;

/** Mirrors the controller's checks: a non-empty array, every id once. */
export const BulkCalendarUpdateInput = z
  .array(CalendarUpdateEntry)
  .min(1, 'Expected array of objects')
  .refine((entries) => new Set(entries.map((entry) => entry.id)).size === entries.length, 'Duplicate IDs');

/**
 * Canvas enforces no size limit, but a 10,000-element body is a long single write and may meet a
 * proxy's body limit; a thousand entries is about 50 KB.
 */
export const BULK_UPDATE_CHUNK_SIZE = 1_000;

const UPDATED_MESSAGE = /Updated\s+([\d,]+)\s+accounts?/i;

/** The N of Canvas's `"Updated N accounts"`; the response has no count field. */
export function parseUpdatedCount(message: string): number | undefined {
  const match = UPDATED_MESSAGE.exec(message);
  return match ? Number((match[1] as string).replaceAll(',', '')) : undefined;
}

export function chunkEntries<T>(entries: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < entries.length; start += size) chunks.push(entries.slice(start, start + size));
  return chunks;
}

/** A save that stopped at a refused chunk; `savedEntries` (earlier chunks) did reach Canvas. */
export class CalendarSaveError extends Error {
  readonly savedEntries: CalendarUpdateEntry[];
  readonly updatedCount: number;
  readonly totalEntries: number;

  constructor(init: {
    cause: unknown;
    savedEntries: CalendarUpdateEntry[];
    updatedCount: number;
    totalEntries: number;
  }) {
    super(describeError(init.cause), { cause: init.cause });
    this.name = 'CalendarSaveError';
    this.savedEntries = init.savedEntries;
    this.updatedCount = init.updatedCount;
    this.totalEntries = init.totalEntries;
  }
}

export interface SaveCalendarChangesVariables {
  /** The managed account: every entry is it or one of its descendants. */
  accountId: number;
  entries: CalendarUpdateEntry[];
  chunkSize?: number;
}

export interface SaveCalendarChangesResult {
  /** The sum of Canvas's "Updated N accounts" over the requests. */
  updatedCount: number;
  savedEntries: CalendarUpdateEntry[];
  requestCount: number;
}

/**
 * PUT /api/v1/accounts/:account_id/account_calendars with a JSON array. The page edits one account's
 * subtree, so every entry goes to that account's endpoint: one request, or one per chunk.
 *
 * Chunks go one after another, never side by side, so that when one fails we know exactly what was
 * written. Canvas validates a whole request before writing any of it, so a refused chunk (403, 400)
 * wrote nothing: the chunks before it are saved, it and the ones after it are not sent or not
 * applied, and the caller keeps those as pending edits. A chunk lost to a network error may or may
 * not have been applied; it stays pending too, which is safe because every entry sets absolute
 * values and sending it again gives the same result.
 */
export async function saveCalendarChanges({
  accountId,
  entries,
  chunkSize = BULK_UPDATE_CHUNK_SIZE,
}: SaveCalendarChangesVariables): Promise<SaveCalendarChangesResult> {
  const valid = BulkCalendarUpdateInput.parse(entries);
  const chunks = chunkEntries(valid, chunkSize);
  const savedEntries: CalendarUpdateEntry[] = [];
  let updatedCount = 0;
  for (const chunk of chunks) {
    try {
      const { message } = await canvasFetch(`/api/v1/accounts/${accountId}/account_calendars`, {
        method: 'PUT',
        body: chunk,
        schema: BulkCalendarUpdateResult,
      });
      updatedCount += parseUpdatedCount(message) ?? chunk.length;
    } catch (cause) {
      throw new CalendarSaveError({ cause, savedEntries, updatedCount, totalEntries: valid.length });
    }
    savedEntries.push(...chunk);
  }
  return { updatedCount, savedEntries, requestCount: chunks.length };
}

/**
 * Writes what Canvas confirmed into the loaded list instead of reloading it: after a save of a
 * 10,000-account tree a reload would cost a hundred requests to learn what we already know.
 */
export function applySavedEntries(
  queryClient: QueryClient,
  accountId: number,
  saved: readonly CalendarUpdateEntry[],
) {
  if (saved.length === 0) return;
  const byId = new Map(saved.map((entry) => [entry.id, entry]));
  queryClient.setQueryData<AccountCalendar[]>(calendarKeys.list(accountId), (list) =>
    list?.map((calendar) => {
      const entry = byId.get(calendar.id);
      if (!entry) return calendar;
      return {
        ...calendar,
        visible: entry.visible ?? calendar.visible,
        auto_subscribe: entry.auto_subscribe ?? calendar.auto_subscribe,
      };
    }),
  );
}

export function useSaveCalendarChanges() {
  const queryClient = useQueryClient();
  const settle = async (accountId: number, saved: readonly CalendarUpdateEntry[]) => {
    applySavedEntries(queryClient, accountId, saved);
    if (saved.length === 0) return;
    // Lists of other accounts overlap this subtree and must not be trusted; this one was patched above.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: calendarKeys.lists(), refetchType: 'none' }),
      queryClient.invalidateQueries({ queryKey: calendarKeys.visibleCounts() }),
    ]);
  };
  return useMutation({
    mutationFn: saveCalendarChanges,
    onSuccess: (result, { accountId }) => settle(accountId, result.savedEntries),
    onError: (error, { accountId }) =>
      error instanceof CalendarSaveError ? settle(accountId, error.savedEntries) : undefined,
  });
}
