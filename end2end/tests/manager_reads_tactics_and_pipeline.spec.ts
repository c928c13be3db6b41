// The tactic and pipeline reports: Sara wins the leads her personalised
// e-mails touched and none of those her cold calls touched; the manager's
// tactic report ranks personalised e-mail above cold call, says so in a
// sentence, and its CSV has the rows the screen shows. The pipeline report
// lists stale deals with one tap to log an activity on each, the forecast
// and the funnel; in Persian the figures are in Persian digits.
import { expect, test } from './fixtures';
import { type Page, type APIRequestContext } from '@playwright/test';
import { signIn, uniqueName, switchLanguage } from './helpers';

function newId() {
  return crypto.randomUUID();
}

async function saveLead(request: APIRequestContext, id: string, name: string, stage: string) {
  const today = new Date().toISOString().slice(0, 10);
  const draft = {
    id, owner_id: null, name, company: 'Tile Co', phone: '', email: '', source: 'website', stage,
    estimated_value: '500', currency: 'USD', customer_kind: 'new',
    won_amount: stage === 'won' ? '500' : '', lost_reason: '', closed_on: stage === 'won' ? today : '',
  };
  const answer = await request.post('/api/leads/save', { data: { draft } });
  expect(answer.status(), await answer.text()).toBe(200);
}

