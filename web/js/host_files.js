// What the app asks of the page for files (src/platform/platform_web.cpp through Module.smpPage):
// downloads, the clipboard with its link fallback, and the file picker, all asynchronous in a
// browser; answers go back through the API.
import { call } from './api.js';
import { embedded } from './embed_protocol.js';

const MAX_OPEN_BYTES = 64 * 1024 * 1024;   // a plan with every dot (kMaxPlanBytes)

/** Sets up the link fallback and the file picker; returns {download, copy, canShare, share, pickFile} for Module.smpPage. */
export function createHostFiles() {
  const linkFallback = document.getElementById('link-fallback');
  const linkFallbackField = document.getElementById('link-fallback-field');
  document.getElementById('link-fallback-close').addEventListener('click', () => { linkFallback.hidden = true; });

  function showLinkFallback(text) {
    linkFallbackField.value = text;
    linkFallback.hidden = false;
    linkFallbackField.focus();
    linkFallbackField.select();
  }

  const filePicker = document.createElement('input');
  filePicker.type = 'file';
  filePicker.accept = '.json,application/json';
  filePicker.hidden = true;
  filePicker.id = 'file-picker';
  document.body.appendChild(filePicker);
  filePicker.addEventListener('change', async () => {
    const file = filePicker.files && filePicker.files[0];
    filePicker.value = '';
    if (!file) return;
    let answer;
    if (file.size > MAX_OPEN_BYTES) {
      const mb = (file.size / 1048576).toFixed(1);
      answer = { name: file.name, error: `it is ${mb} MB; a design or plan file is at most 64 MB` };
    } else {
      try {
        answer = { name: file.name, text: await file.text() };
      } catch (e) {
        answer = { name: file.name, error: `the browser could not read it (${e.message})` };
      }
    }
    // A design file saved with photos: the photos go to this browser's photo store (photos.js,
    // loaded only now), the rest to the app; without the photo tools (offline before their first
    // use) the app opens the design alone.
    if (answer.text && /"photos"\s*:/.test(answer.text)) {
      const opened = await window.smp.photos.openDesignWithPhotos(answer.text, { name: file.name });
      if (opened.ok || opened.app) return;
    }
    call('openFile', JSON.stringify(answer));
  });

  return {
    download(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = name;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    copy(text) {
      // Outside the frame: the answer calls back into the app.
      const report = (ok, error) => setTimeout(() => call('clipboardResult', JSON.stringify({ ok, error })), 0);
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        showLinkFallback(text);
        report(false, 'no clipboard in this browser');
        return;
      }
      navigator.clipboard.writeText(text).then(() => report(true), (e) => {
        showLinkFallback(text);
        report(false, e && e.message);
      });
    },
    // The system's share sheet (the Web Share API: phones and tablets). Not in a clinic's widget:
    // its frame would need the clinic's page to allow it ('web-share'), and the widget's own share
    // window does the job there.
    canShare() {
      return typeof navigator.share === 'function' && !embedded;
    },
    share(title, text, url) {
      // Called while the app handles the tap (the browser's user activation still holds); the
      // answer comes back outside the frame. A person who closes the sheet has cancelled
      // (AbortError): nothing to say. Anything else (no activation, a refusal) lets the app show
      // its own share window instead.
      const report = (outcome, error) => setTimeout(() => call('shareResult', JSON.stringify({ outcome, error })), 0);
      let sharing;
      try {
        sharing = Promise.resolve(navigator.share({ title, text, url }));
      } catch (e) {
        report('failed', e && e.message);
        return;
      }
      sharing.then(() => report('shared'), (e) => report(e && e.name === 'AbortError' ? 'cancelled' : 'failed', e && e.message));
    },
    pickFile() {
      filePicker.click();
    },
  };
}
