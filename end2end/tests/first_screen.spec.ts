import { expect, test } from './fixtures';
import { type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appStarted, createLead, DEMO_PASSWORD, openSyncPanel, syncNow, uniqueName, uniquePersonName, waitForSync } from './helpers';

// A first visit gets its screen drawn by the server (issue 13): it shows
// before the app's code has arrived, the app then takes over without
// moving anything, and nothing typed or tapped meanwhile is lost.

/** Signs in without the form (a session cookie in the context), so the
 * next visit is a signed-in first visit. */
async function signInByRequest(context: BrowserContext, email: string) {
  const signedIn = await context.request.post('/api/auth/sign_in', {
    data: { email, password: DEMO_PASSWORD },
    headers: { 'x-pishro-client': '1' },
  });
  expect(signedIn.ok()).toBeTruthy();
}

/** Holds the app's main module back until the returned function is called. */
async function holdTheApp(page: Page) {
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/pkg/frontend_bg.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Sums every layout shift the page has had (none must come from the swap). */
async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

test('a signed-in first visit shows the screen before the app arrives, then the app takes over in place', async ({ page, context }) => {
  await signInByRequest(context, 'rep1@pishro.local');
  await watchShifts(page);
  const release = await holdTheApp(page);
  await page.goto('/leads');
  // Drawn by the server: the heading and the rep's own leads, with no app yet.
  const drawn = page.locator('#first-screen');
  await expect(drawn).toBeAttached();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  const firstLead = page.getByRole('main').getByRole('link', { name: 'Sara Ahmadi', exact: true }).first();
  await expect(firstLead).toBeVisible();
  const before = await firstLead.boundingBox();
  await expect(page.locator('#app')).not.toBeAttached();

  release();
  await expect(drawn).not.toBeAttached({ timeout: 20_000 });
  await expect(page.locator('#app')).toBeAttached();
  // The same screen, in the same place, now the app's.
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toHaveCount(1);
  await expect(firstLead).toBeVisible();
  const after = await firstLead.boundingBox();
  expect(after?.y).toBeCloseTo(before?.y ?? -1, 0);
  expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBeLessThan(0.01);
  // And it works as the app: a lead opens without a new page.
  await page.evaluate(() => { (window as unknown as { samePage: boolean }).samePage = true; });
  await firstLead.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sara Ahmadi' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
});

test('a drawn first visit hands the wasm to the compiler in slices of 64 KB, every byte of it', { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'rep1@pishro.local');
  await page.goto('/today');
  await appStarted(page);
  const fed = await page.evaluate(async () => {
    const feed = (window as unknown as { pishroInSlices: (response: Promise<Response>) => Promise<Response> }).pishroInSlices;
    const whole = new Uint8Array(await (await fetch('/pkg/frontend_bg.wasm')).arrayBuffer());
    const sliced = await feed(fetch('/pkg/frontend_bg.wasm'));
    const reader = sliced.body!.getReader();
    const sizes: number[] = [];
    const received: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sizes.push(value.length);
      received.push(value);
    }
    const joined = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
    let at = 0;
    for (const part of received) { joined.set(part, at); at += part.length; }
    const same = joined.length === whole.length && joined.every((byte, index) => byte === whole[index]);
    const compiles = await WebAssembly.compileStreaming(feed(fetch('/pkg/frontend_bg.wasm'))).then(() => true, () => false);
    return { length: whole.length, sizes, same, type: sliced.headers.get('content-type'), compiles };
  });
  expect(fed.same).toBe(true);
  expect(fed.type).toBe('application/wasm');
  expect(fed.compiles).toBe(true);
  expect(Math.max(...fed.sizes)).toBeLessThanOrEqual(64 * 1024);
  expect(fed.sizes.length).toBeGreaterThanOrEqual(Math.ceil(fed.length / (64 * 1024)));
});

test('a plain page (no drawn screen) hands the wasm over as it comes', { tag: '@desktop-only' }, async ({ page }) => {
  // Nobody is signed in: the server sends the plain page, and the app
  // itself goes on to the sign-in form.
  await page.goto('/leads');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const untouched = await page.evaluate(() => {
    const given = Promise.resolve(new Response('x'));
    const feed = (window as unknown as { pishroInSlices: (response: Promise<Response>) => unknown }).pishroInSlices;
    return document.documentElement.hasAttribute('data-drawn') ? 'drawn' : feed(given) === given;
  });
  expect(untouched).toBe(true);
});