async function logActivity(request: APIRequestContext, leadId: string, kind: string, tactic: string) {
  const draft = {
    id: newId(), lead_id: leadId, kind, tactic, outcome: '', notes: '',
    when: new Date(Date.now() - 60 * 60 * 1000).toISOString(), duration_minutes: '', done: false,
  };
  const answer = await request.post('/api/activities/save', { data: { draft } });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** The won share in a tactic row's "Won" cell ("2 (40%)" → 40), -1 for none. */
async function wonShare(page: Page, tactic: string) {
  const text = await page.locator(`#tactics-by-tactic tr[data-approach="${tactic}"] td`).nth(3).innerText();
  const match = text.match(/\((\d+)%\)/);
  return match ? Number(match[1]) : -1;
}

async function openReport(page: Page, report: string) {
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByLabel('Report', { exact: true }).selectOption({ label: report });
  await expect(page.getByRole('heading', { level: 2, name: report })).toBeVisible();
}

test('personalised e-mails that win rank above cold calls, with stale deals and a forecast', { tag: '@phone-only' }, async ({ page, browser }) => {
  // The work of this test, written by Sara through the server functions.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, 'rep1@pishro.local');
  for (let index = 0; index < 3; index += 1) {
    const warm = newId();
    await saveLead(rep.request, warm, uniqueName('Warm lead'), 'new');
    await logActivity(rep.request, warm, 'email', 'personalised_email');
    await saveLead(rep.request, warm, uniqueName('Warm lead won'), 'won');
    const cold = newId();
    await saveLead(rep.request, cold, uniqueName('Cold lead'), 'new');
    await logActivity(rep.request, cold, 'call', 'cold_call');
  }
  await repContext.close();

  await signIn(page, 'manager@pishro.local');
  await openReport(page, 'Which tactics work');
  const byTactic = page.getByRole('table', { name: 'By tactic', exact: true });
  await expect(byTactic.locator('tr[data-approach="personalised_email"]')).toBeVisible();
  const order = await byTactic.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-approach')));
  expect(order.indexOf('personalised_email')).toBeLessThan(order.indexOf('cold_call'));
  expect(await wonShare(page, 'personalised_email')).toBeGreaterThan(await wonShare(page, 'cold_call'));
  await expect(page.getByTestId('best-tactic')).toContainText('Personalised email won');

  // Ranked by activities instead, the table reorders on the device.
  await page.getByLabel('Rank by', { exact: true }).selectOption({ label: 'Activities' });
  const counts = await byTactic.locator('tbody tr td:nth-of-type(1)').allInnerTexts();
  const numbers = counts.map((count) => Number(count.replace(/\D/g, '')));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  // The window is one of the counted ones; a longer one keeps the ranking.
  const windowChoice = page.getByLabel('Count moves and wins within (days)', { exact: true });
  await expect(windowChoice.locator('option')).toHaveText(['7', '14', '30', '60', '90', '180']);
  await expect(windowChoice).toHaveValue('14');
  await windowChoice.selectOption('90');
  await expect(windowChoice).toHaveValue('90');
  await expect(byTactic.locator('tr[data-approach="personalised_email"]')).toBeVisible();
  await expect(page.getByTestId('best-tactic')).toContainText('Personalised email won');

  // The CSV has one row per line of the three tables.
  const shownRows = await page.locator('#tactics-by-tactic tbody tr, #tactics-by-kind tbody tr, #tactics-by-source tbody tr').count();
  const href = decodeURIComponent((await page.getByRole('link', { name: 'Download CSV', exact: true }).getAttribute('href')) ?? '');
  const csv = href.replace(/^data:text\/csv;charset=utf-8,/, '').trim().split('\r\n');
  expect(csv[0]).toBe('group,value,activities,leads_touched,moved_forward,moved_forward_percent,won,won_percent,revenue_per_100_activities');
  expect(csv.length - 1).toBe(shownRows);
  expect(csv.some((line) => line.startsWith('tactic,personalised_email,'))).toBe(true);

  // The pipeline report: stale deals with one tap to log an activity.
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Funnel, stale deals and forecast' });
  await expect(page).toHaveURL(/report=pipeline/);
  await expect(page.getByRole('table', { name: 'Funnel', exact: true }).locator('tr[data-stage="won"]')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Forecast', exact: true })).toContainText('Tehran Sales');
  const stale = page.getByRole('table', { name: 'Stale deals', exact: true });
  await expect(stale).toBeVisible();
  const firstLead = (await stale.locator('tbody tr th').first().innerText()).trim();
  await stale.getByRole('link', { name: `Log activity: ${firstLead}`, exact: true }).click();
  await expect(page).toHaveURL(/\/activities\/new\?lead=/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // No report is wider than the screen: wide tables scroll inside their box.
  await openReport(page, 'Funnel, stale deals and forecast');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('in Persian the tactic report speaks Persian with Persian digits', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await switchLanguage(page, 'فارسی');
  try {
    await page.goto('/reports?report=tactics');
    await expect(page.getByRole('heading', { level: 2, name: 'کدام روش‌ها جواب می‌دهند' })).toBeVisible();
    await page.getByLabel('دوره', { exact: true }).selectOption({ index: 1 });
    const table = page.getByRole('table', { name: 'بر اساس روش', exact: true });
    await expect(table).toBeVisible();
    expect(await table.locator('tbody').innerText()).not.toMatch(/[0-9]/);
    await page.goto('/reports?report=pipeline');
    await expect(page.getByRole('heading', { level: 3, name: 'پیش‌بینی' })).toBeVisible();
    expect(await page.getByRole('table', { name: 'پیش‌بینی', exact: true }).locator('tbody').innerText()).not.toMatch(/[0-9]/);
  } finally {
    await switchLanguage(page, 'English');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  }
});

test('the leadership summary keeps the manager note and prints on A4 without a cut table', { tag: '@phone-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await openReport(page, 'Leadership summary');
  await expect(page.getByRole('heading', { level: 4, name: 'Headline changes' })).toBeVisible();
  await expect(page.locator('#summary-headline tr[data-metric="revenue_won"]').first()).toBeVisible();
  const note = uniqueName('Nowruz push: two fairs booked');
  await page.getByLabel('Your note on this period, printed with the summary', { exact: true }).fill(note);
  await page.getByRole('button', { name: 'Save note', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Note saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Your note on this period, printed with the summary', { exact: true })).toHaveValue(note);

  // Printed: A4's printable width (210 mm less 2 × 14 mm margins ≈ 688 px).
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save note', exact: true })).toBeHidden();
  await expect(page.locator('.summary-note .print-only')).toHaveText(note);
  const cut = await page.locator('.summary-page table').evaluateAll((tables) =>
    tables.filter((table) => table.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
  expect(cut).toBe(0);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(10_000);
});

test("an admin picks the team and one of its reps on the reports", { tag: '@phone-only' }, async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill('admin@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await page.goto('/reports?report=tactics');
  await expect(page.getByRole('heading', { level: 2, name: 'Which tactics work' })).toBeVisible();
  // Other tests add teams; the demo team is picked by name.
  const team = page.getByLabel('Team', { exact: true });
  await expect(team.locator('option', { hasText: 'Tehran Sales' })).toHaveCount(1);
  await team.selectOption({ label: 'Tehran Sales' });
  await expect(team.locator('option:checked')).toHaveText('Tehran Sales');
  await page.getByLabel('Whose figures', { exact: true }).selectOption({ label: 'Sara Rep' });
  await expect(page.getByRole('table', { name: 'By tactic', exact: true })).toBeVisible();
  // The summary is the admin's to read (and to annotate) for that team too.
  await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Leadership summary' });
  await expect(page.locator('.summary-title')).toContainText('Tehran Sales');
});
