// One command: its status, progress and facts, a cancel button while it runs, and its event history,
// all kept current from the live feed (or re-read on each poll when the stream is down).
import { api } from './api.js';
import { OutputPanel } from './commands-output.js';
import { sparkline, updateSparkline } from './commands-rate.js';
import { rerunRequest } from './commands-rerun.js';
import { rateText } from './commands-view.js';
import { badge, h, setProgress } from './dom.js';
import { count, duration, eventSummary, isTerminal, liveDuration, preciseTime, time } from './format.js';
import { canWrite, currentUser } from './role.js';

/** A multipleconnectors command's details: its sinks are not just its service. */
const severalSinks = (details) => Boolean(details?.connectors?.length) && details.connectors.join() !== details.service;

export class DetailView {
  #store;
  #feed;
  #uuid = null;
  #events = new Map();
  #reload = null;
  /** /command/get of the shown command: what status views lack (seed, owner). */
  #details = null;
  #el = (id) => document.getElementById(id);

  #throughput;
  #output = new OutputPanel();
  #user = { role: 'viewer' };
  #chart = sparkline([], 'Rows per second of this command, recent seconds', { width: 320, height: 48 });

  constructor(store, feed, throughput) {
    this.#store = store;
    this.#feed = feed;
    this.#throughput = throughput;
    this.#el('detail-throughput').prepend(this.#chart);
    this.#el('rerun').addEventListener('click', () => this.#rerun());
    currentUser().then((user) => {
      this.#user = user;
      this.#renderStatus();
    });
    store.addEventListener('change', () => this.#renderStatus());
    store.addEventListener('event', (e) => this.#onLiveEvent(e.detail));
    feed.addEventListener('tick', () => this.#uuid && this.#loadHistory().catch(() => {}));
    this.#el('cancel').addEventListener('click', () => this.#cancel());
    setInterval(() => this.#renderStatus(), 1000);
  }

  async show(uuid) {
    this.#uuid = uuid;
    this.#events = new Map();
    this.#details = null;
    this.#el('detail-uuid').textContent = uuid;
    this.#el('detail-message').replaceChildren();
    this.#el('history').tBodies[0].replaceChildren();
    this.#renderStatus();
    try {
      const details = await api.details(uuid);
      if (uuid !== this.#uuid) return;
      this.#details = details;
      this.#store.upsert(details);
      await this.#loadHistory();
    } catch (err) {
      this.#message('error', err.status === 404 ? `No command ${uuid}.` : err.message);
    }
  }

  hide() {
    this.#uuid = null;
    this.#output.hide();
  }

  async #loadHistory() {
    const uuid = this.#uuid;
    // A multipleconnectors command's details change with each batch (its rows per sink): re-read them too.
    const [{ events }, details] = await Promise.all([api.history(uuid), severalSinks(this.#details) ? api.details(uuid) : null]);
    if (uuid !== this.#uuid) return;
    if (details) this.#details = details;
    for (const e of events) this.#events.set(e.seq, e);
    this.#renderHistory();
    this.#renderStatus();
  }

  /** A live event of this command: re-read the history (it has every field, e.g. the actor), at most every 200 ms. */
  #onLiveEvent(event) {
    if (event.commandUuid !== this.#uuid || this.#events.has(event.seq) || this.#reload) return;
    this.#reload = setTimeout(() => {
      this.#reload = null;
      if (this.#uuid) this.#loadHistory().catch(() => {});
    }, 200);
  }

  #renderStatus() {
    const view = this.#uuid && this.#store.get(this.#uuid);
    if (!view) return;
    const status = this.#el('detail-status');
    status.textContent = view.status;
    status.dataset.status = view.status;
    setProgress(this.#el('detail-progress'), view.progress, view.status);
    this.#el('detail-progress-text').textContent = `${view.progress}% · ${view.batchesCompleted} of ${view.batches} batches`;
    // Hidden from a viewer (the service refuses them anyway); cancel is a user's for their own commands.
    const writes = canWrite(this.#user);
    this.#el('cancel').hidden = isTerminal(view.status) || !writes;
    this.#el('rerun').hidden = !isTerminal(view.status) || !writes;
    const rate = this.#throughput.of(view);
    this.#el('detail-throughput').hidden = rate.average === null;
    this.#chart.style.display = isTerminal(view.status) ? 'none' : '';
    updateSparkline(this.#chart, rate.rates);
    this.#el('detail-rate').textContent = rateText(rate, view);
    this.#output.update(this.#uuid, this.#details, view);
    const comment = this.#el('detail-comment');
    comment.hidden = !view.comment;
    comment.textContent = view.comment;
    const facts = [
      ['Rows written', `${count(view.rowsWritten)} of ${count(view.rowsRequested)}`],
      ...(rate.etaMs !== null ? [['ETA', duration(rate.etaMs)]] : []),
      // Submitted with after= (or in a dataset): the commands it still waits for.
      ...(view.waitingFor?.length ? [['Waiting for', view.waitingFor.join(', ')]] : []),
      ['Rows per batch', count(view.rows)],
      ['Model', view.modelName],
      ['Service', view.service],
      // A multipleconnectors command: each sink and the rows it has.
      ...(severalSinks(this.#details)
        ? [['Sinks', this.#details.connectors.map((s) => `${s} ${count(this.#details.rowsBySink?.[s] ?? 0)} rows`).join(', ')]]
        : []),
      ['Threads', view.threads],
      // A rate-controlled command: what its pace asks for now and what was written over the last seconds.
      ...(view.targetRowsPerSecond !== undefined
        ? [['Rate', `${count(view.targetRowsPerSecond)} rows/s asked, ${view.actualRowsPerSecond === null ? '—' : count(view.actualRowsPerSecond)} rows/s written${view.unbounded ? ' · until cancelled' : ''}`]]
        : []),
      ['Seed', this.#details?.seed ?? '—'],
      ['Owner', this.#details?.owner ?? '—'],
      ['Duration', liveDuration(view)],
      ['Queued', time(view.queuedAt)],
      ['Started', time(view.startedAt)],
      ['Finished', time(view.finishedAt)],
    ];
    this.#el('detail-facts').replaceChildren(...facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
  }

  #renderHistory() {
    const events = [...this.#events.values()].sort((a, b) => a.seq - b.seq);
    const start = events.length ? Date.parse(events[0].at) : 0;
    const rows = events.map((e) =>
      h(
        'tr',
        { dataset: { type: e.type } },
        h('td', { class: 'num muted' }, e.seq),
        h('td', { class: 'mono' }, preciseTime(e.at)),
        h('td', { class: 'num mono muted' }, `+${((Date.parse(e.at) - start) / 1000).toFixed(3)}s`),
        h('td', {}, h('span', { class: 'event-type', 'data-type': e.type }, e.type)),
        h('td', { class: 'mono muted' }, e.actor ?? ''),
        h('td', { class: 'details' }, eventSummary(e.type, e.data)),
      ),
    );
    this.#el('history').tBodies[0].replaceChildren(...rows);
    this.#el('history-count').textContent = `${events.length} event${events.length === 1 ? '' : 's'}`;
  }

  async #cancel() {
    const button = this.#el('cancel');
    button.disabled = true;
    try {
      const res = await api.cancel(this.#uuid);
      this.#message('success', `Cancel requested (status ${res.status}).`);
    } catch (err) {
      this.#message('error', err.message);
    } finally {
      button.disabled = false;
    }
  }

  /** Submits the command's parameters again (commands-rerun.js), or says why it cannot. */
  async #rerun() {
    const button = this.#el('rerun');
    button.disabled = true;
    try {
      const request = rerunRequest([...this.#events.values()].sort((a, b) => a.seq - b.seq), await api.storedModels().catch(() => []));
      if (request.reason) return this.#message('error', `Cannot re-run: ${request.reason}`);
      const { commandUuid } = await api.launch(request.service, request.form);
      const el = this.#el('detail-message');
      el.dataset.kind = 'success';
      el.replaceChildren('Re-run as ', h('a', { href: `#/commands/${commandUuid}`, id: 'rerun-link' }, `command ${commandUuid.slice(0, 8)}`), ` (${request.notes.join('; ')}).`);
    } catch (err) {
      this.#message('error', err.message);
    } finally {
      button.disabled = false;
    }
  }

  #message(kind, text) {
    const el = this.#el('detail-message');
    el.dataset.kind = kind;
    el.textContent = text;
  }
}
