// Chrome only: the offscreen document the background opens to write the
// clipboard (a service worker has no DOM and no clipboard). It cannot be
// focused, so the async Clipboard API refuses here; `execCommand('copy')` on a
// text box of its own works with the `clipboardWrite` permission. Its `copy`
// event fires in this extension document, which no web page can reach.
'use strict';

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // From the background only (its address is its script's).
  const fromBackground = sender.id === chrome.runtime.id && sender.url === chrome.runtime.getURL('background.js');
  if (message?.type !== MESSAGES.offscreenCopy || typeof message.text !== 'string' || !fromBackground) return false;
  const box = document.createElement('textarea');
  box.value = message.text;
  document.body.append(box);
  box.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } finally {
    box.remove();
  }
  reply(copied === true);
  return false;
});
