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
// the arrow keys navigate; and no request leaves file://. Screenshots of
// a few pages go to SCREENSHOT_DIR. Exits 1 on any failure, listing them
// all.

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
await browser.close();

console.log(`checked ${files.length} pages (${examples.length} examples); ` +
  `screenshots in ${shotsDir}`);
if (failures.length > 0) {
  console.error(`${failures.length} failures:\n  ` + failures.join("\n  "));
  process.exit(1);
}
console.log("all browser checks passed");
