// Pishro runs under its own Content-Security-Policy (no inline script but
// index.html's own, by hash; no framing): the header is there, and signing
// in and opening the main screens reports no violation at all.
import { expect, test } from './fixtures';
import { openFromNavigation, signIn } from './helpers';

test('the app runs under its content security policy with no violation', { tag: '@desktop-only' }, async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const answer = await page.goto('/signin');
  const policy = answer?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(answer?.headers()['x-frame-options']).toBe('DENY');

  await signIn(page, 'manager@pishro.local');
  for (const screen of ['Leads', 'Goals', 'Reports', 'Dashboard']) {
    await openFromNavigation(page, screen);
  }
  await page.goto('/reports?report=tactics');
  await expect(page.getByRole('link', { name: 'Download CSV' }).first()).toBeVisible();
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
});
