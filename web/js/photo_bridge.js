// Module.smpPage.photo: what the app's photo view (src/ui/photo_view.h) asks of the page's photo
// store (window.smp.photos: photos.js, loaded on first use). The app asks with JSON text
// {op, ...} from inside a frame; the answers go back through the API once the store has done its
// part: "photoAnswer" {op, ok, error, photos, note, cancelled}, and "photoPixels" with the photo's
// pixels staged in the app's memory. The pixels go nowhere else: not into a request, a link or
// the autosave.
import { call, stageBytes } from './api.js';

const summary = ({ id, view, width_px, height_px }) => ({ id, view, width_px, height_px });

function answer(op, result) {
  call('photoAnswer', JSON.stringify({ op, ...result }));
}

async function list() {
  const listed = await window.smp.photos.list();
  answer('list', listed.ok ? { ok: true, photos: listed.photos.map(summary) } : listed);
  return listed;
}

async function load(id) {
  const photo = await window.smp.photos.get(id, { as: 'rgba' });
  if (!photo.ok) {
    answer('load', photo);
    return;
  }
  try {
    stageBytes(photo.rgba);
  } catch (e) {
    answer('load', { ok: false, error: `the photo could not be handed to the designer: ${e.message}` });
    return;
  }
  call('photoPixels', JSON.stringify({ ...summary(photo), marks: photo.marks ?? {} }));
}

/** Answers one request of the app's; never throws (a failure is an answer naming it). */
export function photoRequest(json) {
  const request = JSON.parse(json);
  const photos = window.smp.photos;
  const run = async () => {
    switch (request.op) {
      case 'list':
        await list();
        break;
      case 'pick': {
        // pick() opens the browser's picker at once, inside the click the app is handling.
        const added = await picking;
        if (!added.ok) {
          answer('pick', added.error === 'no photo was chosen' ? { ok: true, cancelled: true } : added);
          break;
        }
        answer('pick', { ok: true, note: added.note });
        await list();
        await load(added.id);
        break;
      }
      case 'load':
        await load(request.id);
        break;
      case 'marks': {
        const saved = await photos.setMarks(request.id, request.marks);
        if (!saved.ok) answer('marks', saved);
        break;
      }
      case 'remove': {
        const removed = await photos.remove(request.id);
        answer('remove', removed.ok ? { ok: true, note: 'The photo was deleted from this device.' } : removed);
        await list();
        break;
      }
      case 'saveWithPhotos': {
        const saved = await photos.saveDesignWithPhotos({ download: true });
        answer('saveWithPhotos', saved.ok ? { ok: true, name: saved.name } : saved);
        break;
      }
      default:
        answer(request.op, { ok: false, error: `the page does not know the photo request "${String(request.op).slice(0, 40)}"` });
    }
  };
  const picking = request.op === 'pick' ? photos.pick({ view: request.view }) : null;
  // After this frame: the app is inside its frame now and takes the answers between frames.
  Promise.resolve().then(run).catch((e) => answer(request.op, { ok: false, error: `the photo store failed: ${e.message}` }));
}
