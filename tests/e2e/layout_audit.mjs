// What a person would call broken in a screen's layout, read from the app's own record of what it
// drew (window.smp.layout(), src/ui/layout_audit.h): shared by the layout suite (tests/e2e, every
// screen size in Chromium) and the engines suite (a phone's screen in Chromium, Firefox and WebKit).
//
// A screen is {name, width, height, touch, sheet}: its CSS px, whether controls must take a finger
// (touch: the app was started with a coarse pointer) and whether the layout is a bottom sheet under
// the canvas (phones in portrait) or a side panel.

export const TOUCH_TARGET_PX = 44;

const area = (a, b) => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
                       Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

// What a person would call broken, as a list of sentences (empty: the layout is sound).
export function layoutProblems(layout, stats, screen, state) {
  const problems = [];
  const where = `${screen.name}, ${state}`;
  const { width, height } = layout.display;
  if (Math.abs(width - screen.width) > 1 || Math.abs(height - screen.height) > 1) problems.push(`${where}: drawn at ${width} x ${height}`);
  const canvas = stats.canvas_css;
  if (canvas.x < -0.5 || canvas.y < -0.5 || canvas.x + canvas.width > width + 0.5 || canvas.y + canvas.height > height + 0.5) {
    problems.push(`${where}: the canvas ${JSON.stringify(canvas)} is not on the screen`);
  }
  // The canvas keeps the screen: the whole width under a sheet, most of it beside a panel.
  if (canvas.width < width * (screen.sheet ? 0.99 : 0.5)) problems.push(`${where}: the canvas is only ${canvas.width} px wide`);
  for (const window of layout.windows) {
    if (window.overflows_x) problems.push(`${where}: "${window.name}" is wider inside (${window.content_width} px) than its room`);
  }
  const seen = layout.items.filter((item) => item.visible && item.width > 0 && item.height > 0);
  for (const item of seen) {
    const name = `${where}: "${item.label || item.window}"`;
    if (item.x < -0.5 || item.x + item.width > width + 0.5) problems.push(`${name} leaves the screen (x ${item.x} .. ${item.x + item.width})`);
    if (item.clipped_x) problems.push(`${name} is cut off at the side of "${item.window}"`);
    if (!item.label_fits) problems.push(`${name}: its label (${item.text_width} px) does not fit its ${item.width} px`);
    if (screen.touch && item.interactive && (item.width < TOUCH_TARGET_PX - 0.5 || item.height < TOUCH_TARGET_PX - 0.5)) {
      problems.push(`${name} is ${item.width} x ${item.height} px: too small for a finger`);
    }
  }
  // Controls over controls (a control inside a bigger one's rectangle, like the canvas' own
  // button in its child window, is nesting, not overlap: only controls with labels are compared).
  // A menu or a list that opens over the screen is meant to cover it: controls are compared
  // within their own window.
  // The buttons over the canvas (the map / head toggle, the head view's named views) sit in small
  // windows of their own over the same picture: they are compared with each other too.
  const controls = seen.filter((item) => item.interactive && item.label);
  const overCanvas = (item) => /\/(canvas_view|head_camera)_/.test(item.window);
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      if (controls[i].window !== controls[j].window && !(overCanvas(controls[i]) && overCanvas(controls[j]))) continue;
      const shared = area(controls[i], controls[j]);
      if (shared > 1) problems.push(`${where}: "${controls[i].label}" and "${controls[j].label}" overlap by ${shared.toFixed(0)} px²`);
    }
  }
  for (const table of layout.tables) {
    for (const column of table.columns.filter((c) => c.clipped)) {
      problems.push(`${where}: column ${column.index} of a table in "${table.name}" cuts its text (${column.content_right} > ${column.clip_right})`);
    }
  }
  if (screen.touch && screen.sheet && layout.font_px < 16) problems.push(`${where}: body text ${layout.font_px} px`);
  return problems;
}

// A control by its label, in the bottom sheet if it has one there (the sheet's "View" section, not
// the menu bar's "View").
export function itemNamed(layout, label) {
  const all = layout.items.filter((item) => item.visible && item.label === label);
  return all.find((item) => item.window.includes('bottom_sheet')) ?? all[0];
}

