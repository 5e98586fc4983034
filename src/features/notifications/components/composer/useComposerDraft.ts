import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, loadDraft, type NotificationDraft, saveDraft } from '../../model/draftStorage.ts';
import { type NotificationFormValues, sameFormValues } from '../../model/notificationForm.ts';

export type ComposerMode = NotificationDraft['mode'];

/** One composition, from opening the composer until it is sent or discarded. */
export interface ComposerSession {
  /** New for every composition, so the editor remounts with its content. */
  id: number;
  mode: ComposerMode;
  notificationId: number | null;
  sourceSubject: string | null;
  /** The values it opened with; a composer equal to them has nothing worth keeping. */
  initial: NotificationFormValues;
  values: NotificationFormValues;
  /** When a draft restored from storage was last saved; null for a composition started here. */
  restoredFrom: string | null;
}

export interface OpenComposerInput {
  mode: ComposerMode;
  notificationId?: number | null;
  sourceSubject?: string | null;
  values: NotificationFormValues;
}

let nextSessionId = 1;

function restore(storage: Storage, key: string): ComposerSession | null {
  const draft = loadDraft(storage, key);
  if (!draft) return null;
  return {
    id: nextSessionId++,
    mode: draft.mode,
    notificationId: draft.notificationId,
    sourceSubject: draft.sourceSubject,
    initial: draft.values,
    values: draft.values,
    restoredFrom: draft.savedAt,
  };
}

export function hasUnsavedWork(session: ComposerSession | null): boolean {
  if (!session) return false;
  return session.restoredFrom !== null || !sameFormValues(session.values, session.initial);
}

/**
 * The composer's state, mirrored to local storage under `storageKey` whenever it holds unsent work,
 * so a reload or a crash reopens it; sending or discarding removes the stored draft.
 */
export function useComposerDraft(storageKey: string, storage: Storage = window.localStorage) {
  const [session, setSession] = useState<ComposerSession | null>(() => restore(storage, storageKey));
  const [saveFailed, setSaveFailed] = useState(false);
  const storageRef = useRef(storage);
  storageRef.current = storage;

  useEffect(() => {
    const target = storageRef.current;
    if (!session || !hasUnsavedWork(session)) {
      clearDraft(target, storageKey);
      setSaveFailed(false);
      return;
    }
    const saved = saveDraft(target, storageKey, {
      version: 1,
      mode: session.mode,
      notificationId: session.notificationId,
      sourceSubject: session.sourceSubject,
      values: session.values,
      savedAt: new Date().toISOString(),
    });
    setSaveFailed(!saved);
  }, [session, storageKey]);

  const open = useCallback((input: OpenComposerInput) => {
    setSession({
      id: nextSessionId++,
      mode: input.mode,
      notificationId: input.notificationId ?? null,
      sourceSubject: input.sourceSubject ?? null,
      initial: input.values,
      values: input.values,
      restoredFrom: null,
    });
  }, []);

  const setValues = useCallback((update: (values: NotificationFormValues) => NotificationFormValues) => {
    setSession((current) => (current ? { ...current, values: update(current.values) } : current));
  }, []);

  /** Sent or discarded: the composer closes and the stored draft goes. */
  const close = useCallback(() => setSession(null), []);

  return { session, saveFailed, open, setValues, close };
}
