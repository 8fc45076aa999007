// Formatting of status views and events for display.
export const TERMINAL = ['FINISHED', 'FAILED', 'CANCELLED'];
export const isTerminal = (status) => TERMINAL.includes(status);

const numbers = new Intl.NumberFormat('en-US');
export const count = (n) => numbers.format(Number(n) || 0);

export const shortUuid = (uuid) => uuid.slice(0, 8);

export function duration(ms) {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** The server's duration once ended; while running it keeps ticking from startedAt. */
export function liveDuration(view, now = Date.now()) {
  if (!view.startedAt) return '—';
  if (isTerminal(view.status)) return view.duration;
  return duration(Math.max(view.durationMs ?? 0, now - Date.parse(view.startedAt)));
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

export function preciseTime(iso) {
  const d = new Date(iso);
  return `${d.toLocaleTimeString(undefined, { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** "batch 3", or "batch 3 shard 1" for a report about one shard (shards count from 0, as in the event). */
function unit(d) {
  return d.shard === undefined ? `batch ${d.batch}` : `batch ${d.batch} shard ${d.shard}`;
}

/** Where a completed batch went: its location, or each sink's of a multipleconnectors command. */
function whereTo(d) {
  if (d.sinks) return ` → ${d.sinks.map((s) => (s.location ? `${s.service} ${s.location}` : s.service)).join(', ')}`;
  return d.location ? ` → ${d.location}` : '';
}

/** One line about an event's data, as `datagen history` prints it. */
export function eventSummary(type, d = {}) {
  switch (type) {
    case 'queued':
      return `${d.service}${d.connectors ? ` (${d.connectors.join(', ')})` : ''}: ${d.batches} × ${count(d.rows)} rows, ${d.threads} threads, seed ${d.seed}, model ${d.model?.name ?? '?'}`;
    case 'batch-completed':
      return `${unit(d)}: ${count(d.rows)} rows in ${d.durationMs}ms${whereTo(d)}`;
    case 'batch-failed':
      return `${unit(d)} attempt ${d.attempt}${d.final ? ' (final)' : ''}: ${d.error}`;
    case 'batch-progress':
      return `${unit(d)}: ${count(d.rows)} rows so far`;
    case 'failed':
    case 'cancelled':
      return d.reason ?? '';
    case 'finished':
      return `${count(d.rows)} rows in all`;
    default: {
      const text = JSON.stringify(d);
      return text === '{}' ? '' : text;
    }
  }
}
