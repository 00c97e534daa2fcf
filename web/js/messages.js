// Messages on the page, in plain words: the status line (loading, and why the designer cannot run)
// and the notice, which stays until the trouble is over. A screen reader hears the notice from the
// page's one alert region (announcer.js), which the app's errors share: a refused link the app
// reports too is read out once.
import { announceAlert } from './announcer.js';
const statusBox = document.getElementById('status');
const noticeBox = document.getElementById('notice');

export function showStatus(text, isError) {
  statusBox.textContent = text;
  statusBox.classList.toggle('error', Boolean(isError));
  statusBox.hidden = false;
}

export function hideStatus() {
  statusBox.hidden = true;
}

// A message that stays until the trouble is over (or the next one replaces it).
export function showNotice(text) {
  noticeBox.textContent = text;
  noticeBox.hidden = false;
  announceAlert(text);
}

export function hideNotice() {
  noticeBox.hidden = true;
}
