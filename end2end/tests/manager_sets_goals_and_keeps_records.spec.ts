// A manager sets a goal for a rep and keeps a budget record; the rep sees the
// goal but cannot change it, and has no records screen.
import { expect, test } from './fixtures';
import { editLead, navigationLink, openFromNavigation, signIn, uniqueName, uniquePersonName } from './helpers';

test('a manager sets a rep goal and keeps a budget; the rep reads the goal only', { tag: '@desktop-only' }, async ({ page, browser }) => {
  const budgetTitle = uniqueName('Trade fair budget');
  // A target no other run uses, typed in Persian digits (the form accepts them).
  const target = String(100 + Math.floor(Math.random() * 900));
  const targetInPersian = target.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);

  await signIn(page, 'manager@pishro.local');
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New goal' })).toBeVisible();
  await page.getByLabel('Goal for', { exact: true }).selectOption('rep');
  await page.getByLabel('Rep or team', { exact: true }).selectOption({ label: 'Sara Rep' });
  await page.getByLabel('Metric', { exact: true }).selectOption('meetings');
  await page.getByLabel('Target', { exact: true }).fill(targetInPersian);
  await page.getByLabel('Period start', { exact: true }).fill('2026-12-01');
  await page.getByLabel('Period end', { exact: true }).fill('2026-12-31');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  const goal = page.getByRole('listitem').filter({ hasText: 'Meetings' }).filter({ hasText: target });
  await expect(goal).toContainText('Sara Rep');

  // A period that ends before it starts is refused next to the field.
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await page.getByLabel('Rep or team', { exact: true }).selectOption({ label: 'Sara Rep' });
  await page.getByLabel('Target', { exact: true }).fill('1000');
  await page.getByLabel('Period start', { exact: true }).fill('2026-12-31');
  await page.getByLabel('Period end', { exact: true }).fill('2026-12-01');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#field-period_end-problem')).toHaveText('The end must not be before the start.');

  await openFromNavigation(page, 'Records');
  await page.getByRole('button', { name: 'New record', exact: true }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('budget');
  await page.getByLabel('Title', { exact: true }).fill(budgetTitle);
  await page.getByLabel('Amount', { exact: true }).fill('250,000,000');
  await page.getByLabel('Currency', { exact: true }).selectOption('IRR');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Records' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: budgetTitle })).toContainText('250,000,000 IRR');

  // The rep sees the goal, with no way to create or edit goals, and no records.
  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await signIn(repPage, 'rep1@pishro.local');
  await openFromNavigation(repPage, 'Goals');
  await expect(repPage.getByText('Your manager sets these goals.')).toBeVisible();
  await expect(repPage.getByRole('listitem').filter({ hasText: 'Meetings' }).filter({ hasText: target })).toBeVisible();
  await expect(repPage.getByRole('button', { name: 'New goal' })).toHaveCount(0);
  await navigationLink(repPage, 'Activities');
  await expect(repPage.getByRole('navigation').getByRole('link', { name: 'Records' })).toHaveCount(0);
  await repContext.close();
});

test('a rep deletes a lead created by mistake', { tag: '@phone-only' }, async ({ page }) => {
  const name = uniqueName('Typo lead');
  await signIn(page, 'rep1@pishro.local');
  await page.goto('/leads/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await editLead(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expect(page.getByRole('link', { name })).toHaveCount(0);
});

test('an edit form takes no typing until its record has loaded, so nothing typed is overwritten', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await openFromNavigation(page, 'Records');
  // A slow network: the record arrives 1.5 s after the form opens.
  await page.route('**/api/records/get', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.getByRole('list', { name: 'Records' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit record' })).toBeVisible();
  const form = page.locator('form.form');
  await expect(form).toHaveAttribute('inert', '');
  await expect(page.getByLabel('Title', { exact: true })).not.toHaveValue('');
  await expect(form).not.toHaveAttribute('inert');
});

test('records carry tags, and the list narrows by kind, days and tag', { tag: '@phone-only' }, async ({ page }) => {
  const title = uniqueName('Fair notes');
  const city = uniquePersonName('City');
  await signIn(page, 'manager@pishro.local');
  await page.goto('/records/new');
  await page.getByLabel('Kind', { exact: true }).selectOption('other');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Period start', { exact: true }).fill('2031-05-02');
  await page.getByLabel('Period end', { exact: true }).fill('2031-05-03');
  await page.getByLabel('Tags (commas between)', { exact: true }).fill(`fair، ${city} , Fair`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Records' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: title });
  await expect(card.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['fair', city]);

  const filters = page.getByRole('search', { name: 'Filter records' });
  const records = page.getByRole('list', { name: 'Records' });
  await filters.getByLabel('Tag', { exact: true }).selectOption(city);
  await expect(records.getByRole('listitem', { includeHidden: false }).filter({ has: page.getByRole('link') })).toHaveCount(1);
  await filters.getByLabel('Kind', { exact: true }).selectOption('budget');
  await expect(page.getByText('No record matches. Clear a filter to see more.')).toBeVisible();
  await filters.getByLabel('Kind', { exact: true }).selectOption('other');
  await filters.getByLabel('Touching days from', { exact: true }).fill('2031-06-01');
  await expect(page.getByText('No record matches. Clear a filter to see more.')).toBeVisible();
  await filters.getByLabel('Touching days from', { exact: true }).fill('2031-05-03');
  await expect(records.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^1 shown$/ })).toBeVisible();
});
