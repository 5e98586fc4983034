import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

/** axe-core over the whole page: no serious or critical violations. */
async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
}

const ADMIN = { Authorization: 'Bearer demo-admin-token' };
const STUDENT = { Authorization: 'Bearer demo-student-token' };
const TEACHER = { Authorization: 'Bearer demo-teacher-token' };

/** Subjects unique to the run, so tests never find each other's notifications. */
const unique = (text: string) => `${text} ${Date.now().toString(36)}`;

const composer = (page: Page) => page.getByRole('region', { name: /^(New notification|Edit “|Copy of “)/ });
const preview = (page: Page) => page.getByRole('region', { name: 'Preview' });
const entry = (page: Page, subject: string) => page.getByRole('article', { name: subject, exact: true });
const statusSection = (page: Page, status: 'Current' | 'Scheduled' | 'Past') =>
  page.getByRole('region', { name: new RegExp(`^${status} \\(\\d+\\)$`) });

async function quickChoice(page: Page, field: 'starts' | 'ends', choice: string): Promise<void> {
  await page
    .getByRole('group', { name: `Quick choices for ${field}` })
    .getByRole('button', { name: choice })
    .click();
}

/** Writes the message with the toolbar: plain text, one word in bold, plain text. */
async function writeMessage(page: Page, before: string, bold: string, after: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).click();
  await page.keyboard.type(before);
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(bold);
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(after);
}

interface ListedNotification {
  id: number;
  subject: string;
}

async function studentNotifications(request: APIRequestContext): Promise<ListedNotification[]> {
  const response = await request.get('/api/v1/accounts/self/account_notifications', { headers: STUDENT });
  expect(response.status()).toBe(200);
  return (await response.json()) as ListedNotification[];
}

