// The model being built, as the JSON the service reads ({ model_name, Fields, Table_Names, Options }), and the edits
// the builder makes to it. Pure: no DOM, so the JSON view and the form edit the same object.

export function emptyModel() {
  return { model_name: 'my-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] };
}

/** A value typed into a property's input, as the property's kind wants it; undefined removes the property. */
export function propertyValue(kind, text) {
  if (text === '' || text === undefined) return undefined;
  if (kind === 'integer' || kind === 'number') {
    // Kept as typed when it is no number, so the service's validator says what is wrong, at the field.
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (kind === 'list' || kind === 'object') return JSON.parse(text);
  return text;
}

/** The text an input shows for a property's value. */
export function propertyText(kind, value) {
  if (value === undefined || value === null) return '';
  if (kind === 'list' || kind === 'object') return JSON.stringify(value);
  return String(value);
}

export function setProperty(model, index, name, value) {
  const field = model.Fields[index];
  if (value === undefined) delete field[name];
  else field[name] = value;
}

/** A field name not yet in the model: field_2, field_3, … */
export function freshFieldName(model) {
  const names = new Set(model.Fields.map((f) => f.name));
  let i = model.Fields.length + 1;
  while (names.has(`field_${i}`)) i++;
  return `field_${i}`;
}

export function addField(model, type = 'STRING') {
  model.Fields.push({ name: freshFieldName(model), type });
}

export function removeField(model, index) {
  model.Fields.splice(index, 1);
}

export function moveField(model, index, by) {
  const to = index + by;
  if (to < 0 || to >= model.Fields.length) return;
  const [field] = model.Fields.splice(index, 1);
  model.Fields.splice(to, 0, field);
}

/** Table_Names or Options as an object (a legacy array of objects merged), for the key editor. */
export function keyValues(model, section) {
  const raw = model[section];
  if (!raw) return {};
  return Array.isArray(raw) ? Object.assign({}, ...raw) : { ...raw };
}

export function setKeyValues(model, section, values) {
  if (Object.keys(values).length === 0) delete model[section];
  else model[section] = values;
}

/** Reads a model from JSON text; an error message when it cannot be one. */
export function readModel(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON: ${e.message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { error: 'a model is a JSON object' };
  if (!Array.isArray(json.Fields)) return { error: 'a model needs a "Fields" array' };
  if (json.Fields.some((f) => typeof f !== 'object' || f === null || Array.isArray(f))) return { error: 'each field is an object' };
  return { model: json };
}

/** Where a validator path points: { field, property } for "Fields[2].min…", { section, key } for "Options.X". */
export function locate(path) {
  const f = /^Fields\[(\d+)\](?:\.([A-Za-z_][\w]*))?/.exec(path ?? '');
  if (f) return { field: Number(f[1]), property: f[2] };
  const k = /^(Table_Names|Options)(?:\.([^.\[]+))?/.exec(path ?? '');
  if (k) return { section: k[1], key: k[2] };
  return {};
}

/** The model's JSON as the builder saves and downloads it. */
export const modelJson = (model) => `${JSON.stringify(model, null, 2)}\n`;
