// A manager adds the fair the team went to, imports the leads brought back
// tagged with it, and once one of them is won the events screen shows what
// the fair brought: leads, won deal, cost per lead and per won deal, return.
import { expect, test } from './fixtures';
import { editLead, goOffline, navigationLink, openFromNavigation, signIn, syncNow, uniqueName, waitForSync } from './helpers';

test('an event shows its leads, a won deal, its cost per lead and per won deal, and its return', { tag: '@phone-only' }, async ({ page }) => {
  const fair = uniqueName('Build Expo');
  const prefix = uniqueName('Expo lead');
  await signIn(page, 'manager@pishro.local');
  await (await navigationLink(page, 'Events')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();

  // A backwards event is refused next to the field; then the fair is added.
  const form = page.getByRole('region', { name: 'Add an event' });
  await form.getByLabel('Event name', { exact: true }).fill(fair);
  await form.getByLabel('Kind of event', { exact: true }).selectOption('fair');
  await form.getByLabel('First day', { exact: true }).fill('2026-11-13');
  await form.getByLabel('Last day', { exact: true }).fill('2026-11-10');
  await form.getByLabel('What it cost (stand, travel, materials)', { exact: true }).fill('400');
  await form.getByLabel('Currency', { exact: true }).selectOption('USD');
  await form.getByRole('button', { name: 'Save event', exact: true }).click();
  await expect(page.locator('#field-ends_on-problem')).toHaveText('The end must not be before the start.');
  await form.getByLabel('First day', { exact: true }).fill('2026-11-10');
  await form.getByLabel('Place (optional)', { exact: true }).fill('Tehran Fairground');
  await form.getByRole('button', { name: 'Save event', exact: true }).click();
  await expect(page.getByText('Event saved.')).toBeVisible();
  const results = page.getByRole('table', { name: 'What each event brought' });
  const row = results.getByRole('row').filter({ hasText: fair });
  await expect(row).toContainText('Trade fair');
  await expect(row.getByRole('cell')).toHaveText(['0', '0', '400 USD', '—', '—', '0', '0%', /Edit/]);

  // The leads brought back, imported with the fair chosen.
  await page.goto('/leads/import');
  const phone = 10_000 + Math.floor(Math.random() * 89_000);
  const file = `name,phone\n${prefix} A,0915 ${phone} 001\n${prefix} B,0915 ${phone} 002\n`;
  await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({ name: 'expo.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-summary')).toHaveText('2 rows ready to import');
  const eventChoice = page.getByLabel('Event these leads came from', { exact: true });
  const fairValue = await eventChoice.locator('option', { hasText: fair }).getAttribute('value');
  await eventChoice.selectOption(fairValue ?? '');
  await page.getByLabel('Give the leads').selectOption({ label: 'All to Sara Rep' });
  await page.getByRole('button', { name: 'Import 2 leads', exact: true }).click();
  await expect(page.getByTestId('import-done')).toHaveText('2 leads imported: Sara Rep 2.');

  // One of them is won for 1,000 USD.
  await page.getByRole('link', { name: 'Go to leads' }).click();
  await page.getByLabel('Search leads').fill(`${prefix} A`);
  const card = page.getByRole('list', { name: 'Leads' }).getByRole('link', { name: `${prefix} A` });
  await card.click();
  await editLead(page);
  await expect(page.getByLabel('Source', { exact: true })).toHaveValue('event');
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('1,000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForSync(page);

  await page.goto('/events');
  await expect(row.getByRole('cell')).toHaveText(['2', '1', '400 USD', '200 USD', '400 USD', '1,000 USD', '250%', /Edit/]);
  // Leads by source counts them under "Event".
  const sources = page.getByRole('table', { name: 'Leads by source' });
  await expect(sources.getByRole('row').filter({ hasText: /^Event/ })).toBeVisible();

  // Changed and then deleted: the list follows, the leads stay.
  await row.getByRole('button', { name: `Edit ${fair}` }).click();
  const edit = page.getByRole('region', { name: 'Change the event' });
  await edit.getByLabel('What it cost (stand, travel, materials)', { exact: true }).fill('500');
  await edit.getByRole('button', { name: 'Save event', exact: true }).click();
  await expect(row.getByRole('cell')).toHaveText(['2', '1', '500 USD', '250 USD', '500 USD', '1,000 USD', '200%', /Edit/]);
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: `Delete ${fair}` }).click();
  await expect(results.getByRole('row').filter({ hasText: fair })).toHaveCount(0);
});

test('a rep at the fair with no network names the event on a new lead; the event counts it once synced', { tag: '@phone-only' }, async ({ page, browser }) => {
  const fair = uniqueName('Offline Expo');
  const name = uniqueName('Met at the stand');
  await signIn(page, 'manager@pishro.local');
  await page.goto('/events');
  const form = page.getByRole('region', { name: 'Add an event' });
  await form.getByLabel('Event name', { exact: true }).fill(fair);
  await form.getByLabel('Kind of event', { exact: true }).selectOption('fair');
  await form.getByLabel('First day', { exact: true }).fill('2026-11-20');
  await form.getByLabel('Last day', { exact: true }).fill('2026-11-21');
  await form.getByLabel('What it cost (stand, travel, materials)', { exact: true }).fill('200');
  await form.getByLabel('Currency', { exact: true }).selectOption('USD');
  await form.getByRole('button', { name: 'Save event', exact: true }).click();
  await expect(page.getByText('Event saved.')).toBeVisible();

  // Sara's phone syncs once (and keeps the team's events), then loses its signal.
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await signIn(rep, 'rep1@pishro.local');
  await waitForSync(rep);
  await goOffline(rep);
  await openFromNavigation(rep, 'Leads');
  await rep.getByRole('button', { name: 'New lead', exact: true }).click();
  await rep.getByLabel('Name', { exact: true }).fill(name);
  await expect(rep.getByLabel('Event where you met them', { exact: true })).toHaveCount(0);
  await rep.getByLabel('Source', { exact: true }).selectOption('event');
  const event = rep.getByLabel('Event where you met them', { exact: true });
  await event.selectOption({ label: `${fair} · 20 Nov 2026` });
  await rep.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(rep.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await editLead(rep);
  await expect(rep.getByLabel('Event where you met them', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  await repContext.setOffline(false);
  await syncNow(rep);
  await waitForSync(rep);
  await repContext.close();

  await page.reload();
  const row = page.getByRole('table', { name: 'What each event brought' }).getByRole('row').filter({ hasText: fair });
  await expect(row.getByRole('cell').first()).toHaveText('1');
});
