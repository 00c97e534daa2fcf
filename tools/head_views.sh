#!/usr/bin/env bash
# Renders the README's head views, the saved picture and the photo before/after. The Norwood VI preset healed after its last session, on
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

# The picture a client saves (the Preview's "Save a picture of the head"): from the back-right,
# grey hair, before and after with the words every exported picture carries (smaller than the
# app's 1080 px a side, for the README).
"$smp" render norwood-6 --view head --look healed --yaw 150 --hair grey --before-after --width 450 --caption -o web/screenshots/head-before-after-caption.png
echo "the saved picture: web/screenshots/head-before-after-caption.png"

# The photo view's before and after: a bald head with a shaved fringe rendered as a stand-in for a client's
# photo (the client turned 15° to their left, seen 10° from above), its landmarks written by
# --marks-out, and the Norwood VI preset drawn onto it through the head fitted to them.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '%s' '{"type": "smp.design", "schema_version": 2, "seed": 3, "title": "photo", "template": {"kind": "scalp"}, "mode": "shaved"}' >"$scratch/bare.design.json"
"$smp" render "$scratch/bare.design.json" --view head --yaw 15 --pitch 10 --width 480 --skin 1 -o "$scratch/photo.png" --marks-out "$scratch/photo.marks.json"
"$smp" render norwood-6 --view photo --photo "$scratch/photo.png" --marks "$scratch/photo.marks.json" --before-after -o web/screenshots/photo-before-after.png
echo "photo view: web/screenshots/photo-before-after.png"
