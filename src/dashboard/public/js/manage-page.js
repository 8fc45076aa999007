// One management page (#/models, #/credentials, #/users, #/schedules): a table of what an API lists, an "add"
// form and per-row actions, from a small description (manage-pages.js). Write controls carry data-write, so a
// viewer sees none (role.js); the service refuses a viewer's writes anyway, and its error text is shown.
import { applyRole } from './role.js';
import { h, labelled } from './dom.js';

export class ManagePage {
  #el = (id) => document.getElementById(id);
  #spec = null;

  async show(spec) {
    this.#spec = spec;
    this.#el('manage-title').textContent = spec.title;
    this.#el('manage-hint').textContent = spec.hint ?? '';
    this.#message('', '');
    this.#el('manage-panel').replaceChildren();
    this.#renderForm(spec);
    await applyRole(this.#el('manage-view'));
    if (!spec.add) this.#el('manage-form').hidden = true;
    await this.reload();
  }

  async reload() {
    const spec = this.#spec;
    let items;
    try {
      items = await spec.list();
    } catch (err) {
      return this.#message('error', err.message);
    }
    if (spec !== this.#spec) return;
    const table = this.#el('manage-table');
    table.tHead.replaceChildren(h('tr', {}, ...spec.columns.map(([label]) => h('th', { scope: 'col' }, label)), spec.actions ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')) : null));
    table.tBodies[0].replaceChildren(...items.map((item) => this.#row(spec, item)));
    this.#el('manage-empty').hidden = items.length > 0;
    await applyRole(table);
  }

  #row(spec, item) {
    const cells = spec.columns.map(([, value]) => h('td', {}, value(item)));
    const actions = (spec.actions ?? []).filter((a) => !a.when || a.when(item));
    const buttons = actions.map((a) =>
      h('button', { type: 'button', class: `button small${a.danger ? ' danger' : ''}`, 'data-write': a.read ? undefined : true, 'aria-label': `${a.label} ${spec.key(item)}`, onclick: () => this.#act(a, item) }, a.label),
    );
    return h('tr', { dataset: { key: spec.key(item) } }, ...cells, spec.actions ? h('td', { class: 'actions' }, ...buttons) : null);
  }

  async #act(action, item) {
    if (action.confirm && !window.confirm(action.confirm(item))) return;
    if (action.panel) return this.#openPanel(action, item);
    try {
      const text = await action.run(item);
      this.#message('success', text ?? 'Done.');
      await this.reload();
    } catch (err) {
      this.#message('error', err.message);
    }
  }

  /** An action that opens a panel below the table (a model's permissions): what it does inside, it says itself. */
  async #openPanel(action, item) {
    try {
      const panel = await action.panel(item, (kind, text) => this.#message(kind, text));
      this.#el('manage-panel').replaceChildren(panel);
      panel.querySelector('h2')?.setAttribute('tabindex', '-1');
      panel.querySelector('h2')?.focus();
    } catch (err) {
      this.#message('error', err.message);
    }
  }

  #renderForm(spec) {
    const form = this.#el('manage-form');
    if (!spec.add) return form.replaceChildren();
    const fields = spec.add.fields.map((f) => {
      const id = `manage-${f.name}`;
      const control = f.options
        ? h('select', { id, name: f.name, required: f.required }, ...f.options.map((o) => h('option', {}, o)))
        : h('input', { id, name: f.name, type: f.type ?? 'text', required: f.required, autocomplete: f.autocomplete ?? 'off', accept: f.accept, placeholder: f.placeholder });
      return labelled(id, f.label, control);
    });
    form.replaceChildren(h('fieldset', {}, h('legend', {}, spec.add.title), h('div', { class: 'grid-fields' }, ...fields), h('button', { type: 'submit', class: 'button' }, spec.add.button)));
    form.onsubmit = async (e) => {
      e.preventDefault();
      try {
        const text = await spec.add.run(new FormData(form));
        form.reset();
        this.#message('success', text ?? 'Added.');
        await this.reload();
      } catch (err) {
        this.#message('error', err.message);
      }
    };
  }

  #message(kind, text) {
    const el = this.#el('manage-result');
    el.dataset.kind = kind;
    el.textContent = text;
  }
}
