// N promises that each sleep one second, started at once and awaited:
// the Node peer of `tasks-bench tasks N` and bench/python/tasks.py.
//
//   node tasks.mjs -n 10000
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { n: { type: "string", short: "n" } } });
const n = Number(values.n ?? 10_000);
if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
  console.error("error: -n must be between 0 and 10000000");
  process.exit(2);
}

async function sleeper() {
  await sleep(1000);
}

const start = performance.now();
const tasks = [];
for (let i = 0; i < n; i++) tasks.push(sleeper());
for (const t of tasks) await t;
const elapsed = (performance.now() - start) / 1000;
console.log(`${n} tasks finished in ${elapsed.toFixed(2)} seconds.`);
