// The popup: how many quotes and speakers this page has, the page switch (the
// same path as the keyboard shortcut) and "off on this site" in storage.local.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

// Opened as a page rather than a popup (as the tests do), `?tab=ID` names the tab.
async function targetTab() {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function render(status) {
  const page = $('page');
  const siteOff = $('site-off');
  if (!status) {
    $('summary').textContent = 'Quotelens does not run on this page.';
    page.disabled = siteOff.disabled = $('panel').disabled = true;
    return;
  }
  $('summary').textContent = !status.on
    ? 'Off on this page.'
    : status.error
      ? `Quotelens could not start here: ${status.error}`
      : status.quotes > 0
      ? `${plural(status.quotes, 'quote')} by ${plural(status.speakers, 'speaker')}.`
      : 'No quotations found on this page.';
  page.disabled = siteOff.disabled = false;
  $('panel').disabled = !(status.on && status.quotes > 0);
  page.setAttribute('aria-pressed', String(status.on));
  page.textContent = status.on ? 'Highlighting on — turn off' : 'Highlighting off — turn on';
  siteOff.checked = status.siteOff;
  $('site').textContent = status.site || 'this site';
}

async function ask(tabId) {
  try {
    return await api.tabs.sendMessage(tabId, { type: 'status' });
  } catch {
    return null;
  }
}

async function main() {
  const tabId = await targetTab();
  let status = tabId === undefined ? null : await ask(tabId);
  render(status);
  // The content script reports each pass: the counts stay current while open.
  api.runtime.onMessage.addListener((message, sender) => {
    if (message?.type === 'status' && sender.tab?.id === tabId) render((status = message.status));
  });
  $('page').addEventListener('click', async () => {
    status = await api.runtime.sendMessage({ type: 'toggle-tab', tabId });
    render(status);
  });
  $('panel').addEventListener('click', async () => {
    status = await api.tabs.sendMessage(tabId, { type: 'panel' }).catch(() => null);
    // A real popup gets out of the way of the panel; the tests' popup tab stays.
    if (status?.panel && !new URLSearchParams(location.search).has('tab')) window.close();
    render(status);
  });
  $('site-off').addEventListener('change', async (event) => {
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
    render(status);
  });
}

main();
