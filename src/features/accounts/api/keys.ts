import type { AccountCoursesQuery } from './getAccountCourses.ts';

/**
 * Query keys of the accounts area, broad to specific, so that one prefix invalidates a family:
 * `accountKeys.subAccountLists()` every loaded child list, `accountKeys.detail(id)` an account with
 * its settings, help links and terms of service.
 */
export const accountKeys = {
  all: ['accounts'] as const,
  subAccountLists: () => [...accountKeys.all, 'sub-accounts'] as const,
  /** Direct children of one account, with counts, ordered by name. */
  subAccounts: (parentId: number) => [...accountKeys.subAccountLists(), parentId] as const,
  subAccountTrees: () => [...accountKeys.all, 'sub-account-tree'] as const,
  /** Every descendant of one account (recursive=true). */
  subAccountTree: (rootId: number) => [...accountKeys.subAccountTrees(), rootId] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  /** `id` may be a number or a Canvas id form such as 'self'. */
  detail: (id: number | string) => [...accountKeys.details(), String(id)] as const,
  settings: (id: number) => [...accountKeys.detail(id), 'settings'] as const,
  helpLinks: (id: number) => [...accountKeys.detail(id), 'help-links'] as const,
  termsOfService: (id: number) => [...accountKeys.detail(id), 'terms-of-service'] as const,
  ancestries: () => [...accountKeys.all, 'ancestry'] as const,
  /** The account and its readable ancestors, root first. */
  ancestry: (id: number) => [...accountKeys.ancestries(), id] as const,
  courseLists: () => [...accountKeys.all, 'courses'] as const,
  courses: (accountId: number, query: AccountCoursesQuery) =>
    [...accountKeys.courseLists(), accountId, query] as const,
};
