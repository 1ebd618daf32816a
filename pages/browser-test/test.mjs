// Checks the generated reading pages in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser is downloaded).
//
//   node test.mjs PAGES_DIR SCREENSHOT_DIR
//
// On every page: at desktop width (1400 px) each step's prose, Python and
// Rust start level, in that order; at phone width (390 px) they stack,
// prose first, every cell labelled; the parts a reader looks for (prose,
// both outputs, the timeline, both copy buttons, the index's cheat sheet)
// are visible at both widths, in light and in dark; a timeline's text is
// at least 11 px; no console errors; no code element overflows sideways;
// the copy buttons copy (the whole Rust is the standalone crate's
// main.rs); no keyboard hint on a touch screen; the prev/next links and
// the arrow keys navigate; and no request leaves file://. The replay
// ("Watch the event loop") steps through countasync's and chess's
// schedules as the articles tell them, marks the running task's step,
// answers keys and taps, and stays a static section without JavaScript.
// Screenshots of a few pages go to SCREENSHOT_DIR. Exits 1 on any
// failure, listing them all.

import { chromium } from "playwright-core";
import { readdirSync, mkdirSync, existsSync, readFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { pathToFileURL } from "node:url";

const pagesDir = resolve(process.argv[2] ?? "target/pages");
const shotsDir = resolve(process.argv[3] ?? "target/pages-screenshots");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = ["countasync", "countsync", "chess", "semaphore", "asyncq",
  "rules"];

if (!existsSync(join(pagesDir, "index.html"))) {
  console.error(`no ${pagesDir}/index.html: run cargo run -p pages first`);
  process.exit(1);
}
mkdirSync(shotsDir, { recursive: true });

const files = readdirSync(pagesDir).filter((f) => f.endsWith(".html")).sort();
const examples = files.filter((f) => f !== "index.html");
const url = (f) => pathToFileURL(join(pagesDir, f)).href;
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});

// A context that fails every request that is not file:// (and records
// it), and collects console errors and page errors per page.
async function context(options) {
  const ctx = await browser.newContext(options);
  await ctx.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file://") || u.startsWith("data:")) {
      return route.continue();
    }
    fail(ctx.currentPage ?? "?", `request left file://: ${u}`);
    return route.abort();
  });
  return ctx;
}

