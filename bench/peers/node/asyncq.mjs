// The walkthrough's producer/consumer queue without its sleeps, in Node:
// the peer of `asyncq-bench` and bench/python/asyncq.py.
//
//   node asyncq.mjs -p 5 -c 10 --items 100000 [--maxsize 1024]
//
// Node has no asyncio.Queue, so AsyncQueue below is one: put and get
// wait (put only when bounded), taskDone and join as in asyncio. When
// every item is processed the consumers are stopped, as in the article.
// Every item carries a serial number, and at the end the program checks
// that each was consumed exactly once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

/** A first-in first-out list with O(1) shift (Array#shift is O(n)). */
class Fifo {
  #items = [];
  #head = 0;
  get length() {
    return this.#items.length - this.#head;
  }
  push(x) {
    this.#items.push(x);
  }
  shift() {
    const x = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return x;
  }
}

/** asyncio.Queue: maxsize 0 means unbounded. */
class AsyncQueue {
  #items = new Fifo();
  #getters = new Fifo(); // resolve functions of waiting get()s
  #putters = new Fifo(); // resolve functions of waiting put()s
  #unfinished = 0;
  #joiners = [];

  constructor(maxsize = 0) {
    this.maxsize = maxsize;
  }

  #full() {
    return this.maxsize > 0 && this.#items.length >= this.maxsize;
  }

  async put(item) {
    while (this.#full()) {
      await new Promise((resolve) => this.#putters.push(resolve));
    }
    this.#items.push(item);
    this.#unfinished++;
    if (this.#getters.length) this.#getters.shift()();
  }

  async get() {
    while (this.#items.length === 0) {
      await new Promise((resolve) => this.#getters.push(resolve));
    }
    const item = this.#items.shift();
    if (this.#putters.length) this.#putters.shift()();
    return item;
  }

  taskDone() {
    if (--this.#unfinished === 0) {
      for (const resolve of this.#joiners.splice(0)) resolve();
    }
  }

  async join() {
    if (this.#unfinished > 0) {
      await new Promise((resolve) => this.#joiners.push(resolve));
    }
  }
}

const STOP = Symbol("stop");

async function makeitem(size = 5) {
  return randomBytes(size).toString("hex");
}

async function produce(name, q, nitems) {
  for (let serial = name * nitems; serial < (name + 1) * nitems; serial++) {
    const i = await makeitem();
    await q.put({ i, t: performance.now(), serial });
  }
}

async function consume(q, seen) {
  for (;;) {
    const item = await q.get();
    if (item === STOP) return;
    // The lesson's consumer times each item's wait; only the print is
    // left out, as on the other sides.
    const waited = performance.now() - item.t;
    seen[item.serial]++;
    q.taskDone();
  }
}

async function main(nprod, ncon, nitems, maxsize) {
  const q = new AsyncQueue(maxsize);
  const seen = new Uint32Array(nprod * nitems);
  const producers = [];
  for (let n = 0; n < nprod; n++) producers.push(produce(n, q, nitems));
  const consumers = [];
  for (let n = 0; n < ncon; n++) consumers.push(consume(q, seen));
  await Promise.all(producers);
  await q.join();
  // A promise cannot be cancelled: each consumer is told to stop instead.
  for (let n = 0; n < ncon; n++) q.put(STOP);
  await Promise.all(consumers);
  return seen;
}

const { values } = parseArgs({
  options: {
    nprod: { type: "string", short: "p" },
    ncon: { type: "string", short: "c" },
    items: { type: "string" },
    maxsize: { type: "string" },
  },
});
const nprod = Number(values.nprod ?? 5);
const ncon = Number(values.ncon ?? 10);
const nitems = Number(values.items ?? 100_000);
const maxsize = Number(values.maxsize ?? 0);
if (
  ![nprod, ncon, nitems, maxsize].every(Number.isInteger) ||
  nprod < 1 || nprod > 10_000 || ncon < 1 || ncon > 1_000_000 ||
  nitems < 0 || nprod * nitems > 100_000_000 || maxsize < 0
) {
  console.error("error: need 1-10000 producers, 1-1000000 consumers and " +
    "at most 100000000 items in all");
  process.exit(2);
}

const start = performance.now();
const seen = await main(nprod, ncon, nitems, maxsize);
const elapsed = (performance.now() - start) / 1000;
let lost = 0;
let twice = 0;
for (const c of seen) {
  if (c === 0) lost++;
  else if (c > 1) twice++;
}
if (lost || twice) {
  console.error(`error: ${lost} items lost, ${twice} taken twice`);
  process.exit(1);
}
const rate = seen.length / elapsed;
console.log(`Consumed ${seen.length} items, each exactly once, ` +
  `at ${rate.toFixed(0)} items per second.`);
console.log(`Program completed in ${elapsed.toFixed(5)} seconds.`);
