// Hostile pages, huge pages and misuse in headless Chromium: see hardening.mjs.
import { defineHardening } from './hardening.mjs';

defineHardening('chromium');
