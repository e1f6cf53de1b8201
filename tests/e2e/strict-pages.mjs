// Pages that guard themselves, once per browser (strict-pages-*.test.mjs): the
// seed article under strict Content-Security-Policies, each served as a header
// and as a <meta> tag, and a page script that tries to find the extension.
// Chromium refuses WebAssembly in content scripts under the first three
// policies, so there the JavaScript build runs; Firefox never refuses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES, hoverCard, launch, openExtensionPage, popupShows, readOverlay, serve, withVisit } from './harness.mjs';

const SEED = readFileSync(join(FIXTURES, 'seed-article.html'), 'utf8');

// [name, policy, whether it forbids WebAssembly, a check in the page's own world that it is in force]
const POLICIES = [
  ['hosts and inline scripts', "script-src 'self' 'unsafe-inline'", true, 'wasm'],
  ['nothing but inline styles', "default-src 'none'; style-src 'unsafe-inline'", true, 'wasm'],
  ['nonce and strict-dynamic', "script-src 'nonce-abc123' 'strict-dynamic'; object-src 'none'; base-uri 'none'", true, 'wasm'],
  ['Trusted Types', "require-trusted-types-for 'script'", false, 'trusted-types'],
  ['styles from the site only', "style-src 'self'", false, 'inline-style'],
];

