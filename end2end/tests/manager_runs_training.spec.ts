// A manager starts a training programme, plans a session, ticks who came
// and marks a rep complete on a chosen day; taking it back and retiring the
// programme put everything back. Every step survives a reload (it is the
// server's record, not the screen's).
import { expect, test } from './fixtures';
import { signIn, uniquePersonName } from './helpers';

test('a programme keeps who came and who completed', { tag: '@desktop-only' }, async ({ page }) => {
  // Letters only: the title shows in the Persian change history.
  const title = uniquePersonName('Pricing course');
  await signIn(page, 'manager@pishro.local');
  await page.goto('/records');
  await page.getByRole('link', { name: 'Training', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();

  const start = page.getByRole('region', { name: 'Start a programme' });
  await start.getByRole('button', { name: 'Start the programme', exact: true }).click();
  await expect(page.locator('#field-title-problem')).toBeVisible();
  await start.getByLabel('Kind of programme', { exact: true }).selectOption('product');
  await start.getByLabel('Title', { exact: true }).fill(title);
  await start.getByLabel('Details', { exact: true }).fill('The new price list, with discounts.');
  await start.getByRole('button', { name: 'Start the programme', exact: true }).click();
  const card = page.getByRole('region', { name: title });
  await expect(card.getByText('Product', { exact: true })).toBeVisible();
  await expect(card.getByText('No sessions planned yet. Add one below.')).toBeVisible();

  const plan = page.getByRole('region', { name: 'Plan a session' });
  const choice = plan.getByLabel('Programme', { exact: true });
  await choice.selectOption((await choice.locator('option', { hasText: title }).getAttribute('value')) ?? '');
  await plan.getByLabel('Day', { exact: true }).fill('2026-11-02');
  await plan.getByRole('button', { name: 'Add the session', exact: true }).click();
  await expect(page.locator('#field-training_topic-problem')).toBeVisible();
  await plan.getByLabel('Topic', { exact: true }).fill('Discounts');
  await plan.getByRole('button', { name: 'Add the session', exact: true }).click();

  const session = card.getByRole('group', { name: '2 Nov 2026 · Discounts' });
  await session.getByLabel('Sara Rep', { exact: true }).check();
  const sara = card.getByRole('row').filter({ hasText: 'Sara Rep' });
  const reza = card.getByRole('row').filter({ hasText: 'Reza Rep' });
  await expect(sara.getByRole('cell')).toHaveText(['1 of 1', 'Not yet', 'Mark complete']);
  await expect(reza.getByRole('cell')).toHaveText(['0 of 1', 'Not yet', 'Mark complete']);

  await page.getByLabel('Day completed', { exact: true }).fill('2026-11-03');
  await sara.getByRole('button', { name: 'Mark complete: Sara Rep' }).click();
  await expect(sara.getByRole('cell')).toHaveText(['1 of 1', '3 Nov 2026', 'Take back']);

  // Kept by the server: a reload shows the same.
  await page.reload();
  await expect(card.getByRole('group', { name: '2 Nov 2026 · Discounts' }).getByLabel('Sara Rep', { exact: true })).toBeChecked();
  await expect(sara.getByRole('cell')).toHaveText(['1 of 1', '3 Nov 2026', 'Take back']);
  await sara.getByRole('button', { name: 'Take back: Sara Rep' }).click();
  await expect(sara.getByRole('cell')).toHaveText(['1 of 1', 'Not yet', 'Mark complete']);

  // The change history names the programme and the completion.
  await page.goto('/audit');
  await expect(page.getByText(title).first()).toBeVisible();

  await page.goto('/training');
  page.once('dialog', (dialog) => dialog.accept());
  await card.getByRole('button', { name: 'Retire programme', exact: true }).click();
  await expect(page.getByRole('region', { name: title })).toHaveCount(0);
});
