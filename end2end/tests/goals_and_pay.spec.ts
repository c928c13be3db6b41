import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, createLead, openFromNavigation, signIn, uniqueName, waitForSync } from './helpers';

/** A team of its own per run (made by the admin through the real API), so
 * the phone and desktop runs never share a plan or a quota. */
async function freshTeam(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const request = context.request;
  const signedIn = await request.post('/api/auth/sign_in', {
    data: { email: 'admin@pishro.local', password: DEMO_PASSWORD },
  });
  expect(signedIn.ok()).toBeTruthy();
  const tag = uniqueName('t').replace(/\W+/g, '').toLowerCase();
  const teamId = crypto.randomUUID();
  const team = await request.post('/api/teams/save', {
    data: { draft: { id: teamId, name: `Pay team ${tag}`, manager_id: null } },
  });
  expect(team.ok(), await team.text()).toBeTruthy();
  const person = async (role: string, name: string) => {
    const email = `${role}.${tag}@pishro.local`;
    const saved = await request.post('/api/people/save', {
      data: {
        draft: {
          id: crypto.randomUUID(), email, display_name: name, role, team_id: teamId,
          locale: 'en', active: true, password: DEMO_PASSWORD,
        },
      },
    });
    expect(saved.ok(), await saved.text()).toBeTruthy();
    return email;
  };
  const managerEmail = await person('manager', `Mina ${tag}`);
  const repName = `Reza ${tag}`;
  const repEmail = await person('rep', repName);
  await context.close();
  return { managerEmail, repEmail, repName };
}

async function newPage(browser: Browser, baseURL: string, viewport: { width: number; height: number } | null) {
  const context = await browser.newContext({ baseURL, viewport: viewport ?? undefined });
  return { context, page: await context.newPage() };
}

test('a manager sets a revenue goal and a plan; the rep wins offline and sees progress and pay at once; the manager sees the same after sync', async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  const { managerEmail, repEmail, repName } = await freshTeam(browser, baseURL!);
  const manager = await newPage(browser, baseURL!, viewport);
  const rep = await newPage(browser, baseURL!, viewport);

  // The manager: a monthly revenue goal of 2,000 USD for the rep...
  let page: Page = manager.page;
  await signIn(page, managerEmail);
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await page.getByLabel('Goal for', { exact: true }).selectOption('rep');
  await page.getByLabel('Rep or team', { exact: true }).selectOption({ label: repName });
  await page.getByLabel('Metric', { exact: true }).selectOption('revenue_won');
  await page.getByLabel('Target', { exact: true }).fill('2,000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  await expect(page.getByTestId('goal-progress')).toHaveText('0 USD / 2,000 USD (0%)');
  // ...and a plan: 5% on new customers, 8% above quota, a 500 bonus.
  await openFromNavigation(page, 'Pay');
  await page.getByLabel('Rate on new customers (%)', { exact: true }).fill('5');
  await page.getByLabel('Rate on existing customers (%)', { exact: true }).fill('2');
  await page.getByLabel('Higher rates above this share of quota (%)', { exact: true }).fill('100');
  await page.getByLabel('Higher rate on new customers (%)', { exact: true }).fill('8');
  await page.getByLabel('Higher rate on existing customers (%)', { exact: true }).fill('3');
  await page.getByLabel('Bonus for beating the monthly target', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText("Plan saved. It reaches every rep's device with the next sync.")).toBeVisible();

  // The rep syncs once, then works offline.
  page = rep.page;
  await signIn(page, repEmail);
  await waitForSync(page);
  // A rep may not set pay: the server refuses, whatever the screen shows.
  const refused = await rep.context.request.post('/api/pay/save_plan', {
    data: { draft: { id: crypto.randomUUID(), effective_from: '2026-01-01', effective_to: '', new_customer_rate: '50',
      existing_customer_rate: '50', tiers: [], rep_bonus: '', team_bonus: '', bonus_currency: '' } },
  });
  expect(refused.status()).toBe(403);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pay' })).toBeVisible();
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-total')).toHaveText('0 USD');
  await rep.context.setOffline(true);
  const leadName = uniqueName('Pay deal');
  await createLead(page, leadName, { value: '1400' });
  await expect(page.getByTestId('closing-pays')).toHaveText('Closing this at 1,400 USD pays 70 USD');
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('1,400');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('closing-pays')).toHaveCount(0);
  // Progress and pay move at once, offline, marked as not yet synced.
  await openFromNavigation(page, 'Goals');
  await expect(page.getByTestId('goal-progress')).toHaveText('1,400 USD / 2,000 USD (70%)');
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-total')).toHaveText('70 USD');
  await expect(page.getByText('Includes changes not yet synced')).toBeVisible();
  await expect(page.getByText(/Bonus for reaching your monthly target: 500 USD · 600 USD to go/)).toBeVisible();
  // A second deal crosses the quota: 600 at 5%, 400 above it at 8%, and the bonus.
  await createLead(page, uniqueName('Pay deal two'), { value: '1000' });
  await expect(page.getByTestId('closing-pays')).toHaveText('Closing this at 1,000 USD pays 62 USD');
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('1000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-commission')).toHaveText('Commission: 132 USD');
  await expect(page.getByTestId('earned-total')).toHaveText('632 USD');

  // Back online: the manager sees the same numbers from the server.
  await rep.context.setOffline(false);
  await waitForSync(page);
  await expect(page.getByText('Includes changes not yet synced')).toHaveCount(0);
  page = manager.page;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(repName) });
  await expect(row.getByRole('cell')).toHaveText(['2', '2,400 USD', '132 USD', '500 USD', '632 USD']);
  const download = page.getByRole('link', { name: 'Download CSV', exact: true });
  const href = decodeURIComponent((await download.getAttribute('href')) ?? '');
  expect(href).toContain(`${repName},`);
  expect(href).toMatch(/,USD,2,2400,132,500,632\r\n/);
  await openFromNavigation(page, 'Goals');
  await expect(page.getByTestId('goal-progress')).toHaveText('2,400 USD / 2,000 USD (120%)');

  // Kudos: the manager thanks the rep; the rep reads it on the team feed.
  await openFromNavigation(page, 'Pay');
  await page.getByLabel('To', { exact: true }).selectOption({ label: repName });
  await page.getByLabel('Message', { exact: true }).fill('Two deals in one day!');
  await page.getByRole('button', { name: 'Save', exact: true }).last().click();
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText('Two deals in one day!');
  page = rep.page;
  await page.getByRole('button', { name: 'Sync now', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText('Two deals in one day!');

  await manager.context.close();
  await rep.context.close();
});
