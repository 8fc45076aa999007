// A stored model's permissions on the Models page: its owner, and who may use it (users, groups) or change it
// (admin users, admin groups), each with Remove, and a form to add one. Over /model_store/list|add|delete/<kind>;
// the service decides who may change them (the owner, the model's admins, the service's admins) and its refusal
// text is shown. "public" means everyone.
import { api } from './api.js';
import { h, labelled } from './dom.js';
import { applyRole } from './role.js';

const KINDS = [
  ['users', 'Users who may use it'],
  ['groups', 'Groups who may use it'],
  ['admin_users', 'Users who may change it'],
  ['admin_groups', 'Groups who may change it'],
];

/** The panel for `model`, filled from the service; `said(kind, text)` reports what happened. */
export async function permissionsPanel(model, said) {
  const panel = h('section', { class: 'permissions', 'aria-label': `Permissions of ${model}` });
  const render = async () => {
    const [owner, ...lists] = await Promise.all([api.modelGrants('owner', model), ...KINDS.map(([kind]) => api.modelGrants(kind, model))]);
    panel.replaceChildren(
      h('h2', {}, `Permissions of ${model}`),
      h('p', { class: 'muted' }, 'Owner: ', h('strong', {}, String(owner).trim() || 'anonymous'), '. "public" means everyone.'),
      h('div', { class: 'grid-fields' }, ...KINDS.map(([kind, label], i) => grantList(model, kind, label, lists[i], change))),
      addForm(model, change),
    );
    await applyRole(panel);
  };
  const change = async (run, done) => {
    try {
      await run();
      said('success', done);
      await render();
    } catch (err) {
      said('error', err.message);
    }
  };
  await render();
  return panel;
}

function grantList(model, kind, label, names, change) {
  const items = (Array.isArray(names) ? names : []).map((who) =>
    h('li', {}, h('span', {}, who), ' ', h('button', { type: 'button', class: 'button small danger', 'data-write': true, 'aria-label': `Remove ${who} from ${label.toLowerCase()}`, onclick: () => change(() => api.revokeModel(kind, model, who), `Removed ${who}.`) }, 'Remove')),
  );
  return h('div', { class: 'field', dataset: { grant: kind } }, h('h3', {}, label), items.length ? h('ul', { class: 'grants' }, ...items) : h('p', { class: 'muted' }, 'None.'));
}

function addForm(model, change) {
  const kind = h('select', { id: 'grant-kind', name: 'kind' }, ...KINDS.map(([value, label]) => h('option', { value }, label)));
  const who = h('input', { id: 'grant-who', name: 'who', type: 'text', required: true, autocomplete: 'off', placeholder: 'a user or group name, or public' });
  const form = h(
    'form',
    { class: 'manage-form', 'data-write': true, onsubmit: (e) => (e.preventDefault(), change(() => api.grantModel(kind.value, model, who.value.trim()), `Added ${who.value.trim()}.`)) },
    h('fieldset', {}, h('legend', {}, 'Add a permission'), h('div', { class: 'grid-fields' }, labelled('grant-kind', 'To', kind), labelled('grant-who', 'Name', who)), h('button', { type: 'submit', class: 'button' }, 'Add')),
  );
  return form;
}
