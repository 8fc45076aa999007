// Model analysis (#/analysis): a model from existing data, through POST /model_generation/<source>. The sources and
// each one's parameters (with their help) come from the service's own OpenAPI document, so the page never restates
// them. Admin only: only an admin is offered the form, and the service refuses anyone else (403).
import { api } from './api.js';
import { h, labelled } from './dom.js';
import { currentUser } from './role.js';

const PREFIX = '/model_generation/';
const IGNORED = new Set(['deep_analysis']);

export class AnalysisPage {
  #el = (id) => document.getElementById(id);
  #sources = null;

  async show() {
    // Admin only (its route's role), so a user is not offered a form the service refuses.
    const admin = (await currentUser()).role === 'admin';
    this.#el('analysis-form').hidden = !admin;
    this.#el('analysis-view').querySelector('[data-read-only]').hidden = admin;
    if (this.#sources) return;
    try {
      this.#sources = sourcesOf(await api.openApi());
    } catch (err) {
      return this.#message('error', err.message);
    }
    const select = this.#el('analysis-source');
    select.replaceChildren(...Object.entries(this.#sources).map(([name, s]) => h('option', { value: name, title: s.summary }, `${name}: ${s.summary}`)));
    select.onchange = () => this.#renderFields();
    this.#renderFields();
    this.#el('analysis-form').onsubmit = (e) => {
      e.preventDefault();
      this.#submit();
    };
  }

  #renderFields() {
    const source = this.#sources[this.#el('analysis-source').value];
    this.#el('analysis-fields').replaceChildren(
      ...Object.entries(source.fields).map(([name, schema]) => {
        const id = `analysis-${name}`;
        return labelled(id, name, h('input', { id, name, type: schema.type === 'integer' ? 'number' : 'text', min: schema.minimum, max: schema.maximum, autocomplete: 'off', 'aria-describedby': schema.description ? `${id}-help` : undefined }), schema.description);
      }),
    );
  }

  async #submit() {
    const source = this.#el('analysis-source').value;
    const body = new URLSearchParams();
    for (const input of this.#el('analysis-fields').querySelectorAll('input')) if (input.value.trim()) body.set(input.name, input.value.trim());
    const button = this.#el('analysis-submit');
    button.disabled = true;
    this.#message('', 'Analysing…');
    try {
      const model = await api.analyse(source, body);
      const name = model.model_name;
      const el = this.#el('analysis-result');
      el.dataset.kind = 'success';
      el.replaceChildren(`Stored the model ${name}: `, h('a', { href: `#/builder/${encodeURIComponent(name)}` }, 'open it in the builder'), ' or ', h('a', { href: `#/launch/${encodeURIComponent(name)}` }, 'launch it'), '.');
      this.#el('analysis-model').textContent = JSON.stringify(model, null, 2);
      this.#el('analysis-model').hidden = false;
    } catch (err) {
      this.#message('error', err.message);
    } finally {
      button.disabled = false;
    }
  }

  #message(kind, text) {
    const el = this.#el('analysis-result');
    el.dataset.kind = kind;
    el.textContent = text;
  }
}

/** { csv: { summary, fields: { filepath: schema, … } }, … } from the OpenAPI document's /model_generation/* paths. */
export function sourcesOf(doc) {
  const sources = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith(PREFIX) || !item.post) continue;
    const props = item.post.requestBody?.content?.['application/x-www-form-urlencoded']?.schema?.properties ?? {};
    sources[path.slice(PREFIX.length)] = { summary: item.post.summary, fields: Object.fromEntries(Object.entries(props).filter(([k]) => !IGNORED.has(k))) };
  }
  return sources;
}
