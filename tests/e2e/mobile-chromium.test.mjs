// Tap a quote on a phone-sized screen in headless Chromium: see mobile.mjs.
import { defineMobile } from './mobile.mjs';

defineMobile('chromium');