test('what is typed and tapped before the app arrives is kept, and no password goes into an address', { tag: '@desktop-only' }, async ({ page }) => {
  const release = await holdTheApp(page);
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));
  await page.goto('/signin');
  await expect(page.locator('#first-screen')).toBeAttached();
  await page.getByLabel('Email', { exact: true }).fill('rep1@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Held, not sent as a plain form: still on the sign-in page.
  await page.waitForTimeout(300);
  expect(new URL(page.url()).pathname).toBe('/signin');
  expect(page.url()).not.toContain('password');

  release();
  // The app takes the typed fields and the held tap: the rep is signed in.
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#first-screen')).not.toBeAttached();
  expect(addresses.filter((address) => address.includes(DEMO_PASSWORD))).toEqual([]);
});

// The swap can come between a finger going down on a drawn button and
// coming up: the browser then clicks nothing, since the button it was
// pressed on has left the page. The sign-in in the test command's first
// `signIn` was lost so now and then (session 38).
test('a tap pressed on the drawn screen and lifted once the app has taken over still counts', { tag: '@desktop-only' }, async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('/signin');
  await expect(page.locator('#first-screen')).toBeAttached();
  await page.getByLabel('Email', { exact: true }).fill('rep1@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  const button = await page.getByRole('button', { name: 'Sign in', exact: true }).boundingBox();
  expect(button).not.toBeNull();
  await page.mouse.move(button!.x + button!.width / 2, button!.y + button!.height / 2);
  await page.mouse.down();
  release();
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
  await page.mouse.up();
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible({ timeout: 20_000 });
});

