// Keeps the store current: Server-Sent Events from /command/events (every command, live) while the
// stream is open; polling /command/getAll whenever it is not (no EventSource, proxy, service restart).
import { api, auth } from './api.js';
import { EVENT_TYPES } from './event-types.js';

const POLL_MS = 2000;

export class LiveFeed extends EventTarget {
  #store;
  #timer = null;
  mode = 'connecting';

  constructor(store) {
    super();
    this.#store = store;
  }

  async start() {
    // The stream is opened once a call succeeded: before sign-in it would be refused, and its challenge would have
    // the browser prompt over the login form. EventSource sends no Authorization header, so a tab signed in with
    // the form (api.js) polls.
    if ((await this.refresh())?.status === 401) return this.#setMode('polling');
    if (typeof EventSource === 'undefined' || auth.get()) return this.#setMode('polling');
    const source = new EventSource('/command/events');
    const onMessage = (msg) => {
      try {
        this.#store.applyEvent(JSON.parse(msg.data));
      } catch {
        // a malformed message is skipped; the next one or a poll brings the state back
      }
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onMessage);
    source.onmessage = onMessage;
    source.onopen = () => {
      this.#setMode('live');
      // Anything that happened while disconnected is in getAll.
      this.refresh();
    };
    source.onerror = () => this.#setMode('polling');
  }

  /** One poll: every status view, then a 'tick' so open views can refresh what the stream would have told them; the error if it failed. */
  async refresh() {
    try {
      this.#store.replaceAll(await api.getAll());
      this.dispatchEvent(new Event('tick'));
      return undefined;
    } catch (err) {
      this.dispatchEvent(new CustomEvent('error', { detail: err }));
      return err;
    }
  }

  #setMode(mode) {
    this.mode = mode;
    clearInterval(this.#timer);
    this.#timer = mode === 'polling' ? setInterval(() => this.refresh(), POLL_MS) : null;
    this.dispatchEvent(new Event('mode'));
  }
}
