// Hostile pages, huge pages and misuse in headless Firefox: see hardening.mjs.
import { defineHardening } from './hardening.mjs';

defineHardening('firefox');
