import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

interface ApiCalendar {
  id: number;
  name: string;
  parent_account_id: number | null;
  visible: boolean;
  auto_subscribe: boolean;
}

const ADMIN = { Authorization: 'Bearer demo-admin-token' };

/** Straight from the sandbox's API, as a second opinion on what the page shows. */
async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/api/v1/${path}`, { headers: ADMIN });
  expect(response.ok(), `GET ${path}`).toBe(true);
  return (await response.json()) as T;
}

async function subtreeCalendars(
  request: APIRequestContext,
  accountId: number,
  filter: 'visible' | 'hidden',
): Promise<ApiCalendar[]> {
  const all: ApiCalendar[] = [];
  for (let page = 1; ; page++) {
    const batch = await apiGet<ApiCalendar[]>(
      request,
      `accounts/${accountId}/account_calendars?filter=${filter}&per_page=100&page=${page}`,
    );
    all.push(...batch);
    if (batch.length < 100) return all;
  }
}

async function visibleCount(request: APIRequestContext, accountId: number): Promise<number> {
  return (await apiGet<{ count: number }>(request, `accounts/${accountId}/visible_calendars_count`)).count;
}

const table = (page: Page) => page.getByRole('table', { name: 'Account calendars' });
const footer = (page: Page) => page.getByText(/changed, not saved yet$|^No unsaved changes$/);
const filterField = (page: Page) => page.getByLabel('Filter by name or SIS ID');

async function openCalendars(page: Page, query = ''): Promise<void> {
  await page.goto(`/calendars${query}`);
  await expect(table(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Loading SIS IDs…')).toHaveCount(0);
}

async function signInAs(page: Page, currentName: string, name: string): Promise<void> {
  await page.getByRole('button', { name: `User menu: ${currentName}` }).click();
  await page.getByRole('menuitem', { name: 'Sign in as' }).click();
  await page.getByRole('menuitemradio', { name: new RegExp(name) }).click();
  await expect(page.getByRole('button', { name: `User menu: ${name}` })).toBeVisible();
}

test.describe('calendar visibility editor', () => {
  test('filters, hides a subtree, reviews, saves, and shows the saved state after a reload', async ({
    page,
    request,
  }) => {
    const total =
      (await subtreeCalendars(request, 1, 'visible')).length +
      (await subtreeCalendars(request, 1, 'hidden')).length;
    const engineeringVisible = await subtreeCalendars(request, 3, 'visible');
    const engineeringHidden = await subtreeCalendars(request, 3, 'hidden');
    const visibleBefore = await visibleCount(request, 1);
    expect(engineeringVisible.length).toBeGreaterThan(1);

    await openCalendars(page);
    await expect(page.getByText(`Showing ${total} of ${total} calendars`)).toBeVisible();
    await expect(
      page.getByText(`${visibleBefore} visible calendars in Northfield State University`),
    ).toBeVisible();
    await expect(
      table(page)
        .getByRole('row', { name: /Northfield State University/ })
        .first(),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Filtering is in memory: name and SIS id both match.
    await filterField(page).fill('DEPT-MECH');
    await expect(page.getByText(`Showing 1 of ${total} calendars`)).toBeVisible();

    // A row toggled and toggled back leaves nothing pending.
    await filterField(page).fill('Mechanical');
    const mechanical = page.getByRole('switch', { name: 'Visible: Department of Mechanical Engineering' });
    const wasVisible = await mechanical.isChecked();
    await mechanical.click();
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');
    await expect(
      table(page)
        .getByRole('row', { name: /Department of Mechanical Engineering/ })
        .getByText('Changed'),
    ).toBeVisible();
    await mechanical.click();
    await expect(mechanical).toBeChecked({ checked: wasVisible });
    await expect(footer(page)).toHaveText('No unsaved changes');

    await filterField(page).fill('Engineering');
    await expect(page).toHaveURL(/q=Engineering/);

    // Select the college's whole subtree, including sub-accounts the filter does not show.
    const subtreeSize = engineeringVisible.length + engineeringHidden.length;
    await page.getByRole('button', { name: 'Select College of Engineering and its sub-accounts' }).click();
    await expect(
      page.getByText(new RegExp(`^${subtreeSize} accounts selected( \\(\\d+ not shown\\))?$`)),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    const changed = engineeringVisible.length;
    await expect(footer(page)).toHaveText(`${changed} accounts changed, not saved yet`);
    await expect(page.getByRole('switch', { name: 'Visible: College of Engineering' })).not.toBeChecked();

    await page.getByLabel('Changed only').check();
    await expect(page.getByText(new RegExp(`^Showing \\d+ of ${total} calendars$`))).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Changed only').uncheck();

    await page.getByRole('button', { name: `Review ${changed} changes` }).click();
    const review = page.getByRole('dialog', { name: `Review changes to ${changed} accounts` });
    await expect(review).toBeVisible();
    await review.getByText(`${changed} calendars become hidden`).click();
    const hiddenList = review.getByRole('listitem');
    await expect(hiddenList).toHaveCount(changed);
    await expect(hiddenList.filter({ hasText: /^College of Engineering/ })).toHaveCount(1);
    await expectNoSeriousA11yViolations(page);
    await review.getByRole('button', { name: `Save ${changed} accounts` }).click();
    await expect(review).toBeHidden();
    await expect(page.getByText(`Saved. Canvas updated ${changed} accounts.`).first()).toBeVisible();
    await expect(footer(page)).toHaveText('No unsaved changes');
    await expect(
      page.getByText(`${visibleBefore - changed} visible calendars in Northfield State University`),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await expect(table(page)).toBeVisible();
    await expect(filterField(page)).toHaveValue('Engineering');
    await expect(page.getByRole('switch', { name: 'Visible: College of Engineering' })).not.toBeChecked();
    await expect(
      page.getByRole('switch', { name: 'Visible: Department of Aerospace Engineering' }),
    ).not.toBeChecked();
    expect(await subtreeCalendars(request, 3, 'visible')).toEqual([]);
    expect(await visibleCount(request, 3)).toBe(0);
    expect(await visibleCount(request, 1)).toBe(visibleBefore - changed);
  });

  test('a refused save keeps every pending edit and shows why', async ({ page, context, request }) => {
    await openCalendars(page, '?q=Mechanical');
    const mechanical = page.getByRole('switch', { name: 'Visible: Department of Mechanical Engineering' });
    const wasVisible = await mechanical.isChecked();
    await mechanical.click();
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');
    await page.getByRole('button', { name: 'Review 1 change' }).click();
    const review = page.getByRole('dialog', { name: 'Review changes to 1 account' });

    // Meanwhile, in another tab of the same browser session, the user becomes a teacher.
    const otherTab = await context.newPage();
    await otherTab.goto('/accounts');
    await signInAs(otherTab, 'Jordan Whitfield', 'Marcus Bell');

    await review.getByRole('button', { name: 'Save 1 account' }).click();
    await expect(review.getByRole('alert')).toContainText('user not authorized to perform that action');
    await expect(review.getByText('Nothing was saved; every change is still pending.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await review.getByRole('button', { name: 'Back to editing' }).click();
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');
    await expect(mechanical).toBeChecked({ checked: !wasVisible });
    const unchanged = await apiGet<ApiCalendar>(request, 'account_calendars/13');
    expect(unchanged.visible).toBe(wasVisible);

    // Back as the admin, the same pending edit saves.
    await signInAs(otherTab, 'Marcus Bell', 'Jordan Whitfield');
    await otherTab.close();
    await page.getByRole('button', { name: 'Review 1 change' }).click();
    await review.getByRole('button', { name: 'Save 1 account' }).click();
    await expect(page.getByText('Saved. Canvas updated 1 account.').first()).toBeVisible();
    const saved = await apiGet<ApiCalendar>(request, 'account_calendars/13');
    expect(saved.visible).toBe(!wasVisible);
  });

  test('asks before leaving with pending edits', async ({ page }) => {
    await openCalendars(page, '?q=Robotics');
    await page.getByRole('switch', { name: 'Visible: Robotics Program' }).click();
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');

    await page.getByRole('link', { name: 'Accounts' }).click();
    const prompt = page.getByRole('dialog', { name: 'Leave with unsaved changes?' });
    await expect(prompt).toContainText('1 account has calendar changes that are not saved in Canvas.');
    await expectNoSeriousA11yViolations(page);
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await expect(prompt).toBeHidden();
    await expect(page).toHaveURL(/\/calendars/);
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');

    // Closing or reloading the tab gets the browser's own prompt.
    const beforeUnload = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await beforeUnload;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);

    await page.getByRole('link', { name: 'Accounts' }).click();
    await prompt.getByRole('button', { name: 'Discard and leave' }).click();
    await expect(page).toHaveURL(/\/accounts$/);
  });

  test('exports the shown rows as CSV and imports a CSV with one bad row', async ({ page, request }) => {
    const programs = await apiGet<{ id: number; name: string; sis_account_id: string }[]>(
      request,
      'accounts/13/sub_accounts?per_page=100',
    );
    const expectedRows = await Promise.all(
      programs
        .filter((program) => program.sis_account_id.startsWith('PRG-MECH'))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
        .map(async (program) => {
          const calendar = await apiGet<ApiCalendar>(request, `account_calendars/${program.id}`);
          return `${program.id},${program.sis_account_id},${program.name},13,${calendar.visible},${calendar.auto_subscribe}`;
        }),
    );
    expect(expectedRows.length).toBeGreaterThan(1);

    await openCalendars(page, '?q=PRG-MECH');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('calendars-account-1.csv');
    const exported = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    expect(exported.split('\r\n')).toEqual([
      'id,sis_account_id,name,parent,visible,auto_subscribe',
      ...expectedRows,
      '',
    ]);

    // Flip the first program's visibility and add a row for an account that does not exist.
    const [first, ...rest] = expectedRows;
    const fields = (first as string).split(',');
    const firstId = Number(fields[0]);
    const flippedVisible = fields[4] !== 'true';
    fields[4] = String(flippedVisible);
    const edited = [
      'id,sis_account_id,name,parent,visible,auto_subscribe',
      fields.join(','),
      ...rest,
      '999999,,Nowhere Program,13,true,false',
    ].join('\r\n');

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import calendar settings from CSV' });
    await importDialog.getByLabel('CSV file').setInputFiles({
      name: 'edited.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(edited),
    });
    const rowCount = expectedRows.length + 1;
    await expect(
      importDialog.getByText(
        `edited.csv: ${rowCount} rows read, 1 change, ${rowCount - 2} already as shown, 1 problem.`,
      ),
    ).toBeVisible();
    const problems = importDialog.getByRole('table', { name: 'Rows with problems' });
    await expect(problems.getByRole('row')).toHaveCount(2);
    await expect(problems.getByRole('row').nth(1)).toHaveText(
      `${rowCount + 1}999999No account with this id in the list.`,
    );
    await expect(footer(page)).toHaveText('No unsaved changes');
    await expectNoSeriousA11yViolations(page);
    await importDialog.getByRole('button', { name: 'Add 1 change to pending edits' }).click();
    await expect(importDialog).toBeHidden();
    await expect(footer(page)).toHaveText('1 account changed, not saved yet');

    await page.getByRole('button', { name: 'Review 1 change' }).click();
    const review = page.getByRole('dialog', { name: 'Review changes to 1 account' });
    await expect(
      review.getByText(`1 calendar becomes ${flippedVisible ? 'visible' : 'hidden'}`),
    ).toBeVisible();
    await review.getByRole('button', { name: 'Save 1 account' }).click();
    await expect(page.getByText('Saved. Canvas updated 1 account.').first()).toBeVisible();
    const saved = await apiGet<ApiCalendar>(request, `account_calendars/${firstId}`);
    expect(saved.visible).toBe(flippedVisible);
  });

  test('opens on the account each role administers', async ({ page }) => {
    await page.goto('/accounts');
    await signInAs(page, 'Jordan Whitfield', 'Priya Natarajan');
    await page.getByRole('link', { name: 'Calendars' }).click();
    await expect(table(page)).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Account' })).toHaveValue('College of Engineering');
    await expect(page.getByText(/visible calendars? in College of Engineering/)).toBeVisible();
    await expect(table(page).getByRole('row', { name: /Northfield State University/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await signInAs(page, 'Priya Natarajan', 'Marcus Bell');
    await page.getByRole('link', { name: 'Calendars' }).click();
    await expect(page.getByText(/You don’t administer any account/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
