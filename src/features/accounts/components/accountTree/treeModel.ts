import type { Account } from '../../../../api/schemas/account.ts';

/** One account as the tree knows it, merged from every list that mentioned it. */
export interface AccountTreeNode {
  account: Account;
  /** Parent in the tree; null for a top-level row. */
  parentId: number | null;
  /** Courses directly in the account; undefined until a list with counts included it. */
  courseCount: number | undefined;
  subAccountCount: number | undefined;
  /** Children in display order; undefined until they were loaded. */
  childIds: number[] | undefined;
}

export interface AccountTreeIndex {
  nodes: ReadonlyMap<number, AccountTreeNode>;
  rootIds: readonly number[];
}

export interface AccountTreeSources {
  /** GET /accounts: the accounts the user administers. */
  roots: readonly Account[];
  /** Direct children by parent id (non-recursive sub_accounts, name-ordered, with counts). */
  childLists: ReadonlyMap<number, readonly Account[]>;
  /** Whole subtrees by root id (recursive sub_accounts: every descendant, no order, maybe no counts). */
  subtreeLists: ReadonlyMap<number, readonly Account[]>;
}

const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareAccountNames(a: Account, b: Account): number {
  return nameCollator.compare(a.name, b.name) || a.id - b.id;
}

/**
 * Builds the tree from everything loaded so far. A subtree list gives every node below its root its
 * complete children (and so its sub-account count); a child list, when loaded, wins for that parent
 * because it carries Canvas's counts and order. A top-level account that turns up inside another
 * top-level account's subtree is shown there only.
 */
export function buildAccountTreeIndex({
  roots,
  childLists,
  subtreeLists,
}: AccountTreeSources): AccountTreeIndex {
  const nodes = new Map<number, AccountTreeNode>();
  const upsert = (account: Account, parentId: number | null): AccountTreeNode => {
    const existing = nodes.get(account.id);
    const node: AccountTreeNode = {
      account: existing ? { ...existing.account, ...account } : account,
      parentId,
      courseCount: account.course_count ?? existing?.courseCount,
      subAccountCount: account.sub_account_count ?? existing?.subAccountCount,
      childIds: existing?.childIds,
    };
    nodes.set(account.id, node);
    return node;
  };

  for (const root of roots) upsert(root, root.parent_account_id);

  for (const [rootId, list] of subtreeLists) {
    const childrenByParent = new Map<number, Account[]>();
    for (const account of list) {
      if (account.parent_account_id === null) continue;
      upsert(account, account.parent_account_id);
      const siblings = childrenByParent.get(account.parent_account_id) ?? [];
      siblings.push(account);
      childrenByParent.set(account.parent_account_id, siblings);
    }
    for (const id of [rootId, ...list.map((account) => account.id)]) {
      const node = nodes.get(id);
      if (!node) continue;
      const children = (childrenByParent.get(id) ?? []).sort(compareAccountNames);
      node.childIds = children.map((child) => child.id);
      node.subAccountCount = children.length;
    }
  }

  for (const [parentId, list] of childLists) {
    for (const account of list) upsert(account, parentId);
    const parent = nodes.get(parentId);
    if (parent) {
      parent.childIds = list.map((account) => account.id);
      parent.subAccountCount = list.length;
    }
  }

  const rootIds: number[] = [];
  for (const root of roots) {
    const node = nodes.get(root.id);
    const shownElsewhere = node?.parentId != null && nodes.get(node.parentId)?.childIds?.includes(root.id);
    if (!shownElsewhere && !rootIds.includes(root.id)) rootIds.push(root.id);
  }
  for (const id of rootIds) {
    const node = nodes.get(id);
    if (node) node.parentId = null;
  }
  return { nodes, rootIds };
}

/** Whether a node has (or, before its children are loaded, may have) sub-accounts. */
export function mayHaveChildren(node: AccountTreeNode): boolean {
  if (node.childIds) return node.childIds.length > 0;
  return (node.subAccountCount ?? 1) > 0;
}

/** Ancestor ids of `id`, top-level first, as far as the loaded tree knows them. */
export function ancestorIdsOf(index: AccountTreeIndex, id: number): number[] {
  const ancestors: number[] = [];
  const seen = new Set<number>([id]);
  let parentId = index.nodes.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    ancestors.unshift(parentId);
    seen.add(parentId);
    parentId = index.nodes.get(parentId)?.parentId ?? null;
  }
  return ancestors;
}

