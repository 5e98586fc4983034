import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Account tree' });

test.describe('account tree', () => {
  test('expands, searches, and opens an account', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(
      tree(page).getByRole('treeitem', { name: 'Northfield State University', exact: true }),
    ).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Expand a college lazily and see its departments with their counts.
    const engineering = tree(page).getByRole('treeitem', { name: 'College of Engineering', exact: true });
    await expect(engineering).toBeVisible();
    await page.getByRole('button', { name: 'Expand College of Engineering' }).click();
    await expect(engineering).toHaveAttribute('aria-expanded', 'true');
    const mechanical = tree(page).getByRole('treeitem', {
      name: 'Department of Mechanical Engineering',
      exact: true,
    });
    await expect(mechanical).toBeVisible();

    // Keyboard: focus the department, ArrowRight expands it, ArrowDown moves to its first program.
    await mechanical.click();
    await page.keyboard.press('ArrowRight');
    await expect(mechanical).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowDown');
    // Children are listed by name, as Canvas's sub-account page orders them.
    await expect(
      tree(page).getByRole('treeitem', { name: 'Automotive Engineering Program', exact: true }),
    ).toBeFocused();

    // Search jumps to a program that was never expanded (loaded through the API).
    await page.getByLabel('Search accounts').fill('Water Resources');
    const water = tree(page).getByRole('treeitem', { name: 'Water Resources Program', exact: true });
    await expect(water).toBeVisible();
    await expect(tree(page).getByRole('treeitem', { name: 'Robotics Program', exact: true })).toHaveCount(0);
    await page.getByLabel('Search accounts').press('Enter');
    await expect(water).toBeFocused();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(
      'Department of Civil and Environmental Engineering',
    );

    // Enter opens the account's page.
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/accounts\/\d+/);
    await expect(page.getByRole('heading', { name: 'Water Resources Program', level: 1 })).toBeVisible();
    await expect(page.getByText('PRG-CIVE-WAT').first()).toBeVisible();
  });

  test('adds, renames and deletes a sub-account in place, and shows Canvas refusing a non-empty one', async ({
    page,
  }, testInfo) => {
    // A retried attempt runs against the same database, so it works on accounts of its own.
    const attempt = testInfo.retry === 0 ? '' : ` ${testInfo.retry + 1}`;
    const newName = `Quantum Engineering Institute${attempt}`;
    const renamedName = `Institute for Quantum Engineering${attempt}`;
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Expand College of Engineering' }).click();
    await page.getByRole('button', { name: 'Add sub-account to College of Engineering' }).click();
    const nameField = page.getByLabel('Name of the new sub-account of College of Engineering');
    await nameField.fill(newName);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const added = tree(page).getByRole('treeitem', { name: newName, exact: true });
    await expect(added).toBeVisible();

    await page.getByRole('button', { name: `Rename ${newName}` }).click();
    const renameField = page.getByLabel(`New name for ${newName}`);
    await renameField.fill(renamedName);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const renamed = tree(page).getByRole('treeitem', { name: renamedName, exact: true });
    await expect(renamed).toBeVisible();
    await expect(added).toHaveCount(0);

    await page.getByRole('button', { name: `Delete ${renamedName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${renamedName}?` });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden();
    await expect(renamed).toHaveCount(0);

    // A department with courses: Canvas answers 409 and the dialog says so plainly.
    await page.getByRole('button', { name: 'Delete Department of Mechanical Engineering' }).click();
    const refusal = page.getByRole('dialog', { name: 'Delete Department of Mechanical Engineering?' });
    await refusal.getByRole('button', { name: 'Delete' }).click();
    await expect(refusal).toContainText("You can't delete a sub-account that has courses in it.");
    await expectNoSeriousA11yViolations(page);
    await refusal.getByRole('button', { name: 'Cancel' }).click();
    await expect(
      tree(page).getByRole('treeitem', { name: 'Department of Mechanical Engineering' }),
    ).toBeVisible();
  });
});

test.describe('account details', () => {
  test('filters and sorts courses, keeps the view in the URL across a reload', async ({ page }) => {
    await page.goto('/accounts/3');
    await expect(page.getByRole('heading', { name: 'College of Engineering', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Courses in College of Engineering' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();

    // A one-character search is Canvas's 400, shown next to the field.
    await page.getByLabel('Search courses').fill('e');
    await expect(page.getByText('2 or more characters is required')).toBeVisible();

    await page.getByLabel('Search courses').fill('Engineering');
    await expect(page).toHaveURL(/search_term=Engineering/);
    await table.getByRole('button', { name: 'Course', exact: true }).click();
    await expect(page).toHaveURL(/sort=course_name/);
    await table.getByRole('button', { name: 'Course', exact: true }).click();
    await expect(page).toHaveURL(/order=desc/);
    const header = table.getByRole('columnheader', { name: 'Course' });
    await expect(header).toHaveAttribute('aria-sort', 'descending');

    const firstRows = await table.getByRole('row').allInnerTexts();
    expect(firstRows.length).toBeGreaterThan(1);
    const names = firstRows.slice(1).map((text) => text.split('\n')[0] ?? '');
    const sorted = [...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' }));
    expect(names).toEqual(sorted);

    await page.reload();
    await expect(page.getByLabel('Search courses')).toHaveValue('Engineering');
    await expect(page.getByRole('columnheader', { name: 'Course' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(table.getByRole('row')).toHaveCount(firstRows.length);
    expect(await table.getByRole('row').allInnerTexts()).toEqual(firstRows);
    await expectNoSeriousA11yViolations(page);
  });

  test('an unknown account id shows a not-found state', async ({ page }) => {
    await page.goto('/accounts/999999');
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('an unknown route shows the 404 page', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found|404/i);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('other demo users', () => {
  test('the student sees Canvas refuse the account pages', async ({ page }) => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'User menu: Jordan Whitfield' }).click();
    await page.getByRole('menuitem', { name: 'Sign in as' }).click();
    await page.getByRole('menuitemradio', { name: /Sofia Alvarez/ }).click();
    await expect(page.getByRole('button', { name: 'User menu: Sofia Alvarez' })).toBeVisible();
    await expect(page.getByText('user not authorized to perform that action').first()).toBeVisible();
    await expect(tree(page)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await page.goto('/accounts/1');
    await expect(page.getByText(/not allowed/i).first()).toBeVisible();
  });

  test('the sub-account admin sees only their college', async ({ page }) => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'User menu: Jordan Whitfield' }).click();
    await page.getByRole('menuitem', { name: 'Sign in as' }).click();
    await page.getByRole('menuitemradio', { name: /Priya Natarajan/ }).click();
    await expect(
      tree(page).getByRole('treeitem', { name: 'College of Engineering', exact: true }),
    ).toBeVisible();
    await expect(
      tree(page).getByRole('treeitem', { name: 'Northfield State University', exact: true }),
    ).toHaveCount(0);
    await expect(
      tree(page).getByRole('treeitem', { name: 'College of Natural Sciences', exact: true }),
    ).toHaveCount(0);
  });
});
