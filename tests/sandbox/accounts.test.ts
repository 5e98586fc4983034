import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { Account } from '../../src/api/schemas/account.ts';
import { AccountDomain } from '../../src/api/schemas/accountSearch.ts';
import { AccountSettings } from '../../src/api/schemas/accountSettings.ts';
import { EnvironmentSettings } from '../../src/api/schemas/environment.ts';
import { HelpLinks } from '../../src/api/schemas/helpLinks.ts';
import { AccountPermissions } from '../../src/api/schemas/permissions.ts';
import { TermsOfService } from '../../src/api/schemas/termsOfService.ts';
import { ACCOUNT_RIGHTS } from '../../src/server/sandbox/permissions.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandboxServer.ts';
import {
  type AccountFacts,
  compareNoCase,
  depthsOf,
  expectForbidden,
  expectNotFound,
  expectUnauthenticated,
  getError,
  getJson,
  linkEntries,
  linkOf,
  loadAccounts,
  mintToken,
  readMetaId,
  subtreeIds,
  walkPages,
} from './accounts-helpers.ts';

const READ_ONLY_KEYS = [
  'default_time_zone',
  'default_time_zone_friendly_name',
  'id',
  'name',
  'parent_account_id',
  'root_account_id',
  'uuid',
  'workflow_state',
];

let sandbox: RunningSandbox;
let accounts: AccountFacts[];
let collegeId: number;
let siblingCollegeId: number;
let departmentId: number;
let manualAccountId: number;
let departmentAdmin: { token: string };
let departmentAdminAccountId: number;

function account(id: number): AccountFacts {
  const found = accounts.find((row) => row.id === id);
  if (!found) throw new Error(`No account ${id}`);
  return found;
}

function activeChildren(parentId: number): AccountFacts[] {
  return accounts.filter((row) => row.parent_account_id === parentId && row.workflow_state === 'active');
}

/** Active accounts strictly below `rootId`, by depth then id. */
function activeDescendants(rootId: number): AccountFacts[] {
  const depths = depthsOf(accounts);
  const inside = subtreeIds(accounts, rootId);
  return accounts
    .filter((row) => row.id !== rootId && inside.has(row.id) && row.workflow_state === 'active')
    .sort((a, b) => (depths.get(a.id) ?? 0) - (depths.get(b.id) ?? 0) || a.id - b.id);
}

function activeCourseCount(accountId: number): number {
  return (
    sandbox.db
      .prepare(`SELECT COUNT(*) AS n FROM courses WHERE account_id = ? AND workflow_state <> 'deleted'`)
      .get(accountId) as { n: number }
  ).n;
}

/**
 * Runs `body` with an extra college whose id is the highest of all, so that orders by depth and by
 * id differ (the generator numbers accounts level by level).
 */