/** A row of the flattened, visible tree: what one treeitem renders. */
export interface VisibleRow {
  id: number;
  parentId: number | null;
  /** 1-based depth, for aria-level. */
  level: number;
  /** 1-based position among its visible siblings, for aria-posinset. */
  posInSet: number;
  setSize: number;
  /** Has sub-accounts to show; leaves render no expander and no aria-expanded. */
  expandable: boolean;
  expanded: boolean;
  /** Expanded, but the children are still loading. */
  loadingChildren: boolean;
}

export interface FlattenOptions {
  /** Children to show under `node` (undefined: not loaded yet). */
  childrenOf: (node: AccountTreeNode) => readonly number[] | undefined;
  isExpanded: (id: number) => boolean;
  /** Top-level rows to start from; defaults to the index's roots. */
  rootIds?: readonly number[];
}

/** Depth-first walk of the expanded part of the tree, iterative so deep trees cannot overflow the stack. */
export function flattenRows(
  index: AccountTreeIndex,
  { childrenOf, isExpanded, rootIds }: FlattenOptions,
): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const tops = (rootIds ?? index.rootIds).filter((id) => index.nodes.has(id));
  type Frame = { id: number; parentId: number | null; level: number; posInSet: number; setSize: number };
  const stack: Frame[] = tops
    .map((id, position) => ({ id, parentId: null, level: 1, posInSet: position + 1, setSize: tops.length }))
    .reverse();
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const node = index.nodes.get(frame.id);
    if (!node) continue;
    const children = childrenOf(node)?.filter((childId) => index.nodes.has(childId));
    const expandable = children ? children.length > 0 : mayHaveChildren(node);
    const expanded = expandable && isExpanded(frame.id);
    rows.push({ ...frame, expandable, expanded, loadingChildren: expanded && children === undefined });
    if (expanded && children) {
      for (let position = children.length - 1; position >= 0; position--) {
        stack.push({
          id: children[position] as number,
          parentId: frame.id,
          level: frame.level + 1,
          posInSet: position + 1,
          setSize: children.length,
        });
      }
    }
  }
  return rows;
}

/** The normal view: children of expanded nodes. */
export function flattenExpandedTree(index: AccountTreeIndex, expandedIds: ReadonlySet<number>): VisibleRow[] {
  return flattenRows(index, { childrenOf: (node) => node.childIds, isExpanded: (id) => expandedIds.has(id) });
}

export interface AccountSearchResult {
  matchIds: ReadonlySet<number>;
  /** Matches plus their ancestors: what the filtered tree shows. */
  visibleIds: ReadonlySet<number>;
}

export function normalizeSearch(text: string): string {
  return text.trim().toLocaleLowerCase();
}

/** Case-insensitive substring match on the name or SIS id of every loaded account. */
export function searchAccountTree(index: AccountTreeIndex, query: string): AccountSearchResult {
  const needle = normalizeSearch(query);
  const matchIds = new Set<number>();
  const visibleIds = new Set<number>();
  if (!needle) return { matchIds, visibleIds };
  for (const [id, node] of index.nodes) {
    const { name, sis_account_id } = node.account;
    const matches =
      name.toLocaleLowerCase().includes(needle) ||
      (sis_account_id ?? '').toLocaleLowerCase().includes(needle);
    if (!matches) continue;
    matchIds.add(id);
    let current: number | null = id;
    while (current !== null && !visibleIds.has(current)) {
      visibleIds.add(current);
      current = index.nodes.get(current)?.parentId ?? null;
    }
  }
  return { matchIds, visibleIds };
}

/**
 * The filtered view: only matches and their ancestors, every path to a match open unless the user
 * collapsed it during this search.
 */
export function flattenSearchResults(
  index: AccountTreeIndex,
  { visibleIds }: AccountSearchResult,
  collapsedIds: ReadonlySet<number>,
): VisibleRow[] {
  return flattenRows(index, {
    rootIds: index.rootIds.filter((id) => visibleIds.has(id)),
    childrenOf: (node) => (node.childIds ?? []).filter((childId) => visibleIds.has(childId)),
    isExpanded: (id) => !collapsedIds.has(id),
  });
}
