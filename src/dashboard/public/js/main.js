// Wires the dashboard: the store, the live feed, the views, and their pages in the hash router (js/router.js).
import { api } from './api.js';
import { BuilderView } from './builder-view.js';
import { Throughput } from './commands-rate.js';
import { CommandsView } from './commands-view.js';
import { DetailView } from './detail-view.js';
import { LaunchForm } from './launch-form.js';
import { LiveFeed } from './live.js';
import { Login } from './login.js';
import { AnalysisPage } from './manage-analysis.js';
import { ManagePage } from './manage-page.js';
import { PAGES } from './manage-pages.js';
import { addRoute, startRouter } from './router.js';
import { CommandStore } from './store.js';

const store = new CommandStore();
const feed = new LiveFeed(store);
const login = new Login();
const throughput = new Throughput(store);
const commands = new CommandsView(store, throughput);
const detail = new DetailView(store, feed, throughput);
const form = new LaunchForm(async (uuid) => {
  commands.highlight(uuid);
  store.upsert(await api.status(uuid).catch(() => null));
  // An uploaded model is not stored, but the list may have changed elsewhere.
  form.setStoredModels(await api.storedModels().catch(() => []));
});

const builder = new BuilderView();

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', polling: 'Polling' };
feed.addEventListener('mode', () => {
  const live = document.getElementById('live');
  live.dataset.mode = feed.mode;
  live.querySelector('.live-text').textContent = LIVE_TEXT[feed.mode];
  live.title = feed.mode === 'live' ? 'Updates stream from the service' : 'The live stream is unavailable: refreshing every 2 seconds';
});

// The home page: #/, #/commands and any hash no route claims.
addRoute(/^\/(?:commands)?$/, { section: 'list-view', nav: 'commands' });
addRoute(/^\/commands\/([0-9a-fA-F-]{36})$/, {
  section: 'detail-view',
  nav: 'commands',
  title: (uuid) => `Command ${uuid.slice(0, 8)}`,
  show: (uuid) => {
    detail.show(uuid);
    document.getElementById('detail-title').focus?.();
  },
  hide: () => detail.hide(),
});
addRoute(/^\/builder(?:\/(.+))?$/, { section: 'builder-view', nav: 'builder', title: 'Model builder', show: (name) => builder.show(name) });
addRoute(/^\/launch(?:\/(.+))?$/, {
  section: 'launch-view',
  nav: 'launch',
  title: 'Launch',
  show: async (name) => {
    await loaded;
    form.setStoredModels(await api.storedModels().catch(() => []));
    if (name) form.choose(decodeURIComponent(name));
  },
});

// Management pages: one section, filled from each page's description.
const manage = new ManagePage();
for (const [name, spec] of Object.entries(PAGES)) {
  addRoute(new RegExp(`^/${name}$`), { section: 'manage-view', nav: name, title: spec.title, show: () => manage.show(spec) });
}

const analysis = new AnalysisPage();
addRoute(/^\/analysis$/, { section: 'analysis-view', nav: 'analysis', title: 'Model analysis', show: () => analysis.show() });

login.greet();
feed.start();
const loaded = form.load();
startRouter();
