// How fast the rep's workspace is with a full local cache: the rep's cache
// is filled with as many synthetic leads (4 activities each, spread over all
// stages) as localStorage holds; then the lead list is opened from the
// navigation and searched on a keystroke, the pipeline board is opened, and
// My day is opened, each timed inside the page (performance.now() until the
// screen has changed and a frame was painted). The list builds 50 cards at
// a time, the board 20 per column. Desktop size, then 4x CPU throttling.
import { expect, test, type Page } from '@playwright/test';
import { openFromNavigation, signIn, waitForSync } from '../tests/helpers';

async function fillCache(page: Page): Promise<number> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.startsWith('pishro.sync.') && name.endsWith('.cache'))!;
    const cache = JSON.parse(localStorage.getItem(key)!);
    const leadTemplate = Object.values(cache.leads)[0] as Record<string, unknown>;
    const activityTemplate = Object.values(cache.activities)[0] as Record<string, unknown>;
    const build = (count: number) => {
      const leads: Record<string, unknown> = { ...cache.leads };
      const activities: Record<string, unknown> = { ...cache.activities };
      for (let index = 0; index < count; index += 1) {
        const id = crypto.randomUUID();
        // Spread over every stage, so the board has full columns.
        const stage = ['new', 'contacted', 'qualified', 'proposal', 'negotiation', 'won', 'lost'][index % 7];
        const value = ((index * 7919) % 100000) * 100;
        leads[id] = {
          ...leadTemplate, id, name: `Bench lead ${index}`, phone: `0912${String(index).padStart(7, '0')}`, estimated_value: value,
          stage, won_amount: stage === 'won' ? value : null, lost_reason: stage === 'lost' ? 'Price' : '',
          closed_at: stage === 'won' || stage === 'lost' ? leadTemplate.updated_at : null,
        };
        for (let step = 0; step < 4; step += 1) {
          const activityId = crypto.randomUUID();
          activities[activityId] = { ...activityTemplate, id: activityId, lead_id: id, lead_name: null };
        }
      }
      return JSON.stringify({ ...cache, leads, activities });
    };
    let low = 0;
    let high = 6000;
    while (low < high) {
      const count = Math.ceil((low + high) / 2);
      try {
        localStorage.setItem(key, build(count));
        low = count;
      } catch {
        high = count - 1;
      }
    }
    localStorage.setItem(key, build(low));
    return low;
  });
}

/** Runs `act` in the page and times it until `done()` holds after a frame. */
async function timeInPage(page: Page, act: string, done: string): Promise<number> {
  return page.evaluate(
    ([actSource, doneSource]) =>
      new Promise<number>((resolve) => {
        const act = new Function(actSource);
        const done = new Function(`return (${doneSource});`);
        const started = performance.now();
        act();
        const check = () => {
          if (done()) requestAnimationFrame(() => resolve(performance.now() - started));
          else requestAnimationFrame(check);
        };
        check();
      }),
    [act, done],
  );
}

test('lead list speed with a full local cache', async ({ page }) => {
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  const added = await fillCache(page);
  const report: Record<string, unknown> = { syntheticLeads: added, syntheticActivities: added * 4 };
  const cdp = await page.context().newCDPSession(page);
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: /^(My day|Dashboard)$/ })).toBeVisible({ timeout: 60_000 });
    const cards = 'document.querySelectorAll("ul.cards > li").length';
    const open = await timeInPage(
      page,
      'document.querySelector(\'nav a[href="/leads"]\').click()',
      `${cards} >= 50`,
    );
    const total = await page.getByRole('status').filter({ hasText: 'shown' }).textContent();
    const search = page.getByRole('searchbox', { name: 'Search leads' });
    await expect(search).toBeVisible();
    const keystroke = await timeInPage(
      page,
      `const input = document.getElementById("lead-search"); input.value = "Bench lead 123"; input.dispatchEvent(new Event("input", { bubbles: true }));`,
      `${cards} > 0 && ${cards} < 20`,
    );
    const clear = await timeInPage(
      page,
      `const input = document.getElementById("lead-search"); input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true }));`,
      `${cards} >= 50`,
    );
    const board = await timeInPage(
      page,
      'document.querySelector(\'nav a[href="/pipeline"]\').click()',
      'document.querySelectorAll(".board-column").length === 7 && document.querySelectorAll(".board-card").length >= 7 * 20',
    );
    const boardCards = await page.locator('.board-card').count();
    const myDay = await timeInPage(
      page,
      'document.querySelector(\'nav a[href="/today"]\').click()',
      'document.getElementById("day-cold") !== null',
    );
    report[`cpu${rate}x`] = {
      listStatus: total,
      openListMs: Math.round(open),
      searchKeystrokeMs: Math.round(keystroke),
      clearSearchMs: Math.round(clear),
      openBoardMs: Math.round(board),
      boardCardsBuilt: boardCards,
      openMyDayMs: Math.round(myDay),
    };
    await openFromNavigation(page, 'Dashboard');
  }
  console.log(`lead list speed: ${JSON.stringify(report, null, 2)}`);
});
