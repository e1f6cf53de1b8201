// Tap a quote on a phone-sized screen in headless Firefox: see mobile.mjs.
import { defineMobile } from './mobile.mjs';

defineMobile('firefox');
