// Who said what, copy and export, dark pages and accessibility in headless Firefox: see reading.mjs.
import { defineReading } from './reading.mjs';

defineReading('firefox');
