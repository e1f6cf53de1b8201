// End-to-end tests in headless Firefox ESR (WebDriver BiDi, installExtension).
import { defineSuite } from './suite.mjs';

defineSuite('firefox');
