import {
  Anchor,
  Breadcrumbs,
  Button,
  CloseButton,
  Group,
  Progress,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useSessionStorage } from '@mantine/hooks';
import { IconArrowRight, IconListTree, IconSearch, IconSitemap } from '@tabler/icons-react';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import type { Account } from '../../api/schemas/account.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useUrlState } from '../../lib/urlState.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useAccountAncestry } from './api/getAccountAncestry.ts';
import { AccountTree } from './components/accountTree/AccountTree.tsx';
import type { RowEditKind } from './components/accountTree/AccountTreeRow.tsx';
import {
  ancestorIdsOf,
  flattenExpandedTree,
  flattenSearchResults,
  searchAccountTree,
} from './components/accountTree/treeModel.ts';
import { useAccountTreeData } from './components/accountTree/useAccountTreeData.ts';
import { DeleteAccountDialog } from './components/DeleteAccountDialog.tsx';
import { NoAdministeredAccounts } from './components/NoAdministeredAccounts.tsx';

/** What a shared link to the tree carries: the search and the selected account. */
const AccountsPageSearch = z.object({
  q: z.string().catch(''),
  selected: z.coerce.number().int().positive().optional().catch(undefined),
});

// Expansion is too large for a URL (expand-all opens thousands of nodes) but should survive a visit
// to an account's page and back, so it lives in the tab's session storage.
const EXPANDED_STORAGE_KEY = 'canvas-admin:account-tree:expanded';
const SEARCH_DEBOUNCE_MS = 300;
const TREE_HEIGHT = 'max(20rem, calc(100dvh - 22rem))';
const NO_IDS: ReadonlySet<number> = new Set();

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : pluralForm}`;
}

function TreeSkeleton() {
  return (
    <Stack gap={6} aria-busy="true" aria-label="Loading accounts">
      {[70, 55, 60, 45, 65].map((width) => (
        <Skeleton key={width} height={32} width={`${width}%`} />
      ))}
    </Stack>
  );
}

export function AccountsPage() {
  useDocumentTitle('Accounts');
  const navigate = useNavigate();
  const [{ q: query, selected }, setUrlState] = useUrlState(AccountsPageSearch);
  const selectedId = selected ?? null;
  const [expandedList, setExpandedList] = useSessionStorage<number[]>({
    key: EXPANDED_STORAGE_KEY,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const expandedIds = useMemo(() => new Set(expandedList), [expandedList]);
  // Read before the storage hook writes its default: on a tab's first visit the top-level accounts
  // start open, as on Canvas's own sub-accounts page.
  const [firstVisitInTab] = useState(() => window.sessionStorage.getItem(EXPANDED_STORAGE_KEY) === null);
  const rootsOpened = useRef(false);
  const [searchCollapsedIds, setSearchCollapsedIds] = useState<ReadonlySet<number>>(NO_IDS);
  const [subtreesRequested, setSubtreesRequested] = useState(false);
  const [expandAllPending, setExpandAllPending] = useState(false);
  const [countParentIds, setCountParentIds] = useState<ReadonlySet<number>>(NO_IDS);
  const [editing, setEditing] = useState<{ id: number; kind: RowEditKind } | null>(null);
  const [deleteTargetId, setDeleteTargetId] = useState<number | null>(null);
  const [reveal, setReveal] = useState<{ id: number; focus: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const trimmedQuery = query.trim();
  const searching = trimmedQuery !== '';
  const [debouncedQuery] = useDebouncedValue(trimmedQuery, SEARCH_DEBOUNCE_MS);

  const tree = useAccountTreeData({ expandedIds, loadSubtrees: subtreesRequested, countParentIds });
  const { index } = tree;
  const indexRef = useRef(index);
  indexRef.current = index;

  // Loaded nodes filter at once; anything beyond them needs the recursive list, loaded once per root.
  useEffect(() => {
    if (debouncedQuery) setSubtreesRequested(true);
  }, [debouncedQuery]);

  const search = useMemo(
    () => (searching ? searchAccountTree(index, trimmedQuery) : null),
    [index, searching, trimmedQuery],
  );
  const rows = useMemo(
    () =>
      search
        ? flattenSearchResults(index, search, searchCollapsedIds)
        : flattenExpandedTree(index, expandedIds),
    [index, search, searchCollapsedIds, expandedIds],
  );

  const expand = useCallback(
    (ids: readonly number[]) => {
      setExpandedList((previous) => {
        const missing = ids.filter((id) => !previous.includes(id));
        return missing.length === 0 ? previous : [...previous, ...missing];
      });
    },
    [setExpandedList],
  );

  useEffect(() => {
    if (!firstVisitInTab || rootsOpened.current || tree.rootIds.length === 0) return;
    rootsOpened.current = true;
    expand(tree.rootIds);
  }, [firstVisitInTab, tree.rootIds, expand]);

  // The selected account is always on screen: its ancestors open and it scrolls into view, whether it
  // was chosen here, through a breadcrumb, a shared link, or by leaving a search.
  useEffect(() => {
    if (selectedId === null) return;
    if (!searching) expand(ancestorIdsOf(indexRef.current, selectedId));
    setReveal({ id: selectedId, focus: false });
  }, [selectedId, searching, expand]);

  // A shared link or a reload may select an account the tree has not loaded yet: find its ancestors
  // and open the way to it. Selections made on the page are always of loaded rows.
  const [linkedId] = useState(selectedId);
  const selectedLoaded = selectedId !== null && index.nodes.has(selectedId);
  const ancestry = useAccountAncestry(linkedId, {
    enabled:
      linkedId === selectedId && !selectedLoaded && tree.administered.isSuccess && tree.rootIds.length > 0,
  });
  useEffect(() => {
    if (!ancestry.data || linkedId === null) return;
    expand(ancestry.data.map((account) => account.id).filter((id) => id !== linkedId));
    setReveal({ id: linkedId, focus: false });
  }, [ancestry.data, linkedId, expand]);

  useEffect(() => {
    if (!expandAllPending) return;
    if (tree.subtrees.error) {
      setExpandAllPending(false);
      return;
    }
    if (!tree.allSubtreesLoaded) return;
    const parents: number[] = [];
    for (const [id, node] of index.nodes) if (node.childIds && node.childIds.length > 0) parents.push(id);
    setExpandedList(parents);
    setExpandAllPending(false);
    setAnnouncement(`Expanded all ${plural(index.nodes.size, 'account', 'accounts')}`);
  }, [expandAllPending, tree.allSubtreesLoaded, tree.subtrees.error, index, setExpandedList]);

  const select = useCallback((id: number) => setUrlState({ selected: id }, { replace: true }), [setUrlState]);

  const toggle = useCallback(
    (id: number, open: boolean) => {
      if (searching) {
        setSearchCollapsedIds((previous) => {
          const next = new Set(previous);
          if (open) next.delete(id);
          else next.add(id);
          return next;
        });
        return;
      }
      if (open) expand([id]);
      else setExpandedList((previous) => previous.filter((expandedId) => expandedId !== id));
    },
    [searching, expand, setExpandedList],
  );

  const requestCounts = useCallback((parentIds: number[]) => {
    setCountParentIds((previous) =>
      parentIds.every((id) => previous.has(id)) ? previous : new Set([...previous, ...parentIds]),
    );
  }, []);

  const onRevealed = useCallback(() => setReveal(null), []);

  const changeQuery = (value: string) => {
    setSearchCollapsedIds(NO_IDS);
    setUrlState({ q: value }, { replace: true });
  };

  const jumpToFirstMatch = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' && event.key !== 'ArrowDown') return;
    const first = rows.find((row) => search?.matchIds.has(row.id));
    if (!first) return;
    event.preventDefault();
    select(first.id);
    setReveal({ id: first.id, focus: true });
  };

  const editRow = useCallback((id: number, kind: RowEditKind | null) => {
    setEditing(kind ? { id, kind } : null);
    // Leaving a form gives focus back to its row.
    if (!kind) setReveal({ id, focus: true });
  }, []);

  const onCreated = useCallback(
    (parentId: number, account: Account) => {
      setEditing(null);
      expand([parentId]);
      select(account.id);
      setReveal({ id: account.id, focus: true });
      const parentName = indexRef.current.nodes.get(parentId)?.account.name ?? 'its parent';
      setAnnouncement(`Added sub-account ${account.name} to ${parentName}`);
    },
    [expand, select],
  );

  const onRenamed = useCallback((account: Account) => {
    setEditing(null);
    setReveal({ id: account.id, focus: true });
    setAnnouncement(`Renamed to ${account.name}`);
  }, []);

  const deleteTargetNode = deleteTargetId === null ? undefined : index.nodes.get(deleteTargetId);
  const deleteTarget =
    deleteTargetNode && deleteTargetNode.parentId !== null
      ? {
          accountId: deleteTargetNode.account.id,
          name: deleteTargetNode.account.name,
          parentId: deleteTargetNode.parentId,
        }
      : null;

  const breadcrumbIds = selectedLoaded ? [...ancestorIdsOf(index, selectedId), selectedId] : [];
  const selectedAccount = selectedId === null ? undefined : index.nodes.get(selectedId)?.account;

  const loadingSubtrees = tree.subtrees.isFetching && !tree.allSubtreesLoaded;
  let status = '';
  if (search) {
    const matches = plural(search.matchIds.size, 'account matches', 'accounts match');
    status = `${matches} “${trimmedQuery}”${tree.allSubtreesLoaded ? '' : ' among the accounts loaded so far'}`;
  }
  const progress = loadingSubtrees
    ? `Loaded ${plural(tree.subtrees.loadedAccounts, 'account', 'accounts')}…`
    : '';

  let body: React.ReactNode;
  if (tree.administered.isPending) {
    body = <TreeSkeleton />;
  } else if (tree.administered.isError) {
    body = (
      <ErrorAlert
        title="Could not load your accounts"
        error={tree.administered.error}
        onRetry={() => tree.administered.refetch()}
      />
    );
  } else if (tree.rootIds.length === 0) {
    body = <NoAdministeredAccounts />;
  } else if (rows.length === 0) {
    body = (
      <Text c="dimmed" py="md">
        {loadingSubtrees ? 'Searching every sub-account…' : `No account matches “${trimmedQuery}”.`}
      </Text>
    );
  } else {
    body = (
      <AccountTree
        index={index}
        rows={rows}
        selectedId={selectedId}
        highlight={trimmedQuery}
        editing={editing}
        childErrors={tree.childListErrors}
        reveal={reveal}
        onRevealed={onRevealed}
        onSelect={select}
        onToggle={toggle}
        onOpen={(id) => navigate(`/accounts/${id}`)}
        onEdit={editRow}
        onCreated={onCreated}
        onRenamed={onRenamed}
        onRequestDelete={setDeleteTargetId}
        onCountsNeeded={requestCounts}
        height={TREE_HEIGHT}
      />
    );
  }

  const hasTree = tree.rootIds.length > 0;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Accounts</Title>
        <Text c="dimmed" size="sm">
          The accounts you administer and their sub-accounts. Arrow keys move through the tree, Enter opens an
          account.
        </Text>
      </div>

      {hasTree ? (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Search accounts"
            description="By name or SIS ID, across every sub-account"
            placeholder="e.g. Engineering"
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              query ? (
                <CloseButton aria-label="Clear search" size="sm" onClick={() => changeQuery('')} />
              ) : null
            }
            value={query}
            onChange={(event) => changeQuery(event.currentTarget.value)}
            onKeyDown={jumpToFirstMatch}
            w={{ base: '100%', sm: 360 }}
          />
          <Button
            variant="default"
            leftSection={<IconSitemap size={16} aria-hidden />}
            loading={expandAllPending}
            onClick={() => {
              setSubtreesRequested(true);
              setExpandAllPending(true);
            }}
          >
            Expand all
          </Button>
          <Button
            variant="default"
            leftSection={<IconListTree size={16} aria-hidden />}
            onClick={() => {
              setExpandedList([]);
              if (search) setSearchCollapsedIds(new Set(search.visibleIds));
            }}
          >
            Collapse all
          </Button>
        </Group>
      ) : null}

      <div role="status" aria-live="polite">
        {progress ? (
          <Stack gap={4} maw={360}>
            <Text size="sm">{progress}</Text>
            <Progress value={100} animated striped aria-hidden size="sm" />
          </Stack>
        ) : null}
        {status ? <Text size="sm">{status}</Text> : null}
      </div>

      {tree.subtrees.error ? (
        <ErrorAlert title="Could not load every sub-account" error={tree.subtrees.error} />
      ) : null}

      {breadcrumbIds.length > 0 && selectedAccount ? (
        <Group justify="space-between" gap="xs" wrap="wrap">
          <nav aria-label="Breadcrumb">
            <Breadcrumbs separatorMargin={6}>
              {breadcrumbIds.map((id) => {
                const name = index.nodes.get(id)?.account.name ?? `Account ${id}`;
                return id === selectedId ? (
                  <Text key={id} size="sm" fw={600} aria-current="location">
                    {name}
                  </Text>
                ) : (
                  <Anchor key={id} size="sm" component={Link} to={`/accounts?selected=${id}`}>
                    {name}
                  </Anchor>
                );
              })}
            </Breadcrumbs>
          </nav>
          <Button
            component={Link}
            to={`/accounts/${selectedAccount.id}`}
            size="xs"
            variant="light"
            rightSection={<IconArrowRight size={14} aria-hidden />}
          >
            Open {selectedAccount.name}
          </Button>
        </Group>
      ) : null}

      {body}

      <DeleteAccountDialog
        target={deleteTarget}
        onClose={() => setDeleteTargetId(null)}
        onDeleted={(deleted) => {
          setDeleteTargetId(null);
          select(deleted.parentId);
          setReveal({ id: deleted.parentId, focus: true });
          setAnnouncement(`Deleted ${deleted.name}`);
        }}
      />
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
    </Stack>
  );
}
