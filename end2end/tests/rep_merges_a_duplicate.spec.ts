// A rep entered the same customer twice. On the first lead's page Pishro
// offers the other (same phone); merging asks first, then the other's call
// moves onto this lead, the merge is on its timeline, and the other is gone
// from the list.
import { expect, test } from './fixtures';
import { createLead, logActivityOnLead, openFromNavigation, signIn, uniqueName, waitForSync } from './helpers';

test('a rep merges a duplicate lead into the first: its call moves over and it is gone', { tag: '@phone-only' }, async ({ page }) => {
  const name = uniqueName('Twin customer');
  const phone = `0918 ${10_000 + Math.floor(Math.random() * 89_000)} 77`;
  await signIn(page, 'rep1@pishro.local');
  const first = await createLead(page, name, { phone });
  await createLead(page, `${name} again`, { phone });
  await logActivityOnLead(page, 'call', `Asked ${name} for the price list`);
  await waitForSync(page);

  await page.goto(first);
  const panel = page.getByRole('region', { name: 'Same customer?' });
  await panel.getByRole('button', { name: `Merge ${name} again into this lead`, exact: true }).click();
  await expect(page.getByRole('alertdialog')).toContainText(`Merge “${name} again” into “${name}”?`);
  await page.getByRole('alertdialog').getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page.getByTestId('merge-done')).toHaveText(`${name} again was merged into this lead. Its activities are here now.`);
  // After the sync the call is on this lead, with the merge on its timeline.
  await waitForSync(page);
  await expect(page.getByText(`Asked ${name} for the price list`)).toBeVisible();
  await expect(page.getByText(new RegExp(`Sara Rep merged “${name} again” into this lead`))).toBeVisible();

  await openFromNavigation(page, 'Leads');
  await page.getByLabel('Search leads').fill(name);
  const cards = page.getByRole('list', { name: 'Leads' }).getByRole('listitem');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(name);
});
