// The walkthrough's countasync.py in Node: three async functions that
// each print "One", sleep a second and print "Two", awaited together.
import { setTimeout as sleep } from "node:timers/promises";

async function count() {
  console.log("One");
  await sleep(1000);
  console.log("Two");
}

const start = performance.now();
await Promise.all([count(), count(), count()]);
const elapsed = (performance.now() - start) / 1000;
console.log(`countasync executed in ${elapsed.toFixed(2)} seconds.`);
