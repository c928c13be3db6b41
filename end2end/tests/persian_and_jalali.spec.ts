// Switching to Persian turns the page right-to-left, shows Persian digits,
// and shows dates in the Jalali calendar.
import { expect, test } from './fixtures';
import { editLead, goOffline, navigationLink, openFromNavigation, signIn, switchLanguage } from './helpers';

const PERSIAN_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const toPersianDigits = (text: string) => text.replace(/[0-9]/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]);

/** Today's date as Pishro shows it in Persian, computed independently with Node's ICU. */
function todayInJalali(): string {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })
    .formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${toPersianDigits(String(part('day')))} ${PERSIAN_MONTHS[part('month') - 1]} ${toPersianDigits(String(part('year')))}`;
}

test('Persian is right-to-left with Persian digits and Jalali dates, and the choice sticks', async ({ page }) => {
  await signIn(page, 'rep1@pishro.local');
  // A lead touched today shows today's date in its card.
  await openFromNavigation(page, 'Leads');
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Jalali check');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jalali check', exact: true })).toBeVisible();

  await switchLanguage(page, 'فارسی');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  // The lead's page in Persian: its stage and value, and the button that opens its form.
  await expect(page.getByRole('heading', { level: 1, name: 'Jalali check', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ویرایش', exact: true })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'سرنخ‌ها' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'سرنخ‌ها' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'Jalali check' }).first();
  await expect(card).toContainText(todayInJalali());
  await expect(card).not.toContainText(/[0-9]/);

  // The dashboard's numbers are in Persian digits.
  await (await navigationLink(page, 'داشبورد')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'داشبورد' })).toBeVisible();
  await expect(page.locator('.figures dd').first()).toHaveText(/^[۰-۹٬]+$/);

  // The choice survives a reload, and switching back restores English.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await switchLanguage(page, 'English');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('a language chosen with no network reaches the server when the app next starts online', { tag: '@phone-only' }, async ({ page, context }) => {
  await signIn(page, 'rep1@pishro.local');
  await goOffline(page);
  try {
    await page.getByRole('button', { name: 'فارسی', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
    // The server still has English; the device keeps the choice to send.
    await context.setOffline(false);
    const before = await (await page.request.post('/api/auth/me', { data: {} })).json();
    expect(before.locale).toBe('en');
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/auth/locale'));
    await page.reload();
    expect((await sent).ok()).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
    const after = await (await page.request.post('/api/auth/me', { data: {} })).json();
    expect(after.locale).toBe('fa');
  } finally {
    // rep1 reads English in the other tests.
    await context.setOffline(false);
    if (await page.getByRole('button', { name: 'English', exact: true }).isVisible()) await switchLanguage(page, 'English');
  }
});

test('a rep whose language is Persian gets Persian right after signing in', { tag: '@phone-only' }, async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill('rep2@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('a Persian reader types the day a deal closed in the Jalali calendar', { tag: '@phone-only' }, async ({ page }) => {
  const name = `Jalali won ${Date.now().toString(36)}`;
  // rep2 reads Persian (their own setting, so no other test's language changes).
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill('rep2@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'سرنخ‌ها' }).click();
  await page.getByRole('button', { name: 'سرنخ جدید', exact: true }).click();
  await page.getByLabel('نام', { exact: true }).fill(name);
  await page.getByLabel('مرحله', { exact: true }).selectOption('won');
  await page.getByLabel('مبلغ قرارداد', { exact: true }).fill('۱۲۰۰');
  // 1 Azar 1405 is 22 November 2026.
  await page.getByLabel('تاریخ بسته شدن', { exact: true }).fill('۱۴۰۵/۰۹/۰۱');
  await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('۰', { timeout: 20_000 });
  await page.reload();
  await expect(page.getByLabel('تاریخ بسته شدن', { exact: true })).toHaveValue('۱۴۰۵/۰۹/۰۱');
  // The server stored the Gregorian day.
  const leads = await (await page.request.post('/api/leads/list', { data: {} })).json();
  const lead = leads.find((row: { name: string }) => row.name === name);
  expect(lead.closed_at).toMatch(/^2026-11-22T/);
  // A day Esfand does not have this year is refused next to the field.
  await editLead(page);
  await page.getByLabel('تاریخ بسته شدن', { exact: true }).fill('۱۴۰۴/۱۲/۳۰');
  await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
  await expect(page.getByLabel('تاریخ بسته شدن', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('a Persian reader logs an activity at a Jalali date and time', { tag: '@desktop-only' }, async ({ page }) => {
  const notes = `Jalali call ${Date.now().toString(36)}`;
  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill('rep2@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
  await page.goto('/activities/new');
  await expect(page.getByRole('heading', { level: 1, name: 'ثبت فعالیت' })).toBeVisible();
  // The field shows the Jalali date and a time, not a Gregorian picker.
  const when = page.getByLabel('زمان', { exact: true });
  await expect(when).toHaveAttribute('type', 'text');
  await expect(when).toHaveValue(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
  // 1 Azar 1405, 10:30 local time (22 November 2026).
  await when.fill('۱۴۰۵/۰۹/۰۱ ۱۰:۳۰');
  await page.getByLabel('یادداشت', { exact: true }).fill(notes);
  await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'فعالیت‌ها' })).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveText('۰', { timeout: 20_000 });
  const activities = await (await page.request.post('/api/activities/list', { data: {} })).json();
  const saved = activities.find((row: { notes: string }) => row.notes === notes);
  const local = new Date(saved.occurred_at ?? saved.due_at);
  expect([local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes()]).toEqual([2026, 11, 22, 10, 30]);
  // A time that does not exist is refused next to the field.
  await page.goto(`/activities/${saved.id}`);
  await expect(page.getByLabel('زمان', { exact: true })).toHaveValue('۱۴۰۵/۰۹/۰۱ ۱۰:۳۰');
  await page.getByLabel('زمان', { exact: true }).fill('۱۴۰۵/۰۹/۰۱ ۲۵:۰۰');
  await page.getByRole('button', { name: 'ذخیره', exact: true }).click();
  await expect(page.getByLabel('زمان', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});