async function open(ctx, file) {
  const page = await ctx.newPage();
  ctx.currentPage = file;
  page.on("console", (m) => {
    if (m.type() === "error") fail(file, `console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => fail(file, `page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (!r.url().startsWith("file://")) return;
    fail(file, `failed request: ${r.url()}`);
  });
  const response = await page.goto(url(file));
  if (!response || !response.ok()) fail(file, "did not load");
  return page;
}

// Code elements wider than their box (scrolling sideways).
async function overflowing(page) {
  return page.$$eval("pre, code", (els) =>
    els
      .filter((e) => e.scrollWidth > e.clientWidth + 0 && e.clientWidth > 0)
      // A window meant to scroll (the terminal's picture) may.
      .filter((e) => !["auto", "scroll"].includes(getComputedStyle(e).overflowX))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ` +
        `(${e.scrollWidth} > ${e.clientWidth}): ` +
        e.textContent.slice(0, 40)));
}

// The top of each step's two cells, and their labels.
async function steps(page) {
  return page.$$eval("section.step", (els) =>
    els.map((s) => {
      const py = s.querySelector(".cell.python");
      const rs = s.querySelector(".cell.rust");
      const doc = s.querySelector(".prose");
      const box = (e) => e.getBoundingClientRect();
      const label = (e) => e.querySelector(".label")?.textContent ?? "";
      const seen = (e) => {
        const l = e.querySelector(".label");
        return l && getComputedStyle(l).display !== "none" &&
          box(l).height > 0;
      };
      return {
        id: s.id,
        py: { top: box(py).top, bottom: box(py).bottom, left: box(py).left,
              label: label(py), seen: seen(py) },
        rs: { top: box(rs).top, bottom: box(rs).bottom, left: box(rs).left,
              label: label(rs), seen: seen(rs) },
        doc: { top: box(doc).top, bottom: box(doc).bottom,
               left: box(doc).left, text: doc.textContent.trim() },
      };
    }));
}

// The parts a reader looks for, each visible; and how big a timeline's
// text is drawn.
async function parts(page, file, where) {
  const wanted = file === "index.html"
    ? ["cheatsheet", "path"]
    : ["prose", "output-python", "output-rust", "copy-python", "copy-rust"];
  if (await page.$("section.replay")) wanted.push("replay", "replay-player");
  for (const part of wanted) {
    const seen = await page.$$eval(`[data-part="${part}"]`, (els) =>
      els.filter((e) => {
        const b = e.getBoundingClientRect();
        return b.width > 0 && b.height > 0 &&
          getComputedStyle(e).visibility !== "hidden";
      }).length);
    if (seen === 0) fail(file, `no visible ${part} (${where})`);
  }
  const small = await page.$$eval("svg.timeline text", (ts) =>
    ts.map((t) => t.getBoundingClientRect().height)
      .filter((h) => h > 0 && h < 11).length);
  if (small > 0) fail(file, `${small} timeline labels under 11 px (${where})`);
  // Nothing in the timeline's window spills out of the page.
  const spill = await page.$$eval("figure.timeline", (fs) =>
    fs.filter((f) => f.getBoundingClientRect().right >
      document.documentElement.clientWidth + 1).length);
  if (spill > 0) fail(file, `a timeline wider than the page (${where})`);
}

// Desktop, light.
const desk = await context({
  viewport: { width: 1400, height: 900 },
  colorScheme: "light",
  permissions: ["clipboard-read", "clipboard-write"],
});
for (const file of files) {
  try { await desktop(file); } catch (e) { fail(file, `desktop: ${e.message}`); }
}
async function desktop(file) {
  const page = await open(desk, file);
  for (const o of await overflowing(page)) fail(file, `overflows at 1400: ${o}`);
  const sideways = await page.evaluate(() =>
    document.documentElement.scrollWidth > innerWidth);
  if (sideways) fail(file, "the page scrolls sideways at 1400");
  if (file === "index.html") {
    const links = await page.$$eval("main a[href$='.html']",
      (as) => as.map((a) => a.getAttribute("href")));
    for (const e of examples) {
      if (!links.includes(e)) fail(file, `no link to ${e}`);
    }
    await page.close();
    return;
  }
  await parts(page, file, "1400 light");
  const rows = await steps(page);
  if (rows.length === 0) fail(file, "no steps");
  for (const r of rows) {
    if (Math.abs(r.py.top - r.rs.top) > 2 ||
        Math.abs(r.doc.top - r.py.top) > 2) {
      fail(file, `step ${r.id}: prose at ${r.doc.top}, Python at ` +
        `${r.py.top}, Rust at ${r.rs.top} (desktop)`);
    }
    if (!(r.doc.left < r.py.left && r.py.left < r.rs.left)) {
      fail(file, `step ${r.id}: not prose, Python, Rust from the left`);
    }
    if (r.doc.text.length < 20) fail(file, `step ${r.id}: no prose`);
  }
  if (SHOTS.includes(file.replace(/\.html$/, ""))) {
    await page.screenshot({
      path: join(shotsDir, `${file.replace(/\.html$/, "")}-desktop-light.png`),
      fullPage: true,
    });
  }
  // The copy buttons write their commands, or whole programs, to the
  // clipboard; the whole Rust is the standalone crate's.
  const buttons = await page.$$("button.copy");
  if (buttons.length === 0) fail(file, "no copy button");
  const name = file.replace(/\.html$/, "");
  for (const b of buttons) {
    const want = await b.getAttribute("data-copy");
    const target = await b.getAttribute("data-for");
    const part = await b.getAttribute("data-part");
    if (target) {
      const shown = await page.$eval(`#${target}`,
        (e) => e.textContent.replace(/^\$ /, ""));
      if (shown !== want) {
        fail(file, `copy button for "${want}" shows "${shown}"`);
      }
    } else if (part === "copy-rust") {
      const main = readFileSync(
        join(pagesDir, "standalone", name, "src", "main.rs"), "utf8");
      if (want !== main) fail(file, "Copy Rust is not the standalone main.rs");
    } else if (part === "copy-python") {
      if (!want.includes("asyncio") && !want.includes("import")) {
        fail(file, "Copy Python copies no Python program");
      }
    } else {
      fail(file, "a copy button copies nothing it shows");
    }
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await b.click();
    const got = await page.evaluate(() => navigator.clipboard.readText());
    if (got !== want) fail(file, `copy gave "${got}", not "${want}"`);
  }
  // Links and arrow keys: prev and next lead where the links say.
  for (const [rel, key] of [["prev", "ArrowLeft"], ["next", "ArrowRight"]]) {
    const href = await page.$eval(`a[rel="${rel}"]`, (a) => a.href)
      .catch(() => null);
    if (!href) { fail(file, `no ${rel} link`); continue; }
    const target = decodeURIComponent(new URL(href).pathname.split("/").pop());
    if (!files.includes(target)) fail(file, `${rel} link dangles: ${target}`);
    await page.keyboard.press(key);
    await page.waitForURL(href, { timeout: 5000 }).catch(() =>
      fail(file, `${key} did not go to ${target}`));
    await page.goto(url(file));
    await page.click(`nav.top a[rel="${rel}"]`);
    await page.waitForURL(href, { timeout: 5000 }).catch(() =>
      fail(file, `the ${rel} link did not go to ${target}`));
    await page.goto(url(file));
  }
  await page.close();
}
// The index's first example, by the right arrow key.
{
  const page = await open(desk, "index.html");
  await page.keyboard.press("ArrowRight");
  if (examples.length > 0 && page.url() === url("index.html")) {
    await page.waitForURL((u) => u.href !== url("index.html"),
      { timeout: 5000 }).catch(() => fail("index.html", "ArrowRight stayed"));
  }
  await page.close();
}
await desk.close();

