// The engines suite in WebKitGTK: scenarios.mjs through drivers/webkit.mjs.
import { engineSuite } from './scenarios.mjs';
import { launch } from './drivers/webkit.mjs';

engineSuite('webkit', launch, { display: true });
