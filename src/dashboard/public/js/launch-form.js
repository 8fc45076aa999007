// The launch form: service, a stored or uploaded model and the seed's parameters, posted as multipart
// to /datagen/<service> exactly as the original's curl examples do.
import { api } from './api.js';
import { h } from './dom.js';
import { count } from './format.js';

/** The service that writes to several sinks (its connectors). */
const MULTI = 'multipleconnectors';

export class LaunchForm {
  #form = document.getElementById('launch-form');
  #service = document.getElementById('service');
  #connectors = document.getElementById('connectors');
  #stored = document.getElementById('stored-model');
  #storedHint = document.getElementById('stored-model-hint');
  #file = document.getElementById('model-file');
  #result = document.getElementById('launch-result');
  #button = document.getElementById('launch');
  #total = document.getElementById('total-rows');
  #onLaunched;

  constructor(onLaunched) {
    this.#onLaunched = onLaunched;
    this.#form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    this.#service.addEventListener('change', () => this.#showConnectors());
    for (const radio of this.#form.elements['model-source']) radio.addEventListener('change', () => this.#showSource());
    for (const id of ['rows', 'batches']) document.getElementById(id).addEventListener('input', () => this.#showTotal());
    this.#showTotal();
  }

  async load() {
    const [services, models] = await Promise.all([
      api.services().catch(() => ({ services: ['json', 'csv'] })),
      api.storedModels().catch(() => []),
    ]);
    this.#service.replaceChildren(...services.services.map((s) => h('option', { value: s }, s)));
    const connectors = services.services.filter((s) => s !== MULTI);
    this.#connectors.replaceChildren(...connectors.map((s) => h('option', { value: s }, s)));
    this.#showConnectors();
    this.setStoredModels(models);
  }

  setStoredModels(names) {
    const previous = this.#stored.value;
    this.#stored.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
    if (names.includes(previous)) this.#stored.value = previous;
    this.#stored.disabled = names.length === 0;
    this.#storedHint.hidden = names.length > 0;
    // With nothing stored, uploading is the only way: start there.
    if (names.length === 0) this.#form.elements['model-source'].value = 'upload';
    this.#showSource();
  }

  #source() {
    return this.#form.elements['model-source'].value;
  }

  #showSource() {
    const upload = this.#source() === 'upload';
    document.getElementById('upload-field').hidden = !upload;
    document.getElementById('stored-model-field').hidden = upload;
  }

  /** The connectors list, for multipleconnectors only. */
  #showConnectors() {
    document.getElementById('connectors-field').hidden = this.#service.value !== MULTI;
  }

  #showTotal() {
    const rows = Number(this.#form.elements.rows.value);
    const batches = Number(this.#form.elements.batches.value);
    this.#total.textContent = rows > 0 && batches > 0 ? `${count(rows * batches)} rows in all` : '';
  }

  /** The multipart body, or an error message for what is missing. */
  #body() {
    const form = new FormData();
    for (const name of ['rows', 'batches', 'threads', 'seed']) {
      const value = this.#form.elements[name].value.trim();
      if (value !== '') form.set(name, value);
    }
    if (this.#service.value === MULTI) {
      const chosen = [...this.#connectors.selectedOptions].map((o) => o.value);
      if (chosen.length === 0) return 'Choose the connectors: the sinks that get the rows.';
      for (const c of chosen) form.append('connectors', c);
    }
    if (this.#source() === 'upload') {
      const file = this.#file.files[0];
      if (!file) return 'Choose a model file to upload.';
      form.set('model_file', file, file.name);
    } else {
      if (!this.#stored.value) return 'Choose a stored model, or upload a model file.';
      form.set('model', this.#stored.value);
    }
    return form;
  }

  async #submit() {
    if (!this.#form.reportValidity()) return;
    const body = this.#body();
    if (typeof body === 'string') return this.#show('error', body);
    this.#button.disabled = true;
    this.#button.setAttribute('aria-busy', 'true');
    try {
      const { commandUuid } = await api.launch(this.#service.value, body);
      this.#show('success', 'Launched ', h('a', { href: `#/commands/${commandUuid}` }, `command ${commandUuid.slice(0, 8)}`), '.');
      this.#onLaunched(commandUuid);
    } catch (err) {
      this.#show('error', err.message);
    } finally {
      this.#button.disabled = false;
      this.#button.removeAttribute('aria-busy');
    }
  }

  #show(kind, ...content) {
    this.#result.dataset.kind = kind;
    this.#result.replaceChildren(...content);
  }
}
