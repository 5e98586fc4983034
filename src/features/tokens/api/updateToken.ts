import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { TOKEN_PURPOSE_MAX_LENGTH, Token, TokenScope } from '../../../api/schemas/token.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';
import { upsertCachedToken } from './tokenCache.ts';

/** Only what changes is sent; an absent field stays as it is. */
export const UpdateTokenInput = z.object({
  purpose: z.string().trim().min(1).max(TOKEN_PURPOSE_MAX_LENGTH).optional(),
  /** null removes the expiry. */
  expires_at: z.date().nullable().optional(),
  /** Empty makes the token unrestricted. */
  scopes: z.array(TokenScope).optional(),
});
export type UpdateTokenInput = z.input<typeof UpdateTokenInput>;

export interface UpdateTokenVariables {
  owner: TokenOwnerId;
  tokenId: number;
  input: UpdateTokenInput;
}

/** PUT /api/v1/users/:user_id/tokens/:id with `{token: {purpose, expires_at, scopes}}`. */
export function updateToken({ owner, tokenId, input }: UpdateTokenVariables): Promise<Token> {
  const { purpose, expires_at, scopes } = UpdateTokenInput.parse(input);
  return canvasFetch(`/api/v1/users/${owner}/tokens/${tokenId}`, {
    method: 'PUT',
    body: {
      token: {
        purpose,
        expires_at: expires_at === undefined ? undefined : (expires_at?.toISOString() ?? null),
        scopes,
      },
    },
    schema: Token,
  });
}

export function useUpdateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateToken,
    onSuccess: async (token, { owner }) => {
      upsertCachedToken(queryClient, owner, token);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(owner) });
    },
  });
}
