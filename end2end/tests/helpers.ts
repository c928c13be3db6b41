import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'pishro-demo';

/** Signs in through the real sign-in form and waits for the home screen:
 * "My day" for a rep, the dashboard for a manager (in Persian for rep2). */
export async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The first screen after sign-in waits for the app's start on top of the
  // answer: 3 s alone, 6 s with both projects' browsers and the debug server
  // sharing two cores, so 10 s (the default) left little room (one CI run
  // in session 31 ran out of it and passed on retry).
  await expect(page.getByRole('heading', { level: 1, name: /^(My day|Dashboard|روز من|داشبورد)$/ })).toBeVisible({ timeout: 20_000 });
}

/** A name no other test run uses, so tests never see each other's leads. */
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** A unique person's name with letters only: people appear in the Persian
 * reports, whose tests check that no Latin digit is left on the screen. */
export function uniquePersonName(prefix: string) {
  return uniqueName(prefix).replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)]);
}

/** The main navigation's link to a screen. On a phone the screens beyond
 * the role's four tabs are in the "More" sheet: this opens it when needed. */
export async function navigationLink(page: Page, name: string | RegExp) {
  const navigation = page.getByRole('navigation', { name: /^(Main|اصلی)$/ });
  const link = navigation.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) {
    await navigation.getByRole('button', { name: /^(More|بیشتر)$/ }).click();
  }
  await expect(link).toBeVisible();
  return link;
}

/** Opens a screen from the main navigation (the names are the nav's labels). */
export async function openFromNavigation(page: Page, name: string) {
  await (await navigationLink(page, name)).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The top bar's compact sync state (online or offline, changes waiting). */
export function syncIndicator(page: Page) {
  return page.getByRole('button', { name: /^(Sync status:|وضعیت همگام‌سازی:)/ });
}

/** The full sync panel, opened from the indicator when it is closed. */
export async function openSyncPanel(page: Page) {
  const panel = page.getByRole('region', { name: /^(Sync status|وضعیت همگام‌سازی)$/ });
  if (!(await panel.isVisible())) await syncIndicator(page).click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Asks for a sync now, from the sync panel. */
export async function syncNow(page: Page) {
  const panel = await openSyncPanel(page);
  await panel.getByRole('button', { name: /^(Sync now|همگام‌سازی اکنون)$/ }).click();
}

/** Signs out from the top bar, or on a phone from the "More" sheet. */
export async function signOut(page: Page) {
  const button = page.getByRole('button', { name: /^(Sign out|خروج)$/ });
  if (!(await button.isVisible())) {
    await page.getByRole('navigation', { name: /^(Main|اصلی)$/ }).getByRole('button', { name: /^(More|بیشتر)$/ }).click();
  }
  await button.click();
}

/** Waits until the app has taken over from a screen the server drew on a
 * first visit (server/src/first_screen.rs): that drawing shows the synced
 * state, but what the app keeps on the device exists only from then on. */
export async function appStarted(page: Page, timeout = 20_000) {
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout });
}

/** Waits until this page has synced and has nothing waiting to send. */
export async function waitForSync(page: Page, timeout = 20_000) {
  await appStarted(page, timeout);
  await expect(page.getByTestId('pending-count')).toHaveText(/^[0۰]$/, { timeout });
  await expect(syncIndicator(page)).not.toContainText(/Not synced yet|هنوز همگام نشده/, { timeout });
}

/**
 * Takes the network away once the app has loaded every screen's code (it
 * does so soon after sign-in), as a rep's phone that loses its signal would.
 */
export async function goOffline(...pages: Page[]) {
  for (const page of pages) {
    await page.waitForSelector('html[data-screens-stored="true"]', { state: 'attached', timeout: 20_000 });
  }
  await pages[0].context().setOffline(true);
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
  // A saved lead's page is titled with its name; its form opens with "Edit".
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Opens the form of the lead whose page is open (a lead opens as its summary). */
export async function editLead(page: Page) {
  const edit = page.getByRole('button', { name: /^(Edit|ویرایش)$/ });
  if ((await edit.getAttribute('aria-expanded')) !== 'true') await edit.click();
  await expect(edit).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel(/^(Name|نام)$/)).toBeVisible();
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

/** Checks who is signed in, where the page shows it: the top bar on a wide
 * screen, the "More" sheet on a phone (which this closes again). */
export async function expectSignedInAs(page: Page, name: string) {
  const inTopBar = page.getByRole('banner').getByText(name, { exact: true }).filter({ visible: true });
  if ((await inTopBar.count()) > 0) {
    await expect(inTopBar).toHaveText(name);
    return;
  }
  const navigation = page.getByRole('navigation', { name: /^(Main|اصلی)$/ });
  await navigation.getByRole('button', { name: /^(More|بیشتر)$/ }).click();
  await expect(navigation.getByText(new RegExp(`^(Signed in as|واردشده با نام) ${name}$`))).toBeVisible();
  await page.keyboard.press('Escape');
}

/** Switches the language with the top bar's button, signed in, and waits
 * until the server has the choice: it is the person's own setting, which
 * the next sign-in (often another test's) opens in. */
export async function switchLanguage(page: Page, name: 'English' | 'فارسی') {
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/auth/locale'));
  await page.getByRole('button', { name, exact: true }).click();
  expect((await saved).ok()).toBe(true);
}
