// The team's working days: the manager reaches them from Goals, makes
// Saturday a half day and adds a company day off, both kept after a reload;
// a rep reads the list but cannot change it; in Persian the screen reads
// in Jalali years with Persian digits. Everything is put back at the end,
// since pace in other tests counts these days.
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { openFromNavigation, signIn, switchLanguage } from './helpers';

/** A day of this year six months from now (same year), as YYYY-MM-DD. */
function dayThisYear(): string {
  const today = new Date();
  const month = ((today.getMonth() + 6) % 12) + 1;
  return `${today.getFullYear()}-${String(month).padStart(2, '0')}-10`;
}

async function openWorkingDays(page: Page) {
  await openFromNavigation(page, 'Goals');
  await page.getByRole('link', { name: 'Working days and holidays', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Working days and holidays' })).toBeVisible();
}

test('a manager keeps the working week and a holiday, and a rep reads them', { tag: '@desktop-only' }, async ({ page, browser }) => {
  await signIn(page, 'manager@pishro.local');
  await openWorkingDays(page);
  const saturday = page.getByLabel('Saturday', { exact: true });
  const holidays = page.getByRole('table');
  const day = dayThisYear();
  try {
    await expect(saturday).toHaveValue('0');
    await saturday.selectOption({ label: 'Half day' });
    await page.getByRole('button', { name: 'Save the week', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The week is saved.' })).toBeVisible();

    await page.getByLabel('Day off', { exact: true }).fill(day);
    await page.getByLabel('Holiday (e.g. Tasua)', { exact: true }).fill('Company retreat');
    await page.getByRole('button', { name: 'Add holiday', exact: true }).click();
    await expect(holidays.getByRole('row').filter({ hasText: 'Company retreat' })).toBeVisible();
    // A holiday needs a name: the field says so.
    await page.getByLabel('Day off', { exact: true }).fill(day);
    await page.getByRole('button', { name: 'Add holiday', exact: true }).click();
    await expect(page.getByLabel('Holiday (e.g. Tasua)', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await page.reload();
    await expect(page.getByLabel('Saturday', { exact: true })).toHaveValue('1');
    await expect(holidays.getByRole('row').filter({ hasText: 'Company retreat' })).toBeVisible();

    // A rep of the team reads the same list and cannot change it.
    const repContext = await browser.newContext();
    const rep = await repContext.newPage();
    await signIn(rep, 'rep1@pishro.local');
    await rep.goto('/team-days');
    await expect(rep.getByRole('heading', { level: 1, name: 'Working days and holidays' })).toBeVisible();
    await expect(rep.getByRole('table').getByRole('row').filter({ hasText: 'Company retreat' })).toBeVisible();
    await expect(rep.getByLabel('Saturday', { exact: true })).toBeDisabled();
    await expect(rep.getByText("Your team's manager keeps this list.").first()).toBeVisible();
    await expect(rep.getByRole('button', { name: 'Add holiday' })).toHaveCount(0);
    await expect(rep.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await repContext.close();

    // In Persian: Jalali years and Persian digits.
    await switchLanguage(page, 'فارسی');
    await expect(page.getByRole('heading', { level: 1, name: 'روزهای کاری و تعطیلات' })).toBeVisible();
    const yearHeading = page.getByRole('heading', { level: 2, name: /^تعطیلات سال/ });
    await expect(yearHeading).toHaveText(/^تعطیلات سال [۰-۹]{4}$/);
    await expect(page.getByLabel('شنبه', { exact: true })).toHaveValue('1');
  } finally {
    if (await page.getByRole('button', { name: 'English', exact: true }).isVisible()) {
      await switchLanguage(page, 'English');
    }
    await page.goto('/team-days');
    const row = page.getByRole('table').getByRole('row').filter({ hasText: 'Company retreat' });
    if (await row.count()) {
      await row.getByRole('button', { name: /^Remove/ }).click();
      await expect(row).toHaveCount(0);
    }
    await page.getByRole('button', { name: "Use the calendar's week", exact: true }).click();
    await expect(page.getByLabel('Saturday', { exact: true })).toHaveValue('0');
  }
});
