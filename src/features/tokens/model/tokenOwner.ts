import type { TokenOwnerId } from '../api/keys.ts';

/** The user whose tokens the page shows. */
export interface TokenOwner {
  /** `self` for the signed-in user, so requests read as Canvas's own "my tokens" calls. */
  id: TokenOwnerId;
  name: string;
  isSelf: boolean;
}
