// The demo page: shows pasted text as paragraphs, lets the extension's own overlay
// highlight it, and lists who said what. It decides nothing about quotes itself, and
// page text only ever goes in as text (textContent), never as markup.
import init, { analyze, Overlay } from "./pkg/quotelens.js";

const $ = (id) => document.getElementById(id);
const form = $("input");
const textarea = $("text");
const article = $("article");
const speakerList = $("speakers");
const status = $("status");
const download = $("download");

let overlay = null;
let result = null; // the last run: { text, analysis, ms }
let paragraphs = []; // { node, start, end }: each text node and its UTF-16 span in the text
let downloadUrl = null;

async function main() {
  try {
    await init();
  } catch (err) {
    status.textContent = `The analyser did not load (${err.message}). Build it with make demo.`;
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(textarea.value);
  });
  $("sample").addEventListener("click", loadSample);
  download.addEventListener("click", save);
  await loadSample();
}

async function loadSample() {
  const response = await fetch("sample.txt");
  if (!response.ok) {
    status.textContent = "The sample article is missing: build the page with make www.";
    return;
  }
  textarea.value = await response.text();
  run(textarea.value);
}

function run(raw) {
  const text = raw.replace(/\r\n?/g, "\n");
  // A fresh overlay per text: the old one's ranges point into paragraphs about to go.
  // free() also releases its memory on the Rust side.
  overlay?.detach();
  overlay?.free();
  render(text);
  const t0 = performance.now();
  const analysis = analyze(text);
  const ms = performance.now() - t0;
  overlay = Overlay.attach(article);
  result = { text, analysis, ms };
  listSpeakers(analysis);
  showStatus(analysis, ms);
  download.disabled = false;
}

/** One <p> per non-blank line, remembering where each sits in `text` (UTF-16). */
function render(text) {
  article.replaceChildren();
  paragraphs = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line.trim() !== "") {
      const p = document.createElement("p");
      p.textContent = line;
      article.append(p);
      paragraphs.push({ node: p.firstChild, start: offset, end: offset + line.length });
    }
    offset += line.length + 1;
  }
}

function showStatus(analysis, ms) {
  const plural = (n, word) => `${word}${n === 1 ? "" : "s"}`;
  const quotes = analysis.quotes.length;
  const speakers = groupBySpeaker(analysis).filter((group) => group.name !== null).length;
  const pass = overlay?.lastPassMs?.();
  status.replaceChildren(
    strong("quote-count", quotes),
    ` ${plural(quotes, "quote")} · `,
    strong("speaker-count", speakers),
    ` ${plural(speakers, "speaker")} · analysed in `,
    // Browsers round performance.now() to 0.1 ms or coarser.
    strong("analysis-ms", ms < 0.1 ? "< 0.1" : ms.toFixed(1)),
    " ms",
    pass === undefined ? "" : ` (page pass with highlights ${pass.toFixed(1)} ms)`,
  );
}

function strong(id, value) {
  const el = document.createElement("strong");
  el.id = id;
  el.textContent = String(value);
  return el;
}

/** Quotes grouped by speaker, most quoted first; quotes with no speaker last. */
function groupBySpeaker(analysis) {
  const groups = new Map();
  analysis.quotes.forEach((quote, index) => {
    const name = quote.speaker ?? null;
    if (!groups.has(name)) {
      const known = analysis.speakers[quote.speaker_id ?? -1];
      groups.set(name, { name, role: known?.role ?? quote.role ?? null, quotes: [] });
    }
    groups.get(name).quotes.push({ ...quote, index });
  });
  return [...groups.values()].sort(
    (a, b) => (a.name === null) - (b.name === null) || b.quotes.length - a.quotes.length,
  );
}

function listSpeakers(analysis) {
  speakerList.replaceChildren(
    ...groupBySpeaker(analysis).map((group) => {
      const item = document.createElement("li");
      item.className = "speaker";
      const heading = document.createElement("h3");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = group.name ?? "No speaker found";
      heading.append(name);
      if (group.role) {
        const role = document.createElement("span");
        role.className = "role";
        role.textContent = group.role;
        heading.append(role);
      }
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = `${group.quotes.length} ${group.quotes.length === 1 ? "quote" : "quotes"}`;
      heading.append(count);
      const quotes = document.createElement("ol");
      quotes.className = "quotes";
      for (const quote of group.quotes) {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "quote-link";
        button.dataset.index = quote.index;
        button.textContent = `“${shorten(quote.text, 110)}”`;
        button.title = quote.text;
        button.addEventListener("click", () => jumpTo(quote));
        li.append(button);
        quotes.append(li);
      }
      item.append(heading, quotes);
      return item;
    }),
  );
}

function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The text node and offset for a UTF-16 offset into the analysed text. */
function locate(offset16) {
  const p = paragraphs.find((para) => offset16 >= para.start && offset16 <= para.end);
  return p && { node: p.node, offset: offset16 - p.start };
}

/** Scrolls to a quote and marks it, so the reader sees which one the list meant. */
function jumpTo(quote) {
  const from = locate(quote.start16);
  const to = locate(quote.end16);
  if (!from || !to) return;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  // Our own highlight, above the overlay's, styled in style.css.
  if (globalThis.Highlight && CSS.highlights) {
    const focus = new Highlight(range);
    focus.priority = 10;
    CSS.highlights.set("quotelens-demo-focus", focus);
  }
  const box = range.getBoundingClientRect();
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  window.scrollBy({ top: box.top - window.innerHeight / 3, behavior: still ? "instant" : "smooth" });
}

function save() {
  if (!result) return;
  const { text, analysis, ms } = result;
  const json = JSON.stringify({ text, analysis_ms: ms, ...analysis }, null, 2);
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([json], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = downloadUrl;
  link.download = "quotelens-analysis.json";
  link.click();
}

main();
