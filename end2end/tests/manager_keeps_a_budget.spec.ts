// A manager plans a travel budget for a month, records spending against it
// and sees what remains, a warning from 90% and the overspend; removing an
// entry and the line puts everything back.
import { expect, test } from './fixtures';
import { signIn } from './helpers';

test('a budget line warns at 90% and shows the overspend', { tag: '@phone-only' }, async ({ page }, testInfo) => {
  // Each project plans its own month, so the two runs never meet.
  const year = testInfo.project.name === 'phone' ? 2031 : 2032;
  const lineName = `Travel (1 Mar ${year} – 31 Mar ${year})`;
  await signIn(page, 'manager@pishro.local');
  await page.goto('/records');
  await page.getByRole('link', { name: 'Budget', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();

  const plan = page.getByRole('region', { name: 'Plan an amount' });
  await plan.getByLabel('Category', { exact: true }).selectOption('travel');
  await plan.getByLabel('Amount planned', { exact: true }).fill('1,000');
  await plan.getByLabel('From', { exact: true }).fill(`${year}-03-01`);
  await plan.getByLabel('To', { exact: true }).fill(`${year}-02-01`);
  await plan.getByLabel('Currency', { exact: true }).selectOption('USD');
  await plan.getByRole('button', { name: 'Save the plan', exact: true }).click();
  await expect(page.locator('#field-period_end-problem')).toHaveText('The end must not be before the start.');
  await plan.getByLabel('To', { exact: true }).fill(`${year}-03-31`);
  await plan.getByRole('button', { name: 'Save the plan', exact: true }).click();
  const lines = page.getByRole('table', { name: 'Plan and spending' });
  const row = lines.getByRole('row').filter({ hasText: lineName });
  await expect(row.getByRole('cell')).toHaveText(['0% used', '1,000 USD', '0 USD', '1,000 USD', 'Delete']);

  const spend = page.getByRole('region', { name: 'Record spending' });
  const choice = spend.getByLabel('Budget line', { exact: true });
  await choice.selectOption((await choice.locator('option', { hasText: lineName }).getAttribute('value')) ?? '');
  await spend.getByLabel('Day spent', { exact: true }).fill(`${year}-03-05`);
  await spend.getByLabel('Amount spent', { exact: true }).fill('950');
  await spend.getByLabel('What for (optional)', { exact: true }).fill('Flights to Isfahan');
  await spend.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(row.getByRole('cell')).toHaveText(['95% used: nearly spent', '1,000 USD', '950 USD', '50 USD', 'Delete']);
  await choice.selectOption((await choice.locator('option', { hasText: lineName }).getAttribute('value')) ?? '');
  await spend.getByLabel('Day spent', { exact: true }).fill(`${year}-03-09`);
  await spend.getByLabel('Amount spent', { exact: true }).fill('100');
  await spend.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(row.getByRole('cell')).toHaveText(['Over by 50 USD', '1,000 USD', '1,050 USD', '-50 USD', 'Delete']);

  // The entries are listed; removing one takes it off the line.
  const entries = page.getByRole('table', { name: 'Spending' });
  await expect(entries.getByRole('row').filter({ hasText: 'Flights to Isfahan' })).toBeVisible();
  await entries.getByRole('row').filter({ hasText: lineName }).filter({ hasText: '100 USD' }).getByRole('button', { name: /^Remove / }).click();
  await expect(row.getByRole('cell')).toHaveText(['95% used: nearly spent', '1,000 USD', '950 USD', '50 USD', 'Delete']);
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: `Delete ${lineName}` }).click();
  await expect(lines.getByRole('row').filter({ hasText: lineName })).toHaveCount(0);
});
