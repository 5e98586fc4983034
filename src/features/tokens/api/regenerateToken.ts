import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { z } from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { Token } from '../../../api/schemas/token.ts';
import { type IssuedToken, splitIssuedToken } from '../model/issuedToken.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';
import { upsertCachedToken } from './tokenCache.ts';

/** Canvas refuses to regenerate an expired token unless the same request sets a new expiry. */
export const RegenerateTokenInput = z.object({
  /** Undefined keeps the current expiry; null removes it. */
  expires_at: z.date().nullable().optional(),
});
export type RegenerateTokenInput = z.input<typeof RegenerateTokenInput>;

export interface RegenerateTokenVariables {
  owner: TokenOwnerId;
  tokenId: number;
  input: RegenerateTokenInput;
}

/**
 * PUT /api/v1/users/:user_id/tokens/:id with `token[regenerate]`: a new secret and hint; the old
 * secret stops working at once. A token regenerated for someone else goes back to `pending`.
 */
export async function regenerateToken({
  owner,
  tokenId,
  input,
}: RegenerateTokenVariables): Promise<IssuedToken> {
  const { expires_at } = RegenerateTokenInput.parse(input);
  const token = await canvasFetch(`/api/v1/users/${owner}/tokens/${tokenId}`, {
    method: 'PUT',
    body: {
      token: {
        regenerate: true,
        expires_at: expires_at === undefined ? undefined : (expires_at?.toISOString() ?? null),
      },
    },
    schema: Token,
  });
  return splitIssuedToken(token);
}

/** As useCreateToken: the new secret goes to `onIssued`, the cache only sees the hint. */
export function useRegenerateToken({ onIssued }: { onIssued: (issued: IssuedToken) => void }) {
  const queryClient = useQueryClient();
  const onIssuedRef = useRef(onIssued);
  onIssuedRef.current = onIssued;
  return useMutation({
    mutationFn: async (variables: RegenerateTokenVariables): Promise<Token> => {
      const issued = await regenerateToken(variables);
      onIssuedRef.current(issued);
      return issued.token;
    },
    onSuccess: async (token, { owner }) => {
      upsertCachedToken(queryClient, owner, token);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(owner) });
    },
  });
}
