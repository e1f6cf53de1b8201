// A live blog under the extension (issue 8, part 8): the page appends a
// paragraph with two quotes every 100 ms, from 12 speakers, and we read the
// page's script time (Chromium's Performance.getMetrics ScriptDuration, which
// counts the content script and its WebAssembly too) after 100, 400 and 1,000
// appends, with the extension as it ships and without it. An update that
// costs what changed keeps the extension's share growing linearly. Also
// printed: the page's whole main-thread task time (TaskDuration), which
// includes style, layout and painting the highlights.
// Usage: node benches/browser/live.mjs (after `make extension`; about 4 minutes).
import { launch, openPage, openPopup, serve } from '../../tests/e2e/harness.mjs';

const MARKS = (process.env.MARKS ?? '100,400,1000').split(',').map(Number);
const NAMES = ['Ana Silva', 'John Okafor', 'Maria Lopez', 'Peter Brandt', 'Lena Holm', 'Ravi Mehta',
  'Sara Novak', 'Tom Reyes', 'Ines Duarte', 'Omar Haddad', 'Julia Stone', 'Ken Ito'];
const LIVE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live</title></head><body>
<main><article><h1>Live: the harbour storm</h1>
<p>Follow the latest on the storm that hit the harbour overnight, as officials assess the damage.</p>
<p>“We are still counting the boats,” said harbour master Lena Holm.</p>
</article></main>
<script>
  const names = ${JSON.stringify(NAMES)};
  window.__appends = 0;
  window.__start = (every) => setInterval(() => {
    const i = window.__appends++;
    const a = names[i % names.length];
    const b = names[(i * 5 + 3) % names.length];
    const p = document.createElement('p');
    p.textContent = '“Update ' + i + ': the crews reached the north pier,” said ' + a + '. ' + b.split(' ')[1] +
      ' added that “the road to the port will stay closed tonight”.';
    document.querySelector('article').append(p);
  }, every);
</script></body></html>`;

const server = await serve({ '/gen/live.html': LIVE });
const results = {};
for (const mode of ['without', 'with']) {
  const { browser, extensionOrigin } = await launch('chromium', { shipped: true, bare: mode === 'without' });
  const { page } = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/gen/live.html`, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 1500)); // the extension's first pass
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
  const script = () => metric('ScriptDuration');
  const base = await script();
  const baseTask = await metric('TaskDuration');
  await page.evaluate(() => window.__start(100));
  results[mode] = [];
  for (const mark of MARKS) {
    await page.waitForFunction((n) => window.__appends >= n, { timeout: 0, polling: 50 }, mark);
    const s = (await script()) - base;
    const task = (await metric('TaskDuration')) - baseTask;
    results[mode].push(s);
    console.log(`${mode} the extension: ${mark} appends, script ${s.toFixed(2)} s, all tasks ${task.toFixed(2)} s`);
  }
  if (mode === 'with') {
    await new Promise((r) => setTimeout(r, 1000));
    // The shipped build lists nothing in the page (SECURITY.md): ask as the popup does.
    const popup = await openPopup(browser, extensionOrigin, `${server.origin}/gen/live.html`);
    const { quotes } = await popup.status();
    console.log(`quotes at the end: ${quotes} (two a paragraph, plus the first)`);
  }
  await browser.close();
}
console.log('\nappends  without  with    extension only  per append (ms)');
MARKS.forEach((mark, i) => {
  const extra = results.with[i] - results.without[i];
  console.log(`${String(mark).padStart(7)}  ${results.without[i].toFixed(2).padStart(7)}  ${results.with[i].toFixed(2).padStart(6)}  ${extra.toFixed(2).padStart(14)}  ${((1000 * extra) / mark).toFixed(2).padStart(15)}`);
});
await server.close();
