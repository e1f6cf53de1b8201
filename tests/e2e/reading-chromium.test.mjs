// Who said what, copy and export, dark pages and accessibility in headless Chromium: see reading.mjs.
import { defineReading } from './reading.mjs';

defineReading('chromium');
