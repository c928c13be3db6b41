import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'pishro-demo';

/** Signs in through the real sign-in form and waits for the home screen:
 * "My day" for a rep, the dashboard for a manager. */
export async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^(My day|Dashboard)$/ })).toBeVisible();
}

/** A name no other test run uses, so tests never see each other's leads. */
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Opens a screen from the main navigation (the names are the nav's labels). */
export async function openFromNavigation(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The always-visible sync bar. */
export function syncBar(page: Page) {
  return page.getByRole('region', { name: 'Sync status' });
}

/** Waits until this page has synced and has nothing waiting to send. */
export async function waitForSync(page: Page, timeout = 20_000) {
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout });
  await expect(syncBar(page)).not.toContainText('Last sync: not yet', { timeout });
}

/** Creates a lead through the real form; returns its page URL. */
export async function createLead(page: Page, name: string, details: { phone?: string; value?: string } = {}) {
  await openFromNavigation(page, 'Leads');
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New lead' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  if (details.phone) await page.getByLabel('Phone', { exact: true }).fill(details.phone);
  await page.getByLabel('Estimated value', { exact: true }).fill(details.value ?? '1000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit lead' })).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Logs an activity on the lead whose page is open; returns to that page. */
export async function logActivityOnLead(page: Page, kind: string, notes: string) {
  const leadUrl = page.url();
  // The lead's quick action picks the kind: one tap less.
  await page.getByRole('navigation', { name: 'Log quickly' }).getByRole('link', { name: `Log ${kind}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log activity' })).toBeVisible();
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue(kind);
  await page.getByLabel('Notes', { exact: true }).fill(notes);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(page.getByText(notes)).toBeVisible();
}
