// A manager runs their own team's people: marks a rep away (imported leads
// shared in turns then skip him, even when ticked), sets a capacity, and
// deactivates a rep who leaves (signed out, cannot sign in again).
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { navigationLink, signIn, uniqueName, uniquePersonName } from './helpers';

function isoDay(offset: number) {
  const day = new Date(Date.now() + offset * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function openRep(page: Page, name: string) {
  await page.goto('/people');
  await expect(page.getByRole('heading', { level: 1, name: 'My team' })).toBeVisible();
  await page.getByRole('table').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a rep marked away gets none of the leads shared in turns, and comes back when the absence is removed', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  // "People" in the menu: for a manager, the reps of their own team.
  await (await navigationLink(page, 'People')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My team' })).toBeVisible();
  const team = page.getByRole('table');
  await expect(team.getByRole('row', { name: /^Sara Rep In \d+ Usual \(100\) Active$/ })).toBeVisible();

  await openRep(page, 'Reza Rep');
  await expect(page.getByText('No absences planned.', { exact: false })).toBeVisible();
  // A backwards absence is refused next to the field.
  await page.getByLabel('Away from', { exact: true }).fill(isoDay(2));
  await page.getByLabel('Back after (last day away)', { exact: true }).fill(isoDay(0));
  await page.getByRole('button', { name: 'Add absence', exact: true }).click();
  await expect(page.locator('#field-ends_on-problem')).toHaveText('The end must not be before the start.');
  await page.getByLabel('Away from', { exact: true }).fill(isoDay(0));
  await page.getByLabel('Back after (last day away)', { exact: true }).fill(isoDay(2));
  await page.getByLabel('Reason (optional)', { exact: true }).fill('Training course');
  await page.getByRole('button', { name: 'Add absence', exact: true }).click();
  const absences = page.getByRole('region', { name: 'Absences' });
  await expect(absences.getByRole('row').filter({ hasText: 'Training course' })).toBeVisible();
  await expect(page.getByText(/^\d+ open leads · Away until /)).toBeVisible();

  try {
    // The import's share list says so and leaves him out; ticked anyway, the server still skips him.
    const prefix = uniqueName('Away test');
    await page.goto('/leads/import');
    const file = `name\n${prefix} A\n${prefix} B\n`;
    await page.getByLabel('CSV or Excel file', { exact: true }).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await expect(page.getByTestId('import-summary')).toHaveText('2 rows ready to import');
    const reza = page.getByLabel(/^Reza Rep · \d+ open leads · Away until /);
    await expect(reza).not.toBeChecked();
    const shareAmong = page.getByRole('group', { name: 'Share among' });
    for (const box of await shareAmong.getByRole('checkbox').all()) {
      const id = (await box.getAttribute('id')) ?? '';
      const name = (await shareAmong.locator(`label[for="${id}"]`).textContent()) ?? '';
      if (/^(Sara|Reza) Rep /.test(name)) await box.check();
      else await box.uncheck();
    }
    await page.getByRole('button', { name: 'Import 2 leads', exact: true }).click();
    await expect(page.getByTestId('import-done')).toHaveText('2 leads imported: Sara Rep 2.');
  } finally {
    // Back early: the absence goes, and he is in again.
    await openRep(page, 'Reza Rep');
    await page.getByRole('region', { name: 'Absences' }).getByRole('button', { name: /^Remove / }).click();
    await expect(page.getByText('No absences planned.', { exact: false })).toBeVisible();
    await expect(page.getByText(/^\d+ open leads · In$/)).toBeVisible();
  }

  // A capacity, then back to the usual.
  await page.getByLabel('Open leads they can carry', { exact: true }).fill('۱۵۰');
  await page.getByRole('button', { name: 'Save capacity', exact: true }).click();
  await expect(page.getByText('Capacity saved.')).toBeVisible();
  await page.goto('/people');
  await expect(page.getByRole('table').getByRole('row', { name: /^Reza Rep In \d+ 150 Active$/ })).toBeVisible();
  await openRep(page, 'Reza Rep');
  await expect(page.getByLabel('Open leads they can carry', { exact: true })).toHaveValue('150');
  await page.getByLabel('Open leads they can carry', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save capacity', exact: true }).click();
  await expect(page.getByText('Capacity saved.')).toBeVisible();
  await page.goto('/people');
  await expect(page.getByRole('table').getByRole('row', { name: /^Reza Rep In \d+ Usual \(100\) Active$/ })).toBeVisible();
});

test('a manager deactivates a rep who left: signed out at once and refused at sign-in', { tag: '@phone-only' }, async ({ page, browser }) => {
  const email = `leaver.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@pishro.local`;
  const name = uniquePersonName('Leaving Rep');
  // An admin adds the rep to the manager's team.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin@pishro.local');
  await admin.goto('/people/new');
  await admin.getByLabel('Display name', { exact: true }).fill(name);
  await admin.getByLabel('Email', { exact: true }).fill(email);
  await admin.getByLabel('Role', { exact: true }).selectOption('rep');
  await admin.getByLabel('Team', { exact: true }).selectOption({ label: 'Tehran Sales' });
  await admin.getByLabel('New password (leave empty to keep)', { exact: true }).fill('welcome to pishro');
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await adminContext.close();

  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await rep.goto('/signin');
  await rep.getByLabel('Email', { exact: true }).fill(email);
  await rep.getByLabel('Password', { exact: true }).fill('welcome to pishro');
  await rep.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(rep.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();

  await signIn(page, 'manager@pishro.local');
  await openRep(page, name);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: `Deactivate ${name}`, exact: true }).click();
  await expect(page.getByText('Deactivated: cannot sign in.')).toBeVisible();
  await page.goto('/people');
  await expect(page.getByRole('table').getByRole('row', { name: new RegExp(`^${name} In 0 Usual \\(100\\) Inactive$`) })).toBeVisible();

  // The rep's session has ended: the next call sends them to sign in, and signing in is refused.
  await rep.goto('/leads');
  await expect(rep.getByRole('heading', { level: 1, name: 'Sign in to Pishro' })).toBeVisible();
  await rep.getByLabel('Email', { exact: true }).fill(email);
  await rep.getByLabel('Password', { exact: true }).fill('welcome to pishro');
  await rep.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(rep.getByRole('alert')).toContainText('The e-mail or password is not right.');
  await repContext.close();
});

test('a manager invites a rep by e-mail; the link makes their account once and signs them in', { tag: '@phone-only' }, async ({ page, browser }) => {
  const email = `invited.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@pishro.local`;
  const name = uniquePersonName('Invited Rep');
  await signIn(page, 'manager@pishro.local');
  await page.goto('/people');
  const invite = page.getByRole('region', { name: 'Invite a rep' });
  await invite.getByLabel('E-mail of the person to invite', { exact: true }).fill('rep1@pishro.local');
  await invite.getByRole('button', { name: 'Create sign-up link', exact: true }).click();
  await expect(page.locator('#field-email-problem')).toHaveText('This e-mail is already in use.');
  await invite.getByLabel('E-mail of the person to invite', { exact: true }).fill(email);
  await invite.getByRole('button', { name: 'Create sign-up link', exact: true }).click();
  const link = invite.getByLabel(`Sign-up link for ${email}`, { exact: true });
  await expect(link).toHaveValue(/\/join\/[0-9a-f]{64}$/);
  const address = await link.inputValue();
  await expect(invite.getByRole('table').getByRole('row', { name: new RegExp(`^${email.replace(/\./g, '\\.')} Waiting `) })).toBeVisible();

  const joinerContext = await browser.newContext();
  const joiner = await joinerContext.newPage();
  await joiner.goto(address);
  await expect(joiner.getByRole('heading', { level: 1, name: 'Join Tehran Sales on Pishro' })).toBeVisible();
  await expect(joiner.getByText(`Parisa Manager invited you as a rep. Your e-mail: ${email}`)).toBeVisible();
  await joiner.getByLabel('Display name', { exact: true }).fill(name);
  await joiner.getByLabel('New password', { exact: true }).fill('joining secret 1');
  await joiner.getByLabel('New password again', { exact: true }).fill('joining secret 2');
  await joiner.getByRole('button', { name: 'Create my account', exact: true }).click();
  await expect(joiner.locator('#field-repeated_password-problem')).toHaveText('The two new passwords differ. Type the same one twice.');
  await joiner.getByLabel('New password again', { exact: true }).fill('joining secret 1');
  await joiner.getByRole('button', { name: 'Create my account', exact: true }).click();
  await expect(joiner.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await joinerContext.close();

  // The link is spent; the manager sees the new rep and the invitation joined.
  const laterContext = await browser.newContext();
  const later = await laterContext.newPage();
  await later.goto(address);
  await expect(later.getByRole('heading', { level: 1, name: 'This sign-up link cannot be used' })).toBeVisible();
  await laterContext.close();
  await page.reload();
  await expect(page.getByRole('table').first().getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Invite a rep' }).getByRole('row', { name: new RegExp(`^${email.replace(/\./g, '\\.')} Joined `) })).toBeVisible();
});

test('a manager plans the headcount of a quarter and reads the gap to the reps the team has now', { tag: '@phone-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await page.goto('/people');
  const section = page.getByRole('region', { name: 'Headcount plan' });
  await expect(section.getByTestId('reps-now')).toHaveText(/^Reps now: \d+$/);
  const now = Number((await section.getByTestId('reps-now').textContent())?.match(/\d+/)?.[0]);
  // A backwards period is refused next to its field.
  await section.getByLabel('Period start', { exact: true }).fill('2027-03-31');
  await section.getByLabel('Period end', { exact: true }).fill('2027-01-01');
  await section.getByLabel('Reps planned', { exact: true }).fill(String(now + 3));
  await section.getByRole('button', { name: 'Add to the plan', exact: true }).click();
  await expect(page.locator('#field-period_end-problem')).toHaveText('The end must not be before the start.');
  await section.getByLabel('Period start', { exact: true }).fill('2027-01-01');
  await section.getByLabel('Period end', { exact: true }).fill('2027-03-31');
  const note = uniqueName('Open the Tabriz office');
  await section.getByLabel('Note (optional)', { exact: true }).fill(note);
  await section.getByRole('button', { name: 'Add to the plan', exact: true }).click();
  const row = section.getByRole('row').filter({ hasText: note });
  await expect(row).toContainText(String(now + 3));
  await expect(row).toContainText('3 to hire');
  await row.getByRole('button', { name: /^Remove / }).click();
  await expect(section.getByRole('row').filter({ hasText: note })).toHaveCount(0);
});
