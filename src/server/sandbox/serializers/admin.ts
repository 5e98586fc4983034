import type { RequestContext } from '../http/context.ts';
import type { AccountRow, UserRow } from '../lookup.ts';
import { userJson } from './user.ts';

/** An `account_users` row joined with its role's name. */
export interface AdminMembershipRow {
  id: number;
  account_id: number;
  user_id: number;
  role_id: number;
  role_name: string;
  workflow_state: 'active' | 'deleted';
}

export interface AdminJsonOptions {
  /** The account whose admins are listed: the nested user is rendered in its context. */
  account: AccountRow;
  /** `include[]`, passed through to the nested user. */
  includes?: readonly string[];
}

/** `admin_json` (`lib/api/v1/admin.rb`): the membership, its role and its user. */
export function adminJson(
  ctx: RequestContext,
  membership: AdminMembershipRow,
  user: UserRow,
  options: AdminJsonOptions,
): Record<string, unknown> {
  return {
    id: membership.id,
    role: membership.role_name,
    role_id: membership.role_id,
    user: userJson(ctx, user, { account: options.account, includes: options.includes }),
    workflow_state: membership.workflow_state,
  };
}
