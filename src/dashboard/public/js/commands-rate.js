// Throughput of running commands, from the rows written that the live feed brings (status views after each
// event, progress inside a batch included): rows/s now (over the last few seconds), average since the start,
// ETA, and a small inline SVG sparkline of the recent rate. No chart library: a polyline is enough.
import { isTerminal } from './format.js';

const WINDOW_MS = 5000;
const POINTS = 40;
const SVG = 'http://www.w3.org/2000/svg';

export class Throughput {
  /** uuid → { samples: [{ t, rows }] over the last WINDOW_MS, rates: [rows/s] one a second, rateAt: last point's time } */
  #series = new Map();

  constructor(store) {
    store.addEventListener('change', () => this.#sampleAll(store));
    // Also between events, so a stalled command's rate falls to 0 and the chart keeps moving.
    setInterval(() => this.#sampleAll(store), 1000);
  }

  #sampleAll(store) {
    const now = Date.now();
    for (const view of store.list()) if (!isTerminal(view.status) && view.startedAt) this.#sample(view, now);
  }

  #sample(view, t) {
    let s = this.#series.get(view.commandUuid);
    if (!s) this.#series.set(view.commandUuid, (s = { samples: [], rates: [], rateAt: 0 }));
    const last = s.samples.at(-1);
    if (last && t - last.t < 250 && last.rows === view.rowsWritten) return;
    s.samples.push({ t, rows: view.rowsWritten });
    while (s.samples.length > 2 && t - s.samples[1].t > WINDOW_MS) s.samples.shift();
    // One point of the chart a second, whatever the pace of events.
    if (t - s.rateAt >= 900) {
      s.rateAt = t;
      s.rates.push(this.#now(s));
      if (s.rates.length > POINTS) s.rates.shift();
    }
  }

  #now(s) {
    const first = s.samples[0];
    const last = s.samples.at(-1);
    const dt = (last.t - first.t) / 1000;
    return dt > 0 ? (last.rows - first.rows) / dt : 0;
  }

  /** { now, average, etaMs, rates } of a command (rows/s); nulls when not known (yet). */
  of(view, t = Date.now()) {
    const s = this.#series.get(view.commandUuid);
    const elapsed = view.startedAt ? (isTerminal(view.status) ? view.durationMs : t - Date.parse(view.startedAt)) / 1000 : 0;
    const average = elapsed > 0 ? view.rowsWritten / elapsed : null;
    const now = s && s.samples.length > 1 && !isTerminal(view.status) ? this.#now(s) : null;
    const left = view.rowsRequested - view.rowsWritten;
    const rate = now || average;
    const etaMs = !isTerminal(view.status) && !view.unbounded && rate > 0 && left > 0 ? (left / rate) * 1000 : null;
    return { now, average, etaMs, rates: s?.rates ?? [] };
  }
}

/** An inline SVG sparkline of `rates` (the newest on the right), labelled for screen readers. */
export function sparkline(rates, label, { width = 120, height = 28 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const line = document.createElementNS(SVG, 'polyline');
  svg.append(line);
  updateSparkline(svg, rates);
  return svg;
}

export function updateSparkline(svg, rates) {
  const { width, height } = svg.viewBox.baseVal;
  const max = Math.max(1, ...rates);
  const step = width / (POINTS - 1);
  const offset = width - step * (rates.length - 1);
  const points = rates.map((r, i) => `${(offset + i * step).toFixed(1)},${(height - 2 - (r / max) * (height - 4)).toFixed(1)}`);
  svg.firstElementChild.setAttribute('points', points.join(' '));
  svg.dataset.points = String(rates.length);
}
