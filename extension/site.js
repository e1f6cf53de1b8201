// One name per site for the "off on this site" switch: `www.bbc.co.uk` and
// `bbc.co.uk` are the same site to a reader. Shared by the content script and tests.
'use strict';

function siteKey(hostname) {
  const host = String(hostname || '').trim().toLowerCase().replace(/\.$/, '');
  return host.startsWith('www.') ? host.slice(4) : host;
}

if (typeof module === 'object' && module.exports) module.exports = { siteKey };
