// Playwright's `test` with one addition every spec gets: what the browser
// said while a test ran (console errors and warnings, uncaught errors,
// requests that failed) is printed when the test fails, so a failure seen
// once in CI can be read afterwards (a sign-in that never went through in
// session 29 left nothing else to go on).
import { test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

export const test = base.extend<{ browserLog: void }>({
  browserLog: [async ({ context }, use, testInfo) => {
    const started = Date.now();
    const lines: string[] = [];
    const note = (page: Page, line: string) =>
      lines.push(`${((Date.now() - started) / 1000).toFixed(2)} s ${page.url()} ${line}`);
    const watch = (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') note(page, `console.${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => note(page, `uncaught: ${error.message}`));
      page.on('requestfailed', (request) => note(page, `request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use();
    if (testInfo.status !== testInfo.expectedStatus) {
      console.log(`--- the browser during "${testInfo.title}" (${lines.length} lines)\n${lines.join('\n')}`);
    }
  }, { auto: true }],
});
