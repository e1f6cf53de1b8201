// The popup: how many quotes and speakers this page has, or in words why
// Quotelens does nothing here; the page switch (the same path as the keyboard
// shortcut) and "off on this site" in storage.local.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

// The add-on stores, where browsers let no extension run.
const STORES = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org'];

// Opened as a page rather than a popup (as the tests do), `?tab=ID` names the tab.
async function targetTab() {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return api.tabs.get(named).catch(() => ({ id: named }));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/// Why there is no content script to talk to, from the tab's address when the
/// browser tells us (it does not for its own pages).
function unreachable(url) {
  let address = null;
  try {
    address = new URL(url);
  } catch {
    // no address, or not one we can read
  }
  if (address?.protocol === 'file:') {
    return 'Quotelens runs on local files only if the browser allows it (the extension’s “Allow access to file URLs”).';
  }
  if (/^https?:$/.test(address?.protocol) && !STORES.includes(address.hostname)) {
    return 'Quotelens is not running on this page yet: reload the page.';
  }
  return 'Quotelens cannot run here: browsers keep extensions off their own pages, add-on stores and data: addresses.';
}

/// The popup's one sentence: what Quotelens does on this page, or why it does nothing.
function summary(status) {
  if (status.siteOff) return `Off on ${status.site || 'this site'}: “Off on this site” is ticked below.`;
  // Firefox for Android has no keyboard shortcuts to name.
  if (!status.on) return `Off on this page: switched off here${api.commands ? ' or with the shortcut' : ''}.`;
  if (status.error) return `Quotelens could not start here: ${status.error}`;
  if (status.steppedAside) return 'This page removes Quotelens’ overlay, so Quotelens stays out of its way here.';
  if (status.hasMarks === false) return 'No quotation marks on this page, so there is nothing to highlight.';
  if (status.quotes > 0) return `${plural(status.quotes, 'quote')} by ${plural(status.speakers, 'speaker')}.`;
  if (reading(status)) return 'Reading the page…';
  return 'No quotations found on this page.';
}

/// Still loading the Rust layer or in its first pass.
function reading(status) {
  return status.on && !status.siteOff && !status.error && !status.steppedAside && status.hasMarks !== false && !(status.passMs > 0);
}

function render(status, tab) {
  const page = $('page');
  const siteOff = $('site-off');
  const note = $('note');
  if (!status) {
    $('summary').textContent = unreachable(tab?.url);
    note.hidden = true;
    page.disabled = siteOff.disabled = $('panel').disabled = true;
    return;
  }
  $('summary').textContent = summary(status);
  const notes = [];
  // Chrome applies a page's policy to WebAssembly in content scripts; see content.js.
  if (status.on && status.build === 'js') notes.push('This page refuses WebAssembly, so Quotelens runs its slower JavaScript build here.');
  // MAX_TEXT_BYTES in src/wasm/extract.rs.
  if (status.on && status.capped) notes.push('This page has more text than Quotelens reads: only its first megabyte is highlighted.');
  // The page, not Quotelens, keeps the reader from our badges and panel: say so (see SECURITY.md).
  if (status.on && status.blocked === 'inert') notes.push('This page has switched off clicks on Quotelens’ badges and panel (it made them inert), so they cannot be used here.');
  if (status.on && status.blocked === 'events') notes.push('This page stops clicks from reaching Quotelens’ badges and panel, so copy and download cannot work here.');
  note.hidden = notes.length === 0;
  note.textContent = notes.join(' ');
  page.disabled = siteOff.disabled = false;
  $('panel').disabled = !(status.on && status.quotes > 0);
  page.setAttribute('aria-pressed', String(status.on));
  page.textContent = status.on ? 'Highlighting on — turn off' : 'Highlighting off — turn on';
  siteOff.checked = status.siteOff;
  $('site').textContent = status.site || 'this site';
}

async function ask(tabId) {
  try {
    return await api.tabs.sendMessage(tabId, { type: MESSAGES.status });
  } catch {
    return null;
  }
}

async function main() {
  // No keyboard shortcuts where the browser has none (Firefox for Android).
  $('shortcuts').hidden = !api.commands;
  const tab = await targetTab();
  const tabId = tab?.id;
  let status = tabId === undefined ? null : await ask(tabId);
  let clicked = false;
  render(status, tab);
  // The content script reports when its count moves: the popup stays current while open.
  api.runtime.onMessage.addListener((message, sender) => {
    if (message?.type === MESSAGES.status && sender.tab?.id === tabId) render((status = message.status), tab);
  });
  $('page').addEventListener('click', async () => {
    clicked = true;
    status = await api.runtime.sendMessage({ type: MESSAGES.toggleTab, tabId });
    render(status, tab);
  });
  $('panel').addEventListener('click', async () => {
    status = await api.tabs.sendMessage(tabId, { type: MESSAGES.panel }).catch(() => null);
    // A real popup gets out of the way of the panel; the tests' popup tab stays.
    if (status?.panel && !new URLSearchParams(location.search).has('tab')) window.close();
    render(status, tab);
  });
  $('site-off').addEventListener('change', async (event) => {
    clicked = true;
    // Whatever is stored, only a list of names counts; anything else starts afresh.
    const { disabledSites } = await api.storage.local.get('disabledSites');
    const list = Array.isArray(disabledSites) ? disabledSites.filter((s) => typeof s === 'string') : [];
    const others = list.filter((s) => s !== status.site);
    await api.storage.local.set({ disabledSites: event.target.checked ? [...others, status.site] : others });
    // The content script applies the change itself (storage.onChanged); show its result.
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await ask(tabId);
      if (!status || status.siteOff === event.target.checked) break;
    }
    render(status, tab);
  });
  // Opened while the page is still being read: follow it for a few seconds,
  // until the user acts.
  for (let i = 0; i < 50 && status && reading(status) && !clicked; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await ask(tabId);
    if (next && !clicked) render((status = next), tab);
  }
}

main();
