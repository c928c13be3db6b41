#!/usr/bin/env node
// Summarises a Chromium trace (from end2end/bench/first_visit_start.spec.ts
// with PISHRO_TRACE=dir): each main-thread task over 50 ms, what it spent its
// time on (the trace's own events, by self time) and the functions the CPU
// profile sampled in it (self and total time). For finding what to slice in
// the app's start; not a test.
//   node scripts/long-tasks.mjs trace.json [more.json ...]
// LONG_TASKS_MATCH=regex lists the matching functions by total time;
// LONG_TASKS_TREE=regex prints the call tree under them (see below).
// LONG_TASKS_MIN_MS (default 50) is the length from which a task is listed:
// a Lighthouse trace (`LIGHTHOUSE_TRACES=1 ./scripts/lighthouse.sh`) is
// taken at full speed and its tasks counted four times as long, so 12.5
// there is what 50 is in the bench's 4x traces.
import { readFileSync } from 'node:fs';

const LONG = Number(process.env.LONG_TASKS_MIN_MS ?? 50) * 1000; // microseconds

function summarise(file) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  // The page's renderer main thread: the one that ran the most script.
  const threads = new Map();
  for (const event of events) {
    if (event.name === 'thread_name' && event.args?.name === 'CrRendererMain') threads.set(`${event.pid}:${event.tid}`, 0);
  }
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (threads.has(key) && event.ph === 'X' && (event.name === 'FunctionCall' || event.name === 'EvaluateScript')) {
      threads.set(key, threads.get(key) + (event.dur ?? 0));
    }
  }
  const main = [...threads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) { console.log(`${file}: no renderer main thread`); return; }
  const [pid, tid] = main.split(':').map(Number);
  const onMain = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X' && event.dur !== undefined);
  const tasks = onMain.filter((event) => event.name === 'RunTask' && event.dur > LONG).sort((a, b) => a.ts - b.ts);
  const navigation = events.find((event) => event.name === 'navigationStart' && event.pid === pid)?.ts
    ?? Math.min(...onMain.map((event) => event.ts));

  // CPU profile samples on that thread.
  const nodes = new Map();
  const samples = [];
  let profileStart = null;
  // Samples of that thread only (a service worker's thread shares the process).
  const profileIds = new Set(events.filter((event) => event.name === 'Profile' && event.pid === pid && event.tid === tid).map((event) => event.id));
  for (const event of events) {
    if (event.pid !== pid || !profileIds.has(event.id)) continue;
    if (event.name === 'Profile' && event.args?.data?.startTime !== undefined) profileStart = event.args.data.startTime;
    if (event.name !== 'ProfileChunk') continue;
    const data = event.args?.data ?? {};
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    let time = samples.length ? samples[samples.length - 1].ts : profileStart ?? event.ts;
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((id, index) => {
      time += deltas[index] ?? 0;
      samples.push({ id, ts: time });
    });
  }
  const nameOf = (node) => {
    const frame = node?.callFrame ?? {};
    const where = frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber ?? ''}` : '';
    return `${frame.functionName || '(anonymous)'}${where}`;
  };

  // Every task that ran the app's code (a call into frontend.js, the wasm
  // glue), however short: the app's whole share of the main thread, which
  // moves less from run to run than the blocking time does.
  const appCalls = onMain.filter((event) => event.name === 'FunctionCall' && String(event.args?.data?.url ?? '').includes('frontend.js'));
  const appTasks = onMain.filter((event) => event.name === 'RunTask'
    && appCalls.some((call) => call.ts >= event.ts && call.ts < event.ts + event.dur));
  const appTotal = appTasks.reduce((sum, task) => sum + task.dur, 0) / 1000;
  console.log(`\n${file}: ${tasks.length} tasks over ${LONG / 1000} ms; ${appTasks.length} tasks ran the app's code, ${appTotal.toFixed(0)} ms in all`);
  for (const task of tasks) {
    const end = task.ts + task.dur;
    const inside = onMain.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur <= end);
    // Self time of each event name: its duration less its direct children's.
    const selfByName = new Map();
    for (const event of inside) {
      const children = inside.filter((child) => child !== event && child.ts >= event.ts && child.ts + child.dur <= event.ts + event.dur);
      const direct = children.filter((child) => !children.some((other) => other !== child && child.ts >= other.ts && child.ts + child.dur <= other.ts + other.dur));
      const self = event.dur - direct.reduce((sum, child) => sum + child.dur, 0);
      const label = event.name === 'FunctionCall' || event.name === 'EvaluateScript'
        ? `${event.name} ${(event.args?.data?.url ?? '').split('/').pop()} ${event.args?.data?.functionName ?? ''}`.trim()
        : event.name;
      selfByName.set(label, (selfByName.get(label) ?? 0) + Math.max(0, self));
    }
    const topEvents = [...selfByName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
      .map(([name, time]) => `${name} ${(time / 1000).toFixed(1)}`).join('; ');
    const selfTime = new Map();
    const totalTime = new Map();
    const inTask = samples.filter((sample) => sample.ts >= task.ts && sample.ts <= end);
    inTask.forEach((sample, index) => {
      const next = inTask[index + 1]?.ts ?? Math.min(end, sample.ts + 100);
      const spent = Math.max(0, next - sample.ts);
      let node = nodes.get(sample.id);
      const leaf = nameOf(node);
      selfTime.set(leaf, (selfTime.get(leaf) ?? 0) + spent);
      const seen = new Set();
      while (node) {
        const name = nameOf(node);
        if (!seen.has(name)) { totalTime.set(name, (totalTime.get(name) ?? 0) + spent); seen.add(name); }
        node = nodes.get(node.parent);
      }
    });
    const top = (map, count) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
      .map(([name, time]) => `    ${(time / 1000).toFixed(1).padStart(6)} ms  ${name}`).join('\n');
    console.log(`- at ${((task.ts - navigation) / 1000).toFixed(0)} ms, ${(task.dur / 1000).toFixed(0)} ms: ${topEvents}`);
    if (inTask.length) {
      console.log(`  self:\n${top(selfTime, 12)}`);
      console.log(`  total:\n${top(totalTime, 25)}`);
      // LONG_TASKS_MATCH=regex: the sampled functions whose names match (the
      // app's own, say), by total time.
      // LONG_TASKS_TREE=regex: the call tree under each sampled function
      // whose name matches (outermost only), its branches of at least
      // LONG_TASKS_TREE_MIN ms (default 1), to see what a generic frame
      // such as a future's poll or `mount_to` spent its time on.
      if (process.env.LONG_TASKS_TREE) {
        const match = new RegExp(process.env.LONG_TASKS_TREE);
        const least = Number(process.env.LONG_TASKS_TREE_MIN ?? 1) * 1000;
        const byNode = new Map();
        inTask.forEach((sample, index) => {
          const next = inTask[index + 1]?.ts ?? Math.min(end, sample.ts + 100);
          const spent = Math.max(0, next - sample.ts);
          for (let node = nodes.get(sample.id); node; node = nodes.get(node.parent)) {
            byNode.set(node.id, (byNode.get(node.id) ?? 0) + spent);
          }
        });
        const children = new Map();
        for (const id of byNode.keys()) {
          const parent = nodes.get(id)?.parent;
          if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), id]);
        }
        const matches = (id) => match.test(nameOf(nodes.get(id)));
        const underMatch = (id) => {
          for (let node = nodes.get(nodes.get(id)?.parent); node; node = nodes.get(node.parent)) if (matches(node.id)) return true;
          return false;
        };
        const lines = [];
        const draw = (id, depth) => {
          if (depth > 14) return;
          lines.push(`    ${(byNode.get(id) / 1000).toFixed(1).padStart(6)} ms  ${'  '.repeat(depth)}${nameOf(nodes.get(id))}`);
          for (const child of (children.get(id) ?? []).sort((a, b) => byNode.get(b) - byNode.get(a))) {
            if (byNode.get(child) >= least) draw(child, depth + 1);
          }
        };
        for (const id of [...byNode.keys()].filter((id) => matches(id) && !underMatch(id))) draw(id, 0);
        console.log(`  tree under ${match}:\n${lines.join('\n')}`);
      }
      if (process.env.LONG_TASKS_MATCH) {
        const match = new RegExp(process.env.LONG_TASKS_MATCH);
        const own = new Map([...totalTime.entries()].filter(([name]) => match.test(name)));
        console.log(`  matching ${match}:\n${top(own, 40)}`);
      }
    }
  }
}

for (const file of process.argv.slice(2)) summarise(file);
