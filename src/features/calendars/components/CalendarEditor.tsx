import { Alert, Group, Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { BlockerFunction } from 'react-router-dom';
import type { Account } from '../../../api/schemas/account.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { downloadTextFile } from '../../../lib/downloadFile.ts';
import { useDebouncedUrlValue } from '../../../lib/useDebouncedUrlValue.ts';
import { useUnsavedChangesGuard } from '../../../lib/useUnsavedChangesGuard.ts';
import {
  BULK_UPDATE_CHUNK_SIZE,
  CalendarSaveError,
  useSaveCalendarChanges,
} from '../api/bulkUpdateCalendars.ts';
import { useAccountCalendars } from '../api/getAccountCalendars.ts';
import { useAccountSisIds } from '../api/getAccountSisIds.ts';
import { useVisibleCalendarsCount } from '../api/getVisibleCalendarsCount.ts';
import {
  buildCalendarIndex,
  type CalendarIndex,
  type CalendarRow,
  rowById,
  subtreeIds,
} from '../model/calendarIndex.ts';
import { type CsvImportResult, calendarsToCsv } from '../model/calendarsCsv.ts';
import {
  applyFacets,
  type FacetFilters,
  hasFacetFilter,
  matchText,
  normalizeFilterText,
  type SubscriptionFilter,
  type VisibilityFilter,
} from '../model/filters.ts';
import {
  applyEdit,
  applyTargets,
  type CalendarEdit,
  NO_PENDING_EDITS,
  type PendingEdits,
  pendingEntries,
  rebasePendingEdits,
  summarizeChanges,
  withoutSavedEntries,
} from '../model/pendingEdits.ts';
import {
  countSelectedAmong,
  EMPTY_SELECTION,
  idsAt,
  rangeIds,
  type Selection,
  setSelected,
} from '../model/selection.ts';
import { plural } from '../plural.ts';
import { FacetFilterControls, FilterTextInput } from './CalendarFilters.tsx';
import { CalendarTable } from './CalendarTable.tsx';
import type { RowHandlers } from './CalendarTableRow.tsx';
import { DiscardChangesDialog, LeavePageDialog } from './EditorDialogs.tsx';
import { EditorHeader } from './EditorHeader.tsx';
import { ImportCsvDialog } from './ImportCsvDialog.tsx';
import { PendingEditsFooter } from './PendingEditsFooter.tsx';
import { ReviewChangesDialog } from './ReviewChangesDialog.tsx';
import { SelectionToolbar } from './SelectionToolbar.tsx';

const FILTER_URL_DELAY_MS = 300;
const TABLE_HEIGHT = 'max(18rem, calc(100dvh - 33rem))';

/** The page state kept in the URL, parsed by the page. */
export interface CalendarsUrlState {
  q: string;
  visibility: VisibilityFilter;
  subscription: SubscriptionFilter;
}

export type CalendarsUrlPatch = Partial<CalendarsUrlState & { account: number }>;

export interface CalendarEditorProps {
  accountId: number;
  /** The account opened without `?account=`; a URL without it means this one. */
  defaultAccountId: number;
  administered: readonly Account[];
  urlState: CalendarsUrlState;
  /** Must be stable between renders. */
  onUrlStateChange: (patch: CalendarsUrlPatch, options?: { replace?: boolean }) => void;
}

function accountInSearch(search: string, defaultAccountId: number): number {
  const raw = new URLSearchParams(search).get('account');
  const id = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(id) && id > 0 ? id : defaultAccountId;
}

function LoadingProgress({
  loaded,
  pages,
  totalPages,
}: {
  loaded: number;
  pages: number;
  totalPages?: number;
}) {
  const percent = totalPages ? Math.round((pages / totalPages) * 100) : 0;
  return (
    <Stack gap={4} maw={420}>
      <Text size="sm">
        Loading calendars… {loaded.toLocaleString('en-US')} loaded
        {totalPages ? ` (page ${pages} of ${totalPages})` : ''}
      </Text>
      <Progress
        value={totalPages ? percent : 100}
        animated={!totalPages}
        striped={!totalPages}
        size="sm"
        aria-label="Calendars loaded"
      />
    </Stack>
  );
}

/**
 * The calendar visibility editor for one account's subtree. Canvas's rows (react-query) stay as
 * loaded; the admin's edits live in one pending map until saved; the selection, the filters and
 * every count derive from those. Remounted per account, so nothing of one account leaks into another.
 *
 * Typing must stay instant with 10,000 rows: the text filter's value is deferred, so a keystroke
 * first re-renders only the input (every other part is memoized with stable callbacks) and the
 * list follows in an interruptible render.
 */
export function CalendarEditor({
  accountId,
  defaultAccountId,
  administered,
  urlState,
  onUrlStateChange,
}: CalendarEditorProps) {
  const calendars = useAccountCalendars(accountId);
  const sisIds = useAccountSisIds(accountId);
  const visibleCount = useVisibleCalendarsCount(accountId);
  const save = useSaveCalendarChanges();

  const [pending, setPending] = useState<PendingEdits>(NO_PENDING_EDITS);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [changedOnly, setChangedOnly] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [discardOpen, setDiscardOpen] = useState(false);
  const [savedNotice, setSavedNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const anchorId = useRef<number | null>(null);

  const commitText = useCallback(
    (q: string) => onUrlStateChange({ q }, { replace: true }),
    [onUrlStateChange],
  );
  const [filterText, setFilterText] = useDebouncedUrlValue(urlState.q, commitText, FILTER_URL_DELAY_MS);
  const deferredText = useDeferredValue(filterText);

  const sisById = useMemo(
    () =>
      sisIds.data
        ? new Map(sisIds.data.map((account) => [account.id, account.sis_account_id ?? null]))
        : undefined,
    [sisIds.data],
  );
  const index: CalendarIndex | null = useMemo(
    () => (calendars.data ? buildCalendarIndex(accountId, calendars.data, sisById) : null),
    [accountId, calendars.data, sisById],
  );

  // Fresh rows from Canvas (a save, a reload) re-base the edits: what Canvas now holds is no longer pending.
  useEffect(() => {
    if (!index) return;
    setPending((previous) => rebasePendingEdits(previous, index));
    setSelection((previous) =>
      setSelected(
        previous,
        [...previous].filter((id) => !index.positionById.has(id)),
        false,
      ),
    );
  }, [index]);

  // While the text grows, only the previous matches are tested again.
  const lastTextMatch = useRef<{
    index: CalendarIndex;
    text: string;
    positions: readonly number[] | null;
  } | null>(null);
  const textMatches = useMemo(() => {
    if (!index) return null;
    const previous = lastTextMatch.current?.index === index ? lastTextMatch.current : undefined;
    const positions = matchText(index, deferredText, previous);
    lastTextMatch.current = { index, text: normalizeFilterText(deferredText), positions };
    return positions;
  }, [index, deferredText]);

  const facets: FacetFilters = useMemo(
    () => ({ visibility: urlState.visibility, subscription: urlState.subscription, changedOnly }),
    [urlState.visibility, urlState.subscription, changedOnly],
  );
  // "Changed only" is the one filter that reads the pending edits; without it a toggle does not refilter.
  const pendingForFilter = changedOnly ? pending : NO_PENDING_EDITS;
  const shown = useMemo(
    () => (index ? applyFacets(index, textMatches, facets, pendingForFilter) : []),
    [index, textMatches, facets, pendingForFilter],
  );
  const selectedShownCount = useMemo(
    () => (index ? countSelectedAmong(index, shown, selection) : 0),
    [index, shown, selection],
  );
  const filtering = textMatches !== null || hasFacetFilter(facets);

  // Callbacks read the latest state through this ref, so they never change and memoized parts stay put.
  const latest = useRef({ index, shown, pending, selection, accountId });
  latest.current = { index, shown, pending, selection, accountId };

  const handlers: RowHandlers = useMemo(
    () => ({
      onSelect: (id, selected, extendRange) => {
        const current = latest.current;
        if (!current.index) return;
        const ids = extendRange ? rangeIds(current.index, current.shown, anchorId.current, id) : [id];
        anchorId.current = id;
        setSelection((previous) => setSelected(previous, ids, selected));
      },
      onEdit: (id, edit) => {
        const row = latest.current.index ? rowById(latest.current.index, id) : undefined;
        if (row) setPending((previous) => applyEdit(previous, [row], edit).pending);
      },
      onSelectSubtree: (id) => {
        const current = latest.current;
        if (!current.index) return;
        const ids = subtreeIds(current.index, id);
        const shownIds = new Set(idsAt(current.index, current.shown));
        const notShown = ids.filter((subtreeId) => !shownIds.has(subtreeId)).length;
        setSelection((previous) => setSelected(previous, ids, true));
        const name = rowById(current.index, id)?.name ?? 'the account';
        setAnnouncement(
          `Selected ${name} and its ${plural(ids.length - 1, 'sub-account', 'sub-accounts')}` +
            (notShown > 0 ? `, ${notShown.toLocaleString('en-US')} of them not shown by the filter.` : '.'),
        );
      },
    }),
    [],
  );

  const selectShown = useCallback((selected: boolean) => {
    const { index: current, shown: currentShown } = latest.current;
    if (current) setSelection((previous) => setSelected(previous, idsAt(current, currentShown), selected));
  }, []);
  const selectAllShown = useCallback(() => selectShown(true), [selectShown]);
  const clearSelection = useCallback(() => {
    setSelection(EMPTY_SELECTION);
    anchorId.current = null;
  }, []);

  const bulkEdit = useCallback((edit: CalendarEdit) => {
    const { index: current, pending: currentPending, selection: currentSelection } = latest.current;
    if (!current) return;
    const rows = [...currentSelection]
      .map((id) => rowById(current, id))
      .filter((row): row is CalendarRow => row !== undefined);
    const outcome = applyEdit(currentPending, rows, edit);
    setPending(outcome.pending);
    const done =
      'visible' in edit
        ? edit.visible
          ? 'Showed'
          : 'Hid'
        : `Turned auto-subscribe ${edit.auto_subscribe ? 'on' : 'off'} for`;
    const skipped =
      outcome.skippedHidden > 0
        ? ` ${plural(outcome.skippedHidden, 'hidden calendar was', 'hidden calendars were')} left alone: show them first.`
        : '';
    setAnnouncement(`${done} ${plural(outcome.changed, 'calendar', 'calendars')}.${skipped}`);
  }, []);

  // Leaving the page, or switching to another account in the URL, with edits pending asks first.
  const isLeaving = useCallback(
    ({ currentLocation, nextLocation }: Parameters<BlockerFunction>[0]) =>
      currentLocation.pathname !== nextLocation.pathname ||
      accountInSearch(nextLocation.search, defaultAccountId) !== accountId,
    [accountId, defaultAccountId],
  );
  const blocker = useUnsavedChangesGuard(pending.size > 0, isLeaving);

  const summary = useMemo(
    () => (index && reviewOpen ? summarizeChanges(pending, index) : null),
    [index, reviewOpen, pending],
  );

  const accountName =
    index?.rows[0]?.name ??
    administered.find((account) => account.id === accountId)?.name ??
    `Account ${accountId}`;
  const accountOptions = useMemo(() => {
    const options = administered.map((account) => ({ value: String(account.id), label: account.name }));
    if (!options.some((option) => option.value === String(accountId))) {
      options.unshift({ value: String(accountId), label: accountName });
    }
    return options;
  }, [administered, accountId, accountName]);

  const pickAccount = useCallback((id: number) => onUrlStateChange({ account: id }), [onUrlStateChange]);
  const changeVisibility = useCallback(
    (visibility: VisibilityFilter) => onUrlStateChange({ visibility }, { replace: true }),
    [onUrlStateChange],
  );
  const changeSubscription = useCallback(
    (subscription: SubscriptionFilter) => onUrlStateChange({ subscription }, { replace: true }),
    [onUrlStateChange],
  );

  const exportCsv = useCallback(() => {
    const { index: current, shown: currentShown, pending: currentPending, accountId: id } = latest.current;
    if (!current) return;
    // The byte-order mark makes Excel read the names as UTF-8.
    downloadTextFile(
      `calendars-account-${id}.csv`,
      `\uFEFF${calendarsToCsv(current, currentShown, currentPending)}`,
      'text/csv;charset=utf-8',
    );
    setAnnouncement(`Exported ${plural(currentShown.length, 'row', 'rows')}.`);
  }, []);
  const openImport = useCallback(() => setImportOpen(true), []);
  const closeImport = useCallback(() => setImportOpen(false), []);
  const applyImport = useCallback((result: CsvImportResult) => {
    setPending((previous) => applyTargets(previous, result.changes));
    setImportOpen(false);
    setAnnouncement(
      `Added ${plural(result.changes.length, 'change', 'changes')} from the file. Review them before saving.`,
    );
  }, []);

  const resetSave = save.reset;
  const openReview = useCallback(() => {
    resetSave();
    setReviewOpen(true);
  }, [resetSave]);
  const openDiscard = useCallback(() => setDiscardOpen(true), []);
  const closeDiscard = useCallback(() => setDiscardOpen(false), []);
  const discard = useCallback(() => {
    setPending(NO_PENDING_EDITS);
    setDiscardOpen(false);
    setAnnouncement('Discarded every unsaved change.');
  }, []);

  const saveChanges = () => {
    if (!index) return;
    save.mutate(
      { accountId, entries: pendingEntries(pending, index) },
      {
        onSuccess: (result) => {
          setPending((previous) => withoutSavedEntries(previous, result.savedEntries));
          setReviewOpen(false);
          const message = `Saved. Canvas updated ${plural(result.updatedCount, 'account', 'accounts')}.`;
          setSavedNotice(message);
          setAnnouncement(message);
        },
        onError: (error) => {
          // Chunks saved before the refusal are in Canvas; everything else stays pending.
          if (error instanceof CalendarSaveError) {
            setPending((previous) => withoutSavedEntries(previous, error.savedEntries));
          }
        },
      },
    );
  };

  const saveError = save.error;
  const partialSave =
    saveError instanceof CalendarSaveError && saveError.savedEntries.length > 0
      ? { saved: saveError.savedEntries.length, total: saveError.totalEntries }
      : null;
  const requestCount = Math.max(1, Math.ceil(pending.size / BULK_UPDATE_CHUNK_SIZE));
  const changeCount = pending.size;
  let visibleCountText = 'Visible calendars: …';
  if (visibleCount.data !== undefined) {
    visibleCountText = `${plural(visibleCount.data, 'visible calendar', 'visible calendars')} in ${accountName}`;
  } else if (visibleCount.isError) {
    visibleCountText = 'Visible calendars: unknown';
  }

  let body: React.ReactNode;
  if (calendars.isPending) {
    body = (
      <LoadingProgress
        loaded={calendars.progress?.loadedCalendars ?? 0}
        pages={calendars.progress?.loadedPages ?? 0}
        totalPages={calendars.progress?.totalPages}
      />
    );
  } else if (calendars.isError) {
    body = (
      <ErrorAlert
        title="Could not load the calendars"
        error={calendars.error}
        onRetry={() => calendars.refetch()}
      />
    );
  } else if (index) {
    body = (
      <>
        <Stack gap={6}>
          <Group align="flex-end" gap="md" wrap="wrap">
            <FilterTextInput value={filterText} onChange={setFilterText} />
            <FacetFilterControls
              visibility={urlState.visibility}
              subscription={urlState.subscription}
              changedOnly={changedOnly}
              onVisibilityChange={changeVisibility}
              onSubscriptionChange={changeSubscription}
              onChangedOnlyChange={setChangedOnly}
            />
          </Group>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed">
              Visibility and auto-subscribe filter by the state saved in Canvas, so rows stay in place while
              you edit them.
            </Text>
            <Text size="sm" fw={500}>
              Showing {shown.length.toLocaleString('en-US')} of{' '}
              {plural(index.rows.length, 'calendar', 'calendars')}
            </Text>
          </Group>
        </Stack>
        <SelectionToolbar
          selectedCount={selection.size}
          hiddenSelectedCount={selection.size - selectedShownCount}
          shownCount={shown.length}
          filtering={filtering}
          onSelectAllShown={selectAllShown}
          onClearSelection={clearSelection}
          onBulkEdit={bulkEdit}
        />
        <CalendarTable
          index={index}
          shown={shown}
          pending={pending}
          selection={selection}
          selectedShownCount={selectedShownCount}
          showParents={filtering}
          filterKey={`${normalizeFilterText(deferredText)}|${urlState.visibility}|${urlState.subscription}|${changedOnly}`}
          height={TABLE_HEIGHT}
          handlers={handlers}
          onSelectAllShown={selectShown}
        />
      </>
    );
  }

  return (
    <Stack gap="md">
      <EditorHeader
        accountId={accountId}
        accountOptions={accountOptions}
        visibleCountText={visibleCountText}
        csvDisabled={!index}
        onPickAccount={pickAccount}
        onExport={exportCsv}
        onImport={openImport}
      />

      {index && sisIds.isPending ? (
        <Text size="xs" c="dimmed">
          Loading SIS IDs…
        </Text>
      ) : null}
      {sisIds.isError ? (
        <ErrorAlert
          title="Could not load the SIS IDs"
          error={sisIds.error}
          onRetry={() => sisIds.refetch()}
        />
      ) : null}

      {savedNotice ? (
        <Alert
          color="green"
          variant="light"
          icon={<IconCheck aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setSavedNotice(null)}
        >
          {savedNotice}
        </Alert>
      ) : null}

      {body}

      <PendingEditsFooter
        changeCount={changeCount}
        reviewDisabled={!index}
        onDiscard={openDiscard}
        onReview={openReview}
      />

      {summary ? (
        <ReviewChangesDialog
          opened={reviewOpen}
          accountName={accountName}
          summary={summary}
          requestCount={requestCount}
          saving={save.isPending}
          error={saveError}
          partialSave={partialSave}
          onSave={saveChanges}
          onClose={() => setReviewOpen(false)}
        />
      ) : null}

      {index && importOpen ? (
        <ImportCsvDialog opened index={index} pending={pending} onApply={applyImport} onClose={closeImport} />
      ) : null}

      <DiscardChangesDialog
        opened={discardOpen}
        changeCount={changeCount}
        onConfirm={discard}
        onClose={closeDiscard}
      />
      <LeavePageDialog blocker={blocker} changeCount={changeCount} />

      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
