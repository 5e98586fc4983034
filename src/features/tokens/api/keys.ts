/** Whose tokens: `self` for the signed-in user, else a user id. */
export type TokenOwnerId = number | 'self';

/**
 * Query keys of the tokens area, broad to specific: `tokenKeys.lists()` every loaded token list,
 * `tokenKeys.list(owner)` one user's. Values of secrets never appear in keys or cached data.
 */
export const tokenKeys = {
  all: ['tokens'] as const,
  lists: () => [...tokenKeys.all, 'list'] as const,
  /** GET /users/:user_id/user_generated_tokens, every page. */
  list: (owner: TokenOwnerId) => [...tokenKeys.lists(), String(owner)] as const,
  /** GET /users/:id: the owner's name for a token list opened from a link. */
  user: (userId: number) => [...tokenKeys.all, 'user', userId] as const,
  userSearches: () => [...tokenKeys.all, 'user-search'] as const,
  userSearch: (accountId: number, searchTerm: string) =>
    [...tokenKeys.userSearches(), accountId, searchTerm] as const,
  /** GET /accounts and GET /course_accounts: what the caller administers and teaches (expiry rules). */
  courseAccounts: () => [...tokenKeys.all, 'course-accounts'] as const,
};