async function withLateCollege(body: (id: number) => Promise<void>) {
  const id = 900_100;
  sandbox.db
    .prepare(
      `INSERT INTO accounts (id, name, uuid, parent_account_id, root_account_id, path, depth, lti_guid, created_at, updated_at)
       VALUES (?, 'College of Late Additions', 'uuid-late', 1, 1, ?, 1, 'guid-late', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    )
    .run(id, `/1/${id}/`);
  accounts = loadAccounts(sandbox.db);
  try {
    await body(id);
  } finally {
    sandbox.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    accounts = loadAccounts(sandbox.db);
  }
}

/** Runs `body` with an account's settings JSON replaced, restoring it afterwards. */
async function withSettings(accountId: number, settings: Record<string, unknown>, body: () => Promise<void>) {
  const { settings: saved } = sandbox.db
    .prepare('SELECT settings FROM accounts WHERE id = ?')
    .get(accountId) as {
    settings: string;
  };
  const merged = { ...(JSON.parse(saved) as Record<string, unknown>), ...settings };
  sandbox.db.prepare('UPDATE accounts SET settings = ? WHERE id = ?').run(JSON.stringify(merged), accountId);
  try {
    await body();
  } finally {
    sandbox.db.prepare('UPDATE accounts SET settings = ? WHERE id = ?').run(saved, accountId);
  }
}

beforeAll(async () => {
  sandbox = await startSandbox();
  accounts = loadAccounts(sandbox.db);
  collegeId = readMetaId(sandbox.db, 'demo_subadmin_account');
  manualAccountId = readMetaId(sandbox.db, 'manually_created_courses_account');
  const sibling = activeChildren(1).find((row) => row.id !== collegeId && row.id !== manualAccountId);
  const department = activeChildren(collegeId).find((row) => row.sis_account_id !== null);
  if (!sibling || !department) throw new Error('The demo tree lacks a second college or a department');
  siblingCollegeId = sibling.id;
  departmentId = department.id;
  const membership = sandbox.db
    .prepare(
      `SELECT au.user_id, au.account_id FROM account_users au JOIN roles r ON r.id = au.role_id
       WHERE r.name = 'Department Admin' AND au.workflow_state = 'active' ORDER BY au.id LIMIT 1`,
    )
    .get() as { user_id: number; account_id: number } | undefined;
  if (!membership) throw new Error('The demo tenant has no active Department Admin');
  departmentAdmin = mintToken(sandbox.db, membership.user_id, 'department-admin-test-token');
  departmentAdminAccountId = membership.account_id;
});

afterAll(async () => {
  await sandbox.close();
});

describe('GET /api/v1/accounts', () => {
  it('lists the admin memberships of the caller, counted, in full form', async () => {
    const { data, response } = await getJson(sandbox, '/api/v1/accounts', z.array(Account));
    expect(data.map((row) => row.id)).toEqual([1]);
    expect(data[0]?.root_account_id).toBeNull();
    expect(data[0]?.default_storage_quota_mb).toBe(500);
    expect(linkOf(response.headers.get('link'), 'last')).toContain('page=1&per_page=10');

    const college = await getJson(sandbox, '/api/v1/accounts', z.array(Account), 'subadmin');
    expect(college.data.map((row) => row.id)).toEqual([collegeId]);
  });

  it('is empty for teachers and students and needs a login', async () => {
    expect((await getJson(sandbox, '/api/v1/accounts', z.array(Account), 'teacher')).data).toEqual([]);
    expect((await getJson(sandbox, '/api/v1/accounts', z.array(Account), 'student')).data).toEqual([]);
    await expectUnauthenticated(sandbox, '/api/v1/accounts');
  });

  it('counts active courses and sub-accounts, and reads the legacy includes[] spelling', async () => {
    const { data } = await getJson(
      sandbox,
      '/api/v1/accounts?include[]=course_count&include[]=sub_account_count',
      z.array(Account),
      'subadmin',
    );
    expect(data[0]?.course_count).toBe(activeCourseCount(collegeId));
    expect(data[0]?.sub_account_count).toBe(activeChildren(collegeId).length);

    const legacy = await getJson(sandbox, '/api/v1/accounts?includes[]=lti_guid', z.array(Account));
    expect(legacy.data[0]?.lti_guid).toMatch(/:canvas-lms$/);
    const both = await getJson(
      sandbox,
      '/api/v1/accounts?include[]=course_count&includes[]=lti_guid',
      z.array(Account),
    );
    expect(both.data[0]?.course_count).toBe(0);
    expect(both.data[0]).not.toHaveProperty('lti_guid');
  });
});

describe('GET /api/v1/accounts/:id', () => {
  it('gives a root account in full form with a null root_account_id and no SIS fields', async () => {
    const { data } = await getJson(sandbox, '/api/v1/accounts/1', Account);
    expect(data).toMatchObject({
      id: 1,
      parent_account_id: null,
      root_account_id: null,
      workflow_state: 'active',
      default_time_zone: 'America/Denver',
      default_time_zone_friendly_name: 'Mountain Time (US & Canada)',
      course_template_id: null,
    });
    expect(data).not.toHaveProperty('sis_account_id');
    expect(data.uuid).toHaveLength(40);
  });

  it('shows SIS fields only to callers with SIS rights on the root account', async () => {
    const department = account(departmentId);
    const admin = await getJson(sandbox, `/api/v1/accounts/${departmentId}`, Account);
    expect(admin.data).toMatchObject({
      sis_account_id: department.sis_account_id,
      integration_id: null,
      sis_import_id: null,
      root_account_id: 1,
    });
    // The college admin manages the department but holds no rights on the root.
    const college = await getJson(sandbox, `/api/v1/accounts/${departmentId}`, Account, 'subadmin');
    expect(college.data).not.toHaveProperty('sis_account_id');
    expect(college.data).not.toHaveProperty('sis_import_id');
    expect(college.data.default_storage_quota_mb).toBe(500);
  });

  it('resolves SIS ids, self and short global ids, and 404s unknown or deleted accounts', async () => {
    const sisId = account(departmentId).sis_account_id ?? '';
    const bySis = await getJson(
      sandbox,
      `/api/v1/accounts/sis_account_id:${encodeURIComponent(sisId)}`,
      Account,
    );
    expect(bySis.data.id).toBe(departmentId);
    expect((await getJson(sandbox, '/api/v1/accounts/self', Account)).data.id).toBe(1);
    expect((await getJson(sandbox, `/api/v1/accounts/1~${collegeId}`, Account)).data.id).toBe(collegeId);
    await expectNotFound(sandbox, '/api/v1/accounts/999999');
    await expectNotFound(sandbox, '/api/v1/accounts/sis_account_id:NO-SUCH-ACCOUNT');
    const deleted = accounts.find((row) => row.workflow_state === 'deleted');
    expect(deleted).toBeDefined();
    await expectNotFound(sandbox, `/api/v1/accounts/${deleted?.id}`);
    // Unknown accounts are 404 even before the login check, as Canvas loads the context first.
    await expectNotFound(sandbox, '/api/v1/accounts/999999', null);
  });

  it('lets a college admin see their subtree only', async () => {
    await getJson(sandbox, `/api/v1/accounts/${collegeId}`, Account, 'subadmin');
    await getJson(sandbox, `/api/v1/accounts/${departmentId}`, Account, 'subadmin');
    await expectForbidden(sandbox, '/api/v1/accounts/1', 'subadmin');
    await expectForbidden(sandbox, `/api/v1/accounts/${siblingCollegeId}`, 'subadmin');
  });

  it('refuses students and teachers with 403 and anonymous callers with 401', async () => {
    await expectForbidden(sandbox, '/api/v1/accounts/1', 'student');
    await expectForbidden(sandbox, '/api/v1/accounts/1', 'teacher');
    await expectUnauthenticated(sandbox, '/api/v1/accounts/1');
  });

  it('reads includes[] and ignores include[]', async () => {
    const spelled = await getJson(
      sandbox,
      `/api/v1/accounts/${collegeId}?includes[]=sub_account_count`,
      Account,
    );
    expect(spelled.data.sub_account_count).toBe(activeChildren(collegeId).length);
    const other = await getJson(
      sandbox,
      `/api/v1/accounts/${collegeId}?include[]=sub_account_count`,
      Account,
    );
    expect(other.data).not.toHaveProperty('sub_account_count');
  });

  it('adds registration settings, lti_guid, global_id and horizon_account on request', async () => {
    const { data } = await getJson(
      sandbox,
      '/api/v1/accounts/1?includes[]=registration_settings&includes[]=lti_guid&includes[]=global_id&includes[]=horizon_account',
      Account,
    );
    expect(data.registration_settings).toEqual({ login_handle_name: null, require_email: false });
    expect(data).toMatchObject({
      terms_required: true,
      terms_of_use_url: 'https://www.instructure.com/policies/terms-of-use-canvas',
      privacy_policy_url: 'https://www.instructure.com/policies/product-privacy-policy',
      recaptcha_key: null,
      lti_guid: `${data.uuid}:canvas-lms`,
      global_id: 10_000_000_000_001,
      horizon_account: false,
    });
    // Root-only registration keys stay off sub-accounts.
    const sub = await getJson(
      sandbox,
      `/api/v1/accounts/${collegeId}?includes[]=registration_settings`,
      Account,
    );
    expect(sub.data.registration_settings).toBeDefined();
    expect(sub.data).not.toHaveProperty('terms_required');
  });

  it('shows services only to callers who manage account settings', async () => {
    const admin = await getJson(
      sandbox,
      `/api/v1/accounts/${departmentAdminAccountId}?includes[]=services`,
      Account,
    );
    expect(admin.data.services).toEqual({ google_docs_previews: true, skype: true, avatars: false });
    sandbox.db
      .prepare(`UPDATE accounts SET services = '{"avatars":true}' WHERE id = ?`)
      .run(departmentAdminAccountId);
    try {
      const changed = await getJson(
        sandbox,
        `/api/v1/accounts/${departmentAdminAccountId}?includes[]=services`,
        Account,
      );
      expect(changed.data.services?.avatars).toBe(true);
      const lesser = await getJson(
        sandbox,
        `/api/v1/accounts/${departmentAdminAccountId}?includes[]=services`,
        Account,
        departmentAdmin,
      );
      expect(lesser.data).not.toHaveProperty('services');
    } finally {
      sandbox.db.prepare(`UPDATE accounts SET services = '{}' WHERE id = ?`).run(departmentAdminAccountId);
    }
  });

  it('falls back to the root time zone and accepts Rails zone names', async () => {
    sandbox.db.prepare(`UPDATE accounts SET default_time_zone = 'America/Chicago' WHERE id = 1`).run();
    sandbox.db
      .prepare(`UPDATE accounts SET default_time_zone = 'Eastern Time (US & Canada)' WHERE id = ?`)
      .run(departmentId);
    try {
      const inherited = await getJson(sandbox, `/api/v1/accounts/${collegeId}`, Account);
      expect(inherited.data.default_time_zone).toBe('America/Chicago');
      expect(inherited.data.default_time_zone_friendly_name).toBe('Central Time (US & Canada)');
      const own = await getJson(sandbox, `/api/v1/accounts/${departmentId}`, Account);
      expect(own.data.default_time_zone).toBe('America/New_York');
      expect(own.data.default_time_zone_friendly_name).toBe('Eastern Time (US & Canada)');
    } finally {
      sandbox.db.prepare(`UPDATE accounts SET default_time_zone = 'America/Denver' WHERE id = 1`).run();
      sandbox.db.prepare('UPDATE accounts SET default_time_zone = NULL WHERE id = ?').run(departmentId);
    }
  });

  it('renders ids as strings for application/json+canvas-string-ids', async () => {
    const response = await sandbox.request(`/api/v1/accounts/${departmentId}`, {
      headers: { Accept: 'application/json+canvas-string-ids' },
    });
    const raw = (await response.json()) as Record<string, unknown>;
    expect(raw).toMatchObject({
      id: String(departmentId),
      parent_account_id: String(collegeId),
      root_account_id: '1',
    });
    expect(Account.parse(raw).id).toBe(departmentId);
  });
});

describe('GET /api/v1/accounts/:account_id/settings', () => {
  it('returns only the public settings that are set', async () => {
    expect((await getJson(sandbox, '/api/v1/accounts/1/settings', AccountSettings)).data).toEqual({});
    await withSettings(
      departmentId,
      {
        microsoft_sync_enabled: true,
        microsoft_sync_tenant: null,
        enable_as_k5_account: { value: false, locked: false },
        restrict_student_past_view: { value: true, locked: false },
      },
      async () => {
        const { data } = await getJson(sandbox, `/api/v1/accounts/${departmentId}/settings`, AccountSettings);
        expect(data).toEqual({
          microsoft_sync_enabled: true,
          enable_as_k5_account: { value: false, locked: false },
        });
      },
    );
  });

  it('needs manage_account_settings', async () => {
    await getJson(sandbox, `/api/v1/accounts/${collegeId}/settings`, AccountSettings, 'subadmin');
    await expectForbidden(sandbox, `/api/v1/accounts/${departmentAdminAccountId}/settings`, departmentAdmin);
    await expectForbidden(sandbox, '/api/v1/accounts/1/settings', 'subadmin');
    await expectUnauthenticated(sandbox, '/api/v1/accounts/1/settings');
  });
});

describe('GET /api/v1/settings/environment', () => {
  it('exposes only the root settings that are stored', async () => {
    expect(
      (await getJson(sandbox, '/api/v1/settings/environment', EnvironmentSettings, 'student')).data,
    ).toEqual({});
    await withSettings(1, { calendar_contexts_limit: 10, open_registration: false }, async () => {
      const { data } = await getJson(sandbox, '/api/v1/settings/environment', EnvironmentSettings, 'teacher');
      expect(data).toEqual({ calendar_contexts_limit: 10, open_registration: false });
    });
    await expectUnauthenticated(sandbox, '/api/v1/settings/environment');
  });
});

describe('GET /api/v1/accounts/:account_id/permissions', () => {
  it('evaluates every account right when none is named', async () => {
    const { data } = await getJson(sandbox, '/api/v1/accounts/self/permissions', AccountPermissions);
    expect(Object.keys(data).sort()).toEqual([...ACCOUNT_RIGHTS].sort());
    expect(Object.values(data).every((value) => value === true)).toBe(true);
  });

  it('answers the named rights, false for unknown names', async () => {
    const { data } = await getJson(
      sandbox,
      `/api/v1/accounts/${departmentAdminAccountId}/permissions?permissions[]=read_course_list&permissions[]=manage_account_settings&permissions[]=no_such_right`,
      AccountPermissions,
      departmentAdmin,
    );
    expect(data).toEqual({ read_course_list: true, manage_account_settings: false, no_such_right: false });
  });

  it('needs read on the account', async () => {
    await expectForbidden(sandbox, '/api/v1/accounts/1/permissions', 'subadmin');
    await expectForbidden(sandbox, '/api/v1/accounts/1/permissions', 'teacher');
    await expectUnauthenticated(sandbox, '/api/v1/accounts/1/permissions');
  });
});

describe('GET /api/v1/accounts/:account_id/sub_accounts', () => {
  it('lists active direct children by id with a last link', async () => {
    const { items, pages } = await walkPages(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?per_page=4',
      Account,
      'admin',
      {
        counted: true,
      },
    );
    expect(items.map((row) => row.id)).toEqual(activeChildren(1).map((row) => row.id));
    expect(pages.length).toBe(Math.ceil(activeChildren(1).length / 4));
    const parentOfDeleted = accounts.find((row) => row.workflow_state === 'deleted')?.parent_account_id ?? 0;
    const { data } = await getJson(
      sandbox,
      `/api/v1/accounts/${parentOfDeleted}/sub_accounts?per_page=100`,
      z.array(Account),
    );
    expect(data.map((row) => row.id)).toEqual(activeChildren(parentOfDeleted).map((row) => row.id));
  });

  it('orders by name on request', async () => {
    const { data } = await getJson(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?order=name&per_page=100',
      z.array(Account),
    );
    const expected = activeChildren(1).sort((a, b) => compareNoCase(a.name, b.name) || a.id - b.id);
    expect(data.map((row) => row.id)).toEqual(expected.map((row) => row.id));
  });

  it('walks the whole active subtree level by level without a last link', async () => {
    await withLateCollege(async (lateId) => {
      const { items } = await walkPages(
        sandbox,
        '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=37',
        Account,
      );
      expect(items.map((row) => row.id)).toEqual(activeDescendants(1).map((row) => row.id));
      // The newest college still comes before every department.
      expect(items.findIndex((row) => row.id === lateId)).toBe(activeChildren(1).length - 1);
      expect(items.some((row) => row.id === 1)).toBe(false);
    });
  });

  it('counts courses and children of each account of the page', async () => {
    const parentWithDeletedChild = accounts.find(
      (row) => row.workflow_state === 'deleted' && row.parent_account_id !== null,
    )?.parent_account_id;
    expect(parentWithDeletedChild).toBeDefined();
    const { items } = await walkPages(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=100&include[]=course_count&include[]=sub_account_count&include[]=lti_guid',
      Account,
    );
    for (const row of items) {
      expect(row.course_count).toBe(activeCourseCount(row.id));
      expect(row.sub_account_count).toBe(activeChildren(row.id).length);
      expect(row).not.toHaveProperty('lti_guid');
    }
    expect(items.some((row) => row.id === parentWithDeletedChild)).toBe(true);
  });

  it('needs manage_account_settings', async () => {
    const { data } = await getJson(
      sandbox,
      `/api/v1/accounts/${collegeId}/sub_accounts`,
      z.array(Account),
      'subadmin',
    );
    expect(data.map((row) => row.id)).toEqual(
      activeChildren(collegeId)
        .slice(0, 10)
        .map((row) => row.id),
    );
    await expectForbidden(sandbox, '/api/v1/accounts/1/sub_accounts', 'subadmin');
    await expectForbidden(
      sandbox,
      `/api/v1/accounts/${departmentAdminAccountId}/sub_accounts`,
      departmentAdmin,
    );
    await expectForbidden(sandbox, '/api/v1/accounts/1/sub_accounts', 'student');
    await expectUnauthenticated(sandbox, '/api/v1/accounts/1/sub_accounts');
  });
});

describe('pagination links', () => {
  it('writes current, next, prev, first, last with the effective page size', async () => {
    const children = activeChildren(1);
    const path = '/api/v1/accounts/1/sub_accounts';
    const { response } = await getJson(sandbox, `${path}?page=2&per_page=2`, z.array(Account));
    const url = (page: number) => `${sandbox.baseUrl}${path}?page=${page}&per_page=2`;
    const last = Math.ceil(children.length / 2);
    expect(response.headers.get('link')).toBe(
      `<${url(2)}>; rel="current",<${url(3)}>; rel="next",<${url(1)}>; rel="prev",<${url(1)}>; rel="first",<${url(last)}>; rel="last"`,
    );
  });

  it('clamps per_page into 1..100', async () => {
    const zero = await getJson(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=0',
      z.array(Account),
    );
    expect(zero.data).toHaveLength(1);
    expect(linkOf(zero.response.headers.get('link'), 'next')).toContain('page=2&per_page=1');
    const huge = await getJson(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=1000',
      z.array(Account),
    );
    expect(huge.data).toHaveLength(100);
    expect(linkOf(huge.response.headers.get('link'), 'current')).toContain('page=1&per_page=100');
    const junk = await getJson(
      sandbox,
      '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=abc',
      z.array(Account),
    );
    expect(junk.data).toHaveLength(1);
  });

  it('keeps the request query sorted and encoded, drops access_token, and uses absolute URLs', async () => {
    const response = await sandbox.request(
      '/api/v1/accounts/1/sub_accounts?recursive=1&include[]=sub_account_count&access_token=demo-admin-token&per_page=3',
      { as: null },
    );
    expect(response.status).toBe(200);
    const entries = linkEntries(response.headers.get('link'));
    expect(entries.map(([rel]) => rel)).toEqual(['current', 'next', 'first']);
    for (const [, url] of entries) {
      expect(url.startsWith(`${sandbox.baseUrl}/api/v1/accounts/1/sub_accounts?`)).toBe(true);
      expect(url).not.toContain('access_token');
    }
    expect(entries[1]?.[1]).toBe(
      `${sandbox.baseUrl}/api/v1/accounts/1/sub_accounts?include%5B%5D=sub_account_count&recursive=1&page=2&per_page=3`,
    );
  });

  it('answers past the end with an empty page and rejects non-numeric pages', async () => {
    const beyond = await getJson(sandbox, '/api/v1/accounts/1/sub_accounts?page=99', z.array(Account));
    expect(beyond.data).toEqual([]);
    await expectNotFound(sandbox, '/api/v1/accounts/1/sub_accounts?page=abc');
  });
});

describe('GET /api/v1/accounts/:account_id/terms_of_service', () => {
  it("gives the root's terms to anyone, with the path account's registration type", async () => {
    const root = await getJson(sandbox, '/api/v1/accounts/1/terms_of_service', TermsOfService, null);
    const stored = sandbox.db.prepare('SELECT * FROM terms_of_service WHERE account_id = 1').get() as {
      id: number;
      terms_type: string;
      passive: number;
    };
    expect(root.data).toEqual({
      id: stored.id,
      terms_type: stored.terms_type,
      passive: stored.passive === 1,
      account_id: 1,
      content: null,
      self_registration_type: 'none',
    });
    await withSettings(departmentId, { self_registration_type: 'observer' }, async () => {
      const sub = await getJson(
        sandbox,
        `/api/v1/accounts/${departmentId}/terms_of_service`,
        TermsOfService,
        'student',
      );
      expect(sub.data).toEqual({ ...root.data, self_registration_type: 'observer' });
      const other = await getJson(sandbox, '/api/v1/accounts/1/terms_of_service', TermsOfService, null);
      expect(other.data.self_registration_type).toBe('none');
    });
    await expectNotFound(sandbox, '/api/v1/accounts/999999/terms_of_service', null);
  });

  it('shows custom terms content', async () => {
    sandbox.db
      .prepare(
        `UPDATE terms_of_service SET terms_type = 'custom', passive = 0, content = '<p>Be kind.</p>' WHERE account_id = 1`,
      )
      .run();
    try {
      const { data } = await getJson(
        sandbox,
        `/api/v1/accounts/${collegeId}/terms_of_service`,
        TermsOfService,
        null,
      );
      expect(data).toMatchObject({
        terms_type: 'custom',
        passive: false,
        content: '<p>Be kind.</p>',
        account_id: 1,
      });
    } finally {
      sandbox.db
        .prepare(
          `UPDATE terms_of_service SET terms_type = 'default', passive = 1, content = NULL WHERE account_id = 1`,
        )
        .run();
    }
  });
});

describe('GET /api/v1/accounts/:account_id/help_links', () => {
  it("gives the root's links, featured first, next to Canvas's defaults", async () => {
    const { data } = await getJson(sandbox, '/api/v1/accounts/self/help_links', HelpLinks, 'student');
    const stored = (
      JSON.parse(
        (sandbox.db.prepare('SELECT settings FROM accounts WHERE id = 1').get() as { settings: string })
          .settings,
      ) as { custom_help_links: { id: string; is_featured: boolean }[] }
    ).custom_help_links;
    const featuredFirst = [
      ...stored.filter((link) => link.is_featured),
      ...stored.filter((link) => !link.is_featured),
    ];
    expect(data.help_link_name).toBe('Help');
    expect(data.help_link_icon).toBe('help');
    expect(data.custom_help_links?.map((link) => link.id)).toEqual(featuredFirst.map((link) => link.id));
    expect(data.custom_help_links?.find((link) => link.id === 'link1')?.type).toBe('custom');
    expect(data.default_help_links?.map((link) => link.id)).toEqual([
      'search_the_canvas_guides',
      'instructor_question',
      'report_a_problem',
    ]);
    expect(data.default_help_links?.every((link) => link.type === 'default')).toBe(true);
  });

  it('completes stored default links from the built-in ones and falls back to the defaults', async () => {
    await withSettings(
      1,
      { help_link_name: 'Support', custom_help_links: [{ id: 'report_a_problem', type: 'default' }] },
      async () => {
        const { data } = await getJson(sandbox, '/api/v1/accounts/1/help_links', HelpLinks);
        expect(data.help_link_name).toBe('Support');
        expect(data.custom_help_links).toEqual([
          data.default_help_links?.find((link) => link.id === 'report_a_problem'),
        ]);
      },
    );
    await withSettings(1, { custom_help_links: null }, async () => {
      const { data } = await getJson(sandbox, '/api/v1/accounts/1/help_links', HelpLinks);
      expect(data.custom_help_links).toEqual(data.default_help_links);
    });
  });

  it('is empty for sub-accounts and needs a login', async () => {
    const { data } = await getJson(sandbox, `/api/v1/accounts/${collegeId}/help_links`, HelpLinks);
    expect(data).toEqual({});
    await expectUnauthenticated(sandbox, '/api/v1/accounts/1/help_links');
  });
});

describe('GET /api/v1/manually_created_courses_account', () => {
  it('is the full account for admins and the read-only form for others', async () => {
    const admin = await getJson(sandbox, '/api/v1/manually_created_courses_account', Account);
    expect(admin.data.id).toBe(manualAccountId);
    expect(admin.data.default_storage_quota_mb).toBe(500);
    const teacher = await getJson(sandbox, '/api/v1/manually_created_courses_account', Account, 'teacher');
    expect(Object.keys(teacher.data).sort()).toEqual(READ_ONLY_KEYS);
    expect(teacher.data).toMatchObject({ id: manualAccountId, parent_account_id: 1, root_account_id: 1 });
    await expectUnauthenticated(sandbox, '/api/v1/manually_created_courses_account');
  });
});

describe('GET /api/v1/manually_created_courses_account when it is missing', () => {
  it('creates it under the root on first use', async () => {
    sandbox.db
      .prepare(`UPDATE sandbox_meta SET value = '999999' WHERE key = 'manually_created_courses_account'`)
      .run();
    let createdId = 0;
    try {
      const { data } = await getJson(sandbox, '/api/v1/manually_created_courses_account', Account);
      createdId = data.id;
      expect(createdId).not.toBe(manualAccountId);
      expect(data).toMatchObject({
        name: 'Manually-Created Courses',
        parent_account_id: 1,
        workflow_state: 'active',
      });
      expect(readMetaId(sandbox.db, 'manually_created_courses_account')).toBe(createdId);
      const again = await getJson(sandbox, '/api/v1/manually_created_courses_account', Account);
      expect(again.data.id).toBe(createdId);
      const { data: children } = await getJson(
        sandbox,
        '/api/v1/accounts/1/sub_accounts?per_page=100',
        z.array(Account),
      );
      expect(children.map((row) => row.id)).toContain(createdId);
    } finally {
      sandbox.db.prepare('DELETE FROM accounts WHERE id = ?').run(createdId);
      sandbox.db
        .prepare(`UPDATE sandbox_meta SET value = ? WHERE key = 'manually_created_courses_account'`)
        .run(String(manualAccountId));
    }
  });
});

describe('GET /api/v1/accounts/search', () => {
  it('finds root accounts by partial name or domain, without a login', async () => {
    const host = new URL(sandbox.baseUrl).host;
    const { data } = await getJson(
      sandbox,
      '/api/v1/accounts/search?name=northfield',
      z.array(AccountDomain),
      null,
    );
    expect(data).toEqual([
      {
        name: 'Northfield State University',
        domain: host,
        distance: null,
        authentication_provider: 'canvas',
      },
    ]);
    const byDomain = await getJson(
      sandbox,
      '/api/v1/accounts/search?domain=127.0',
      z.array(AccountDomain),
      null,
    );
    expect(byDomain.data).toHaveLength(1);
    const none = await getJson(
      sandbox,
      '/api/v1/accounts/search?name=hogwarts',
      z.array(AccountDomain),
      null,
    );
    expect(none.data).toEqual([]);
  });

  it('answers at most five accounts', async () => {
    const insert = sandbox.db.prepare(
      `INSERT INTO accounts (id, name, uuid, path, depth, lti_guid, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    const ids = [900_001, 900_002, 900_003, 900_004, 900_005, 900_006];
    for (const id of ids) insert.run(id, `Northfield Extension ${id}`, `uuid-${id}`, `/${id}/`, `guid-${id}`);
    try {
      const { data } = await getJson(
        sandbox,
        '/api/v1/accounts/search?name=northfield',
        z.array(AccountDomain),
        null,
      );
      expect(data).toHaveLength(5);
      expect(data[0]?.name).toBe('Northfield Extension 900001');
    } finally {
      sandbox.db.prepare(`DELETE FROM accounts WHERE id IN (${ids.join(',')})`).run();
    }
  });
});

