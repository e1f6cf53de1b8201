// The toolbar's side: the keyboard shortcut and the popup's page switch both
// end in toggleTab, which asks the tab's content script to flip, then shows the
// quote count on the toolbar button. No state lives here: a service worker may
// be stopped at any time. A module (the manifest's `background.type`), so that it
// can import the message names.
import './messages.js';

const api = globalThis.browser ?? globalThis.chrome;

async function showStatus(tabId, status) {
  const text = status && status.on && status.quotes > 0 ? String(status.quotes) : '';
  try {
    await api.action.setBadgeText({ tabId, text });
    await api.action.setBadgeBackgroundColor({ tabId, color: '#b45309' });
  } catch {
    // The tab closed meanwhile.
  }
}

async function toggleTab(tabId) {
  try {
    const status = await api.tabs.sendMessage(tabId, { type: MESSAGES.toggle });
    await showStatus(tabId, status);
    return status;
  } catch {
    return null; // No content script there (a browser page, the store).
  }
}

// Firefox for Android has no keyboard shortcuts: no `commands` API at all.
api.commands?.onCommand.addListener(async (command, tab) => {
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  if (command === 'toggle-page') await toggleTab(id);
  if (command === 'who-said-what') await api.tabs.sendMessage(id, { type: MESSAGES.panel, toggle: true }).catch(() => {});
});

/// True for our own pages (the popup), false for content scripts: they share
/// our extension id but run in web pages, so the browser gives them the page's
/// address. The popup opened in a tab of its own (as the tests open it) has a
/// `sender.tab` but still our address, so the address decides.
function fromOurPage(sender) {
  try {
    return sender.id === api.runtime.id && new URL(sender.url).origin === location.origin;
  } catch {
    return false; // no address at all
  }
}

api.runtime.onMessage.addListener((message, sender, reply) => {
  // A page's content script must not switch (or read) another tab.
  if (message?.type === MESSAGES.toggleTab && Number.isInteger(message.tabId) && fromOurPage(sender)) {
    toggleTab(message.tabId).then(reply);
    return true;
  }
  if (message?.type === MESSAGES.status && sender.tab?.id !== undefined) {
    showStatus(sender.tab.id, message.status);
  }
  return false;
});
