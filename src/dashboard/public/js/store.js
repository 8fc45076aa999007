// The page's view of every command: status views by uuid, fed by the live stream and by polling.
// Listeners get 'change' (the set of views changed) and 'event' (a live event, detail in event.detail).
const RANK = { QUEUED: 0, STARTING: 1, RUNNING: 2, FINISHED: 3, FAILED: 3, CANCELLED: 3 };

/** Whether `next` is at least as far along as `prev`: a poll answer must not undo a newer streamed update. */
function notOlder(prev, next) {
  if (!prev) return true;
  if (RANK[next.status] !== RANK[prev.status]) return RANK[next.status] > RANK[prev.status];
  return next.batchesCompleted >= prev.batchesCompleted;
}

export class CommandStore extends EventTarget {
  #views = new Map();

  upsert(view) {
    if (!view?.commandUuid || !notOlder(this.#views.get(view.commandUuid), view)) return;
    this.#views.set(view.commandUuid, view);
    this.dispatchEvent(new Event('change'));
  }

  replaceAll(views) {
    for (const v of views) if (notOlder(this.#views.get(v.commandUuid), v)) this.#views.set(v.commandUuid, v);
    this.dispatchEvent(new Event('change'));
  }

  /** A live event: it carries the command's status view right after it. */
  applyEvent(event) {
    if (event.status) this.upsert(event.status);
    this.dispatchEvent(new CustomEvent('event', { detail: event }));
  }

  get(uuid) {
    return this.#views.get(uuid);
  }

  /** Newest first. */
  list() {
    return [...this.#views.values()].sort((a, b) => b.queuedAt.localeCompare(a.queuedAt));
  }
}
