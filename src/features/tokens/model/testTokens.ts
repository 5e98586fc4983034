import type { Token } from '../../../api/schemas/token.ts';

/** A manual token as the list shows it, for tests; override what the test is about. */
export function makeToken(overrides: Partial<Token> = {}): Token {
  return {
    id: 1,
    user_id: 10,
    real_user_id: null,
    purpose: 'Nightly SIS export',
    scopes: null,
    remember_access: null,
    workflow_state: 'active',
    created_at: '2025-05-01T10:00:00Z',
    updated_at: '2025-05-01T10:00:00Z',
    last_used_at: null,
    expires_at: null,
    app_name: 'User-Generated',
    visible_token: 'Ab3xQ...',
    can_manually_regenerate: true,
    ...overrides,
  };
}
