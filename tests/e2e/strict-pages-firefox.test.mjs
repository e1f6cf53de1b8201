// Strict pages in headless Firefox ESR: policies and page probing (strict-pages.mjs).
import { defineStrictPages } from './strict-pages.mjs';

defineStrictPages('firefox');
