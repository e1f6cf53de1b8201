// The messages between the content script, the background and the popup, named
// once. A plain script, so that it loads everywhere the same way: listed before
// content.js in the manifest, imported by the background (a module), and a
// <script> before popup.js in popup.html.
//   toggle      background → content script: switch this page off or on; replies with its status
//   panel       popup, background → content script: open Who said what (`toggle: true` opens or closes it)
//   status      popup → content script: how is this page? content script → background and popup: it changed
//   toggle-tab  popup → background: switch the page in tab `tabId` (obeyed from our own pages only)
//   copy        content script → background: put `text` on the clipboard (the page has no Clipboard API
//               or refused it); replies true once written (content.js, the copy it gives `copyThrough`)
//   offscreen-copy  background → its offscreen document (Chrome): the same, done there; replies true or false
'use strict';

globalThis.MESSAGES = Object.freeze({
  toggle: 'toggle',
  panel: 'panel',
  status: 'status',
  toggleTab: 'toggle-tab',
  copy: 'copy',
  offscreenCopy: 'offscreen-copy',
});

if (typeof module === 'object' && module.exports) module.exports = { MESSAGES: globalThis.MESSAGES };
