// End-to-end tests in headless Chromium (Debian's `chromium`, --load-extension).
import { defineSuite } from './suite.mjs';

defineSuite('chromium');
