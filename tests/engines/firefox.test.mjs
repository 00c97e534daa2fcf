// The engines suite in Firefox ESR: scenarios.mjs through drivers/firefox.mjs.
import { engineSuite } from './scenarios.mjs';
import { launch } from './drivers/firefox.mjs';

engineSuite('firefox', launch, { display: true });
