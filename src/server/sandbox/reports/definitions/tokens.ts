import { DEFAULT_DEVELOPER_KEY_ID, DEFAULT_DEVELOPER_KEY_NAME } from '../../serializers/token.ts';
import {
  flagParameter,
  isRootRun,
  keysetFile,
  type QueryParams,
  rootTimeZone,
  userInSubtree,
  zonedTimestampFormatter,
} from '../reportHelpers.ts';
import type { ReportDefinition, ReportRunContext } from '../types.ts';

// User Access Tokens (Canvas's StudentReports#user_access_tokens): the tokens of the account's users,
// per login. The sandbox's own sign-in tokens (no developer key) are internal, as in the token API,
// and deleted tokens are gone; neither is listed.

function userAccessTokens(run: ReportRunContext) {
  const params: QueryParams = { root: run.rootAccountId, default_key: DEFAULT_DEVELOPER_KEY_ID };
  const includeDeleted = flagParameter(run, 'include_deleted');
  const formatTime = zonedTimestampFormatter(rootTimeZone(run));
  interface Row {
    user_id: number;
    sortable_name: string;
    token_hint: string;
    expires_at: string | null;
    last_used_at: string | null;
    developer_key_id: number;
    developer_key_name: string | null;
  }
  const header = [
    'user id',
    'user name',
    'token hint',
    'expiration',
    'last used',
    'dev key id',
    'dev key name',
  ];
  return [
    keysetFile<Row>(run, 'user_access_tokens.csv', header, {
      select: `p.user_id, u.sortable_name, t.token_hint, t.permanent_expires_at AS expires_at, t.last_used_at,
               t.developer_key_id,
               CASE WHEN t.developer_key_id = @default_key THEN NULL
                    ELSE (SELECT k.name FROM developer_keys k WHERE k.id = t.developer_key_id) END AS developer_key_name`,
      from: 'pseudonyms p JOIN users u ON u.id = p.user_id JOIN access_tokens t ON t.user_id = u.id',
      where: [
        'p.account_id = @root',
        "t.workflow_state <> 'deleted' AND t.developer_key_id IS NOT NULL",
        includeDeleted ? null : "p.workflow_state <> 'deleted'",
        isRootRun(run) ? null : userInSubtree(run, params, 'p.user_id'),
      ],
      // Canvas walks logins in id order; a login's tokens follow in id order (2^32 keeps them apart).
      key: '(p.id * 4294967296 + t.id)',
      params,
      toCells: (row) => [
        row.user_id,
        row.sortable_name,
        row.token_hint,
        row.expires_at ? formatTime(row.expires_at) : 'never',
        row.last_used_at ? formatTime(row.last_used_at) : 'never',
        row.developer_key_id,
        row.developer_key_name ?? DEFAULT_DEVELOPER_KEY_NAME,
      ],
    }),
  ];
}

export const userAccessTokensReport: ReportDefinition = {
  report: 'user_access_tokens_csv',
  title: 'User Access Tokens',
  descriptionHtml:
    '<p>Lists the API access tokens of the account’s users: the visible part of each token, when it ' +
    'expires, when it was last used and the developer key that issued it.</p>',
  parameters: { include_deleted: { required: false, description: 'Also list the tokens of deleted logins' } },
  plan: userAccessTokens,
};
