import { isFullSecret, TOKEN_HINT_LENGTH, type Token } from '../../../api/schemas/token.ts';

/**
 * A token fresh from create or regenerate: the record as every later read shows it (hint only) and
 * the secret, kept apart so that the record can be cached while the secret lives only in the
 * dialog that shows it once.
 */
export interface IssuedToken {
  token: Token;
  secret: string | null;
}

/** Splits a create/regenerate response into the hint-only record and the secret. */
export function splitIssuedToken(token: Token): IssuedToken {
  if (!isFullSecret(token) || token.visible_token === null) return { token, secret: null };
  const secret = token.visible_token;
  return { token: { ...token, visible_token: `${secret.slice(0, TOKEN_HINT_LENGTH)}...` }, secret };
}
