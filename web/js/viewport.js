// The designer's box on the screen: the part of the page a person sees, inside the safe area.
//   - The visual viewport (window.visualViewport) is what the browser's bars and an on-screen
//     keyboard leave of the page. iOS Safari and Chrome on Android (by default) do not shrink the
//     page for the keyboard: they only shrink the visual viewport, so a canvas the size of the page
//     would go on under the keyboard, the field being edited with it. The box follows the visual
//     viewport instead; the app lays itself out in it and scrolls the edited field into view
//     (src/ui/text_entry.h), so the sheet and the field stay above the keyboard.
//   - The safe area (env(safe-area-inset-*), with viewport-fit=cover in index.html) keeps notches,
//     rounded corners and the home indicator off the canvas and the sheet's buttons. The bottom
//     inset only counts while the box reaches the screen's bottom: above an open keyboard there is
//     no home indicator.
//   - While a finger or pen is down on the canvas the box holds still (a bar that slides in
//     mid-stroke must not move the drawing under it); it follows once the pointer lifts.
// The CSS (web/style.css, #canvas-box) has the same layout from env() and 100dvh alone, for the
// first frame and for a browser without visualViewport.

/**
 * The box's place in CSS px of the layout viewport, from the visual viewport `view` ({left, top,
 * width, height}), the layout viewport's height, and the safe-area insets ({top, right, bottom,
 * left}). Pure, for the tests.
 */
export function appBox(view, layoutHeight, insets) {
  const keyboardOrBarBelow = view.top + view.height < layoutHeight - 1;
  const bottom = keyboardOrBarBelow ? 0 : insets.bottom;
  return {
    left: view.left + insets.left,
    top: view.top + insets.top,
    width: Math.max(0, view.width - insets.left - insets.right),
    height: Math.max(0, view.height - insets.top - bottom),
  };
}

export function installViewport(box) {
  // The insets as the browser computes them: a hidden element padded by env(safe-area-inset-*).
  const probe = document.createElement('div');
  probe.id = 'safe-area-probe';
  probe.setAttribute('aria-hidden', 'true');
  document.body.appendChild(probe);
  const insets = () => {
    const style = getComputedStyle(probe);
    return { top: parseFloat(style.paddingTop) || 0, right: parseFloat(style.paddingRight) || 0,
             bottom: parseFloat(style.paddingBottom) || 0, left: parseFloat(style.paddingLeft) || 0 };
  };

  const pointersDown = new Set();   // pointerIds pressed on the designer
  let waiting = false;   // a change arrived while a pointer was down
  function update() {
    if (pointersDown.size > 0) {
      waiting = true;
      return;
    }
    waiting = false;
    const vv = window.visualViewport;
    // Pinch-zoomed by the browser (the page allows no zoom, but a browser may force it): the
    // visual viewport is a magnified part of the page, and the box keeps the page's size.
    const view = vv && Math.abs(vv.scale - 1) < 0.01
      ? { left: vv.offsetLeft, top: vv.offsetTop, width: vv.width, height: vv.height }
      : { left: 0, top: 0, width: document.documentElement.clientWidth, height: document.documentElement.clientHeight };
    const place = appBox(view, document.documentElement.clientHeight, insets());
    const style = box.style;
    style.setProperty('--app-left', `${place.left}px`);
    style.setProperty('--app-top', `${place.top}px`);
    style.setProperty('--app-width', `${place.width}px`);
    style.setProperty('--app-height', `${place.height}px`);
  }

  const press = (event) => {
    if (box.contains(event.target)) pointersDown.add(event.pointerId);
  };
  const lift = (event) => {
    pointersDown.delete(event.pointerId);
    if (pointersDown.size === 0 && waiting) update();
  };
  window.addEventListener('pointerdown', press, true);
  window.addEventListener('pointerup', lift, true);
  window.addEventListener('pointercancel', lift, true);
  window.addEventListener('resize', update);
  window.visualViewport?.addEventListener('resize', update);
  window.visualViewport?.addEventListener('scroll', update);
  update();
  return { update };
}
