#!/usr/bin/env node
// How much of a first visit's app work is V8 compiling our wasm. V8 compiles
// each wasm function on the main thread the first time it is called
// (`wasm.CompileLazy` in the trace's `v8.wasm` category, which the
// first-visit bench records). For each trace of
// end2end/bench/first_visit_start.spec.ts (PISHRO_TRACE=dir, best with
// PISHRO_TRACE_PROFILER=0: the sampler slows the app's code, not V8's
// compiler) this prints the app's tasks in order with their length and the
// part of it spent compiling, then the functions that took longest to
// compile. Not a test.
//   node scripts/wasm-compiles.mjs trace.json [more.json ...]
// WASM_NAMES=site/pkg/frontend_bg.wasm (a build with names kept:
// PISHRO_WASM_NAMES=1 ./scripts/build-site.sh dir) names the functions by
// their index in the main module; an index of an on-demand chunk's function
// gets the main module's name of that index, so read those with care.
// WASM_COMPILES_TOP=N (default 25) functions are listed.
import { readFileSync } from 'node:fs';

/** Function index -> name, from a wasm module's `name` section. */
function functionNames(file) {
  const bytes = readFileSync(file);
  const names = new Map();
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 0) {
      const nameLength = leb();
      const sectionName = bytes.subarray(at, at + nameLength).toString();
      at += nameLength;
      if (sectionName === 'name') {
        while (at < end) {
          const kind = bytes[at++];
          const length = leb();
          const subsectionEnd = at + length;
          if (kind === 1) {
            const count = leb();
            for (let i = 0; i < count; i++) {
              const index = leb();
              const length = leb();
              names.set(index, bytes.subarray(at, at + length).toString());
              at += length;
            }
          }
          at = subsectionEnd;
        }
      }
    }
    at = end;
  }
  return names;
}

const names = process.env.WASM_NAMES ? functionNames(process.env.WASM_NAMES) : new Map();
const top = Number(process.env.WASM_COMPILES_TOP ?? 25);
const ms = (microseconds) => (microseconds / 1000).toFixed(1);
const slowest = new Map();

for (const file of process.argv.slice(2)) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  // The page's main thread: the one that ran the most of the app's script.
  const script = new Map();
  for (const event of events) {
    if (event.ph === 'X' && event.name === 'FunctionCall') {
      const key = `${event.pid}:${event.tid}`;
      script.set(key, (script.get(key) ?? 0) + (event.dur ?? 0));
    }
  }
  const main = [...script.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) {
    console.log(`${file}: no script ran`);
    continue;
  }
  const onMain = events.filter((event) => `${event.pid}:${event.tid}` === main && event.ph === 'X');
  const compiles = onMain.filter((event) => event.name === 'wasm.CompileLazy');
  if (compiles.length === 0) {
    console.log(`${file}: no wasm.CompileLazy events (record the trace with the v8.wasm category)`);
    continue;
  }
  const inside = (outer, event) => event.ts >= outer.ts && event.ts < outer.ts + outer.dur;
  const tasks = onMain
    .filter((event) => event.name === 'RunTask' && compiles.some((compile) => inside(event, compile)))
    .sort((a, b) => a.ts - b.ts);
  let compiled = 0;
  let taskTotal = 0;
  const rows = tasks.map((task) => {
    const own = compiles.filter((compile) => inside(task, compile));
    const compiling = own.reduce((sum, compile) => sum + compile.dur, 0);
    compiled += compiling;
    taskTotal += task.dur;
    return `${ms(task.dur)}/${ms(compiling)}`;
  });
  const all = compiles.reduce((sum, compile) => sum + compile.dur, 0);
  console.log(
    `${file.split('/').slice(-1)[0]}: ${compiles.length} functions compiled in ${ms(all)} ms; ` +
      `the ${tasks.length} tasks that compiled took ${ms(taskTotal)} ms, ${ms(compiled)} of it compiling`,
  );
  console.log(`  task ms / compiling ms, in order: ${rows.join(' ')}`);
  for (const compile of compiles) {
    const index = compile.args?.func_index;
    const entry = slowest.get(index) ?? { total: 0, visits: 0 };
    entry.total += compile.dur;
    entry.visits += 1;
    slowest.set(index, entry);
  }
}

if (slowest.size > 0) {
  console.log(`\nlongest to compile, summed over the traces (ms, traces):`);
  for (const [index, entry] of [...slowest.entries()].sort((a, b) => b[1].total - a[1].total).slice(0, top)) {
    console.log(`  ${ms(entry.total).padStart(7)} ${String(entry.visits).padStart(3)}  [${index}] ${names.get(index) ?? ''}`.slice(0, 220));
  }
}