describe('GET /api/v1/course_accounts', () => {
  function teacherCourseAccounts(): AccountFacts[] {
    const ids = new Set(
      (
        sandbox.db
          .prepare(
            `SELECT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
             WHERE e.user_id = ? AND e.type IN ('TeacherEnrollment', 'TaEnrollment', 'DesignerEnrollment')
               AND e.workflow_state <> 'deleted'`,
          )
          .all(sandbox.userId('teacher')) as { account_id: number }[]
      ).map((row) => row.account_id),
    );
    return accounts
      .filter((row) => ids.has(row.id))
      .sort((a, b) => compareNoCase(a.name, b.name) || a.id - b.id);
  }

  it('pages the accounts of the caller’s teaching courses by bookmark, read-only', async () => {
    const expected = teacherCourseAccounts();
    expect(expected.length).toBeGreaterThan(1);
    const { items, pages } = await walkPages(
      sandbox,
      '/api/v1/course_accounts?per_page=1',
      Account,
      'teacher',
    );
    expect(items.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    for (const row of items) expect(Object.keys(row).sort()).toEqual(READ_ONLY_KEYS);

    const first = linkEntries(pages[0]?.headers.get('link') ?? null);
    expect(first.map(([rel]) => rel)).toEqual(['current', 'next', 'first']);
    expect(first[0]?.[1]).toBe(`${sandbox.baseUrl}/api/v1/course_accounts?page=first&per_page=1`);
    expect(first[1]?.[1]).toMatch(/\?page=bookmark:[A-Za-z0-9_-]+&per_page=1$/);
    const lastPage = linkEntries(pages[pages.length - 1]?.headers.get('link') ?? null);
    expect(lastPage.map(([rel]) => rel)).toEqual(['current', 'first']);
  });

  it('rejects page numbers and restarts on an undecodable bookmark', async () => {
    const { body } = await getError(sandbox, '/api/v1/course_accounts?page=2', 'teacher', 400, 'bad_request');
    expect(body).toEqual({ status: 'bad_request', errors: [{ page: expect.any(String) }] });
    const restarted = await getJson(
      sandbox,
      '/api/v1/course_accounts?page=bookmark:!!!&per_page=1',
      z.array(Account),
      'teacher',
    );
    expect(restarted.data.map((row) => row.id)).toEqual([teacherCourseAccounts()[0]?.id]);
  });

  it('is empty for admins without teaching and for anonymous callers', async () => {
    expect((await getJson(sandbox, '/api/v1/course_accounts', z.array(Account))).data).toEqual([]);
    const anonymous = await getJson(sandbox, '/api/v1/course_accounts', z.array(Account), null);
    expect(anonymous.data).toEqual([]);
    expect(anonymous.response.headers.get('link')).toBeNull();
  });
});

describe('GET /api/v1/manageable_accounts', () => {
  it('lists admin accounts and, with manage_account_settings, all their active descendants', async () => {
    const college = await walkPages(sandbox, '/api/v1/manageable_accounts?per_page=50', Account, 'subadmin', {
      counted: true,
    });
    expect(college.items.map((row) => row.id)).toEqual([
      collegeId,
      ...activeDescendants(collegeId).map((row) => row.id),
    ]);
    await withLateCollege(async () => {
      const admin = await walkPages(sandbox, '/api/v1/manageable_accounts?per_page=100', Account, 'admin', {
        counted: true,
      });
      expect(admin.items.map((row) => row.id)).toEqual([1, ...activeDescendants(1).map((row) => row.id)]);
    });
  });

  it('leaves descendants out where the caller cannot manage account settings', async () => {
    const { lastInsertRowid: roleId } = sandbox.db
      .prepare(
        `INSERT INTO roles (name, label, base_role_type, workflow_state, account_id, root_account_id, permissions, created_at, updated_at)
         VALUES ('Course Creator', 'Course Creator', 'AccountMembership', 'active', 1, 1, '{"create_courses":true}',
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
    const userId = sandbox.userId('teacher');
    sandbox.db
      .prepare(
        `INSERT INTO account_users (account_id, user_id, role_id, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`,
      )
      .run(collegeId, userId, roleId);
    try {
      const { data } = await getJson(sandbox, '/api/v1/manageable_accounts', z.array(Account), 'teacher');
      expect(data.map((row) => row.id)).toEqual([collegeId]);
    } finally {
      sandbox.db.prepare('DELETE FROM account_users WHERE role_id = ?').run(roleId);
      sandbox.db.prepare('DELETE FROM roles WHERE id = ?').run(roleId);
    }
  });

  it('is empty without course-managing rights and for anonymous callers', async () => {
    expect(
      (await getJson(sandbox, '/api/v1/manageable_accounts', z.array(Account), departmentAdmin)).data,
    ).toEqual([]);
    expect((await getJson(sandbox, '/api/v1/manageable_accounts', z.array(Account), 'student')).data).toEqual(
      [],
    );
    expect((await getJson(sandbox, '/api/v1/manageable_accounts', z.array(Account), null)).data).toEqual([]);
  });
});

describe('GET /api/v1/course_creation_accounts', () => {
  it('lists accounts where the caller may add courses', async () => {
    const college = await walkPages(
      sandbox,
      '/api/v1/course_creation_accounts?per_page=100',
      Account,
      'subadmin',
      {
        counted: true,
      },
    );
    expect(college.items.map((row) => row.id)).toEqual([
      collegeId,
      ...activeDescendants(collegeId).map((row) => row.id),
    ]);
    // Department admins may add courses but not manage settings, so sub-accounts stay out.
    const department = await getJson(
      sandbox,
      '/api/v1/course_creation_accounts',
      z.array(Account),
      departmentAdmin,
    );
    expect(department.data.map((row) => row.id)).toEqual([departmentAdminAccountId]);
  });

  it("follows the root's teacher course-creation settings", async () => {
    expect(
      (await getJson(sandbox, '/api/v1/course_creation_accounts', z.array(Account), 'teacher')).data,
    ).toEqual([]);
    await withSettings(1, { teachers_can_create_courses: true }, async () => {
      const { data } = await getJson(
        sandbox,
        '/api/v1/course_creation_accounts',
        z.array(Account),
        'teacher',
      );
      expect(data.map((row) => row.id)).toEqual([manualAccountId]);
    });
    await withSettings(1, { teachers_can_create_courses_anywhere: true }, async () => {
      const { data } = await getJson(
        sandbox,
        '/api/v1/course_creation_accounts',
        z.array(Account),
        'teacher',
      );
      const taught = sandbox.db
        .prepare(
          `SELECT DISTINCT c.account_id FROM enrollments e JOIN courses c ON c.id = e.course_id
           WHERE e.user_id = ? AND e.type = 'TeacherEnrollment' AND e.workflow_state IN ('active', 'invited')
             AND c.workflow_state <> 'deleted' ORDER BY c.account_id`,
        )
        .all(sandbox.userId('teacher')) as { account_id: number }[];
      expect(data.map((row) => row.id)).toEqual(taught.map((row) => row.account_id));
    });
  });

  it('is a bare empty list for anonymous callers', async () => {
    const { data, response } = await getJson(
      sandbox,
      '/api/v1/course_creation_accounts',
      z.array(Account),
      null,
    );
    expect(data).toEqual([]);
    expect(response.headers.get('link')).toBeNull();
  });
});
