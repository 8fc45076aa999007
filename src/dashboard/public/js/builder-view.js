// The model builder page (#/builder, #/builder/<stored model>): fields, Table_Names and Options edited as a form and
// as JSON kept in sync, the validator's errors and warnings shown where they are, a live preview, and save to the
// store, download and import. Everything it knows about types and keys comes from GET /model/catalog.
import { api } from './api.js';
import { h, labelled, messageSlot } from './dom.js';
import { emptyModel, locate, modelJson, readModel } from './builder-model.js';
import { FieldsEditor } from './builder-fields.js';
import { KeysEditor } from './builder-keys.js';
import { Preview } from './builder-preview.js';
import { applyRole } from './role.js';

export class BuilderView {
  #root = document.getElementById('builder-view');
  #model = emptyModel();
  #fields;
  #keys;
  #preview;
  #json;
  #seed;
  #result;
  #stored;
  #ready;

  /** Builds the page once, when first shown (the catalog is fetched then). */
  async show(name) {
    this.#ready ??= this.#build();
    await this.#ready;
    if (name) await this.#open(decodeURIComponent(name));
  }

  async #build() {
    const catalog = await api.catalog();
    const fields = h('div', { class: 'fields' });
    const keys = h('div', { class: 'model-keys' });
    const table = h('table', { id: 'builder-preview', class: 'data-table preview' });
    const status = h('p', { id: 'builder-preview-status', class: 'muted', role: 'status', 'aria-live': 'polite' });
    this.#json = h('textarea', { id: 'builder-json', class: 'json', rows: 18, spellcheck: 'false', oninput: () => this.#fromJson() });
    this.#seed = h('input', { id: 'builder-seed', type: 'number', min: 0, step: 1, value: 42, inputmode: 'numeric', oninput: () => this.#changed(false) });
    this.#result = h('div', { id: 'builder-result', class: 'result', role: 'status', 'aria-live': 'polite' });
    this.#stored = h('select', { id: 'builder-open', onchange: (e) => e.target.value && (location.hash = `#/builder/${encodeURIComponent(e.target.value)}`) });
    const file = h('input', { id: 'builder-import', type: 'file', accept: '.json,application/json', class: 'sr-only', onchange: (e) => this.#import(e.target) });
    const name = h('input', { id: 'builder-name', autocomplete: 'off', required: true, oninput: (e) => { this.#model.model_name = e.target.value; this.#changed(false); } });

    this.#root.replaceChildren(
      h('div', { class: 'card builder-card' },
        h('div', { class: 'card-head' },
          h('div', {}, h('h1', { id: 'builder-title', tabindex: -1 }, 'Model builder'), h('p', { class: 'muted' }, 'Fields, their properties and the sinks\' keys; checked by the service as you type.')),
          h('div', { class: 'toolbar' },
            h('label', { for: 'builder-open', class: 'sr-only' }, 'Open a stored model'), this.#stored,
            h('button', { type: 'button', class: 'button', onclick: () => this.#load(emptyModel(), 'New model.') }, 'New'),
            h('label', { for: 'builder-import', class: 'button' }, 'Import a file'), file,
            h('button', { type: 'button', class: 'button', id: 'builder-download', onclick: () => this.#download() }, 'Download JSON'),
            h('button', { type: 'button', class: 'button primary', id: 'builder-save', 'data-write': true, onclick: () => this.#save() }, 'Save to the store'))),
        this.#result,
        labelled('builder-name', 'Model name', name, null, messageSlot('model_name')),
        messageSlot('', { id: 'builder-message' }),
        h('h2', {}, 'Fields'), fields,
        h('h2', {}, 'Table_Names and Options'), h('p', { class: 'hint' }, 'Where each sink writes and how: the keys every sink reads, with their help.'), keys),
      h('div', { class: 'builder-side' },
        h('div', { class: 'card' },
          h('div', { class: 'card-head' }, h('h2', {}, 'Preview'), h('div', { class: 'field inline' }, h('label', { for: 'builder-seed' }, 'Seed'), this.#seed)),
          status, h('div', { class: 'table-wrap' }, table)),
        h('div', { class: 'card' }, h('h2', {}, h('label', { for: 'builder-json' }, 'JSON')), h('p', { class: 'message', id: 'builder-json-error', role: 'alert' }), this.#json)),
    );
    this.#fields = new FieldsEditor(fields, catalog, (structural) => this.#changed(structural));
    this.#keys = new KeysEditor(keys, catalog, () => this.#changed(false));
    this.#preview = new Preview(table, status, (answer) => this.#showMessages(answer));
    await applyRole(this.#root);
    await this.#listStored();
    this.#load(this.#model);
  }

  async #listStored(selected = '') {
    const names = await api.storedModels().catch(() => []);
    this.#stored.replaceChildren(h('option', { value: '' }, 'Open a stored model…'), ...names.map((n) => h('option', { value: n }, n)));
    this.#stored.value = selected;
  }

  /** Shows `model` in every view. */
  #load(model, message) {
    this.#model = model;
    document.getElementById('builder-name').value = model.model_name ?? '';
    this.#fields.render(model);
    this.#keys.render(model);
    this.#json.value = modelJson(model);
    document.getElementById('builder-json-error').textContent = '';
    if (message) this.#say('success', message);
    this.#preview.refresh(model, this.#seed.value);
  }

  #changed(structural) {
    if (structural) this.#keys.render(this.#model);
    this.#json.value = modelJson(this.#model);
    document.getElementById('builder-json-error').textContent = '';
    this.#preview.refresh(this.#model, this.#seed.value);
  }

  /** The JSON view edited: the form follows once the text is a model. */
  #fromJson() {
    const { model, error } = readModel(this.#json.value);
    const slot = document.getElementById('builder-json-error');
    slot.textContent = error ?? '';
    slot.dataset.kind = error ? 'error' : '';
    if (!model) return;
    this.#model = model;
    document.getElementById('builder-name').value = model.model_name ?? '';
    this.#fields.render(model);
    this.#keys.render(model);
    this.#preview.refresh(model, this.#seed.value);
  }

  /** The validator's error or warnings, each in the slot of its field, property or key (else the model's). */
  #showMessages({ error, warnings = [] }) {
    for (const slot of this.#root.querySelectorAll('.message[data-path]')) {
      slot.replaceChildren();
      delete slot.dataset.kind;
    }
    const messages = [...(error ? [{ ...error, kind: 'error' }] : []), ...warnings.map((w) => ({ ...w, kind: 'warning' }))];
    for (const m of messages) {
      const slot = this.#slot(m.path);
      slot.append(h('span', {}, m.kind === 'error' ? 'Error: ' : 'Warning: ', m.message.replace(`${m.path}: `, '')));
      if (slot.dataset.kind !== 'error') slot.dataset.kind = m.kind;
    }
  }

  #slot(path) {
    const at = (p) => (p === undefined ? null : this.#root.querySelector(`.message[data-path="${CSS.escape(p)}"]`));
    const where = locate(path);
    return at(path)
      ?? (where.property !== undefined ? at(`Fields[${where.field}].${where.property}`) : null)
      ?? (where.field !== undefined ? at(`Fields[${where.field}]`) : null)
      ?? (where.key !== undefined ? at(`${where.section}.${where.key}`) : null)
      ?? (where.section ? at(where.section) : null)
      ?? document.getElementById('builder-message');
  }

  async #open(name) {
    try {
      this.#load(await api.storedModel(name), `Opened stored model ${name}.`);
      this.#stored.value = name;
    } catch (err) {
      this.#say('error', err.message);
    }
  }

  async #import(input) {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    const { model, error } = readModel(await file.text());
    if (error) return this.#say('error', `${file.name}: ${error}`);
    this.#load(model, `Imported ${file.name}.`);
  }

  #download() {
    const url = URL.createObjectURL(new Blob([modelJson(this.#model)], { type: 'application/json' }));
    const a = h('a', { href: url, download: `${this.#model.model_name || 'model'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Stores the model, then shows it as the store gives it back (what a download or a launch then uses). */
  async #save() {
    const form = new FormData();
    form.set('model_file', new Blob([modelJson(this.#model)], { type: 'application/json' }), 'model.json');
    try {
      const name = await api.storeModel(form);
      await this.#listStored(name);
      this.#load(await api.storedModel(name), `Saved ${name} to the store.`);
    } catch (err) {
      this.#say('error', err.message);
      if (err.body?.details?.path !== undefined) this.#showMessages({ error: { message: err.message, path: err.body.details.path } });
    }
  }

  #say(kind, text) {
    this.#result.dataset.kind = kind;
    this.#result.replaceChildren(text);
  }
}