test('a press lifted away from what was pressed, after the app has taken over, taps nothing', { tag: '@desktop-only' }, async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('/signin');
  await expect(page.locator('#first-screen')).toBeAttached();
  await page.getByLabel('Email', { exact: true }).fill('rep1@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  const button = await page.getByRole('button', { name: 'Sign in', exact: true }).boundingBox();
  await page.mouse.move(button!.x + button!.width / 2, button!.y + button!.height / 2);
  await page.mouse.down();
  release();
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
  // Slid off the button before lifting: no sign-in, as anywhere else.
  await page.mouse.move(button!.x + button!.width / 2, button!.y + button!.height + 200);
  await page.mouse.up();
  await page.waitForTimeout(1_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Pishro' })).toBeVisible();
  expect(await (await page.request.post('/api/auth/me', { data: {} })).text()).toBe('null');
});

test('a Persian first visit is drawn right to left, in Persian, and stays so', async ({ page, context }) => {
  await signInByRequest(context, 'rep2@pishro.local');
  const release = await holdTheApp(page);
  await page.goto('/today');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
  release();
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
});

test('a file chosen before the app arrives is handed to the app', { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  const release = await holdTheApp(page);
  await page.goto('/leads/import');
  await expect(page.locator('#first-screen')).toBeAttached();
  await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({
    name: 'leads.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(path.resolve(__dirname, '../../app/tests/import_corpus/persian_leads.xlsx')),
  });
  release();
  await expect(page.getByTestId('import-summary')).toHaveText('2 rows ready to import · 1 row with problems', { timeout: 20_000 });
  await expect(page.locator('#first-screen')).not.toBeAttached();
});

test('if the app cannot be loaded, the drawn links still work as plain links', { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'rep1@pishro.local');
  await page.route('**/pkg/frontend_bg.wasm', (route) => route.abort());
  await page.goto('/leads');
  const lead = page.getByRole('main').getByRole('link', { name: 'Sara Ahmadi', exact: true }).first();
  await expect(lead).toBeVisible();
  const address = await lead.getAttribute('href');
  await lead.click();
  // The server draws the lead's page: the link was followed, not held.
  await expect(page).toHaveURL(new RegExp(`${address}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sara Ahmadi' })).toBeVisible();
});

test("a manager's records are drawn before the app arrives, and the app takes them over in place", async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  const release = await holdTheApp(page);
  await page.goto('/records');
  const drawn = page.locator('#first-screen');
  await expect(drawn).toBeAttached();
  await expect(page.getByRole('heading', { level: 1, name: 'Records' })).toBeVisible();
  // The list itself, not a loading line: it is the screen's largest part.
  const notes = page.getByText('Two trade fairs and one customer evening.');
  await expect(notes).toBeVisible();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
  // Measured from the heading: a sync notice the app puts above the page
  // (other tests leave the demo manager a conflict to decide on) moves the
  // whole page, not the list within it.
  const heading = page.getByRole('heading', { level: 1, name: 'Records' });
  const offset = async () => ((await notes.boundingBox())?.y ?? 0) - ((await heading.boundingBox())?.y ?? 0);
  const before = await offset();

  // The app first shows the drawn list, then its own ask's answer: the
  // list is measured once that answer is on the screen (between the two
  // the list is drawn again, and a measure taken then reads a card on its
  // way out).
  const answered = page.waitForResponse('**/api/records/list');
  release();
  await expect(drawn).not.toBeAttached({ timeout: 20_000 });
  await answered;
  await expect(notes).toBeVisible();
  await expect.poll(offset, { timeout: 5_000 }).toBeCloseTo(before, 0);
});

test("a manager's lead pool is drawn before the app arrives, and the app takes it over in place", async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  const release = await holdTheApp(page);
  await page.goto('/pool');
  const drawn = page.locator('#first-screen');
  await expect(drawn).toBeAttached();
  const heading = page.getByRole('heading', { level: 1, name: 'Lead pool' });
  await expect(heading).toBeVisible();
  // The waiting contacts, not a loading line: they are the screen.
  const contact = page.getByRole('table', { name: /^Waiting/ }).getByRole('rowheader').first();
  await expect(contact).toBeVisible();
  const offset = async () => ((await contact.boundingBox())?.y ?? 0) - ((await heading.boundingBox())?.y ?? 0);
  const before = await offset();

  const answered = page.waitForResponse('**/api/pool/list');
  release();
  await expect(drawn).not.toBeAttached({ timeout: 20_000 });
  await answered;
  await expect(contact).toBeVisible();
  await expect.poll(offset, { timeout: 5_000 }).toBeCloseTo(before, 0);
});

test("a prospect's first visit to a web form shows the form before the app arrives, and what they type is sent", { tag: '@desktop-only' }, async ({ page, context }) => {
  // The manager makes a form (by request), then the visitor comes signed out.
  await signInByRequest(context, 'manager@pishro.local');
  const headers = { 'x-pishro-client': '1' };
  const pool = await context.request.post('/api/pool/list', { data: { team_id: null }, headers });
  const teamId = (await pool.json()).team_id;
  const title = `Ask for a quote ${Date.now()}`;
  const made = await context.request.post('/api/web-forms/create', { data: { team_id: teamId, title }, headers });
  expect(made.ok()).toBeTruthy();
  const form = ((await made.json()) as { title: string; token: string }[]).find((each) => each.title === title);
  expect(form).toBeDefined();
  await context.clearCookies();

  const release = await holdTheApp(page);
  await page.goto(`/form/${form?.token}`);
  await expect(page.locator('#first-screen')).toBeAttached();
  // The form itself, not a loading line, with no app yet.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
  await page.getByLabel('Name', { exact: true }).fill('Early visitor');
  await page.getByLabel('Phone', { exact: true }).fill('0912 555 0101');

  release();
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Early visitor');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('0912 555 0101');
  await page.getByLabel('Your message', { exact: true }).fill('Tiles for a shop.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('web-form-sent')).toBeVisible();
});

test.describe('a browser that prefers Persian', () => {
  test.use({ locale: 'fa-IR' });

  test('is drawn the sign-in page in Persian, right to left, and the app keeps it so', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/signin');
    await expect(page.locator('#first-screen')).toBeAttached();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const heading = page.getByRole('heading', { level: 1, name: 'ورود به پیشرو' });
    await expect(heading).toBeVisible();

    release();
    await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
    await expect(heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  });
});

test("a new rep's sign-up link is drawn before the app arrives, and what they type signs them up", { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  const email = `drawn.${Date.now()}@example.com`;
  const made = await context.request.post('/api/people/invites/create', {
    data: { team_id: null, draft: { email, role: '' } },
    headers: { 'x-pishro-client': '1' },
  });
  expect(made.ok()).toBeTruthy();
  const link: string = (await made.json()).link_path;
  await context.clearCookies();

  const release = await holdTheApp(page);
  await page.goto(link);
  await expect(page.locator('#first-screen')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1, name: 'Join Tehran Sales on Pishro' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('Display name', { exact: true }).fill(uniquePersonName('Drawn Joiner'));
  await page.getByLabel('New password', { exact: true }).fill('joining secret 1');
  await page.getByLabel('New password again', { exact: true }).fill('joining secret 1');

  release();
  await expect(page.locator('#first-screen')).not.toBeAttached({ timeout: 20_000 });
  await expect(page.getByLabel('New password again', { exact: true })).toHaveValue('joining secret 1');
  await page.getByRole('button', { name: 'Create my account', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible({ timeout: 20_000 });
});

test("a manager's drawn first visit does not ask again for the goal standings it came with, and asks once something new arrives", { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  let asked = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/goals/standings') asked += 1;
  });
  // Drawn by the server (read off the page as it came: the app may take
  // over before a check of the live page, on a busy machine).
  const drawn = await page.goto('/');
  expect(await drawn!.text()).toContain('id="first-screen"');
  await appStarted(page);
  await waitForSync(page);
  // The drawn standings are as of the page's load, like the first pull: at
  // most one ask, when the team's rows took more than one page.
  const afterStart = asked;
  expect(afterStart).toBeLessThanOrEqual(1);

  // A sync round that brings nothing new asks nothing.
  await syncNow(page);
  const panel = await openSyncPanel(page);
  await expect(panel.getByRole('button', { name: 'Sync now', exact: true })).toBeEnabled();
  await page.waitForTimeout(1_000);
  expect(asked).toBe(afterStart);

  // Something new on the server (the manager's own lead, pushed and pulled
  // back) is a reason to ask again.
  await createLead(page, uniqueName('Standings lead'));
  await waitForSync(page);
  await expect.poll(() => asked).toBeGreaterThan(afterStart);
});

test('drawn goal standings the app cannot read are asked for at once', { tag: '@desktop-only' }, async ({ page, context }) => {
  await signInByRequest(context, 'manager@pishro.local');
  // The page comes with its standings block spoiled.
  let spoiled = false;
  await page.route((url) => url.pathname === '/', async (route) => {
    // Fetched as the browser's navigation is (the server draws only for one).
    const response = await route.fetch({ headers: { ...route.request().headers(), 'sec-fetch-dest': 'document' } });
    const body = (await response.text()).replace(
      /(<script type="application\/json" id="first-screen-goal-standings">)[\s\S]*?(<\/script>)/,
      (_, open, close) => { spoiled = true; return `${open}{"not":"standings"${close}`; },
    );
    await route.fulfill({ response, body });
  });
  // Only the first page of rows comes through (index.html's early pull), so
  // the pull cursor never moves: that is not what makes the app ask.
  let pulls = 0;
  await page.route('**/api/sync/pull', (route) => (++pulls === 1 ? route.continue() : route.abort()));
  let asked = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/goals/standings') asked += 1;
  });
  await page.goto('/');
  expect(spoiled).toBe(true);
  await appStarted(page);
  await expect.poll(() => asked, { timeout: 10_000 }).toBe(1);
});

/** The address of the first lead a first pull brings the signed-in person. */
async function firstLeadPage(context: BrowserContext) {
  const pulled = await context.request.post('/api/sync/pull', {
    data: { request: { protocol_version: 4, client_id: '00000000-0000-4000-8000-000000000002', cursor: 0, limit: 500 } },
    headers: { 'x-pishro-client': '1' },
  });
  expect(pulled.ok()).toBeTruthy();
  const { changes } = await pulled.json() as { changes: { kind: string; row: { id: string } }[] };
  const lead = changes.find((change) => change.kind === 'lead');
  expect(lead).toBeDefined();
  return `/leads/${lead?.row.id}`;
}

// Issue 13 asks for no layout shift at all (CLS 0): every part a screen
// asks for after the app arrives lands below what is there, or in a place
// kept for it. Lighthouse found the headcount plan's form on "My team"
// moved down as the plan arrived (CLS 0.0049 in session 32).
for (const [email, path, size] of ([
  ['manager@pishro.local', '/people'],
  ['manager@pishro.local', '/'],
  ['manager@pishro.local', '/goals'],
  ['manager@pishro.local', '/records'],
  ['manager@pishro.local', '/pool'],
  ['rep2@pishro.local', '/activities'],
  ['rep2@pishro.local', '/today'],
  ['rep1@pishro.local', '/leads/first'],
] as const).map((visit, index) => [...visit, index % 2 === 0 ? '@phone-only' : '@desktop-only'] as const)) {
  // Each screen at one size, the sizes in turns (every size with
  // PISHRO_E2E_EVERY_SIZE=1): the whole list at both sizes took 80 s of the
  // test command, which must stay inside CI's 30 minutes (session 39).
  test(`a first visit to ${path} as ${email.split('@')[0]} moves nothing as its parts arrive ${size}`, async ({ page, context }) => {
    await signInByRequest(context, email);
    await page.addInitScript(() => {
      const seen = window as unknown as { shifted: string[] };
      seen.shifted = [];
      const describe = (node: Node | null) => (node instanceof Element
        ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${[...node.classList].map((name) => `.${name}`).join('')}`
        : String(node?.nodeName));
      new PerformanceObserver((list) => {
        // Each moved element with where it was and where it went, to find
        // the cause when this fails.
        const rect = (box: DOMRectReadOnly) => `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)}`;
        type Source = { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly };
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: Source[] }[]) {
          if (!entry.hadRecentInput) {
            const moved = (entry.sources ?? []).map((source) => `${describe(source.node)} ${rect(source.previousRect)} -> ${rect(source.currentRect)}`);
            seen.shifted.push(`${entry.value.toFixed(4)}: ${moved.join(', ')}`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path === '/leads/first' ? await firstLeadPage(context) : path);
    await appStarted(page);
    await waitForSync(page);
    await expect(page.getByRole('main').locator('.loading')).toHaveCount(0, { timeout: 15_000 });
    // Parts drawn a task or two later, and the milestone notices, have come.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { shifted: string[] }).shifted)).toEqual([]);
  });
}