// Phone, dark: stacked, Python first, every cell labelled.
const phone = await context({
  viewport: { width: 390, height: 844 },
  colorScheme: "dark",
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
});
for (const file of files) {
  try { await phoneDark(file); } catch (e) { fail(file, `phone: ${e.message}`); }
}
async function phoneDark(file) {
  const page = await open(phone, file);
  for (const o of await overflowing(page)) fail(file, `overflows at 390: ${o}`);
  const sideways = await page.evaluate(() =>
    document.documentElement.scrollWidth > innerWidth);
  if (sideways) fail(file, "the page scrolls sideways at 390");
  const dark = await page.evaluate(() =>
    matchMedia("(prefers-color-scheme: dark)").matches &&
    getComputedStyle(document.body).backgroundColor);
  if (!dark || dark === "rgb(255, 255, 255)") fail(file, "not dark at 390");
  await parts(page, file, "390 dark");
  const keys = await page.$$eval(".keys", (ks) =>
    ks.filter((k) => k.getBoundingClientRect().height > 0).length);
  if (keys > 0) fail(file, "a keyboard hint on a touch screen");
  if (file !== "index.html") {
    for (const r of await steps(page)) {
      if (!(r.doc.bottom <= r.py.top + 1 && r.py.bottom <= r.rs.top + 1)) {
        fail(file, `step ${r.id}: not stacked prose, Python, Rust on a phone`);
      }
      for (const [lang, c] of [["Python", r.py], ["Rust", r.rs]]) {
        const name = r.id === "top-of-file"
          ? "top of file" : r.id.replace(/^step-/, "");
        if (!c.seen || !c.label.includes(lang) || !c.label.includes(name)) {
          fail(file, `step ${r.id}: ${lang} cell label "${c.label}"`);
        }
      }
    }
  }
  const name = file.replace(/\.html$/, "");
  if (SHOTS.includes(name) || file === "index.html") {
    await page.screenshot({
      path: join(shotsDir, `${name}-phone-dark.png`),
      fullPage: true,
    });
  }
  await page.close();
}
await phone.close();

