// What the words on an exported picture look like in its pixels (src/export/caption.h): the
// picture, then a one-pixel rule and a white strip holding the disclaimer's lines, and a dark tag
// with light letters in each panel's top-left corner. Reads a decoded PNG (tools/png.mjs).

const RULE = [214, 218, 224];

/**
 * { pictureHeight, stripHeight, inkRows, lines, tags: [{ dark, light }] } of `png`, a picture of
 * `panels` equal panels; pictureHeight is -1 when there is no rule (no strip).
 */
export function readCaption(png, panels = 1) {
  const at = (x, y) => png.rgba.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3);
  const isRule = (y) => {
    for (let x = 0; x < png.width; x++) {
      const p = at(x, y);
      if (p[0] !== RULE[0] || p[1] !== RULE[1] || p[2] !== RULE[2]) return false;
    }
    return true;
  };
  let rule = -1;
  for (let y = png.height - 1; y >= 0 && rule < 0; y--) if (isRule(y)) rule = y;
  // Rows of the strip with ink in them (the note's grey letters on white), and the runs of them:
  // the lines of text.
  let inkRows = 0, lines = 0, inLine = false;
  for (let y = rule + 1; rule >= 0 && y < png.height; y++) {
    let ink = false;
    for (let x = 0; x < png.width && !ink; x++) ink = at(x, y)[0] < 160;
    inkRows += ink ? 1 : 0;
    if (ink && !inLine) lines += 1;
    inLine = ink;
  }
  // Each panel's top-left corner: the tag's dark pixels, and the light letters among them.
  const panelWidth = Math.floor(png.width / panels);
  const tags = [];
  for (let i = 0; i < panels; i++) {
    let dark = 0, light = 0;
    for (let y = 0; y < Math.round(panelWidth * 0.12); y++) {
      for (let x = i * panelWidth; x < i * panelWidth + Math.round(panelWidth * 0.25); x++) {
        const [r, g, b] = at(x, y);
        if (r < 90 && g < 90 && b < 100) dark += 1;
        if (r > 235 && g > 235 && b > 235) light += 1;
      }
    }
    tags.push({ dark, light });
  }
  return { pictureHeight: rule, stripHeight: rule < 0 ? 0 : png.height - rule, inkRows, lines, tags };
}
