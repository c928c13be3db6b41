// A manager keeps a rep's staff record (start day, notes) beside the role
// history Pishro keeps by itself; an admin invites a manager to a team of
// their choice and the link signs them in as its manager.
import { expect, test } from './fixtures';
import { signIn, uniquePersonName } from './helpers';

test('a manager keeps a staff record: a start day (never in the future), notes, and the role history', { tag: '@desktop-only' }, async ({ page }) => {
  await signIn(page, 'manager@pishro.local');
  await page.goto('/people');
  await page.getByRole('table').first().getByRole('link', { name: 'Reza Rep', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reza Rep' })).toBeVisible();
  const staff = page.getByRole('region', { name: 'Staff record' });
  await expect(staff.getByRole('list', { name: 'Role history' }).getByRole('listitem').first()).toContainText('Created');

  await staff.getByLabel('Started with the company', { exact: true }).fill('2999-01-01');
  await staff.getByRole('button', { name: 'Save the staff record', exact: true }).click();
  await expect(page.locator('#field-started_on-problem')).toHaveText('This day has not come yet.');
  await staff.getByLabel('Started with the company', { exact: true }).fill('2024-03-10');
  await staff.getByLabel('Notes', { exact: true }).fill('Speaks Turkish; wants the northern accounts.');
  await staff.getByRole('button', { name: 'Save the staff record', exact: true }).click();
  await expect(staff.getByRole('status')).toHaveText('Staff record saved.');
  await expect(staff.getByTestId('tenure')).toHaveText(/^Started 10 Mar 2024 · \d+ months with the company$/);

  // Kept by the server, and in the person's history.
  await page.reload();
  await expect(staff.getByLabel('Notes', { exact: true })).toHaveValue('Speaks Turkish; wants the northern accounts.');
  await expect(staff.getByLabel('Started with the company', { exact: true })).toHaveValue('2024-03-10');
});

test('an admin invites a manager to a team; the link makes their account as its manager', { tag: '@phone-only' }, async ({ page, browser }) => {
  const email = `boss.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@pishro.local`;
  await signIn(page, 'admin@pishro.local');
  await page.goto('/people');
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail of the person to invite', { exact: true }).fill(email);
  const team = invite.getByLabel('Team', { exact: true });
  await team.selectOption({ label: 'Tehran Sales' });
  await invite.getByLabel('Role', { exact: true }).selectOption('manager');
  await invite.getByRole('button', { name: 'Create sign-up link', exact: true }).click();
  const link = invite.getByLabel(`Sign-up link for ${email}`, { exact: true });
  await expect(link).toHaveValue(/\/join\/[0-9a-f]{64}$/);
  const address = await link.inputValue();

  const joinerContext = await browser.newContext();
  const joiner = await joinerContext.newPage();
  await joiner.goto(address);
  await expect(joiner.getByRole('heading', { level: 1, name: 'Join Tehran Sales on Pishro' })).toBeVisible();
  await expect(joiner.getByText(/invited you as a manager\. Your e-mail: /)).toBeVisible();
  await joiner.getByLabel('Display name', { exact: true }).fill(uniquePersonName('New Boss'));
  await joiner.getByLabel('New password', { exact: true }).fill('joining secret 1');
  await joiner.getByLabel('New password again', { exact: true }).fill('joining secret 1');
  await joiner.getByRole('button', { name: 'Create my account', exact: true }).click();
  await expect(joiner.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await joinerContext.close();
  await page.reload();
  await team.selectOption({ label: 'Tehran Sales' });
  await expect(invite.getByRole('row', { name: new RegExp(`^${email.replace(/\./g, '\\.')} Joined `) })).toBeVisible();
});