test.describe('notifications', () => {
  // Each flow types into a rich editor and runs axe several times over a page with a long list.
  test.describe.configure({ timeout: 120_000 });

  test('composes with the rich editor, previews, sends, and edits', async ({ page }) => {
    await page.goto('/notifications');
    await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    await expect(page.getByText(/Times are shown in .*\(America\/Denver\)/)).toBeVisible();
    await expect(statusSection(page, 'Current')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const subject = unique('Network maintenance tonight');
    await page.getByRole('button', { name: 'New notification' }).click();
    await expect(composer(page)).toBeVisible();
    await page.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
    await expect(page.getByText(`${subject.length} of 255 characters`)).toBeVisible();
    await writeMessage(page, 'The campus network is down from 10 PM. ', 'Save', ' your work first.');

    // The preview renders the banner as users will see it, bold word included, for the chosen icon.
    await expect(preview(page).getByText(subject)).toBeVisible();
    await expect(preview(page).getByText('Save', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
    await expect(preview(page).getByRole('img', { name: 'Warning icon' })).toBeVisible();
    await page.getByRole('radio', { name: 'Information' }).check();
    await expect(preview(page).getByRole('img', { name: 'Information icon' })).toBeVisible();

    await quickChoice(page, 'starts', 'Now');
    await quickChoice(page, 'ends', 'One week after start');
    await page
      .getByRole('group', { name: 'Course roles' })
      .getByRole('checkbox', { name: 'Student' })
      .check();
    await expect(preview(page)).toContainText('to Student');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Send notification' }).click();
    await expect(composer(page)).toHaveCount(0);
    const sent = statusSection(page, 'Current').getByRole('article', { name: subject, exact: true });
    await expect(sent).toBeVisible();
    await expect(sent).toContainText('Shown to');
    await expect(sent).toContainText('Student');
    await expect(sent).toContainText('Jordan Whitfield');
    await expect(sent.getByText('Save', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
    await expect(sent.getByRole('img', { name: 'Information icon' })).toBeVisible();
    // On the timeline too, as a labelled bar.
    await expect(page.getByRole('button', { name: new RegExp(`^${subject}: current, `) })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Edit: the composer opens with the stored values; saving keeps the roles.
    await page.getByRole('button', { name: `Edit ${subject}` }).click();
    await expect(page.getByRole('heading', { name: `Edit “${subject}”` })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue(subject);
    await expect(page.getByRole('textbox', { name: 'Message' })).toContainText('Save your work first.');
    const edited = `${subject} (extended)`;
    await page.getByRole('textbox', { name: 'Subject', exact: true }).fill(edited);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(entry(page, edited)).toBeVisible();
    await expect(entry(page, subject)).toHaveCount(0);
    await expect(entry(page, edited)).toContainText('Student');
    await expectNoSeriousA11yViolations(page);
  });

  test('invalid dates give a field error and keep the text; the draft survives a reload until sent', async ({
    page,
  }) => {
    await page.goto('/notifications');
    await page.getByRole('button', { name: 'New notification' }).click();
    const subject = unique('Registration opens');
    await page.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
    await writeMessage(page, 'Registration for next term opens ', 'Monday', '.');
    await quickChoice(page, 'starts', 'In one week');
    await quickChoice(page, 'ends', 'Now');
    await page.getByRole('button', { name: 'Send notification' }).click();

    await expect(page.getByText('The end time precedes the start time')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ends', exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(page.getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue(subject);
    await expect(page.getByRole('textbox', { name: 'Message' })).toContainText(
      'Registration for next term opens Monday.',
    );
    await expect(entry(page, subject)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // A reload brings the unsent draft back, text and bold word included.
    await page.reload();
    await expect(page.getByText('Draft restored')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue(subject);
    const message = page.getByRole('textbox', { name: 'Message' });
    await expect(message).toContainText('Registration for next term opens Monday.');
    await expect(message.getByText('Monday', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
    await expectNoSeriousA11yViolations(page);

    // Fixing the end sends it; it starts in a week, so it is scheduled, and the draft is gone.
    await quickChoice(page, 'ends', 'One week after start');
    await page.getByRole('button', { name: 'Send notification' }).click();
    await expect(
      statusSection(page, 'Scheduled').getByRole('article', { name: subject, exact: true }),
    ).toBeVisible();
    await page.reload();
    await expect(entry(page, subject)).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
    await expect(page.getByText('Draft restored')).toHaveCount(0);
  });

  test('a discarded draft does not come back', async ({ page }) => {
    await page.goto('/notifications');
    await page.getByRole('button', { name: 'New notification' }).click();
    await page.getByRole('textbox', { name: 'Subject', exact: true }).fill('Thoughts for later');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await expect(composer(page)).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
    await expect(statusSection(page, 'Current')).toBeVisible();
    await expect(composer(page)).toHaveCount(0);
  });

  test('the demo student sees a notification for students through the API until closing it', async ({
    page,
    request,
  }) => {
    await page.goto('/notifications');
    await page.getByRole('button', { name: 'New notification' }).click();
    const subject = unique('Library hours extended');
    await page.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
    await writeMessage(page, 'The library stays open ', 'until midnight', ' during finals.');
    await quickChoice(page, 'starts', 'Now');
    await quickChoice(page, 'ends', 'One week after start');
    await page
      .getByRole('group', { name: 'Course roles' })
      .getByRole('checkbox', { name: 'Student' })
      .check();
    await page.getByRole('button', { name: 'Send notification' }).click();
    await expect(
      statusSection(page, 'Current').getByRole('article', { name: subject, exact: true }),
    ).toBeVisible();

    const listed = (await studentNotifications(request)).find(
      (notification) => notification.subject === subject,
    );
    expect(listed).toBeDefined();
    // Targeted at students: the teacher is not shown it.
    const teacherList = await request.get('/api/v1/accounts/self/account_notifications', {
      headers: TEACHER,
    });
    expect(((await teacherList.json()) as ListedNotification[]).map((n) => n.subject)).not.toContain(subject);

    const closed = await request.delete(`/api/v1/accounts/self/account_notifications/${listed?.id}`, {
      headers: STUDENT,
    });
    expect(closed.status()).toBe(200);
    expect((await studentNotifications(request)).map((notification) => notification.subject)).not.toContain(
      subject,
    );

    // Closing is the student's alone: the admin's list still has it.
    await page.reload();
    await expect(entry(page, subject)).toBeVisible();
  });

  test('ends a notification now, then deletes it after a confirm', async ({ page, request }) => {
    const subject = unique('Parking lot B closed');
    const now = Date.now();
    const created = await request.post('/api/v1/accounts/1/account_notifications', {
      headers: ADMIN,
      data: {
        account_notification: {
          subject,
          message: '<p>Use lot C while lot B is resurfaced.</p>',
          start_at: new Date(now - 3_600_000).toISOString(),
          end_at: new Date(now + 3 * 86_400_000).toISOString(),
          icon: 'error',
        },
        account_notification_roles: ['TeacherEnrollment'],
      },
    });
    expect(created.status()).toBe(200);

    await page.goto('/notifications?status=current');
    const current = statusSection(page, 'Current').getByRole('article', { name: subject, exact: true });
    await expect(current).toBeVisible();
    await expect(current).toContainText('Teacher');
    await page.getByRole('button', { name: `End ${subject} now` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Ended “${subject}”` })).toBeAttached();
    await expect(current).toHaveCount(0);

    await page.getByRole('radiogroup', { name: 'Show notifications' }).getByText(/^Past/).click();
    await expect(page).toHaveURL(/status=past/);
    const past = statusSection(page, 'Past').getByRole('article', { name: subject, exact: true });
    await expect(past).toBeVisible();
    // Ending keeps the audience: Canvas would have opened it to everyone had the roles not been resent.
    await expect(past).toContainText('Teacher');

    await page.getByRole('button', { name: `Delete ${subject}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${subject}”?` });
    await expect(dialog).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden();
    await expect(entry(page, subject)).toHaveCount(0);
    const adminList = await request.get('/api/v1/accounts/1/account_notifications?include_all=true', {
      headers: ADMIN,
    });
    expect(((await adminList.json()) as ListedNotification[]).map((n) => n.subject)).not.toContain(subject);
  });
});