// The other two: desktop in dark, phone in light; the parts are there
// and visible, and the page does not scroll sideways.
for (const [width, scheme, mobile] of [[1400, "dark", false],
                                       [390, "light", true]]) {
  const ctx = await context({
    viewport: { width, height: 900 }, colorScheme: scheme,
    isMobile: mobile, hasTouch: mobile,
  });
  for (const file of files) {
    const page = await open(ctx, file);
    await parts(page, file, `${width} ${scheme}`);
    const sideways = await page.evaluate(() =>
      document.documentElement.scrollWidth > innerWidth);
    if (sideways) fail(file, `the page scrolls sideways at ${width}`);
    const name = file.replace(/\.html$/, "");
    if (SHOTS.slice(0, 2).includes(name) || file === "index.html") {
      await page.screenshot({
        path: join(shotsDir, `${name}-${width}-${scheme}.png`),
        fullPage: true,
      });
    }
    await page.close();
  }
  await ctx.close();
}

// Without JavaScript the pages still show their code and transcripts.
const nojs = await context({ javaScriptEnabled: false,
  viewport: { width: 1400, height: 900 } });
for (const file of examples) {
  const page = await open(nojs, file);
  const shown = await page.$$eval("pre.code, pre.output",
    (els) => els.filter((e) => e.getBoundingClientRect().height > 0).length);
  if (shown === 0) fail(file, "shows no code without JavaScript");
  const buttons = await page.$$eval("button.copy",
    (els) => els.filter((e) => e.getBoundingClientRect().height > 0).length);
  if (buttons > 0) fail(file, "shows copy buttons that cannot work without JS");
  await page.close();
}
await nojs.close();

// The replay: "Watch the event loop".
const replays = examples.filter((f) =>
  readFileSync(join(pagesDir, f), "utf8").includes('<section class="replay"'));
for (const want of ["countasync.html", "chess.html"]) {
  if (!replays.includes(want)) fail(want, "no replay section");
}

// What the player shows now: its frame, and each side's rows and output.
async function shown(page) {
  return page.$eval('[data-part="replay-player"]', (p) => {
    const side = (name) => {
      const col = p.querySelector(`.side[data-side="${name}"]`);
      return {
        rows: [...col.querySelectorAll("tbody tr[data-task]")].map((r) => ({
          task: r.dataset.task, state: r.dataset.state, step: r.dataset.step,
          text: r.querySelector(".state").textContent,
        })),
        out: col.querySelector("pre").textContent,
        still: col.classList.contains("still"),
      };
    };
    return { frame: Number(p.dataset.frame), python: side("python"),
             rust: side("rust") };
  });
}
const running = (side) => side.rows.filter((r) => r.state === "running");
const lines = (text, line) => text.split("\n").filter((l) => l === line).length;
// The player's frames, from the page's own data.
const frameCount = (page) => page.$eval("#replay-data",
  (d) => JSON.parse(d.textContent).frames.length);
// A step forward by the button, as a reader clicks it.
const forward = (page) => page.click('button[data-act="forward"]');

const rdesk = await context({ viewport: { width: 1400, height: 900 },
  colorScheme: "light" });
for (const file of replays) {
  try { await replayDesktop(file); } catch (e) {
    fail(file, `replay: ${e.message}`);
  }
}
async function replayDesktop(file) {
  const page = await open(rdesk, file);
  const start = await shown(page);
  if (start.frame !== 0) fail(file, `the replay starts at frame ${start.frame}`);
  if (start.python.rows.length === 0) fail(file, "the replay lists no task");
  // Each event shows at most one running task a side (one thread each).
  const n = Math.min(await frameCount(page), 80);
  for (let k = 0; k < n; k++) {
    const now = await shown(page);
    for (const side of ["python", "rust"]) {
      if (running(now[side]).length > 1) {
        fail(file, `replay frame ${k}: ${running(now[side]).length} ` +
          `${side} tasks running at once`);
      }
    }
    if (k < n - 1) await forward(page);
  }
  // The keys: an arrow steps the replay and leaves the page where it is;
  // Home and End go to the ends; K plays and pauses.
  await page.keyboard.press("Home");
  await page.focus('button[data-act="play"]');
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  const after = await shown(page);
  if (after.frame !== 1) fail(file, `ArrowRight in the replay: frame ${after.frame}`);
  if (page.url() !== url(file)) fail(file, "ArrowRight in the replay left the page");
  await page.keyboard.press("ArrowLeft");
  if ((await shown(page)).frame !== 0) fail(file, "ArrowLeft did not step back");
  if (page.url() !== url(file)) fail(file, "ArrowLeft in the replay left the page");
  await page.keyboard.press("End");
  const last = (await frameCount(page)) - 1;
  if ((await shown(page)).frame !== last) fail(file, "End is not the last frame");
  await page.keyboard.press("Home");
  await page.keyboard.press("k");
  await page.waitForFunction(() => Number(document.querySelector(
    '[data-part="replay-player"]').dataset.frame) >= 2, null,
    { timeout: 3000 }).catch(() => fail(file, "K did not play the replay"));
  await page.keyboard.press("k");
  const paused = (await shown(page)).frame;
  await page.waitForTimeout(900);
  if ((await shown(page)).frame !== paused) fail(file, "K did not pause");
  // The slider: its start is the last frame at time 0, its end the last.
  await page.$eval("input.time", (s) => {
    s.value = s.max; s.dispatchEvent(new Event("input", { bubbles: true }));
  });
  if ((await shown(page)).frame !== last) fail(file, "the slider's end");
  if (file === "countasync.html") await countasync(page, file);
  if (file === "chess.html") await chess(page, file);
  await page.close();
}

