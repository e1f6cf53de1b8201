// The demo page (www/) in headless Chromium, as a newcomer uses it after `make demo`:
// the sample article, a pasted text, the who-said-what list, the JSON download, and
// proof that the page asks nothing of the network beyond its own origin.
// Run with `make www-test` (it builds www/ first).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { serve } from "../../scripts/serve.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// A shot of the page after the sample, for a person to look at (target/ is not committed).
const SHOT = join(ROOT, "target", "www", "demo.png");

let server, origin, browser, page, profile;
const foreign = []; // every request for something not on our server
const errors = []; // uncaught exceptions and console errors in the page

before(async () => {
  server = await serve(join(ROOT, "www"));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = await mkdtemp(join(tmpdir(), "quotelens-www-"));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    // No Google services, no component updates: the machine has no network, and the
    // test must not depend on one.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:")) {
      request.continue();
    } else {
      foreign.push(url);
      request.abort();
    }
  });
  // Opens the overlay's shadow root to this test (closed otherwise: src/wasm/ui.rs).
  await page.evaluateOnNewDocument(() => {
    globalThis.__quotelensTestHook = true;
  });
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  await page.goto(`${origin}/`, { waitUntil: "load" });
  await page.waitForSelector("#quote-count");
});

after(async () => {
  await browser?.close();
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** What the page shows: the counts, the who-said-what list, the overlay's highlights. */
function readPage() {
  return page.evaluate(() => {
    const highlighted = [];
    for (const [name, highlight] of CSS.highlights) {
      if (name === "quotelens-demo-focus") continue;
      for (const range of highlight) {
        // Offsets within the paragraph, so a test can say where the highlight sits.
        const paragraph = range.startContainer.parentElement.closest("p");
        const before = document.createRange();
        before.setStart(paragraph, 0);
        before.setEnd(range.startContainer, range.startOffset);
        highlighted.push({ text: range.toString(), paragraph: paragraph.textContent, at: before.toString().length });
      }
    }
    return {
      quotes: Number(document.querySelector("#quote-count").textContent),
      ms: Number(document.querySelector("#analysis-ms").textContent),
      status: document.querySelector("#status").textContent,
      speakers: [...document.querySelectorAll("#speakers .speaker .name")].map((el) => el.textContent),
      listed: document.querySelectorAll("#speakers .quote-link").length,
      // The overlay draws one badge a quote (none for a short unattributed term), in its
      // shadow root, opened to tests by the hook.
      badges: document.querySelector("[data-quotelens-test]")?.shadowRoot?.querySelectorAll(".ql-label").length,
      highlighted,
    };
  });
}

// The gold answers count one quote per quoted paragraph (20); a quote that runs on
// into the next paragraph is one quotation for us, with one badge and one list entry.
const gold = JSON.parse(await readFile(join(ROOT, "tests/fixtures/seed-article.expected.json"), "utf8"));
const QUOTED_PARAGRAPHS = gold.quotes.length;
const QUOTATIONS = gold.quotes.filter((q) => !q.continues_next_paragraph).length;

test("the sample article shows its 20 quoted paragraphs, with Antony Blinken and David Lammy among the speakers", async () => {
  const shown = await readPage();
  console.log(`sample: ${shown.status}`);
  // The page times the first call, which includes the engine warming up; print the
  // steady state too. A figure to read, not to assert.
  const steady = await page.evaluate(async () => {
    const { analyze } = await import("./pkg/quotelens.js");
    const text = document.querySelector("#text").value;
    const runs = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      analyze(text);
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[10];
  });
  console.log(`sample: median of 21 further analyses ${steady.toFixed(1)} ms`);
  await mkdir(join(ROOT, "target", "www"), { recursive: true });
  await page.screenshot({ path: SHOT, fullPage: true });
  console.log(`screenshot: ${SHOT}`);
  assert.equal(QUOTED_PARAGRAPHS, 20);
  assert.equal(shown.quotes, QUOTATIONS, "two quotes run over several paragraphs");
  assert.equal(shown.listed, QUOTATIONS, "every quote is in the who-said-what list");
  assert.equal(shown.badges, QUOTATIONS, "the overlay found the quotes the list shows");
  assert.ok(shown.speakers.includes("Antony Blinken"), `speakers: ${shown.speakers.join(", ")}`);
  assert.ok(shown.speakers.includes("David Lammy"), `speakers: ${shown.speakers.join(", ")}`);
  assert.equal(shown.highlighted.length, QUOTED_PARAGRAPHS, "one highlighted range per quoted paragraph");
});

test("hovering a highlighted quote opens the extension's card, naming its speaker", async () => {
  // The first quote that has a speaker, as the list shows it, and where it sits on screen.
  const target = await page.evaluate(() => {
    // The list puts quotes with no speaker last, so this one has a speaker.
    const button = document.querySelector("#speakers .quote-link");
    const speaker = button.closest(".speaker").querySelector(".name").textContent;
    for (const [name, highlight] of CSS.highlights) {
      if (name === "quotelens-demo-focus") continue;
      for (const range of highlight) {
        if (range.toString() !== button.title) continue;
        range.startContainer.parentElement.scrollIntoView({ block: "center" });
        const box = range.getClientRects()[0];
        return { speaker, x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
    }
    return { speaker };
  });
  assert.ok(target.x !== undefined, `no highlight for the first quote of ${target.speaker}`);
  await page.mouse.move(target.x, target.y);
  // The card lives in the overlay's shadow root, opened to tests by the hook.
  const card = await page.waitForFunction(() => {
    const el = document.querySelector("[data-quotelens-test]")?.shadowRoot?.querySelector(".ql-card");
    return el && !el.hidden && el.textContent;
  });
  const text = await card.jsonValue();
  await page.screenshot({ path: join(ROOT, "target", "www", "hover.png") });
  assert.ok(text.includes(target.speaker), `card "${text}" names ${target.speaker}`);
});

test("a quote in the list is reachable by keyboard and marks its quote in the article", async () => {
  // Tab from the download button until a quote in the list has focus: the list must be
  // in the tab order (the overlay's badges may come before it).
  await page.focus("#download");
  let presses = 0;
  let onQuote = false;
  while (!onQuote && presses < 200) {
    await page.keyboard.press("Tab");
    presses += 1;
    onQuote = await page.evaluate(() => document.activeElement.classList.contains("quote-link"));
  }
  assert.ok(onQuote, "Tab reaches the quotes in the list");
  await page.keyboard.press("Enter");
  const marked = await page.evaluate(() => {
    const [range] = CSS.highlights.get("quotelens-demo-focus") ?? [];
    return { range: range?.toString(), title: document.activeElement.title };
  });
  assert.equal(marked.range, marked.title);
});

test("a pasted text with an emoji and a non-ASCII name is highlighted where its quote is", async () => {
  const paragraph = "🎉 Ça y est! “We will open the bridge on Monday,” said Zoë Ångström, the mayor of Malmö.";
  const text = `The town council met on Friday.\n${paragraph}\nThe bridge cost €4m.`;
  await page.$eval("#text", (el, value) => (el.value = value), text);
  // By keyboard: a mouse click could land mid-way through the list's smooth scroll.
  await page.focus("#analyse");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#quote-count")?.textContent === "1");
  const shown = await readPage();
  console.log(`pasted: ${shown.status}`);
  const quote = "We will open the bridge on Monday,";
  const hit = shown.highlighted.find((h) => h.paragraph === paragraph);
  assert.ok(hit, `a highlight in the quoted paragraph; got ${JSON.stringify(shown.highlighted)}`);
  assert.equal(hit.text, quote);
  assert.equal(hit.at, paragraph.indexOf(quote), "the highlight starts where the quote does");
  assert.ok(shown.speakers.includes("Zoë Ångström"), `speakers: ${shown.speakers.join(", ")}`);
});

test("Download JSON saves the analysis, and it parses with the quotes shown", async () => {
  const dir = await mkdtemp(join(tmpdir(), "quotelens-download-"));
  const cdp = await browser.target().createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dir, eventsEnabled: true });
  const done = new Promise((resolve, reject) => {
    let name;
    cdp.on("Browser.downloadWillBegin", (event) => (name = event.suggestedFilename));
    cdp.on("Browser.downloadProgress", (event) => {
      if (event.state === "completed") resolve(name);
      if (event.state === "canceled") reject(new Error("download canceled"));
    });
  });
  await page.click("#download");
  const name = await done;
  const saved = JSON.parse(await readFile(join(dir, name), "utf8"));
  await rm(dir, { recursive: true, force: true });
  const shown = await readPage();
  assert.equal(name, "quotelens-analysis.json");
  assert.equal(saved.quotes.length, shown.quotes);
  assert.equal(saved.quotes[0].text, "We will open the bridge on Monday,");
  assert.equal(saved.text.slice(saved.quotes[0].start16, saved.quotes[0].end16), saved.quotes[0].text);
  assert.ok(Array.isArray(saved.speakers));
});

test("the page asks for nothing beyond its own origin, and throws no error", () => {
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});
