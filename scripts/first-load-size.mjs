// Prints the first load's size (brotli, as served) file by file and fails
// when it is more than 5% over the budget in frontend/first-load-budget.json.
// Usage: node scripts/first-load-size.mjs [site dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const site = path.resolve(process.argv[2] ?? path.join(root, 'site'));
const budget = JSON.parse(fs.readFileSync(path.join(root, 'frontend/first-load-budget.json'), 'utf8'));
const brotli = (file) => {
  // The build writes the compressed copy the server sends; compress here
  // only if it is missing, with the same settings.
  if (fs.existsSync(`${file}.br`)) return fs.statSync(`${file}.br`).size;
  const data = fs.readFileSync(file);
  return zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length;
};
let total = 0;
for (const name of budget.files) {
  const file = path.join(site, name);
  const raw = fs.statSync(file).size;
  const compressed = brotli(file);
  total += compressed;
  console.log(`  ${name.padEnd(24)} ${String(raw).padStart(10)} B raw ${String(compressed).padStart(9)} B brotli`);
}
const limit = Math.floor(budget.budget_bytes * 1.05);
const ratio = (total / budget.goal_bytes).toFixed(2);
console.log(`  first load ${total} B brotli; budget ${budget.budget_bytes} B (fails above ${limit}); goal ${budget.goal_bytes} B (now ${ratio}x the goal)`);
if (total > limit) {
  console.error(`The first load grew to ${total} B, more than 5% over its budget of ${budget.budget_bytes} B.`);
  process.exit(1);
}
