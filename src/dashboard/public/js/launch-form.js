// The launch form (#/launch): service (or several sinks), a stored or uploaded model, the seed's parameters, rate,
// schedule, credentials and per-sink settings, posted as multipart to /datagen/<service> exactly as the original's
// curl examples do; the curl command of that very request is shown beside it.
import { api } from './api.js';
import { h } from './dom.js';
import { count } from './format.js';
import { keyChooser, keyRow } from './builder-keys.js';
import { curlCommand } from './launch-curl.js';
import { applyRole } from './role.js';

/** Form fields sent as they are typed, when not empty. */
const PLAIN = ['rows', 'batches', 'threads', 'seed', 'rows_per_second', 'ramp_to_rows_per_second', 'ramp_seconds', 'duration', 'delay_between_executions_seconds'];
/** The model keys a launch may set, by section of the catalog. */
const SETTING_KEYS = (sink) => [...sink.tableNames, ...sink.options];

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
  #credentials = document.getElementById('credentials');
  #settingsRoot = document.getElementById('launch-settings');
  #curl = document.getElementById('launch-curl');
  /** Per-sink settings of this launch: key → value (extraProperties). */
  #settings = {};
  #catalog = { sinks: [] };
  #user;
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
    this.#form.addEventListener('input', () => this.#showCurl());
    this.#form.addEventListener('change', () => this.#showCurl());
    document.getElementById('copy-curl').addEventListener('click', () => this.#copyCurl());
    this.#showTotal();
  }

  async load() {
    const [services, models, catalog, credentials, user] = await Promise.all([
      api.services().catch(() => ({ services: ['json', 'csv'] })),
      api.storedModels().catch(() => []),
      api.catalog().catch(() => ({ sinks: [] })),
      api.credentials().catch(() => []),
      applyRole(this.#form),
    ]);
    this.#catalog = catalog;
    this.#user = user;
    this.#credentials.replaceChildren(...credentials.map((c) => h('option', { value: c.name }, `${c.name} (${c.type})`)));
    document.getElementById('credentials-field').hidden = credentials.length === 0;
    this.#showSettings();
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
    this.#showCurl();
  }

  /** Chooses a stored model (the builder's "launch this model"). */
  choose(name) {
    if (![...this.#stored.options].some((o) => o.value === name)) return;
    this.#form.elements['model-source'].value = 'stored';
    this.#stored.value = name;
    this.#showSource();
    this.#showCurl();
  }

  /** The per-sink settings: each key set with its help and an input of its kind, and the keys to add. */
  #showSettings() {
    const known = new Map(this.#catalog.sinks.flatMap((s) => SETTING_KEYS(s).map((k) => [k.key, { ...k, sink: s.label }])));
    this.#settingsRoot.replaceChildren(
      ...Object.entries(this.#settings).map(([key, value]) => {
        return keyRow(`setting-${key}`, key, known.get(key), value, {
          oninput: (v) => { this.#settings[key] = v; this.#showCurl(); },
          onremove: () => { delete this.#settings[key]; this.#showSettings(); },
        });
      }),
      keyChooser(this.#catalog, SETTING_KEYS, new Set(Object.keys(this.#settings)), 'Add a setting', (key) => {
        const kind = known.get(key)?.kind;
        this.#settings[key] = kind === 'bool' ? 'true' : typeof kind === 'object' ? kind.oneOf[0] : '';
        this.#showSettings();
        document.getElementById(`setting-${key}`)?.focus();
      }));
    this.#showCurl();
  }

  #showCurl() {
    const body = this.#body({ forCurl: true });
    const url = new URL(`/datagen/${encodeURIComponent(this.#service.value)}`, location.href).href;
    const user = this.#user && this.#user.name !== 'anonymous' ? this.#user.name : undefined;
    this.#curl.textContent = typeof body === 'string' ? body : curlCommand(url, body, user);
  }

  async #copyCurl() {
    const text = this.#curl.textContent;
    try {
      await navigator.clipboard.writeText(text);
      this.#show('success', 'The curl command is copied.');
    } catch {
      // No clipboard (a page not on https or localhost): select it for Ctrl-C.
      getSelection().selectAllChildren(this.#curl);
      this.#show('success', 'The curl command is selected: copy it with Ctrl-C (⌘-C).');
    }
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

  /** The multipart body, or an error message for what is missing (for the curl line: a file placeholder instead). */
  #body({ forCurl = false } = {}) {
    const form = new FormData();
    for (const name of PLAIN) {
      const value = this.#form.elements[name].value.trim();
      if (value !== '') form.set(name, value);
    }
    for (const o of this.#credentials.selectedOptions) form.append('credentials', o.value);
    if (Object.keys(this.#settings).length) form.set('extraProperties', JSON.stringify(this.#settings));
    if (this.#service.value === MULTI) {
      const chosen = [...this.#connectors.selectedOptions].map((o) => o.value);
      if (chosen.length === 0) return 'Choose the connectors: the sinks that get the rows.';
      for (const c of chosen) form.append('connectors', c);
    }
    if (this.#source() === 'upload') {
      const file = this.#file.files[0] ?? (forCurl ? new File([''], 'model.json', { type: 'application/json' }) : undefined);
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
      const what = body.has('delay_between_executions_seconds') ? 'schedule' : 'command';
      this.#show('success', 'Launched ', h('a', { href: `#/commands/${commandUuid}` }, `${what} ${commandUuid.slice(0, 8)}`), '.');
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
