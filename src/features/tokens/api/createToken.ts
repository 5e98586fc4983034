import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { z } from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { TOKEN_PURPOSE_MAX_LENGTH, Token, TokenScope } from '../../../api/schemas/token.ts';
import { type IssuedToken, splitIssuedToken } from '../model/issuedToken.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';
import { upsertCachedToken } from './tokenCache.ts';

/** Canvas's create rules that hold for every caller; the expiry rules depend on who asks (tokenForm.ts). */
export const CreateTokenInput = z.object({
  purpose: z.string().trim().min(1).max(TOKEN_PURPOSE_MAX_LENGTH),
  /** null = never expires. */
  expires_at: z.date().nullable(),
  /** Empty = unrestricted. */
  scopes: z.array(TokenScope),
});
export type CreateTokenInput = z.input<typeof CreateTokenInput>;

export interface CreateTokenVariables {
  owner: TokenOwnerId;
  input: CreateTokenInput;
}

/**
 * POST /api/v1/users/:user_id/tokens. Canvas answers 200 with the token, whose `visible_token` is the
 * full secret this once; a token made for someone else starts `pending`.
 */
export async function createToken({ owner, input }: CreateTokenVariables): Promise<IssuedToken> {
  const { purpose, expires_at, scopes } = CreateTokenInput.parse(input);
  const token = await canvasFetch(`/api/v1/users/${owner}/tokens`, {
    method: 'POST',
    body: {
      token: {
        purpose,
        // Absent rather than null: Canvas's "expiry required" rule looks for the key's value.
        ...(expires_at ? { expires_at: expires_at.toISOString() } : {}),
        ...(scopes.length > 0 ? { scopes } : {}),
      },
    },
    schema: Token,
  });
  return splitIssuedToken(token);
}

/**
 * Creates a token. The secret goes to `onIssued` straight from the response and never into
 * react-query: the mutation's data is the hint-only record.
 */
export function useCreateToken({ onIssued }: { onIssued: (issued: IssuedToken) => void }) {
  const queryClient = useQueryClient();
  const onIssuedRef = useRef(onIssued);
  onIssuedRef.current = onIssued;
  return useMutation({
    mutationFn: async (variables: CreateTokenVariables): Promise<Token> => {
      const issued = await createToken(variables);
      onIssuedRef.current(issued);
      return issued.token;
    },
    onSuccess: async (token, { owner }) => {
      upsertCachedToken(queryClient, owner, token);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(owner) });
    },
  });
}
