import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Account tree' });

/** From the dashboard's sign-in page to the sandbox Canvas's authorize page. */
async function openAuthorizePage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Canvas Admin', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in with Canvas' }).click();
  await expect(
    page.getByRole('heading', { name: /is requesting access to your account/, level: 1 }),
  ).toBeVisible();
}

test.describe('connected to Canvas (the sandbox as Canvas, OAuth2 sign-in)', () => {
  // Needs the two servers of playwright.proxy.config.ts; the default config runs the sandbox alone.
  test.skip(!process.env.E2E_PROXY_RUN_DIR, 'run with: npx playwright test -c playwright.proxy.config.ts');

  test('signs in through Canvas, browses the account tree, and signs out', async ({ page }) => {
    await page.goto('/accounts');
    await expect(page.getByRole('heading', { name: 'Sign in to Canvas Admin', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Sign in with Canvas' }).click();
    // Canvas's own page, on the other server.
    await expect(page).toHaveURL(/:\d+\/login\/oauth2\/auth\?/);
    await expect(
      page.getByRole('heading', { name: /is requesting access to your account/, level: 1 }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('radio', { name: /Jordan Whitfield/ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();

    // Back on the dashboard, signed in as the chosen Canvas user, with the real tree through the proxy.
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(page.getByRole('button', { name: 'User menu: Jordan Whitfield' })).toBeVisible();
    const engineering = tree(page).getByRole('treeitem', { name: 'College of Engineering', exact: true });
    await expect(engineering).toBeVisible();
    await page.getByRole('button', { name: 'Expand College of Engineering' }).click();
    await expect(
      tree(page).getByRole('treeitem', { name: 'Department of Mechanical Engineering', exact: true }),
    ).toBeVisible();
    // No sandbox badge and no demo-user switcher against a real Canvas.
    await expect(page.getByText('Sandbox', { exact: true })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'User menu: Jordan Whitfield' }).click();
    await expect(page.getByRole('menuitem', { name: 'Sign in as' })).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Canvas Admin', level: 1 })).toBeVisible();

    // The session is gone on the server too: a reload still asks to sign in.
    await page.reload();
    await expect(page.getByRole('link', { name: 'Sign in with Canvas' })).toBeVisible();
  });

  test('runs a report at Canvas and downloads its file through the proxy', async ({ page }) => {
    await openAuthorizePage(page);
    await page.getByRole('radio', { name: /Jordan Whitfield/ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page.getByRole('button', { name: 'User menu: Jordan Whitfield' })).toBeVisible();

    await page.getByRole('link', { name: 'Reports' }).click();
    await page
      .getByRole('navigation', { name: 'Available reports' })
      .getByRole('button', { name: /^Provisioning/ })
      .click();
    await page.getByRole('checkbox', { name: 'Accounts', exact: true }).check();
    await page.getByRole('button', { name: 'Run report' }).click();
    await expect(page).toHaveURL(/[?&]run=\d+/);
    const runId = Number(new URL(page.url()).searchParams.get('run'));
    const card = page.getByRole('article', { name: `Provisioning #${runId}`, exact: true });
    await expect(card.getByText('Complete', { exact: true })).toBeVisible({ timeout: 30_000 });

    // Canvas's file_url names Canvas's host; the app asks the dashboard, which follows Canvas's
    // redirect to the file and streams it back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: /^Download / }).click(),
    ]);
    expect(download.url().startsWith(new URL(page.url()).origin)).toBe(true);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^provisioning_csv_.*_${runId}\\.csv$`));
    const [header, ...rows] = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(header).toBe(
      'canvas_account_id,account_id,canvas_parent_id,parent_account_id,name,status,created_by_sis',
    );
    expect(rows.length).toBeGreaterThan(100);
    await expectNoSeriousA11yViolations(page);
  });

  test('explains a cancelled sign-in on the sign-in page', async ({ page }) => {
    await openAuthorizePage(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/sign-in\?error=access_denied/);
    await expect(page.getByRole('alert')).toContainText('Sign-in cancelled');
    await expectNoSeriousA11yViolations(page);
  });

  test('asks to sign in again when Canvas revokes the token', async ({ page }) => {
    await openAuthorizePage(page);
    await page.getByRole('radio', { name: /Priya Natarajan/ }).check();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await expect(page.getByRole('button', { name: 'User menu: Priya Natarajan' })).toBeVisible();

    // Revoked at Canvas (say, from the user's Canvas settings): the refresh token dies with it.
    const canvasDb = new Database(process.env.E2E_PROXY_CANVAS_DB ?? '');
    try {
      canvasDb
        .prepare(
          `UPDATE access_tokens SET workflow_state = 'deleted'
           WHERE refresh_token_hash IS NOT NULL AND user_id = (SELECT id FROM users WHERE name = 'Priya Natarajan')`,
        )
        .run();
    } finally {
      canvasDb.close();
    }

    // The next Canvas call fails, and the app turns that into "sign in again".
    await page.goto('/calendars');
    await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in with Canvas' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
