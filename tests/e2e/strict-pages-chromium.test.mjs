// Strict pages in headless Chromium: policies and page probing (strict-pages.mjs).
import { defineStrictPages } from './strict-pages.mjs';

defineStrictPages('chromium');
