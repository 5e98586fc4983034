import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../api/schemas/account.ts';
import {
  ancestorIdsOf,
  buildAccountTreeIndex,
  flattenExpandedTree,
  flattenSearchResults,
  searchAccountTree,
} from './treeModel.ts';

function account(id: number, name: string, parentId: number | null, extra: Partial<Account> = {}): Account {
  return {
    id,
    name,
    uuid: `uuid-${id}`,
    parent_account_id: parentId,
    root_account_id: parentId === null ? null : 1,
    workflow_state: 'active',
    default_time_zone: 'America/Denver',
    ...extra,
  };
}

const root = account(1, 'Northfield University', null, { course_count: 2, sub_account_count: 2 });
const engineering = account(2, 'College of Engineering', 1, { course_count: 5, sub_account_count: 1 });
const arts = account(3, 'College of Arts', 1, { course_count: 0, sub_account_count: 0 });
const mechanical = account(4, 'Mechanical Engineering', 2, { sis_account_id: 'MECH' });

describe('buildAccountTreeIndex', () => {
  it('takes children and counts from child lists, in the order Canvas gave them', () => {
    const index = buildAccountTreeIndex({
      roots: [root],
      childLists: new Map([[1, [arts, engineering]]]),
      subtreeLists: new Map(),
    });
    expect(index.rootIds).toEqual([1]);
    expect(index.nodes.get(1)?.childIds).toEqual([3, 2]);
    expect(index.nodes.get(2)).toMatchObject({
      parentId: 1,
      courseCount: 5,
      subAccountCount: 1,
      childIds: undefined,
    });
  });

  it('derives every node’s children and sub-account count from a recursive list, sorted by name', () => {
    const withoutCounts = [mechanical, engineering, arts].map(
      ({ course_count, sub_account_count, ...rest }) => rest,
    );
    const index = buildAccountTreeIndex({
      roots: [root],
      childLists: new Map(),
      subtreeLists: new Map([[1, withoutCounts]]),
    });
    expect(index.nodes.get(1)?.childIds).toEqual([3, 2]);
    expect(index.nodes.get(2)).toMatchObject({ childIds: [4], subAccountCount: 1, courseCount: undefined });
    expect(index.nodes.get(4)).toMatchObject({ childIds: [], subAccountCount: 0 });
  });

  it('shows an administered account inside another administered account’s subtree only once', () => {
    const index = buildAccountTreeIndex({
      roots: [root, engineering],
      childLists: new Map([[1, [arts, engineering]]]),
      subtreeLists: new Map(),
    });
    expect(index.rootIds).toEqual([1]);
  });

  it('keeps an administered sub-account whose parent is not visible as a top-level row', () => {
    const index = buildAccountTreeIndex({
      roots: [engineering],
      childLists: new Map(),
      subtreeLists: new Map(),
    });
    expect(index.rootIds).toEqual([2]);
    expect(index.nodes.get(2)?.parentId).toBeNull();
  });
});

describe('flattening', () => {
  const index = buildAccountTreeIndex({
    roots: [root],
    childLists: new Map([
      [1, [arts, engineering]],
      [2, [mechanical]],
    ]),
    subtreeLists: new Map(),
  });

  it('lists only the children of expanded nodes, with ARIA positions', () => {
    const rows = flattenExpandedTree(index, new Set([1]));
    expect(
      rows.map((row) => [row.id, row.level, row.posInSet, row.setSize, row.expandable, row.expanded]),
    ).toEqual([
      [1, 1, 1, 1, true, true],
      [3, 2, 1, 2, false, false],
      [2, 2, 2, 2, true, false],
    ]);
  });

  it('marks an expanded node whose children are not loaded yet', () => {
    const partial = buildAccountTreeIndex({ roots: [root], childLists: new Map(), subtreeLists: new Map() });
    expect(flattenExpandedTree(partial, new Set([1]))[0]).toMatchObject({
      expanded: true,
      loadingChildren: true,
    });
  });

  it('filters to matches plus their ancestors, by name or SIS id, case-insensitively', () => {
    const result = searchAccountTree(index, 'mech');
    expect([...result.matchIds]).toEqual([4]);
    expect([...result.visibleIds].sort()).toEqual([1, 2, 4]);
    const rows = flattenSearchResults(index, result, new Set());
    expect(rows.map((row) => row.id)).toEqual([1, 2, 4]);
    expect(rows[1]).toMatchObject({ setSize: 1, posInSet: 1, expanded: true });
  });

  it('lets the user collapse a branch of the search results', () => {
    const rows = flattenSearchResults(index, searchAccountTree(index, 'mech'), new Set([2]));
    expect(rows.map((row) => row.id)).toEqual([1, 2]);
  });

  it('finds ancestors top-down', () => {
    expect(ancestorIdsOf(index, 4)).toEqual([1, 2]);
    expect(ancestorIdsOf(index, 1)).toEqual([]);
  });
});
