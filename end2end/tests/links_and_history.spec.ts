// Moving about the app (its own router, `app/src/routing.rs`): links open
// screens without reloading the page, the back and forward buttons go
// between screens and between two leads, a query (`?report=`) picks what a
// screen shows, an unknown address says so, and a signed-out visit is sent
// to sign-in in place of the address it asked for.
import { expect, test } from './fixtures';
import { navigationLink, signIn } from './helpers';

test('links open screens in the same page; back and forward go between screens and leads', { tag: '@phone-only' }, async ({ page }) => {
  await signIn(page, 'rep1@pishro.local');
  // A reload would lose this mark: every move below must keep it.
  await page.evaluate(() => { (window as unknown as { samePage: boolean }).samePage = true; });
  const samePage = () => page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage === true);

  await (await navigationLink(page, 'Leads')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByRole('link', { name: 'Leads', exact: true }).first()).toHaveAttribute('aria-current', 'page');

  // Two leads, one after the other: the same screen follows its address.
  const leads = page.getByRole('main').getByRole('listitem').getByRole('link');
  await expect(leads.nth(1)).toBeVisible();
  const first = (await leads.nth(0).innerText()).split('\n')[0].trim();
  const second = (await leads.nth(1).innerText()).split('\n')[0].trim();
  await leads.nth(0).click();
  await expect(page.getByRole('heading', { level: 1, name: first, exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  const firstUrl = page.url();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await leads.nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: second, exact: true })).toBeVisible();
  const secondUrl = page.url();
  expect(secondUrl).not.toBe(firstUrl);
  await page.goto(firstUrl);
  await expect(page.getByRole('heading', { level: 1, name: first, exact: true })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: second, exact: true })).toBeVisible();
  await expect(page).toHaveURL(secondUrl);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: first, exact: true })).toBeVisible();

  // Back from a fetched screen to My day, then forward again.
  await (await navigationLink(page, 'My day')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await page.evaluate(() => { (window as unknown as { samePage: boolean }).samePage = true; });
  await (await navigationLink(page, 'Pipeline')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await expect(page).toHaveURL(/\/today$/);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
  expect(await samePage()).toBe(true);

  // An address that is no screen says so, and its link goes home.
  await page.goto('/nowhere/at-all');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('a report chosen in the query, and a signed-out visit sent to sign-in in its place', { tag: '@phone-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await page.goto('/reports?report=tactics');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByLabel('Report', { exact: true })).toHaveValue('tactics');
  await page.getByLabel('Report', { exact: true }).selectOption('pipeline');
  await expect(page).toHaveURL(/\/reports\?report=pipeline$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/reports\?report=tactics$/);
  await expect(page.getByLabel('Report', { exact: true })).toHaveValue('tactics');

  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  // Going back above left an entry ahead of the report. Had the visit to
  // /signin below been made in place of the current entry (as a browser
  // makes a visit to the address already shown), that entry would still
  // be there for the next address to cut, and the count below would come
  // out one short (a phone run once saw 4 for 5; the cause is argued, not
  // reproduced). Leaving the app first makes every entry below a fresh
  // one at the end of the history.
  await page.goto('about:blank');
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  await page.goto('/today');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  // Sent in place of /today: one new history entry, not two, so going
  // back does not bounce through /today to sign-in again.
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
});
