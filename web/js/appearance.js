// The designer's look as the person and the clinic want it: light or dark, and no motion for those
// who ask for none. The app decides (src/ui/accessibility.cpp: the person's choice from View >
// Theme, else the embedding clinic's, else the browser's prefers-color-scheme); this module hands
// it the browser's preferences and their changes, keeps the person's choice in browser storage,
// passes on a clinic's name, accent and theme from the address, and follows the app's answer in
// the page around the canvas (html.dark).
import { call } from './api.js';
import { embedded, clinicTheme } from './embed_protocol.js';

const CHOICE_KEY = 'smp.theme.v1';   // "light" | "dark"; absent (or "browser"): as the browser prefers
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const motionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');

function savedChoice() {
  try {
    const choice = window.localStorage.getItem(CHOICE_KEY);
    return choice === 'light' || choice === 'dark' ? choice : null;
  } catch (e) {
    return null;   // storage turned off: the browser's preference it is
  }
}

/**
 * Before the app runs: the page's own background as dark or light as the app will open, so a
 * person who prefers dark is not shown a light page while the designer loads.
 */
export function showPreferredThemeEarly() {
  const choice = savedChoice();
  const clinicDark = clinicTheme().dark;
  const dark = choice ? choice === 'dark' : clinicDark !== undefined ? clinicDark : darkQuery.matches;
  document.documentElement.classList.toggle('dark', dark);
}

/** After the app's first frame: its preferences, the saved choice, the clinic's theme; then follows changes. */
export function startAppearance() {
  const settings = { browser_dark: darkQuery.matches, reduced_motion: motionQuery.matches };
  const choice = savedChoice();
  if (choice) settings.choice = choice;
  call('setAppearance', JSON.stringify(settings));
  const theme = clinicTheme();
  if (Object.keys(theme).length) {
    const answer = call('setTheme', JSON.stringify(theme));
    if (!answer.ok) console.warn(`smp designer: ${answer.error}`);
  }
  // A shared link from a clinic's widget keeps the clinic's name: the tab says whose design it is.
  if (!embedded && theme.clinic_name) document.title = `${theme.clinic_name}: SMP Designer`;
  darkQuery.addEventListener('change', (event) => call('setAppearance', JSON.stringify({ browser_dark: event.matches })));
  motionQuery.addEventListener('change', (event) => call('setAppearance', JSON.stringify({ reduced_motion: event.matches })));
}

/** The app's "appearance" ({dark}: the theme now in use) and "themeChoice" ({choice}: View > Theme) events. */
export function onAppearanceEvent(event) {
  if (event.type === 'appearance') {
    document.documentElement.classList.toggle('dark', event.dark === true);
  } else if (event.type === 'themeChoice') {
    try {
      if (event.choice === 'light' || event.choice === 'dark') window.localStorage.setItem(CHOICE_KEY, event.choice);
      else window.localStorage.removeItem(CHOICE_KEY);
    } catch (e) {
      console.warn(`smp designer: the theme choice could not be kept (${e.message})`);
    }
  }
}
