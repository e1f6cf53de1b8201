// The toolbar's side: the keyboard shortcut and the popup's page switch both
// end in toggleTab, which asks the tab's content script to flip, then shows the
// quote count on the toolbar button. No state lives here: a service worker may
// be stopped at any time.
'use strict';

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
    const status = await api.tabs.sendMessage(tabId, { type: 'toggle' });
    await showStatus(tabId, status);
    return status;
  } catch {
    return null; // No content script there (a browser page, the store).
  }
}

api.commands.onCommand.addListener(async (command, tab) => {
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  if (command === 'toggle-page') await toggleTab(id);
  if (command === 'who-said-what') await api.tabs.sendMessage(id, { type: 'panel', toggle: true }).catch(() => {});
});

api.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type === 'toggle-tab' && Number.isInteger(message.tabId)) {
    toggleTab(message.tabId).then(reply);
    return true;
  }
  if (message?.type === 'status' && sender.tab?.id !== undefined) {
    showStatus(sender.tab.id, message.status);
  }
  return false;
});
