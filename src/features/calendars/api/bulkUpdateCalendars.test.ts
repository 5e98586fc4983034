import { afterEach, describe, expect, it } from 'vitest';
import { configureCanvasClient } from '../../../api/http.ts';
import {
  CalendarSaveError,
  type CalendarUpdateEntry,
  chunkEntries,
  parseUpdatedCount,
  saveCalendarChanges,
} from './bulkUpdateCalendars.ts';

interface Sent {
  method: string;
  path: string;
  body: CalendarUpdateEntry[];
}

/** Answers the bulk endpoint like Canvas, refusing the request whose number is in `refuse`. */
function useBulkEndpoint(refuse: Set<number> = new Set()) {
  const sent: Sent[] = [];
  configureCanvasClient({
    baseUrl: 'http://localhost',
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const body = JSON.parse(String(init?.body)) as CalendarUpdateEntry[];
      sent.push({ method: init?.method ?? 'GET', path: url.pathname, body });
      const headers = { 'Content-Type': 'application/json' };
      if (refuse.has(sent.length)) {
        return new Response(
          JSON.stringify({
            status: 'unauthorized',
            errors: [{ message: 'user not authorized to perform that action' }],
          }),
          { status: 403, headers },
        );
      }
      const count = body.length;
      return new Response(JSON.stringify({ message: `Updated ${count} account${count === 1 ? '' : 's'}` }), {
        headers,
      });
    },
  });
  return sent;
}

const entries = (count: number): CalendarUpdateEntry[] =>
  Array.from({ length: count }, (_, position) => ({ id: position + 10, visible: position % 2 === 0 }));

afterEach(() => configureCanvasClient({ baseUrl: 'http://localhost' }));

describe('parseUpdatedCount', () => {
  it('reads the count out of Canvas’s message', () => {
    expect(parseUpdatedCount('Updated 2 accounts')).toBe(2);
    expect(parseUpdatedCount('Updated 1 account')).toBe(1);
    expect(parseUpdatedCount('Updated 10,000 accounts')).toBe(10_000);
    expect(parseUpdatedCount('Something else')).toBeUndefined();
  });
});

describe('chunkEntries', () => {
  it('splits into chunks of at most the size, in order', () => {
    expect(chunkEntries([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkEntries([], 2)).toEqual([]);
  });
});

describe('saveCalendarChanges', () => {
  it('sends one PUT with the JSON array to the managed account and sums Canvas’s count', async () => {
    const sent = useBulkEndpoint();
    const result = await saveCalendarChanges({
      accountId: 3,
      entries: [
        { id: 3, visible: true },
        { id: 7, auto_subscribe: false },
      ],
    });
    expect(sent).toEqual([
      {
        method: 'PUT',
        path: '/api/v1/accounts/3/account_calendars',
        body: [
          { id: 3, visible: true },
          { id: 7, auto_subscribe: false },
        ],
      },
    ]);
    expect(result).toMatchObject({ updatedCount: 2, requestCount: 1 });
  });

  it('chunks a large save, one request after another', async () => {
    const sent = useBulkEndpoint();
    const result = await saveCalendarChanges({ accountId: 1, entries: entries(2_500) });
    expect(sent.map((request) => request.body.length)).toEqual([1_000, 1_000, 500]);
    expect(sent[1]?.body[0]?.id).toBe(1_010);
    expect(result).toMatchObject({ updatedCount: 2_500, requestCount: 3 });
    expect(result.savedEntries).toHaveLength(2_500);
  });

  it('stops at a refused chunk and says which entries reached Canvas', async () => {
    const sent = useBulkEndpoint(new Set([2]));
    const error = await saveCalendarChanges({
      accountId: 1,
      entries: entries(2_500),
      chunkSize: 1_000,
    }).catch((caught: unknown) => caught);
    expect(sent).toHaveLength(2);
    expect(error).toBeInstanceOf(CalendarSaveError);
    const saveError = error as CalendarSaveError;
    expect(saveError.savedEntries.map((entry) => entry.id)).toEqual(entries(1_000).map((entry) => entry.id));
    expect(saveError.updatedCount).toBe(1_000);
    expect(saveError.totalEntries).toBe(2_500);
    expect(saveError.message).toBe('user not authorized to perform that action');
  });

  it('refuses duplicate ids and an empty save before sending anything', async () => {
    const sent = useBulkEndpoint();
    await expect(
      saveCalendarChanges({
        accountId: 1,
        entries: [
          { id: 2, visible: true },
          { id: 2, visible: false },
        ],
      }),
    ).rejects.toThrow('Duplicate IDs');
    await expect(saveCalendarChanges({ accountId: 1, entries: [] })).rejects.toThrow();
    expect(sent).toEqual([]);
  });
});
