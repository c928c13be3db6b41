// How many leads and activities fit in this browser's localStorage with the
// sync cache's encoding: the per-row size is taken from the real rows the
// app stored after its first sync, and the quota is found by filling it.
import { test } from '@playwright/test';
import { signIn, waitForSync } from '../tests/helpers';

test('localStorage capacity of the sync cache', async ({ page }) => {
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  const measured = await page.evaluate(() => {
    const cacheKey = Object.keys(localStorage).find((key) => key.startsWith('pishro.sync.') && key.endsWith('.cache'))!;
    const cache = JSON.parse(localStorage.getItem(cacheKey)!);
    // Each row as it sits in the stored map: "id":{...},
    const rowChars = (rows: Record<string, unknown>) => {
      const entries = Object.entries(rows);
      const total = entries.reduce((sum, [id, row]) => sum + JSON.stringify(id).length + 2 + JSON.stringify(row).length, 0);
      return { count: entries.length, average: total / entries.length };
    };
    const leads = rowChars(cache.leads);
    const activities = rowChars(cache.activities);
    const used = Object.keys(localStorage).reduce((sum, key) => sum + key.length + (localStorage.getItem(key) ?? '').length, 0);
    let low = 0;
    let high = 64 * 1024 * 1024;
    while (low < high) {
      const size = Math.ceil((low + high) / 2);
      try {
        localStorage.setItem('bench.probe', 'x'.repeat(size));
        low = size;
      } catch {
        high = size - 1;
      }
    }
    localStorage.removeItem('bench.probe');
    return { leads, activities, used, free: low - 'bench.probe'.length };
  });
  const quota = measured.used + measured.free;
  const busyRep = measured.leads.average + 4 * measured.activities.average;
  const report = {
    quotaChars: quota,
    averageLeadChars: Math.round(measured.leads.average),
    averageActivityChars: Math.round(measured.activities.average),
    sampleRows: { leads: measured.leads.count, activities: measured.activities.count },
    fitsLeadsWithFourActivitiesEach: Math.floor(quota / busyRep),
    fitsLeadsOnly: Math.floor(quota / measured.leads.average),
    fitsActivitiesOnly: Math.floor(quota / measured.activities.average),
    issue4WorkingSetChars: Math.round(5000 * measured.leads.average + 20000 * measured.activities.average),
  };
  console.log(`storage capacity: ${JSON.stringify(report, null, 2)}`);
});
