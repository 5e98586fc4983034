import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' ; ')})`)).toEqual([]);
}

/** A call to the sandbox API with a bearer token, as a script holding the token would make it. */
async function callWithToken(request: APIRequestContext, path: string, token: string) {
  const response = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { errors?: { message: string }[] };
  return { status: response.status(), body, challenge: response.headers()['www-authenticate'] };
}

function tokenRow(page: Page, tableName: string, purpose: string): Locator {
  return page
    .getByRole('table', { name: tableName })
    .getByRole('row')
    .filter({ has: page.getByText(purpose, { exact: true }) });
}

/** Reads the secret from the one-time dialog and closes it, checking it went nowhere else. */
async function takeSecret(page: Page, dialogName: string, purpose: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog.getByText('Copy it now')).toBeVisible();
  const secret = await dialog.getByRole('textbox', { name: `Access token for ${purpose}` }).inputValue();
  expect(secret).toMatch(/^1~[0-9A-Za-z]{64}$/);
  await dialog.getByRole('button', { name: 'Copy token' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectNoSeriousA11yViolations(page);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain(secret);
  expect(page.url()).not.toContain(secret);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(secret);
  return secret;
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.describe('token manager', () => {
  test('creates a scoped token, uses it, regenerates it and revokes it', async ({ page, request }) => {
    const purpose = 'E2E accounts reader';
    await page.goto('/tokens');
    await expect(page.getByRole('heading', { name: 'My tokens', level: 2 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'New token' }).click();
    const form = page.getByRole('dialog', { name: 'New access token' });
    await form.getByRole('textbox', { name: 'Purpose' }).fill(purpose);
    await form.getByRole('radio', { name: /^30 days/ }).check();
    await form.getByRole('radio', { name: /Only the endpoints chosen below/ }).check();
    await form.getByRole('textbox', { name: 'Search endpoints' }).fill('list accounts');
    await form.getByRole('checkbox', { name: 'GET /api/v1/accounts', exact: true }).check();
    await expect(form.getByText(/^1 endpoint selected\./)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = await takeSecret(page, 'Token created', purpose);

    const row = tokenRow(page, 'My tokens', purpose);
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await expect(row.getByText('/api/v1/accounts', { exact: true })).toBeVisible();
    await expect(row.getByText(secret.slice(0, 5))).toBeVisible();
    await expect(row.getByText('Never', { exact: true })).toBeVisible();

    // The scope allows the one endpoint and nothing else, with Canvas's 401 (no WWW-Authenticate).
    const allowed = await callWithToken(request, '/api/v1/accounts', secret);
    expect(allowed.status).toBe(200);
    const refused = await callWithToken(request, '/api/v1/users/self/profile', secret);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toBe('Insufficient scopes on access token.');
    expect(refused.challenge).toBeUndefined();

    // The sandbox recorded the use.
    await page.reload();
    await expect(row.getByText('Never', { exact: true })).toHaveCount(0);

    await row.getByRole('button', { name: `Actions for ${purpose}` }).click();
    await page.getByRole('menuitem', { name: 'Regenerate' }).click();
    const confirm = page.getByRole('dialog', { name: `Regenerate ${purpose}?` });
    await expect(confirm.getByText('The current token stops working at once')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Regenerate token' }).click();
    const regenerated = await takeSecret(page, 'Token regenerated', purpose);
    expect(regenerated).not.toBe(secret);

    const old = await callWithToken(request, '/api/v1/accounts', secret);
    expect(old.status).toBe(401);
    expect(old.body.errors?.[0]?.message).toBe('Invalid access token.');
    expect((await callWithToken(request, '/api/v1/accounts', regenerated)).status).toBe(200);

    await row.getByRole('checkbox', { name: `Select ${purpose}` }).check();
    await expect(page.getByText('1 token selected')).toBeVisible();
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke 1 token?' });
    const revokeButton = revoke.getByRole('button', { name: 'Revoke 1 token' });
    await expect(revokeButton).toBeDisabled();
    await revoke.getByRole('textbox', { name: 'Type “revoke 1 token” to confirm' }).fill('revoke 1 token');
    await expectNoSeriousA11yViolations(page);
    await revokeButton.click();
    await expect(revoke).toBeHidden();
    await expect(row).toHaveCount(0);

    const revoked = await callWithToken(request, '/api/v1/accounts', regenerated);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0]?.message).toBe('Revoked access token.');
    expect(revoked.challenge).toContain('Bearer');
    await expectNoSeriousA11yViolations(page);
  });

  test("an admin's token for another user is pending until they activate it", async ({ page, request }) => {
    const purpose = 'E2E token for Marcus';
    await page.goto('/tokens');
    await page.getByRole('combobox', { name: 'Manage another user’s tokens' }).fill('Marcus');
    await page.getByRole('option', { name: /Marcus Bell/ }).click();
    await expect(page).toHaveURL(/[?&]user=\d+/);
    await expect(page.getByRole('heading', { name: 'Tokens of Marcus Bell', level: 2 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'New token' }).click();
    const form = page.getByRole('dialog', { name: 'New access token for Marcus Bell' });
    await expect(form.getByText('The token starts pending')).toBeVisible();
    await form.getByRole('textbox', { name: 'Purpose' }).fill(purpose);
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Token created' }).getByText(/The token is pending/),
    ).toBeVisible();
    const secret = await takeSecret(page, 'Token created', purpose);

    const row = tokenRow(page, 'Tokens of Marcus Bell', purpose);
    await expect(row.getByText('Pending', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: /^Pending \(/ }).click();
    await expect(page.getByRole('button', { name: /^Pending \(/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/state=pending/);
    await expect(row).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const pending = await callWithToken(request, '/api/v1/users/self', secret);
    expect(pending.status).toBe(401);
    expect(pending.body.errors?.[0]?.message).toBe('Invalid access token.');

    await row.getByRole('button', { name: `Actions for ${purpose}` }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete ${purpose}?` });
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Delete token' }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toHaveCount(0);

    await page.getByRole('button', { name: 'Back to my tokens' }).click();
    await expect(page.getByRole('heading', { name: 'My tokens', level: 2 })).toBeVisible();
  });

  test('a student must give an expiry within 120 days', async ({ page }) => {
    await page.goto('/tokens');
    await page.getByRole('button', { name: /^User menu:/ }).click();
    await page.getByRole('menuitem', { name: 'Sign in as' }).click();
    await page.getByRole('menuitemradio', { name: /Sofia Alvarez/ }).click();
    await expect(page.getByRole('button', { name: 'User menu: Sofia Alvarez' })).toBeVisible();
    await page.goto('/tokens');
    await expect(page.getByRole('combobox', { name: 'Manage another user’s tokens' })).toHaveCount(0);
    await page.getByRole('button', { name: 'New token' }).click();
    const form = page.getByRole('dialog', { name: 'New access token' });
    await expect(form.getByRole('radio', { name: /No expiry/ })).toBeDisabled();
    await expect(
      form.getByText('Canvas requires students to set an expiry at most 120 days ahead.'),
    ).toBeVisible();
    await form.getByRole('textbox', { name: 'Purpose' }).fill('Phone app');
    await form.getByRole('radio', { name: 'Custom date' }).check();
    await form.getByLabel('Expiry date and time').fill('2099-01-01T09:00');
    await form.getByRole('button', { name: 'Create token' }).click();
    await expect(form.getByText('Expiration date cannot be more than 120 days in the future')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
