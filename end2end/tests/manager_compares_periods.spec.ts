// The Reports screen: this period against the one before and the same one a
// year earlier, for the team and each rep; a deal won now shows in this
// month's row; the CSV holds exactly the rows the screen shows; in Persian
// the periods are Jalali months with Persian digits.
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { createLead, editLead, logActivityOnLead, openFromNavigation, signIn, uniqueName, waitForSync, goOffline, switchLanguage } from './helpers';

function table(page: Page, subject: string) {
  return page.getByRole('table', { name: subject, exact: true });
}

/** Reads a table's body as rows of cell texts. */
async function rowsOf(page: Page, subject: string) {
  return table(page, subject).locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

test('a manager compares this month with the last and a year ago, and downloads what the screen shows', { tag: '@desktop-only' }, async ({ page, browser }) => {
  await signIn(page, 'manager@pishro.local');
  await openFromNavigation(page, 'Reports');
  await expect(page.getByRole('heading', { level: 2, name: 'Month over month and year over year' })).toBeVisible();
  const team = table(page, 'Tehran Sales');
  await expect(team).toBeVisible();
  const dealsBefore = Number(((await team.locator('tr[data-metric="deals_won"] td').first().innerText()) || '0').replace(/\D/g, ''));

  // Sara wins a deal; the open report counts it in this month without a reload.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, 'rep1@pishro.local');
  await createLead(rep, uniqueName('Report deal'), { value: '900' });
  await editLead(rep);
  await rep.getByLabel('Stage', { exact: true }).selectOption('won');
  await rep.getByLabel('Won amount', { exact: true }).fill('900');
  await rep.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForSync(rep);
  await repContext.close();
  // Live: the open report asks again on its own, no reload.
  await expect(page.getByTestId('reports-live')).toHaveText('Live: updates as reps sync');
  await expect(team.locator('tr[data-metric="deals_won"] td').first()).toHaveText(String(dealsBefore + 1));
  // Every line says how it changed: an arrow with a percentage, or a dash with nothing before.
  for (const change of await team.locator('tbody td:nth-child(4)').allInnerTexts()) {
    expect(change).toMatch(/^(▲ \d+%|▼ \d+%|0%|—)$/);
  }

  // Only Sara's figures: one table, and the CSV has exactly its rows.
  await page.getByLabel('Whose figures', { exact: true }).selectOption({ label: 'Sara Rep' });
  await expect(page.getByRole('table')).toHaveCount(1);
  const shown = await rowsOf(page, 'Sara Rep');
  const href = decodeURIComponent((await page.getByRole('link', { name: 'Download CSV', exact: true }).getAttribute('href')) ?? '');
  const csv = href.replace(/^data:text\/csv;charset=utf-8,/, '').trim().split('\r\n');
  expect(csv[0]).toBe('subject,metric,currency,period_start,period_end,current,previous,change_vs_previous_percent,year_ago,change_vs_year_ago_percent');
  expect(csv.length - 1).toBe(shown.length);
  expect(csv.slice(1).every((line) => line.startsWith('Sara Rep,'))).toBe(true);
  const deals = csv.find((line) => line.includes(',deals_won,'))?.split(',');
  const dealsRow = shown.find((row) => row[0] === 'Deals won');
  expect(deals?.[5]).toBe(dealsRow?.[1]);
  expect(deals?.[6]).toBe(dealsRow?.[2]);

  // A quarter in the same calendar.
  await page.getByLabel('Compare by', { exact: true }).selectOption('quarter');
  await expect(page.getByLabel('Period', { exact: true }).locator('option').first()).toHaveText(/^Q[1-4] \d{4}$/);
});

test('in Persian the report compares Jalali months in Persian digits', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await switchLanguage(page, 'فارسی');
  try {
    await page.getByRole('navigation').getByRole('link', { name: 'گزارش‌ها' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'گزارش‌ها' })).toBeVisible();
    const months = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
    const parts = new Intl.DateTimeFormat('en-u-ca-persian', { year: 'numeric', month: 'numeric', timeZone: 'UTC' }).formatToParts(new Date());
    const month = Number(parts.find((item) => item.type === 'month')?.value);
    await expect(page.getByLabel('دوره', { exact: true }).locator('option').first()).toContainText(months[month - 1]);
    const team = table(page, 'Tehran Sales');
    await expect(team).toBeVisible();
    expect(await team.locator('tbody').innerText()).not.toMatch(/[0-9]/);
  } finally {
    await switchLanguage(page, 'English');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  }
});

test("a rep's report adds their unsynced work, marked as such, until it syncs", { tag: '@desktop-only' }, async ({ page, context }) => {
  await signIn(page, 'rep1@pishro.local');
  // Reps reach their own report by its address (the nav is a manager's).
  await page.goto('/reports');
  const mine = table(page, 'Sara Rep');
  await expect(mine).toBeVisible();
  const calls = mine.locator('tr[data-metric="calls"] td').first();
  const callsBefore = Number((await calls.innerText()).replace(/\D/g, '') || '0');
  await expect(page.getByTestId('report-unsynced')).toHaveCount(0);

  // Offline: a lead and a call wait in the outbox.
  await goOffline(page);
  await createLead(page, uniqueName('Unsynced call'));
  await logActivityOnLead(page, 'call', uniqueName('Offline call'));
  // The service worker serves the app offline; the report is the one kept.
  await page.goto('/reports');
  await expect(page.getByTestId('report-unsynced')).toHaveText(/^2 changes on this device are not synced yet/);
  await expect(mine.getByRole('columnheader', { name: 'With your unsynced work' })).toBeVisible();
  // The server's figure stands; the marked column adds the call.
  await expect(calls).toHaveText(String(callsBefore));
  await expect(mine.locator('tr[data-metric="calls"] td.unsynced')).toHaveText(String(callsBefore + 1));

  // Back online: synced, the marker goes and the server counts the call.
  await context.setOffline(false);
  await waitForSync(page);
  await expect(page.getByTestId('report-unsynced')).toHaveCount(0);
  await expect(calls).toHaveText(String(callsBefore + 1));
});
