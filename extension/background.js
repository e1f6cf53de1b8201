// The toolbar's side: the keyboard shortcut and the popup's page switch both
// end in toggleTab, which asks the tab's content script to flip, then shows the
// quote count on the toolbar button. It also writes the clipboard for a card's
// Copy button on pages that have no Clipboard API (plain http:). No state lives
// here: a service worker may be stopped at any time. A module (the manifest's
// `background.type`), so that it can import the message names.
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

/// Puts `text` on the clipboard from the extension's own context, where no page
/// can see or rewrite it (`clipboardWrite`: no click reaches this context, so
/// the browser asks for the permission instead). Firefox's background is a
/// document with the Clipboard API. Chrome's is a service worker with neither
/// DOM nor clipboard: an offscreen document (`offscreen`, reason CLIPBOARD)
/// copies from a text box there, opened for the copy and closed after it.
/// Resolves to true once written, false otherwise.
async function writeClipboard(text) {
  if (!api.offscreen) return navigator.clipboard.writeText(text).then(() => true, () => false);
  const run = offscreenCopies.then(async () => {
    // A document left open by a worker that was stopped mid-copy is reused.
    await api.offscreen
      .createDocument({ url: 'offscreen.html', reasons: ['CLIPBOARD'], justification: 'Copy a quote the reader asked to copy.' })
      .catch(() => {});
    try {
      return (await api.runtime.sendMessage({ type: MESSAGES.offscreenCopy, text })) === true;
    } finally {
      await api.offscreen.closeDocument().catch(() => {});
    }
  });
  offscreenCopies = run.catch(() => false);
  return run.catch(() => false);
}
// One offscreen document at a time: copies wait for the one before.
let offscreenCopies = Promise.resolve();

api.runtime.onMessage.addListener((message, sender, reply) => {
  // Our own content scripts only (no page can send runtime messages to us):
  // the text goes one way, onto the clipboard; nothing is read back.
  if (message?.type === MESSAGES.copy && typeof message.text === 'string' && sender.id === api.runtime.id && sender.tab) {
    writeClipboard(message.text).then(reply);
    return true;
  }
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
