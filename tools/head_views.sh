#!/usr/bin/env bash
# Renders the README's head views: the Norwood VI preset healed after its last session, on
# light-medium skin (tone 1), 600 px square, 10° from above, from the front, the client's right
# side and the back -> web/screenshots/head-{front,side,back}.png. Needs `tools/build.sh native`.
# The render is deterministic, so rerunning it after a change to the head shows exactly that change.
set -euo pipefail
cd "$(dirname "$0")/.."
smp=build/native/bin/smp
for view in "front 0" "side 90" "back 180"; do
  set -- $view
  "$smp" render norwood-6 --view head --yaw "$2" --pitch 10 --width 600 --skin 1 -o "web/screenshots/head-$1.png"
done
echo "head views: web/screenshots/head-front.png, head-side.png, head-back.png"
