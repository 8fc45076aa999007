// The builder's live preview: POST /model/preview (20 rows, the /model/test limits) of the model as it is now,
// with the same seed each time, so a change in the rows is the change in the model. Asked again shortly after
// each edit; an answer to an older version of the model is dropped.
import { api } from './api.js';
import { h } from './dom.js';
import { modelJson } from './builder-model.js';

const WAIT_MS = 300;

export class Preview {
  #table;
  #status;
  #onResult;
  #timer;
  #asked = 0;

  /** `onResult({ warnings } | { error })`: the validator's answer, for the editor to show at the fields. */
  constructor(table, status, onResult) {
    this.#table = table;
    this.#status = status;
    this.#onResult = onResult;
  }

  refresh(model, seed) {
    clearTimeout(this.#timer);
    this.#status.textContent = 'Updating…';
    this.#timer = setTimeout(() => this.#ask(model, seed), WAIT_MS);
  }

  async #ask(model, seed) {
    const asked = ++this.#asked;
    const form = new FormData();
    form.set('model_file', new Blob([modelJson(model)], { type: 'application/json' }), 'model.json');
    if (seed !== '') form.set('seed', seed);
    try {
      const answer = await api.preview(form);
      if (asked !== this.#asked) return;
      this.#show(answer.rows);
      this.#status.textContent = `${answer.rows.length} rows, seed ${answer.seed}`;
      this.#table.dataset.seed = answer.seed;
      this.#onResult({ warnings: answer.warnings });
    } catch (err) {
      if (asked !== this.#asked) return;
      this.#status.textContent = 'The model has an error: no preview.';
      this.#table.querySelector('tbody')?.replaceChildren();
      this.#onResult({ error: { message: err.message, path: err.body?.details?.path } });
    }
  }

  #show(rows) {
    const columns = Object.keys(rows[0] ?? {});
    this.#table.replaceChildren(
      h('caption', { class: 'sr-only' }, 'Preview: the first rows the model generates'),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...columns.map((c) => h('td', {}, row[c] === null ? '' : typeof row[c] === 'object' ? JSON.stringify(row[c]) : String(row[c])))))),
    );
  }
}
