// A manager imports a 20-row CSV file with 3 bad rows: the preview shows the
// guessed columns, the 17 good rows and the 3 problems before anything is
// written; the import shares the 17 in turns between Sara and Reza, and each
// rep finds their share after a sync, with who assigned it on the timeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openFromNavigation, signIn, uniqueName, waitForSync } from './helpers';

/** 20 rows, unique to this run: row 6 has no name, row 8 a bad e-mail, row
 * 17 repeats row 2's phone. */
function leadsFile(prefix: string) {
  const phoneBase = 10_000 + Math.floor(Math.random() * 89_000);
  const phone = (row: number) => `0912 ${phoneBase} ${String(row).padStart(3, '0')}`;
  const lines = ['Full name,Company,Mobile,E-mail,Stage,Source,Value'];
  for (let row = 1; row <= 20; row += 1) {
    const name = row === 6 ? '' : `${prefix} ${String(row).padStart(2, '0')}`;
    const email = row === 8 ? 'not-an-email' : `${prefix.replace(/\W/g, '').toLowerCase()}.${row}@example.com`;
    const rowPhone = row === 17 ? phone(2) : phone(row);
    lines.push(`${name},Company ${row},${rowPhone},${row === 17 ? '' : email},${row % 3 === 0 ? 'Qualified' : 'New'},Event,${row * 100}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf-8');
}

test('a manager previews and imports a CSV of leads, shared in turns; each rep sees their share', { tag: '@phone-only' }, async ({ page, browser }) => {
  const prefix = uniqueName('Fair lead');
  await signIn(page, 'manager@pishro.local');
  await openFromNavigation(page, 'Leads');
  await page.getByRole('link', { name: 'Import leads', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import leads' })).toBeVisible();

  await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({ name: 'fair.csv', mimeType: 'text/csv', buffer: leadsFile(prefix) });
  await expect(page.getByTestId('import-summary')).toHaveText('17 rows ready to import · 3 rows with problems');
  // The columns were recognised from their headers.
  await expect(page.getByLabel('Column 1: Full name')).toHaveValue('name');
  await expect(page.getByLabel('Column 3: Mobile')).toHaveValue('phone');
  await expect(page.getByLabel('Column 4: E-mail')).toHaveValue('email');
  const problems = page.getByRole('table', { name: 'Rows with problems' });
  await expect(problems.getByRole('row')).toHaveCount(4);
  await expect(problems.getByRole('row').filter({ hasText: 'Company 6' })).toContainText('Name: This field is required.');
  await expect(problems.getByRole('row').filter({ hasText: 'Company 8' })).toContainText('Email: Enter an e-mail address');
  await expect(problems.getByRole('row').filter({ hasText: 'Company 17' })).toContainText('Same phone or e-mail as line 3.');
  await expect(page.getByRole('link', { name: 'Download the rows with problems (CSV)' })).toHaveAttribute('href', /^data:text\/csv/);
  await expect(page.getByLabel('Give the leads')).toHaveValue('round_robin');
  await expect(page.getByLabel(/^Sara Rep · \d+ open leads$/)).toBeChecked();
  await expect(page.getByLabel(/^Reza Rep · \d+ open leads$/)).toBeChecked();
  // Other tests may have added reps to the team: share between these two only.
  const shareAmong = page.getByRole('group', { name: 'Share among' });
  for (const box of await shareAmong.getByRole('checkbox').all()) {
    const label = (await box.getAttribute('id')) ?? '';
    const name = await shareAmong.locator(`label[for="${label}"]`).textContent();
    if (!/^(Sara|Reza) Rep /.test(name ?? '')) await box.uncheck();
  }
  await page.getByRole('button', { name: 'Import 17 leads', exact: true }).click();
  const done = page.getByTestId('import-done');
  await expect(done).toContainText(/17 leads imported: Reza Rep (8|9), Sara Rep (8|9)\./);
  const saraShare = Number((await done.textContent())?.match(/Sara Rep (\d+)/)?.[1]);

  // Sara's device receives her share on its next sync.
  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await signIn(repPage, 'rep1@pishro.local');
  await waitForSync(repPage);
  await openFromNavigation(repPage, 'Leads');
  await repPage.getByLabel('Search leads').fill(prefix);
  const cards = repPage.getByRole('list', { name: 'Leads' }).getByRole('link', { name: new RegExp(`^${prefix} \\d\\d$`) });
  await expect(cards).toHaveCount(saraShare);
  // The lead's timeline says who assigned it, and by which rule.
  await cards.first().click();
  await expect(repPage.getByText(/Parisa Manager assigned it to Sara Rep \(round robin\)/)).toBeVisible();
  await repContext.close();
});

test('a manager shares the leads a search shows to another rep in one action', { tag: '@phone-only' }, async ({ page }) => {
  const prefix = uniqueName('Handover lead');
  await signIn(page, 'manager@pishro.local');
  await page.goto('/leads/import');
  const file = `name,phone\n${prefix} A,0913 ${10_000 + Math.floor(Math.random() * 89_000)} 001\n${prefix} B,\n`;
  await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-summary')).toHaveText('2 rows ready to import');
  await page.getByLabel('Give the leads').selectOption({ label: 'All to Sara Rep' });
  await page.getByRole('button', { name: 'Import 2 leads', exact: true }).click();
  await expect(page.getByTestId('import-done')).toHaveText('2 leads imported: Sara Rep 2.');
  await page.getByRole('link', { name: 'Go to leads' }).click();

  await page.getByLabel('Search leads').fill(prefix);
  const cards = page.getByRole('list', { name: 'Leads' }).getByRole('listitem');
  await expect(cards).toHaveCount(2);
  await expect(cards.first()).toContainText('Owner: Sara Rep');
  await page.getByRole('button', { name: 'Share leads', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Share leads' });
  await expect(panel.getByLabel('Which leads')).toHaveValue('shown');
  await expect(panel.getByLabel('Which leads').locator('option:checked')).toHaveText('The open leads shown (2)');
  await panel.getByLabel('Give the leads').selectOption({ label: 'All to Reza Rep' });
  await panel.getByRole('button', { name: 'Share the leads', exact: true }).click();
  await expect(panel.getByTestId('share-done')).toHaveText('2 leads shared: Reza Rep 2.');
  // The device syncs at once: both cards now name the new owner.
  await expect(cards.filter({ hasText: 'Owner: Reza Rep' })).toHaveCount(2);

  // The export holds exactly the leads the search shows, ready to import again.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download these leads (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('leads.csv');
  const text = readFileSync(await download.path(), 'utf-8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toMatch(/^name,company,phone,email,stage,source,estimated_value,currency,customer_kind,owner,/);
  expect(lines).toHaveLength(3);
  expect(lines.slice(1).every((line) => line.startsWith(prefix) && line.includes(',Reza Rep,'))).toBe(true);
});

test('an Excel workbook (.xlsx) previews like a CSV file: Persian headers, numbers and a row with no name', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await page.goto('/leads/import');
  const workbook = readFileSync(path.resolve(__dirname, '../../app/tests/import_corpus/persian_leads.xlsx'));
  await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({
    name: 'leads.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: workbook,
  });
  await expect(page.getByTestId('import-summary')).toHaveText('2 rows ready to import · 1 row with problems');
  await expect(page.getByLabel('Column 1: نام')).toHaveValue('name');
  await expect(page.getByLabel('Column 3: تلفن')).toHaveValue('phone');
  const problems = page.getByRole('table', { name: 'Rows with problems' });
  await expect(problems.getByRole('row').filter({ hasText: 'Nobody Ltd' })).toContainText('Name: This field is required.');
  await expect(page.getByRole('button', { name: 'Import 2 leads', exact: true })).toBeVisible();
});
