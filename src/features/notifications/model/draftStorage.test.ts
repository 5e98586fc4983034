import { describe, expect, it } from 'vitest';
import { clearDraft, draftStorageKey, loadDraft, type NotificationDraft, saveDraft } from './draftStorage.ts';

/** A Storage over a Map, optionally refusing writes as a full or disabled localStorage does. */
function memoryStorage({ refuseWrites = false } = {}): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      if (refuseWrites) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      items.set(key, value);
    },
  };
}

const draft: NotificationDraft = {
  version: 1,
  mode: 'new',
  notificationId: null,
  sourceSubject: null,
  values: {
    subject: 'Snow day',
    message: '<p>Campus <strong>closed</strong></p>',
    start_at: '2025-01-10T07:00:00Z',
    end_at: null,
    icon: 'warning',
    roles: [],
  },
  savedAt: '2025-01-09T20:00:00.000Z',
};

describe('draft storage', () => {
  it('keeps one draft per user and account', () => {
    expect(draftStorageKey(1, 3)).not.toBe(draftStorageKey(2, 3));
    expect(draftStorageKey(1, 3)).not.toBe(draftStorageKey(1, 4));
  });

  it('round-trips a draft until it is cleared', () => {
    const storage = memoryStorage();
    const key = draftStorageKey(1, 3);
    expect(loadDraft(storage, key)).toBeNull();
    expect(saveDraft(storage, key, draft)).toBe(true);
    expect(loadDraft(storage, key)).toEqual(draft);
    clearDraft(storage, key);
    expect(loadDraft(storage, key)).toBeNull();
  });

  it('ignores what it cannot read instead of failing the page', () => {
    const storage = memoryStorage();
    storage.setItem('broken', '{not json');
    storage.setItem('old', JSON.stringify({ subject: 'from an older version' }));
    storage.setItem('bad-icon', JSON.stringify({ ...draft, values: { ...draft.values, icon: 'sparkles' } }));
    expect(loadDraft(storage, 'broken')).toBeNull();
    expect(loadDraft(storage, 'old')).toBeNull();
    expect(loadDraft(storage, 'bad-icon')).toBeNull();
  });

  it('reports a refused write', () => {
    expect(saveDraft(memoryStorage({ refuseWrites: true }), 'key', draft)).toBe(false);
  });
});
