// siteKey: one name per site for "off on this site".
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const { siteKey } = createRequire(import.meta.url)('../../extension/site.js');

test('www. and case do not make a different site', () => {
  assert.equal(siteKey('WWW.BBC.co.uk'), 'bbc.co.uk');
  assert.equal(siteKey('www.theguardian.com.'), 'theguardian.com');
  assert.equal(siteKey('news.bbc.co.uk'), 'news.bbc.co.uk');
});

test('hosts without www. stay as they are; nothing gives empty', () => {
  assert.equal(siteKey('127.0.0.1'), '127.0.0.1');
  assert.equal(siteKey('wwwnews.example'), 'wwwnews.example');
  assert.equal(siteKey(''), '');
  assert.equal(siteKey(undefined), '');
});
