// The commands table: one row per command, newest first, updated in place (focus and selection survive).
import { badge, h, progressBar, setProgress } from './dom.js';
import { sparkline, updateSparkline } from './commands-rate.js';
import { count, duration, isTerminal, liveDuration, shortUuid, time } from './format.js';

/** "1,234 rows/s · avg 1,100 · ETA 12.0s" for a running command, the average once it ended. */
export function rateText(rate, view) {
  if (rate.average === null) return '—';
  if (isTerminal(view.status)) return `avg ${count(Math.round(rate.average))} rows/s`;
  const now = rate.now === null ? '—' : count(Math.round(rate.now));
  return `${now} rows/s · avg ${count(Math.round(rate.average))}${rate.etaMs === null ? '' : ` · ETA ${duration(rate.etaMs)}`}`;
}

export class CommandsView {
  #store;
  #tbody = document.querySelector('#commands tbody');
  #empty = document.getElementById('empty');
  #counts = document.getElementById('counts');
  #filter = document.getElementById('status-filter');
  #rows = new Map();
  #highlight = null;

  #throughput;

  constructor(store, throughput) {
    this.#store = store;
    this.#throughput = throughput;
    store.addEventListener('change', () => this.render());
    this.#filter.addEventListener('change', () => this.render());
    // Running durations tick between events.
    setInterval(() => this.#tickDurations(), 1000);
  }

  /** Marks a command (e.g. the one just launched) until the next one is marked. */
  highlight(uuid) {
    this.#highlight = uuid;
    this.render();
  }

  render() {
    const all = this.#store.list();
    const wanted = this.#filter.value;
    const shown = wanted ? all.filter((c) => c.status === wanted) : all;
    const running = all.filter((c) => ['QUEUED', 'STARTING', 'RUNNING'].includes(c.status)).length;
    this.#counts.textContent = `${all.length} command${all.length === 1 ? '' : 's'} · ${running} in progress`;
    this.#empty.hidden = shown.length > 0;
    shown.forEach((view, i) => {
      const row = this.#rowFor(view);
      if (this.#tbody.children[i] !== row) this.#tbody.insertBefore(row, this.#tbody.children[i] ?? null);
    });
    const keep = new Set(shown.map((c) => c.commandUuid));
    for (const [uuid, row] of this.#rows) {
      if (!keep.has(uuid)) {
        row.remove();
        this.#rows.delete(uuid);
      }
    }
  }

  #rowFor(view) {
    let row = this.#rows.get(view.commandUuid);
    if (!row) {
      row = this.#createRow(view);
      this.#rows.set(view.commandUuid, row);
    }
    this.#fill(row, view);
    return row;
  }

  #createRow(view) {
    const uuid = view.commandUuid;
    const link = h('a', { href: `#/commands/${uuid}`, class: 'uuid-link', title: uuid, 'aria-label': `Command ${uuid}` }, shortUuid(uuid));
    return h(
      'tr',
      { dataset: { uuid } },
      h('td', {}, link),
      h('td', { class: 'model' }),
      h('td', {}, h('span', { class: 'pill' })),
      h('td', { class: 'status' }),
      h('td', {}, h('div', { class: 'progress-cell' }, progressBar(0, `Progress of command ${shortUuid(uuid)}`), h('span', { class: 'pct' }))),
      h('td', { class: 'rate' }, sparkline([], `Rows per second of command ${shortUuid(uuid)}`), h('span', { class: 'rate-text muted' })),
      h('td', { class: 'num rows' }),
      h('td', { class: 'num duration' }),
      h('td', { class: 'queued muted' }),
    );
  }

  #fill(row, view) {
    const [, model, service, status, progress, rate, rows, dur, queued] = row.children;
    row.classList.toggle('highlight', view.commandUuid === this.#highlight);
    row.dataset.status = view.status;
    model.textContent = view.modelName;
    service.firstElementChild.textContent = view.service;
    if (status.textContent !== view.status) status.replaceChildren(badge(view.status));
    setProgress(progress.querySelector('.bar'), view.progress, view.status);
    progress.querySelector('.pct').textContent = `${view.progress}%`;
    this.#fillRate(rate, view);
    rows.textContent = `${count(view.rowsWritten)} / ${count(view.rowsRequested)}`;
    dur.textContent = liveDuration(view);
    queued.textContent = time(view.queuedAt);
    queued.title = view.queuedAt;
  }

  #fillRate(cell, view) {
    const rate = this.#throughput.of(view);
    const svg = cell.querySelector('svg');
    svg.style.display = isTerminal(view.status) || rate.rates.length === 0 ? 'none' : '';
    updateSparkline(svg, rate.rates);
    cell.querySelector('.rate-text').textContent = rateText(rate, view);
  }

  #tickDurations() {
    for (const [uuid, row] of this.#rows) {
      const view = this.#store.get(uuid);
      if (view?.status !== 'RUNNING') continue;
      row.querySelector('.duration').textContent = liveDuration(view);
      this.#fillRate(row.querySelector('.rate'), view);
    }
  }
}
