import type { QueryClient } from '@tanstack/react-query';
import type { Token } from '../../../api/schemas/token.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';

/**
 * Puts a (hint-only) token into the owner's cached list at once, replacing the old version or
 * appending, so the table shows the change while the list is refetched.
 */
export function upsertCachedToken(queryClient: QueryClient, owner: TokenOwnerId, token: Token): void {
  queryClient.setQueryData<Token[]>(tokenKeys.list(owner), (tokens) => {
    if (!tokens) return tokens;
    const index = tokens.findIndex((candidate) => candidate.id === token.id);
    if (index === -1) return [...tokens, token];
    return tokens.map((candidate) => (candidate.id === token.id ? token : candidate));
  });
}

export function removeCachedTokens(
  queryClient: QueryClient,
  owner: TokenOwnerId,
  ids: readonly number[],
): void {
  const removed = new Set(ids);
  queryClient.setQueryData<Token[]>(tokenKeys.list(owner), (tokens) =>
    tokens?.filter((token) => !removed.has(token.id)),
  );
}
