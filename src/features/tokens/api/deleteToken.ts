import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { Token } from '../../../api/schemas/token.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';
import { removeCachedTokens } from './tokenCache.ts';

export interface DeleteTokenVariables {
  owner: TokenOwnerId;
  tokenId: number;
}

/**
 * DELETE /api/v1/users/:user_id/tokens/:id. Canvas soft-deletes and answers with the token in
 * state `deleted`; from then on the token is refused ("Revoked access token.").
 */
export function deleteToken({ owner, tokenId }: DeleteTokenVariables): Promise<Token> {
  return canvasFetch(`/api/v1/users/${owner}/tokens/${tokenId}`, { method: 'DELETE', schema: Token });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteToken,
    onSuccess: async (_deleted, { owner, tokenId }) => {
      removeCachedTokens(queryClient, owner, [tokenId]);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(owner) });
    },
  });
}

export interface RevokeTokensVariables {
  owner: TokenOwnerId;
  tokenIds: readonly number[];
}

export interface RevokeTokensResult {
  revokedIds: number[];
  failures: { tokenId: number; error: unknown }[];
}

/**
 * Deletes each token in turn (Canvas has no bulk delete). One refusal does not stop the rest; the
 * result says which were revoked and why the others were not.
 */
export async function revokeTokens({ owner, tokenIds }: RevokeTokensVariables): Promise<RevokeTokensResult> {
  const result: RevokeTokensResult = { revokedIds: [], failures: [] };
  for (const tokenId of tokenIds) {
    try {
      await deleteToken({ owner, tokenId });
      result.revokedIds.push(tokenId);
    } catch (error) {
      result.failures.push({ tokenId, error });
    }
  }
  return result;
}

export function useRevokeTokens() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeTokens,
    // Settled, not success: after a partial failure the list must still drop what was revoked.
    onSettled: async (result, _error, { owner }) => {
      if (result) removeCachedTokens(queryClient, owner, result.revokedIds);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(owner) });
    },
  });
}
