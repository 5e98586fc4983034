import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

/** Header and data rows of a CSV, parsed as a spreadsheet would (quoted cells may hold line breaks). */
function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  return { header, rows };
}

const numberFormat = new Intl.NumberFormat('en-US');

async function openProvisioning(page: Page): Promise<void> {
  await page.goto('/reports');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Available reports' })
    .getByRole('button', { name: /^Provisioning/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Provisioning', level: 2 })).toBeVisible();
}

/** Starts the report with the checked entities and returns the new run's card and id. */
async function runWith(page: Page, entities: string[]): Promise<{ card: Locator; runId: number }> {
  for (const entity of entities) await page.getByRole('checkbox', { name: entity, exact: true }).check();
  await page.getByRole('button', { name: 'Run report' }).click();
  await expect(page).toHaveURL(/[?&]run=\d+/);
  const runId = Number(new URL(page.url()).searchParams.get('run'));
  const card = page.getByRole('article', { name: `Provisioning #${runId}`, exact: true });
  await expect(card).toBeVisible();
  return { card, runId };
}

test.describe('reports', () => {
  // Reports are paced so that their progress can be watched; a run over the demo tenant takes seconds.
  test.describe.configure({ timeout: 120_000 });

  test('runs a provisioning report, watches it finish, previews and downloads the zip', async ({ page }) => {
    await openProvisioning(page);
    await expectNoSeriousA11yViolations(page);

    // Validated before it runs: an export needs at least one kind of data.
    await page.getByRole('button', { name: 'Run report' }).click();
    await expect(page.getByText('Choose at least one kind of data to export')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const { card, runId } = await runWith(page, ['Users', 'Enrollments']);
    await expect(page.getByRole('button', { name: 'Reports: 1 running' })).toBeVisible();
    const bar = card.getByRole('progressbar', { name: `Progress of Provisioning #${runId}` });
    await expect(bar).toBeVisible();

    // The bar moves through intermediate values while the run writes its rows, and ends full.
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const value = Number(await bar.getAttribute('aria-valuenow'));
          seen.push(value);
          return value;
        },
        { timeout: 60_000, intervals: [100] },
      )
      .toBe(100);
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    await expect(card.getByText('Complete', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reports: 0 running' })).toBeVisible();
    await expect(card.getByText('Users, Enrollments')).toBeVisible();
    await expect(page.getByText('Provisioning report is ready.').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Download through the same origin, with Canvas's file name.
    const downloadLink = card.getByRole('link', { name: /^Download / });
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^provisioning_csv_\\d{2}_[A-Z][a-z]{2}_\\d{4}_${runId}\\.zip$`),
    );
    const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(entries).sort()).toEqual(['enrollments.csv', 'users.csv']);
    const decoder = new TextDecoder();
    const users = parseCsv(decoder.decode(entries['users.csv']));
    const enrollments = parseCsv(decoder.decode(entries['enrollments.csv']));
    expect(users.header.slice(0, 3)).toEqual(['canvas_user_id', 'user_id', 'integration_id']);
    expect(users.rows.length).toBeGreaterThan(0);

    // The preview shows each CSV of the zip with the file's header and row count.
    await card.getByRole('button', { name: `Preview Provisioning #${runId}` }).click();
    const dialog = page.getByRole('dialog', { name: /^Preview of provisioning_csv_/ });
    await expect(dialog.getByRole('tab', { name: 'users.csv' })).toBeVisible();
    const usersTable = dialog.getByRole('table', { name: 'Preview of users.csv' });
    await expect(usersTable).toBeVisible();
    for (const column of users.header) {
      await expect(usersTable.getByRole('columnheader', { name: column, exact: true })).toHaveCount(1);
    }
    await expect(
      dialog.getByText(`${numberFormat.format(users.rows.length)} rows, ${users.header.length} columns`),
    ).toBeVisible();
    await expect(
      usersTable.getByRole('cell', { name: users.rows[0]?.[0] ?? '', exact: true }).first(),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await dialog.getByRole('tab', { name: 'enrollments.csv' }).click();
    await expect(dialog.getByRole('table', { name: 'Preview of enrollments.csv' })).toBeVisible();
    const enrollmentSummary = `${numberFormat.format(enrollments.rows.length)} rows, ${enrollments.header.length} columns`;
    await expect(dialog.getByText(enrollmentSummary, { exact: false })).toBeVisible();
    if (enrollments.rows.length > 10_000) {
      await expect(
        dialog.getByText('The preview stops at 10,000 rows; download the file for all of them.'),
      ).toBeVisible();
    }
    await dialog.getByRole('button', { name: 'Close preview' }).click();
    await expect(dialog).toBeHidden();
  });

  test('a single kind of data is one CSV with the provisioning header', async ({ page }) => {
    await openProvisioning(page);
    const { card, runId } = await runWith(page, ['Accounts']);
    await expect(card.getByText('Complete', { exact: true })).toBeVisible({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: /^Download / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^provisioning_csv_.*_${runId}\\.csv$`));
    const accounts = parseCsv(readFileSync(await download.path(), 'utf8'));
    expect(accounts.header).toEqual([
      'canvas_account_id',
      'account_id',
      'canvas_parent_id',
      'parent_account_id',
      'name',
      'status',
      'created_by_sis',
    ]);
    await card.getByRole('button', { name: `Preview Provisioning #${runId}` }).click();
    const dialog = page.getByRole('dialog', { name: /^Preview of provisioning_csv_/ });
    await expect(
      dialog.getByText(
        `${numberFormat.format(accounts.rows.length)} rows, ${accounts.header.length} columns`,
      ),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Close preview' }).click();

    // Re-running sends the same parameters (without Canvas's locale) and lists a new run.
    await card
      .getByRole('button', { name: `Run Provisioning #${runId} again with the same parameters` })
      .click();
    await expect(page).not.toHaveURL(new RegExp(`[?&]run=${runId}(&|$)`));
    const rerunId = Number(new URL(page.url()).searchParams.get('run'));
    const rerun = page.getByRole('article', { name: `Provisioning #${rerunId}`, exact: true });
    await expect(rerun.getByText('Accounts', { exact: true })).toBeVisible();
    await expect(rerun.getByText('Complete', { exact: true })).toBeVisible({ timeout: 30_000 });
  });

  test('aborts a long run and deletes it after confirming', async ({ page }) => {
    await openProvisioning(page);
    const { card, runId } = await runWith(page, ['Users', 'Courses', 'Sections', 'Enrollments']);
    await expect(card.getByText(/^(Queued|Running)$/)).toBeVisible();
    await card.getByRole('button', { name: `Abort Provisioning #${runId}` }).click();
    await expect(card.getByText('Aborted', { exact: true })).toBeVisible();
    await expect(card.getByRole('link', { name: /^Download / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reports: 0 running' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The header's tray lists the run this browser started, from any page.
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Reports: 0 running' }).click();
    const tray = page.getByRole('dialog', { name: 'Reports: 0 running' });
    await expect(tray.getByRole('link', { name: `Provisioning #${runId}` })).toBeVisible();
    await expect(tray.getByText('Aborted', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await tray.getByRole('link', { name: `Provisioning #${runId}` }).click();
    await expect(page).toHaveURL(new RegExp(`/reports\\?.*run=${runId}`));

    await card.getByRole('button', { name: `Delete Provisioning #${runId}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this run?' });
    await expect(confirm).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Delete run' }).click();
    await expect(confirm).toBeHidden();
    await expect(card).toHaveCount(0);
  });
});