function seedUnder(policy, as) {
  if (as === 'header') return { body: SEED, headers: { 'content-security-policy': policy } };
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}">`;
  return { body: SEED.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`) };
}

/// True when the policy visibly holds in the page's own world.
function policyInForce(page, check) {
  return page.evaluate((check) => {
    if (check === 'wasm') {
      try {
        new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
        return false;
      } catch {
        return true;
      }
    }
    if (check === 'trusted-types') {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    }
    // The seed's inline <style> sets body { margin: 0 }: refused, the default 8px stays.
    return getComputedStyle(document.body).marginTop !== '0px';
  }, check);
}

export function defineStrictPages(kind) {
  describe(`strict pages in ${kind}`, { timeout: 600000 }, () => {
    const pages = {};
    for (const [i, [, policy]] of POLICIES.entries()) {
      pages[`/policy/${i}/header`] = seedUnder(policy, 'header');
      pages[`/policy/${i}/meta`] = seedUnder(policy, 'meta');
    }
    // A refusal and its report, twice on one site: the second visit must not probe.
    const reporting = "script-src 'self' 'unsafe-inline'; report-uri /csp-report";
    // The page listens every way it can: in the capture phase on the window, on the
    // document, and with a ReportingObserver (Chromium; the report, not the event).
    const listener =
      '<script>window.__violations = [];window.__observed = [];' +
      'addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.blockedURI), true);' +
      'document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.blockedURI));' +
      'if (globalThis.ReportingObserver) new ReportingObserver((rs) => { for (const r of rs) window.__observed.push(r.body.blockedURL); }, { types: ["csp-violation"], buffered: true }).observe();' +
      '</script>';
    const listening = SEED.replace('</head>', `${listener}</head>`);
    pages['/reporting'] = { body: listening, headers: { 'content-security-policy': reporting } };
    // The same where the browser keeps no copy of the document (its headers cannot be read back).
    pages['/reporting-nostore'] = { body: listening, headers: { 'content-security-policy': reporting, 'cache-control': 'no-store' } };
    // A policy that would refuse WebAssembly but only reports; and one that also forbids every fetch.
    pages['/reporting-only'] = { body: listening, headers: { 'content-security-policy-report-only': reporting } };
    pages['/reporting-noconnect'] = { body: listening, headers: { 'content-security-policy': `${reporting}; connect-src 'none'` } };
    pages['/reporting-meta'] = {
      body: SEED.replace('</head>', `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">${listener}</head>`),
    };
    pages['/probe'] = { body: SEED };
    // A page under a refusing header policy whose service worker records every request
    // it is asked for: reading the policy back from the cache must not be one of them.
    const worker =
      "const seen = []; addEventListener('install', () => skipWaiting()); addEventListener('activate', (e) => e.waitUntil(clients.claim()));" +
      "addEventListener('fetch', (e) => seen.push([e.request.url, e.request.mode]));" +
      "addEventListener('message', (e) => e.ports[0].postMessage(seen));";
    pages['/sw/worker.js'] = { body: worker, headers: { 'content-type': 'text/javascript' } };
    const askWorker =
      '<script>navigator.serviceWorker.register("/sw/worker.js");' +
      'window.askWorker = () => new Promise((ok) => { const c = new MessageChannel(); c.port1.onmessage = (e) => ok(e.data); navigator.serviceWorker.controller.postMessage(0, [c.port2]); });</script>';
    pages['/sw/page'] = { body: SEED.replace('</head>', `${askWorker}</head>`), headers: { 'content-security-policy': reporting } };

    let server;
    let browser;
    let extensionOrigin;
    let storagePage;

    before(async () => {
      server = await serve(pages);
      ({ browser, extensionOrigin } = await launch(kind));
      storagePage = await browser.newPage();
      await openExtensionPage(storagePage, `${extensionOrigin}/popup.html`);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /// Each visit starts with no remembered refusal, as on a first visit to the site.
    function forgetRefusals() {
      return storagePage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.remove('wasmRefused'));
    }

    const onVisit = (path, body) => withVisit({ browser, server, extensionOrigin }, path, body);

    for (const [i, [name, , refusesWasm, check]] of POLICIES.entries()) {
      for (const as of ['header', 'meta']) {
        test(`${name} (${as}): all quotes, the Blinken card, and the popup says which build runs`, async () => {
          await forgetRefusals();
          await onVisit(`/policy/${i}/${as}`, async (v) => {
            const { page, status } = v;
            assert.ok(await policyInForce(page, check), `the policy holds in the page (${check})`);
            console.log(`# ${kind} ${name} (${as}): ${status.build} build, load ${status.loadMs.toFixed(1)} ms, first pass ${status.passMs.toFixed(1)} ms`);
            assert.equal(status.error, null);
            assert.equal(status.build, kind === 'chromium' && refusesWasm ? 'js' : 'wasm');
            assert.equal(status.quotes, 17);
            const drawn = await readOverlay(page);
            assert.equal(drawn.ranges.length, 20, 'highlighted ranges');
            assert.equal(drawn.badges.length, 17, 'one badge per quote');
            // Our style sheet applies inside our shadow root whatever the page allows.
            const labelPosition = await page.evaluate(() => {
              const label = document.querySelector('[data-quotelens-test]').shadowRoot.querySelector('.ql-label');
              return getComputedStyle(label).position;
            });
            assert.equal(labelPosition, 'absolute', 'badges styled by our sheet');
            const card = await hoverCard(page, 'Very soon');
            assert.match(card, /Antony Blinken/);
            assert.match(card, /US Secretary of State/);
            const note = await v.popup.popup.evaluate(() => {
              const note = document.querySelector('#note');
              return note.hidden ? '' : note.textContent;
            });
            if (status.build === 'js') assert.match(note, /refuses WebAssembly/);
            else assert.equal(note, '');
            assert.deepEqual(v.errors, []);
          });
        });
      }
    }

    /// Two visits to `path` on a site with nothing remembered: for each, the build,
    /// the violation events and reports the page saw, and the reports its publisher got.
    async function twoVisits(path) {
      await forgetRefusals();
      const seen = [];
      for (let visitNo = 0; visitNo < 2; visitNo++) {
        const before = server.posts.length;
        const gotBefore = server.gets.length;
        await onVisit(path, async (v) => {
          // Reports are sent asynchronously; give them time to arrive.
          await new Promise((r) => setTimeout(r, 1000));
          const events = await v.page.evaluate(() => window.__violations);
          const observed = await v.page.evaluate(() => window.__observed);
          // The page's own timeline: any request for its own address after the navigation.
          const timeline = await v.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name === location.href).length);
          const reports = server.posts.slice(before).filter((p) => p.path === '/csp-report');
          const fetched = server.gets.slice(gotBefore).filter((p) => p === path).length;
          seen.push({ build: v.status.build, events, observed, reports: reports.length, quotes: v.status.quotes, timeline, fetched, loadMs: Math.round(v.status.loadMs) });
        });
      }
      console.log(`# ${kind} ${path}: ${JSON.stringify(seen)}`);
      const stored = await storagePage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('wasmRefused'));
      await forgetRefusals();
      return { seen, remembered: Object.keys(stored.wasmRefused ?? {}) };
    }
    // `fetched`: requests for the page that reached the server (the navigation alone);
    // `timeline`: entries for the page's own address in its resource timeline.
    const silent = (build) => ({ build, events: [], observed: [], reports: 0, quotes: 17, timeline: 0, fetched: 1 });
    const shape = ({ build, events, observed, reports, quotes, timeline, fetched }) => ({ build, events, observed, reports, quotes, timeline, fetched });

    test('a header policy that refuses WebAssembly is read from the HTTP cache: no probe, nothing the page or publisher sees', async () => {
      for (const path of ['/reporting', '/reporting-noconnect', '/reporting-only']) {
        const { seen, remembered } = await twoVisits(path);
        // Chromium reads the policy and runs the JavaScript build (also where it
        // only reports: compiling there would be reported); Firefox never refuses.
        const build = kind === 'chromium' ? 'js' : 'wasm';
        assert.deepEqual(seen.map(shape), [silent(build), silent(build)], path);
        assert.deepEqual(remembered, [], `${path}: nothing remembered, the headers are read on each page`);
      }
    });

    // Puppeteer's request interception (openPage) bypasses service workers, so this page is opened without it.
    test('the page’s service worker does not see the policy being read', async () => {
      await forgetRefusals();
      const page = await browser.newPage();
      try {
        const url = `${server.origin}/sw/page`;
        await page.goto(url, { waitUntil: 'load' });
        await page.waitForFunction(() => navigator.serviceWorker.controller, { timeout: 10000 });
        const reports = server.posts.length;
        await page.goto(url, { waitUntil: 'load' }); // now through the worker
        await page.waitForFunction(() => document.querySelector('[data-quotelens-test]'), { timeout: 20000 });
        await new Promise((r) => setTimeout(r, 1000));
        const seen = (await page.evaluate(() => window.askWorker())).filter(([u]) => u === url);
        console.log(`# ${kind} service worker saw: ${JSON.stringify(seen)}`);
        assert.deepEqual(seen, [[url, 'navigate']], 'the navigation alone');
        // The policy was read, not probed: no report, nothing remembered.
        assert.equal(server.posts.length, reports);
        const stored = await storagePage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('wasmRefused'));
        assert.equal(stored.wasmRefused, undefined);
      } finally {
        await page.close().catch(() => {});
        await forgetRefusals();
      }
    });

    test('where the headers cannot be read (no-store), a refused compile is reported to the site once, then remembered', async () => {
      const { seen, remembered } = await twoVisits('/reporting-nostore');
      if (kind === 'chromium') {
        // The first visit probes: no page listener sees the violation event
        // (quiet.js stops it first), but the browser still reports it: the
        // publisher gets one report, and a ReportingObserver in the page sees
        // it (SECURITY.md). The second visit goes straight to JS.
        assert.deepEqual(shape(seen[0]), { ...silent('js'), observed: ['wasm-eval'], reports: 1 });
        assert.deepEqual(shape(seen[1]), silent('js'));
      } else {
        assert.deepEqual(seen.map(shape), [silent('wasm'), silent('wasm')]);
      }
      assert.deepEqual(remembered, kind === 'chromium' ? ['127.0.0.1'] : []);
    });

    test('a policy in a <meta> tag is read, not probed: the page sees no violation', async () => {
      await forgetRefusals();
      await onVisit('/reporting-meta', async (v) => {
        assert.equal(v.status.build, kind === 'chromium' ? 'js' : 'wasm');
        assert.equal(v.status.quotes, 17);
        await new Promise((r) => setTimeout(r, 500));
        assert.deepEqual(await v.page.evaluate(() => window.__violations), []);
      });
      const stored = await storagePage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('wasmRefused'));
      assert.equal(stored.wasmRefused, undefined, 'nothing remembered: the tag is read again on each page');
    });

    test('a remembered refusal is tried again after 30 days, and forgotten once WebAssembly is allowed', async () => {
      const stored = () => storagePage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get('wasmRefused'));
      const set = (at) => storagePage.evaluate((at) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ wasmRefused: { '127.0.0.1': at, 'other.example': at } }), at);
      // Remembered yesterday: the JavaScript build, no probe, on a page that would allow
      // WebAssembly. Firefox has no JavaScript build and always runs the WASM.
      await set(Date.now() - 24 * 3600 * 1000);
      await onVisit('/probe', async (v) => assert.equal(v.status.build, kind === 'chromium' ? 'js' : 'wasm'));
      // Remembered 31 days ago: probed again, allowed, and the site forgotten (other sites kept).
      await set(Date.now() - 31 * 24 * 3600 * 1000);
      await onVisit('/probe', async (v) => assert.equal(v.status.build, 'wasm'));
      assert.deepEqual(Object.keys((await stored()).wasmRefused), kind === 'chromium' ? ['other.example'] : ['127.0.0.1', 'other.example']);
      await forgetRefusals();
    });

    // WebDriver BiDi cannot run code in a content script's world, so this one is Chromium's.
    const noIsolatedWorld = kind === 'chromium' ? false : 'no way into the content script world over WebDriver BiDi';
    test('a content script cannot switch another tab: toggle-tab is for our own pages', { skip: noIsolatedWorld }, async () => {
      await onVisit('/probe', async (victim) => {
        assert.equal(victim.status.on, true);
        await onVisit('/policy/3/header', async (attacker) => {
          const session = await attacker.page.createCDPSession();
          const contexts = [];
          session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
          await session.send('Runtime.enable');
          const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === extensionOrigin);
          assert.ok(world, 'found the content script’s world');
          const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
            contextId: world.id,
            expression: `chrome.runtime.sendMessage({ type: 'toggle-tab', tabId: ${victim.popup.tabId} }).then((r) => r ?? null, (e) => 'refused: ' + e.message)`,
            awaitPromise: true,
            returnByValue: true,
          });
          assert.equal(exceptionDetails, undefined);
          assert.ok(result.value === null || /^refused/.test(result.value), `no answer, no status: ${JSON.stringify(result.value)}`);
          const after = await victim.popup.status();
          assert.equal(after.on, true, 'the other tab is still on');
          assert.equal(after.quotes, 17);
        });
      });
    });

    test('the popup says in words why Quotelens does nothing', async () => {
      await onVisit('/fixtures/no-quotes.html', async (v) => {
        const { popup } = v.popup;
        const says = (words) => popupShows(popup, (words) => document.querySelector('#summary').textContent.startsWith(words), words);
        await says('No quotation marks on this page');
        // The popup aimed at its own tab: an extension page, where no content
        // script runs. Navigated from here: a navigation the page starts may
        // end the evaluation that started it before it answers.
        const own = await popup.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.getCurrent()).id);
        await openExtensionPage(popup, `${extensionOrigin}/popup.html?tab=${own}`);
        await says('Quotelens cannot run here: browsers keep extensions off their own pages');
      });
    });

    test('a page script cannot load or see the extension’s files', async () => {
      await onVisit('/probe', async (v) => {
        assert.equal(v.status.quotes, 17, 'the extension ran on this page');
        // The extension's fixed address: its id in Chrome, which anyone can
        // look up in the store; in Firefox a per-install UUID that a real page
        // would not know, but the test does.
        const urls = ['pkg/quotelens.js', 'pkg/quotelens_bg.wasm', 'pkg-js/quotelens.js', 'manifest.json'].map(
          (path) => `${extensionOrigin}/${path}`,
        );
        const found = await v.page.evaluate(async (urls) => {
          const tries = await Promise.all(
            urls.map(async (url) => {
              const viaFetch = await fetch(url).then(
                (r) => r.ok,
                () => false,
              );
              const viaScript = await new Promise((ok) => {
                const s = document.createElement('script');
                s.src = url;
                s.onload = () => ok(true);
                s.onerror = () => ok(false);
                document.head.append(s);
                setTimeout(() => ok(false), 3000);
              });
              return viaFetch || viaScript ? url : null;
            }),
          );
          // What the page's own timeline shows of the extension's loads.
          const timeline = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /extension:/.test(n));
          return { loaded: tries.filter(Boolean), timeline };
        }, urls);
        // Chrome: the files answer only at a per-session address (use_dynamic_url)
        // that the page never sees. Firefox has no such option; its address is
        // a random UUID per installation, so a page that knows it (as this test
        // does) can load the WASM package, and a real page has no way to learn it.
        const reachable = kind === 'chromium' ? [] : urls.filter((url) => /\/pkg\//.test(url));
        assert.deepEqual(found, { loaded: reachable, timeline: [] });
      });
    });
  });
}