// The three counts each print One before any prints Two; the running
// task's row and the page's step show count; at the end all are done.
async function countasync(page, file) {
  await page.keyboard.press("Home");
  const seen = await shown(page);
  const run = [...running(seen.python), ...running(seen.rust)];
  for (const r of run) {
    if (!r.step) fail(file, `frame 0: running ${r.task} has no step`);
  }
  let third = null, countSeen = false;
  const end = (await frameCount(page)) - 1;
  for (let k = 0; k <= end; k++) {
    const now = await shown(page);
    const counting = running(now.python).find((r) => /count/.test(r.step));
    if (counting && !countSeen) {
      countSeen = true;
      const mark = await page.$eval("#step-count", (s) =>
        [s.classList.contains("replay-running"), s.dataset.replayRunning]);
      if (!mark[0] || !(mark[1] ?? "").includes("python")) {
        fail(file, `frame ${k}: count runs but #step-count is not marked`);
      }
      if (counting.step !== "count") fail(file, `count's step: ${counting.step}`);
    }
    if (third === null && lines(now.python.out, "One") === 3) third = now;
    for (const side of ["python", "rust"]) {
      if (lines(now[side].out, "Two") > 0 && lines(now[side].out, "One") < 3) {
        fail(file, `frame ${k}: the ${side} printed Two before three Ones`);
      }
    }
    if (k < end) await forward(page);
  }
  if (!countSeen) fail(file, "no count task ever runs in the replay");
  if (!third) {
    fail(file, "the Python's replay never printed three Ones");
  } else {
    if (third.python.out.trim() !== "One\nOne\nOne") {
      fail(file, `after the third One the Python shows ${third.python.out}`);
    }
    if (lines(third.rust.out, "Two") > 0 || lines(third.rust.out, "One") < 2) {
      fail(file, `after the third One the Rust shows ${third.rust.out}`);
    }
  }
  const last = await shown(page);
  for (const side of ["python", "rust"]) {
    const open = last[side].rows.filter((r) => r.state !== "done");
    if (open.length) {
      fail(file, `at the end ${side} tasks not done: ` +
        open.map((r) => `${r.task} ${r.text}`).join(", "));
    }
    if (!last[side].out.includes("Two")) fail(file, `${side}: no Two at the end`);
  }
  const marked = await page.$$eval(".step.replay-running", (s) => s.length);
  if (marked > 0) fail(file, "a step is marked running after the end");
}

