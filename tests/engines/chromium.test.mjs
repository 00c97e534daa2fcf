// The engines suite in Chromium: scenarios.mjs through drivers/chromium.mjs.
import { engineSuite } from './scenarios.mjs';
import { launch } from './drivers/chromium.mjs';

engineSuite('chromium', launch);
