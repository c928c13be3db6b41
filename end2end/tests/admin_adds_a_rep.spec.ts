// An admin adds a rep to a team; the new rep signs in with the password given.
import { expect, test } from './fixtures';
import { navigationLink, openFromNavigation, signIn } from './helpers';

test('an admin adds a rep who can then sign in', { tag: '@phone-only' }, async ({ page, browser }) => {
  const email = `nima.${Date.now().toString(36)}@pishro.local`;
  await signIn(page, 'admin@pishro.local');
  await openFromNavigation(page, 'People');
  await page.getByRole('button', { name: 'New person', exact: true }).click();
  await page.getByLabel('Display name', { exact: true }).fill('Nima Tehrani');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption('rep');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Tehran Sales' });
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await page.getByLabel('New password (leave empty to keep)', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#field-password-problem')).toHaveText('Use at least 10 characters.');
  await page.getByLabel('New password (leave empty to keep)', { exact: true }).fill('welcome to pishro');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: email })).toContainText('Tehran Sales');

  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await repPage.goto('/signin');
  await repPage.getByLabel('Email', { exact: true }).fill(email);
  await repPage.getByLabel('Password', { exact: true }).fill('welcome to pishro');
  await repPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(repPage.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  // Every screen the rep reaches is in view (the phone's "More" sheet open): no People among them.
  await navigationLink(repPage, 'Activities');
  await expect(repPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pay' })).toBeVisible();
  await expect(repPage.getByRole('navigation').getByRole('link', { name: 'People' })).toHaveCount(0);
  await repContext.close();
});