// Judit walks from board to board: in the asynchronous exhibition the
// running task changes from one board to the next, one at a time, while
// the others wait for her (the lock) or sleep (their opponents think).
async function chess(page, file) {
  // The asynchronous exhibition starts once the first line is printed.
  const t = await page.$eval("#replay-data", (d) => {
    const data = JSON.parse(d.textContent);
    const ev = data.python.events.find((e) => e.out >= 1);
    return ev ? ev.t : null;
  });
  if (t === null) { fail(file, "the Python prints nothing in the replay"); return; }
  await page.$eval("input.time", (s, t) => {
    s.value = String(t); s.dispatchEvent(new Event("input", { bubbles: true }));
  }, t);
  await page.focus('button[data-act="forward"]');
  const boards = new Set();
  let moves = 0, previous = null, waiting = 0, sleeping = 0;
  for (let k = 0; k < 150; k++) {
    const now = await shown(page);
    const run = running(now.python);
    if (run.length === 1) {
      const task = run[0].task;
      if (task !== previous && previous !== null) moves += 1;
      previous = task;
      boards.add(task);
      const others = now.python.rows.filter((r) => r.task !== task);
      if (others.some((r) => r.state === "waiting" && /lock/.test(r.text))) {
        waiting += 1;
      }
      if (others.some((r) => r.state === "sleeping")) sleeping += 1;
    }
    await page.keyboard.press("ArrowRight");
  }
  if (page.url() !== url(file)) fail(file, "stepping the replay left the page");
  if (boards.size < 3) {
    fail(file, `the asynchronous exhibition runs ${[...boards].join(", ")}`);
  }
  if (moves < 3) fail(file, `the running task changed ${moves} times`);
  if (waiting === 0) fail(file, "no board ever waits for the lock");
  if (sleeping === 0) fail(file, "no board ever sleeps while another runs");
}

// Replay screenshots, and a tap on a touch screen.
const replayShot = async (page, name) => {
  const el = await page.$('[data-part="replay"]');
  await el.screenshot({ path: join(shotsDir, name) });
};
if (replays.includes("countasync.html")) {
  const page = await open(rdesk, "countasync.html");
  for (let k = 0; k < 7; k++) await forward(page);
  await replayShot(page, "countasync-replay-1400.png");
  await page.close();
}
await rdesk.close();
const rphone = await context({ viewport: { width: 390, height: 844 },
  colorScheme: "dark", isMobile: true, hasTouch: true });
for (const file of replays) {
  try { await replayPhone(file); } catch (e) {
    fail(file, `replay at 390: ${e.message}`);
  }
}
async function replayPhone(file) {
  const page = await open(rphone, file);
  await page.tap('button[data-act="forward"]');
  const now = await shown(page);
  if (now.frame !== 1) fail(file, `a tap on Forward: frame ${now.frame}`);
  const small = await page.$$eval(".player button", (bs) =>
    bs.map((b) => b.getBoundingClientRect().height)
      .filter((h) => h > 0 && h < 44).length);
  if (small > 0) fail(file, `${small} replay buttons under 44 px on a touch screen`);
  const sideways = await page.evaluate(() =>
    document.documentElement.scrollWidth > innerWidth);
  if (sideways) fail(file, "the replay scrolls the page sideways at 390");
  // The two sides stack: the Python's above the Rust's.
  const [py, rs] = await page.$$eval(".player .side", (ss) =>
    ss.map((s) => s.getBoundingClientRect().top));
  if (!(py < rs)) fail(file, "the replay's sides do not stack at 390");
  if (file === "countasync.html") {
    for (let k = 0; k < 6; k++) await page.tap('button[data-act="forward"]');
    await replayShot(page, "countasync-replay-390.png");
  }
  await page.close();
}
await rphone.close();

// Without JavaScript the replay is a static section: its commands and its
// lessons (or the sentence saying the schedules match), the player hidden.
const rnojs = await context({ javaScriptEnabled: false,
  viewport: { width: 1400, height: 900 } });
for (const file of replays) {
  const page = await open(rnojs, file);
  const got = await page.evaluate(() => {
    const h = (sel) => {
      const e = document.querySelector(sel);
      return e ? e.getBoundingClientRect().height : -1;
    };
    return { section: h('[data-part="replay"]'),
             player: h('[data-part="replay-player"]'),
             lessons: Math.max(h('[data-part="replay-differences"]'),
                               h('[data-part="replay-same"]')) };
  });
  if (!(got.section > 0)) fail(file, "no replay section without JS");
  if (got.player !== 0) fail(file, "the replay's player shows without JS");
  if (!(got.lessons > 0)) fail(file, "the replay's lessons hidden without JS");
  await page.close();
}
await rnojs.close();
await browser.close();

console.log(`checked ${files.length} pages (${examples.length} examples); ` +
  `screenshots in ${shotsDir}`);
if (failures.length > 0) {
  console.error(`${failures.length} failures:\n  ` + failures.join("\n  "));
  process.exit(1);
}
console.log("all browser checks passed");
