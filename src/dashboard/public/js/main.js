// Wires the dashboard: the store, the live feed, the views, and hash routing (#/ and #/commands/<uuid>).
import { api } from './api.js';
import { CommandsView } from './commands-view.js';
import { DetailView } from './detail-view.js';
import { LaunchForm } from './launch-form.js';
import { LiveFeed } from './live.js';
import { CommandStore } from './store.js';

const store = new CommandStore();
const feed = new LiveFeed(store);
const commands = new CommandsView(store);
const detail = new DetailView(store, feed);
const form = new LaunchForm(async (uuid) => {
  commands.highlight(uuid);
  store.upsert(await api.status(uuid).catch(() => null));
  // An uploaded model is not stored, but the list may have changed elsewhere.
  form.setStoredModels(await api.storedModels().catch(() => []));
});

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', polling: 'Polling' };
feed.addEventListener('mode', () => {
  const live = document.getElementById('live');
  live.dataset.mode = feed.mode;
  live.querySelector('.live-text').textContent = LIVE_TEXT[feed.mode];
  live.title = feed.mode === 'live' ? 'Updates stream from the service' : 'The live stream is unavailable: refreshing every 2 seconds';
});

function route() {
  const match = /^#\/commands\/([0-9a-fA-F-]{36})$/.exec(location.hash);
  document.getElementById('list-view').hidden = Boolean(match);
  document.getElementById('detail-view').hidden = !match;
  if (match) {
    detail.show(match[1]);
    document.getElementById('detail-title').focus?.();
  } else {
    detail.hide();
  }
  document.title = match ? `Command ${match[1].slice(0, 8)} · Datagen` : 'Datagen';
}

window.addEventListener('hashchange', route);
route();
feed.start();
form.load();
