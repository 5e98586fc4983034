import { describe, expect, it } from 'vitest';
import { splitIssuedToken } from './issuedToken.ts';
import { makeToken } from './testTokens.ts';

describe('splitIssuedToken', () => {
  it('takes the secret out and leaves the hint form behind', () => {
    const secret = `1~${'a'.repeat(64)}`;
    const issued = splitIssuedToken(makeToken({ visible_token: secret }));
    expect(issued.secret).toBe(secret);
    expect(issued.token.visible_token).toBe('1~aaa...');
    expect(JSON.stringify(issued.token)).not.toContain(secret);
  });

  it('has no secret to give when the response holds the hint only', () => {
    expect(splitIssuedToken(makeToken({ visible_token: 'Ab3xQ...' })).secret).toBeNull();
    expect(splitIssuedToken(makeToken({ visible_token: null })).secret).toBeNull();
  });
});
