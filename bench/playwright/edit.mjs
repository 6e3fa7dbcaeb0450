// Times a live preview's edits with Playwright, a harness that shares no
// code with bench/editlatency (chromedp) and trusts no mark that
// kettudocs's own scripts set.
//
// The page under test gets, through Playwright's addInitScript, an
// observer that runs in every document before the page's own scripts. It
// notes when the edit's new word is first in the DOM, and when the frame
// that shows it has been painted: a requestAnimationFrame callback runs
// just before that frame's paint, and a message posted from it runs just
// after. Whether the page put the change in place or reloaded, the
// observer sees it (a reloaded document gets it anew and sees the word
// while its HTML is parsed). Beside those, the harness's own view: the time
// until Playwright's waitForFunction, polling every frame, returns.
//
// Times start just before the page's file is written. Node's and
// Chromium's clocks are both this machine's wall clock
// (performance.timeOrigin + performance.now()).
//
//	node bench/playwright/edit.mjs --url URL --file PAGE.md [--n 20] [--browser /usr/bin/chromium]
//
// prints one line per kind of edit (body, heading): p50 / p95 of each
// measure and how many edits reloaded the page. The page's file is
// restored when it ends. It waits for the page to answer first.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: opt } = parseArgs({
  options: {
    url: { type: "string" },
    file: { type: "string" },
    n: { type: "string", default: "20" },
    browser: { type: "string", default: "/usr/bin/chromium" },
  },
});
if (!opt.url || !opt.file) {
  console.error("usage: node edit.mjs --url URL --file PAGE.md [--n EDITS] [--browser PATH]");
  process.exit(2);
}
const edits = Number(opt.n);
const orig = readFileSync(opt.file, "utf8");
const now = () => performance.timeOrigin + performance.now();

// The server may still be loading the site.
for (const t0 = now(); ; await sleep(50)) {
  const ok = await fetch(opt.url).then((r) => r.ok, () => false);
  if (ok) break;
  if (now() - t0 > 600e3) throw new Error(`${opt.url} did not answer within 10 minutes`);
}

const browser = await chromium.launch({ executablePath: opt.browser, args: ["--no-sandbox"] });
process.on("exit", () => writeFileSync(opt.file, orig));
const page = await browser.newPage();
await page.addInitScript(() => {
  // The word the harness waits for is in sessionStorage, which a reload
  // keeps.
  const seen = {};
  window.__pwEdit = seen;
  const at = () => performance.timeOrigin + performance.now();
  const check = () => {
    const want = sessionStorage.getItem("pw-edit-want");
    if (!want || seen[want] || !document.body || !document.body.textContent.includes(want)) return;
    const r = { dom: at() };
    seen[want] = r;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { r.painted = at(); };
      ch.port2.postMessage(0);
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
});

let navigations = 0;
page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigations++; });

// measure makes the edits and returns, for each shown, the times from the
// write to: the word in the DOM, the frame that showed it painted, the
// harness's waitForFunction returning; and whether the page navigated.
async function measure(kind, add) {
  await page.goto(opt.url, { waitUntil: "load" });
  const out = [];
  for (let i = 0; i < edits; i++) {
    await sleep(300); // let the last change settle
    const word = `pw${kind}${i}x${Date.now() % 1e6}`;
    await page.evaluate((w) => sessionStorage.setItem("pw-edit-want", w), word);
    const navs = navigations;
    const t0 = now();
    writeFileSync(opt.file, orig + add(word));
    let r = null;
    while (r === null && now() - t0 < 15000) {
      try {
        // A reload destroys the context this waits in: wait again in the new one.
        const h = await page.waitForFunction(
          (w) => { const r = window.__pwEdit && window.__pwEdit[w]; return r && r.painted ? r : null; },
          word, { polling: "raf", timeout: Math.max(1, 15000 - (now() - t0)) });
        r = await h.jsonValue();
      } catch (e) {
        if (!/context was destroyed|navigation|Target closed/i.test(String(e))) break;
      }
    }
    const t1 = now();
    if (r === null) {
      console.error(`${word} did not show within 15 s`);
      out.push(null);
      continue;
    }
    out.push({ dom: r.dom - t0, painted: r.painted - t0, harness: t1 - t0, navigated: navigations > navs });
  }
  return out;
}

function pct(xs, p) {
  if (xs.length === 0) return "-";
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.ceil((s.length * p) / 100);
  return `${Math.round(s[Math.max(0, Math.min(s.length - 1, i - 1))])}ms`;
}

function report(kind, rs) {
  const ok = rs.filter((r) => r !== null);
  const f = (k) => `${pct(ok.map((r) => r[k]), 50)} / ${pct(ok.map((r) => r[k]), 95)}`;
  console.log(`${kind}: in the DOM ${f("dom")}, painted ${f("painted")}, harness saw it ${f("harness")}, reloaded ${ok.filter((r) => r.navigated).length} of ${ok.length}, missed ${rs.length - ok.length}`);
}

try {
  report("body edit", await measure("body", (w) => `\n\nA new paragraph with ${w} in it.\n`));
  report("heading edit", await measure("head", (w) => `\n\n## A new heading ${w}\n\nAnd a paragraph under it.\n`));
} finally {
  await browser.close();
  writeFileSync(opt.file, orig);
}
