// What the canvas shows, as text for screen readers (the hidden #a11y region of index.html): the
// design's summary, its warnings, its session table, and every message the app or the page shows.
// The app posts the text when it changes ("announce" events from src/ui/accessibility.cpp, the
// numbers the side panel shows; "focus" events, the control the keyboard moved to); nothing here
// computes a figure or a name.
const summaryText = document.getElementById('a11y-summary-text');
const warningList = document.getElementById('a11y-warnings');
const sessionTable = document.getElementById('a11y-sessions');
const focusRegion = document.getElementById('a11y-focus');
const statusRegion = document.getElementById('a11y-status');
const alertRegion = document.getElementById('a11y-alert');

// Only what changed is written: a live region reads out every change, and a table rebuilt after
// each brush stroke would be read out whole.
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

// `row`'s cells become `texts`: <th scope> for headers (`headerScope`: 'col' for every cell of the
// head row, 'row' for the first cell of a body row), <td> for the rest.
function syncCells(row, texts, headerScope) {
  while (row.cells.length > texts.length) row.deleteCell(-1);
  texts.forEach((text, k) => {
    const header = headerScope === 'col' || (headerScope === 'row' && k === 0);
    let cell = row.cells[k];
    if (!cell || cell.tagName !== (header ? 'TH' : 'TD')) {
      const fresh = document.createElement(header ? 'th' : 'td');
      if (cell) cell.replaceWith(fresh);
      else row.appendChild(fresh);
      cell = fresh;
    }
    if (header) cell.scope = headerScope;
    setText(cell, String(text));
  });
}

function syncTable(columns, rows) {
  syncCells(sessionTable.tHead.rows[0], columns, 'col');
  const body = sessionTable.tBodies[0];
  while (body.rows.length > rows.length) body.deleteRow(-1);
  rows.forEach((cells, i) => syncCells(body.rows[i] ?? body.insertRow(), cells, 'row'));
}

function syncList(list, items) {
  while (list.children.length > items.length) list.lastChild.remove();
  items.forEach((text, i) => {
    const item = list.children[i] ?? list.appendChild(document.createElement('li'));
    setText(item, text);
  });
}

/** An error to read out at once (role="alert"). The same text twice in a row is read once. */
export function announceAlert(text) {
  setText(alertRegion, text);
}

/** A status to read out when the reader is free (role="status"). */
export function announceStatus(text) {
  setText(statusRegion, text);
}

let lastError = '';
let lastStatus = '';
let lastShareStatus = '';

/** An "announce" event of the app: {summary, warnings, columns, rows, error, status, share_status}. */
export function onAnnouncement(event) {
  setText(summaryText, event.summary);
  syncList(warningList, event.warnings);
  syncTable(event.columns, event.rows);
  if (event.error !== lastError) {
    // A cleared error leaves the region empty, so the same error coming back is read out again.
    if (event.error) announceAlert(event.error);
    else if (alertRegion.textContent === lastError) announceAlert('');
    lastError = event.error;
  }
  if (event.status !== lastStatus) {
    lastStatus = event.status;
    if (event.status) announceStatus(event.status);
  }
  if (event.share_status !== lastShareStatus) {
    lastShareStatus = event.share_status;
    if (event.share_status) announceStatus(event.share_status);
  }
}

/** A "focus" event of the app: {text}, the control the keyboard is on ("" once none is). */
export function onFocusAnnouncement(event) {
  setText(focusRegion, event.text);
}
