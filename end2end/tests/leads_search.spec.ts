// The leads screen searches the device's cache as the rep types, offline
// too: Persian and Arabic forms of letters and digits match each other,
// filters narrow the list and the order can change.
import { expect, test } from '@playwright/test';
import { createLead, openFromNavigation, signIn, uniqueName, waitForSync } from './helpers';

test('search matches across Persian and Arabic letters and digits, with filters and orders, offline', async ({ page, context }) => {
  const tag = uniqueName('Sx').split(' ')[1];
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  // Typed with Arabic letters (ي, ك) and Persian digits.
  await createLead(page, `علي كريمي ${tag}`, { phone: '۰۹۱۲ ۳۳۳ ۴۴۵۵', value: '10' });
  await createLead(page, `Big deal ${tag}`, { value: '999999' });
  await context.setOffline(true);

  await openFromNavigation(page, 'Leads');
  const search = page.getByRole('searchbox', { name: 'Search leads' });
  const list = page.getByRole('list', { name: 'Leads' });
  // Persian ی and ک find the Arabic forms.
  await search.fill(`علی کریمی ${tag}`);
  await expect(list.getByRole('link')).toHaveText([`علي كريمي ${tag}`]);
  await expect(page.getByRole('status').filter({ hasText: '1 shown' })).toBeVisible();
  // ASCII digits find the phone stored from Persian digits, spaces ignored.
  await search.fill('0912 333 4455');
  await expect(list.getByRole('link', { name: `علي كريمي ${tag}` })).toBeVisible();

  await search.fill(tag);
  await expect(list.getByRole('link')).toHaveCount(2);
  await page.getByLabel('Sort by', { exact: true }).selectOption('value');
  await expect(list.getByRole('link')).toHaveText([`Big deal ${tag}`, `علي كريمي ${tag}`]);
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await expect(page.getByText('No lead matches this search.')).toBeVisible();
  await page.getByLabel('Stage', { exact: true }).selectOption('new');
  await expect(list.getByRole('link')).toHaveCount(2);
  await context.setOffline(false);
});
