// The builder's field editor: one card per field with its name, its type (and the type's help), the properties the
// type reads and those already set, each with its help from GET /model/catalog, and a slot where the validator's
// message for that field or property is shown. Typing edits the model in place (no re-render, so focus stays).
import { h, labelled, messageSlot } from './dom.js';
import { addField, moveField, propertyText, propertyValue, removeField, setProperty } from './builder-model.js';

const WIDE = new Set(['list', 'object']);

export class FieldsEditor {
  #root;
  #catalog;
  #onChange;
  #model;

  /** `onChange(structural)`: the model changed; structural when fields were added, removed, moved or retyped. */
  constructor(root, catalog, onChange) {
    this.#root = root;
    this.#catalog = catalog;
    this.#onChange = onChange;
  }

  render(model) {
    this.#model = model;
    this.#root.replaceChildren(
      ...model.Fields.map((field, i) => this.#card(field, i)),
      h('button', { type: 'button', class: 'button', id: 'builder-add-field', onclick: () => this.#structural(() => addField(model)) }, '+ Add a field'),
    );
  }

  #structural(edit) {
    edit();
    this.render(this.#model);
    this.#onChange(true);
  }

  #type(name) {
    return this.#catalog.types.find((t) => t.name === name);
  }

  #property(name) {
    return this.#catalog.properties.find((p) => p.name === name) ?? { name, kind: 'text', help: 'Not a property the service knows: it will be ignored.' };
  }

  #card(field, i) {
    const type = this.#type(String(field.type ?? '').toUpperCase());
    const shown = new Set([...(type?.properties.filter((p) => this.#property(p).types) ?? []), ...Object.keys(field).filter((k) => k !== 'name' && k !== 'type')]);
    const addable = (type?.properties ?? []).filter((p) => !shown.has(p));
    // Named by position, which a re-render keeps in step (the name changes as it is typed).
    const label = `field ${i + 1}`;
    return h('fieldset', { class: 'field-card', dataset: { field: i } },
      h('legend', {}, `Field ${i + 1}`),
      h('div', { class: 'field-row' },
        labelled(`f${i}-name`, 'Name', h('input', { id: `f${i}-name`, value: field.name ?? '', required: true, autocomplete: 'off', oninput: (e) => this.#set(i, 'name', e.target.value || undefined) })),
        labelled(`f${i}-type`, 'Type', h('select', { id: `f${i}-type`, onchange: (e) => this.#structural(() => setProperty(this.#model, i, 'type', e.target.value)) },
          ...this.#catalog.types.map((t) => h('option', { value: t.name, selected: t.name === type?.name }, t.name)),
          type ? null : h('option', { value: field.type, selected: true }, String(field.type ?? '')))),
        h('div', { class: 'field-tools' },
          h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${label} up`, disabled: i === 0, onclick: () => this.#structural(() => moveField(this.#model, i, -1)) }, '↑'),
          h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${label} down`, disabled: i === this.#model.Fields.length - 1, onclick: () => this.#structural(() => moveField(this.#model, i, 1)) }, '↓'),
          h('button', { type: 'button', class: 'icon danger', 'aria-label': `Remove ${label}`, disabled: this.#model.Fields.length === 1, onclick: () => this.#structural(() => removeField(this.#model, i)) }, '✕'))),
      h('p', { class: 'hint type-help' }, type?.help ?? 'Unknown type: choose one of the list.'),
      messageSlot(`Fields[${i}]`),
      h('div', { class: 'props' }, ...[...shown].map((p) => this.#propertyInput(field, i, this.#property(p)))),
      addable.length
        ? h('select', { class: 'add-property', 'aria-label': `Add a property to ${label}`, onchange: (e) => this.#structural(() => setProperty(this.#model, i, e.target.value, this.#blank(this.#property(e.target.value)))) },
          h('option', { value: '' }, 'Add a property…'), ...addable.map((p) => h('option', { value: p, title: this.#property(p).help }, p)))
        : null,
    );
  }

  /** An added property's first value: something the validator accepts for its kind, to be edited. */
  #blank(property) {
    return { boolean: true, list: [], object: {}, integer: 0, number: 0 }[property.kind] ?? '';
  }

  #propertyInput(field, i, property) {
    const id = `f${i}-p-${property.name}`;
    const value = field[property.name];
    let control;
    if (property.kind === 'boolean') {
      control = h('input', { id, type: 'checkbox', checked: value === true || value === 'true', 'aria-describedby': `${id}-help`, onchange: (e) => this.#set(i, property.name, e.target.checked ? true : undefined) });
    } else {
      const tag = WIDE.has(property.kind) ? 'textarea' : 'input';
      control = h(tag, { id, rows: tag === 'textarea' ? 2 : undefined, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${id}-help`, inputmode: property.kind === 'integer' ? 'numeric' : undefined, oninput: (e) => this.#typed(i, property, e.target) });
      control.value = propertyText(property.kind, value);
    }
    return h('div', { class: `prop${WIDE.has(property.kind) ? ' wide' : ''}`, dataset: { prop: property.name } },
      labelled(id, property.name, control, property.help),
      messageSlot(`Fields[${i}].${property.name}`));
  }

  #typed(i, property, input) {
    try {
      this.#set(i, property.name, propertyValue(property.kind, input.value));
      input.removeAttribute('aria-invalid');
    } catch (e) {
      // Unfinished JSON: the model keeps its last good value until the text parses.
      input.setAttribute('aria-invalid', 'true');
    }
  }

  #set(i, name, value) {
    setProperty(this.#model, i, name, value);
    this.#onChange(false);
  }
}
