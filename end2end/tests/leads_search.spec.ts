// The leads screen searches the device's cache as the rep types, offline
// too: Persian and Arabic forms of letters and digits match each other,
// filters narrow the list and the order can change.
import { expect, test } from './fixtures';
import { createLead, openFromNavigation, signIn, uniqueName, waitForSync, goOffline } from './helpers';

test('search matches across Persian and Arabic letters and digits, with filters and orders, offline', { tag: '@desktop-only' }, async ({ page, context }) => {
  const tag = uniqueName('Sx').split(' ')[1];
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  // Typed with Arabic letters (ي, ك) and Persian digits.
  await createLead(page, `علي كريمي ${tag}`, { phone: '۰۹۱۲ ۳۳۳ ۴۴۵۵', value: '10' });
  await createLead(page, `Big deal ${tag}`, { value: '999999' });
  await goOffline(page);

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

test('typing the phone of an existing lead warns and offers to open it instead', { tag: '@phone-only' }, async ({ page, context }) => {
  const existing = uniqueName('Already here');
  // A number no other run uses (the phone and desktop runs share one server).
  const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const persian = phone.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);
  await signIn(page, 'rep1@pishro.local');
  await createLead(page, existing, { phone });
  await goOffline(page);
  await openFromNavigation(page, 'Leads');
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('Maybe the same'));
  // Persian digits and spaces: still the same number.
  await page.getByLabel('Phone', { exact: true }).fill(`${persian.slice(0, 4)} ${persian.slice(4, 7)} ${persian.slice(7)}`);
  const warning = page.getByRole('status').filter({ hasText: 'A lead with this phone or e-mail already exists' });
  await expect(warning).toBeVisible();
  await warning.getByRole('link', { name: existing }).click();
  await expect(page.getByRole('heading', { level: 1, name: existing, exact: true })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(existing);
  await expect(page.getByRole('status').filter({ hasText: 'already exists' })).toHaveCount(0);
  await context.setOffline(false);
});
