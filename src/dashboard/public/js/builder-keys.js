// The builder's Table_Names and Options: the keys set, each with its sink's help and an input fitting its kind,
// and a list of every key each sink reads (GET /model/catalog), grouped by sink, to add one.
import { h, labelled, messageSlot } from './dom.js';
import { keyValues, setKeyValues } from './builder-model.js';

const SECTIONS = [
  { name: 'Table_Names', keys: (sink) => sink.tableNames },
  { name: 'Options', keys: (sink) => sink.options },
];

/** Every key of a section with its sink: key → { key, help, kind, sink }. */
function keysOf(catalog, section) {
  const out = new Map();
  for (const sink of catalog.sinks) for (const k of section.keys(sink)) if (!out.has(k.key)) out.set(k.key, { ...k, sink: sink.label });
  return out;
}

/** An input for a key's value: a choice for a list or true/false, text otherwise. */
export function keyInput(id, known, value, oninput) {
  const kind = known?.kind;
  const choices = kind === 'bool' ? ['true', 'false'] : typeof kind === 'object' ? kind.oneOf : undefined;
  if (choices) {
    const select = h('select', { id, onchange: (e) => oninput(e.target.value) }, ...choices.map((c) => h('option', { value: c }, c)));
    select.value = choices.includes(String(value).toUpperCase()) ? String(value).toUpperCase() : choices.includes(String(value)) ? String(value) : choices[0];
    return select;
  }
  const input = h('input', { id, autocomplete: 'off', spellcheck: 'false', oninput: (e) => oninput(e.target.value), placeholder: kind === 'columns' ? 'field names, comma-separated' : kind === 'int' ? 'an integer' : '' });
  input.value = value ?? '';
  return input;
}

/** One key being set: its label (with the sink that reads it), its input, its help, a button removing it. */
export function keyRow(id, key, info, value, { oninput, onremove, unknownHelp = '' }, ...more) {
  return h('div', { class: 'key-row', dataset: { key } },
    labelled(id, [key, info ? h('span', { class: 'optional' }, ` ${info.sink}`) : null], keyInput(id, info, value, oninput), info?.help ?? unknownHelp),
    h('button', { type: 'button', class: 'icon danger', 'aria-label': `Remove ${key}`, onclick: onremove }, '✕'),
    ...more);
}

/** The "add a key" choice, every sink's keys grouped under its name. */
export function keyChooser(catalog, keysOfSink, taken, label, onpick) {
  return h('select', { class: 'add-key', 'aria-label': label, onchange: (e) => e.target.value && onpick(e.target.value) },
    h('option', { value: '' }, `${label}…`),
    ...catalog.sinks.map((sink) => {
      const free = keysOfSink(sink).filter((k) => !taken.has(k.key));
      return free.length ? h('optgroup', { label: sink.label }, ...free.map((k) => h('option', { value: k.key, title: k.help }, k.key))) : null;
    }));
}

export class KeysEditor {
  #root;
  #catalog;
  #onChange;
  #model;

  constructor(root, catalog, onChange) {
    this.#root = root;
    this.#catalog = catalog;
    this.#onChange = onChange;
  }

  render(model) {
    this.#model = model;
    this.#root.replaceChildren(...SECTIONS.map((s) => this.#section(s)));
  }

  #section(section) {
    const values = keyValues(this.#model, section.name);
    const known = keysOf(this.#catalog, section);
    const change = (edit, rerender) => {
      edit(values);
      setKeyValues(this.#model, section.name, values);
      if (rerender) this.render(this.#model);
      this.#onChange(rerender);
    };
    return h('div', { class: 'keys', dataset: { section: section.name } },
      h('h3', {}, section.name),
      messageSlot(section.name),
      ...Object.entries(values).map(([key, value]) => {
        return keyRow(`k-${section.name}-${key}`, key, known.get(key), value, {
          oninput: (v) => change((vals) => { vals[key] = v; }, false),
          onremove: () => change((vals) => { delete vals[key]; }, true),
          unknownHelp: 'No sink reads this key: it will be ignored.',
        }, messageSlot(`${section.name}.${key}`));
      }),
      keyChooser(this.#catalog, section.keys, new Set(Object.keys(values)), `Add a ${section.name} key`, (key) => change((vals) => {
        const kind = known.get(key)?.kind;
        vals[key] = kind === 'bool' ? 'true' : typeof kind === 'object' ? kind.oneOf[0] : '';
      }, true)));
  }
}
