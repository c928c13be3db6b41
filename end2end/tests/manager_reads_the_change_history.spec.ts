// A manager renames a record: its page shows the change with who made it,
// and the change history screen lists it, filtered to records.
import { expect, test } from './fixtures';
import { openFromNavigation, signIn, uniqueName } from './helpers';

test('a record keeps its history: who changed the title, from what to what', { tag: '@phone-only' }, async ({ page }) => {
  const first = uniqueName('Stand budget');
  const second = `${first} and travel`;
  await signIn(page, 'manager@pishro.local');
  await openFromNavigation(page, 'Records');
  await page.getByRole('button', { name: 'New record', exact: true }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('other');
  await page.getByLabel('Title', { exact: true }).fill(first);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Records' })).toBeVisible();
  await page.getByRole('list', { name: 'Records' }).getByRole('link', { name: new RegExp(first) }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(first);
  await page.getByLabel('Title', { exact: true }).fill(second);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Records' })).toBeVisible();

  await page.getByRole('list', { name: 'Records' }).getByRole('link', { name: new RegExp(second) }).click();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem').first()).toContainText(`Title: “${first}” → “${second}” · Parisa Manager`);
  await expect(history.getByRole('listitem').last()).toContainText('Created · Parisa Manager');

  await openFromNavigation(page, 'Records');
  await page.getByRole('link', { name: 'Change history', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change history' })).toBeVisible();
  await page.getByLabel('What changed', { exact: true }).selectOption('record');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const table = page.getByRole('table', { name: 'Change history' });
  const row = table.getByRole('row').filter({ hasText: `Title: “${first}” → “${second}”` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Parisa Manager');
  await expect(table.getByRole('row').filter({ hasText: 'Goal' })).toHaveCount(0);
});
