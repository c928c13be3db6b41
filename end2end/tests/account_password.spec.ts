// A person changes their own password from their account page (reached
// from their name): a typo in the repetition is caught at the field, and
// once changed their other device is signed out and the new password works.
import { expect, test } from './fixtures';
import { type Browser, type Page } from '@playwright/test';
import { signIn, uniquePersonName } from './helpers';

async function addRep(browser: Browser, email: string, name: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signIn(admin, 'admin@pishro.local');
  await admin.goto('/people/new');
  await admin.getByLabel('Display name', { exact: true }).fill(name);
  await admin.getByLabel('Email', { exact: true }).fill(email);
  await admin.getByLabel('Role', { exact: true }).selectOption('rep');
  await admin.getByLabel('Team', { exact: true }).selectOption({ label: 'Tehran Sales' });
  await admin.getByLabel('New password (leave empty to keep)', { exact: true }).fill('first password 1');
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await context.close();
}

async function signInWith(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a rep changes their password: other devices are signed out, the new one signs in', { tag: '@desktop-only' }, async ({ page, browser }) => {
  const email = `changer.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@pishro.local`;
  const name = uniquePersonName('Changing Rep');
  await addRep(browser, email, name);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInWith(other, email, 'first password 1');
  await expect(other.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();

  await signInWith(page, email, 'first password 1');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  // Their name leads to their account (in the "More" sheet on a phone).
  const navigation = page.getByRole('navigation', { name: 'Main' });
  let account = page.getByRole('banner').getByRole('link', { name, exact: true });
  if (!(await account.isVisible())) {
    await navigation.getByRole('button', { name: 'More' }).click();
    account = navigation.getByRole('link', { name, exact: true });
  }
  await account.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  await page.getByLabel('Current password', { exact: true }).fill('first password 1');
  await page.getByLabel('New password', { exact: true }).fill('second password 2');
  await page.getByLabel('New password again', { exact: true }).fill('second password 3');
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
  await expect(page.locator('#field-repeated_password-problem')).toHaveText('The two new passwords differ. Type the same one twice.');
  await page.getByLabel('Current password', { exact: true }).fill('not my password');
  await page.getByLabel('New password again', { exact: true }).fill('second password 2');
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
  await expect(page.locator('#field-current_password-problem')).toHaveText('That is not your current password.');
  await page.getByLabel('Current password', { exact: true }).fill('first password 1');
  await page.getByRole('button', { name: 'Change password', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed. Your other devices are signed out.' })).toBeVisible();
  await expect(page.getByLabel('Current password', { exact: true })).toHaveValue('');

  // This device carries on; the other one is sent to sign in.
  await page.goto('/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await other.goto('/leads');
  await expect(other.getByRole('heading', { level: 1, name: 'Sign in to Pishro' })).toBeVisible();
  await signInWith(other, email, 'first password 1');
  await expect(other.getByRole('alert')).toContainText('The e-mail or password is not right.');
  await signInWith(other, email, 'second password 2');
  await expect(other.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await otherContext.close();
});
