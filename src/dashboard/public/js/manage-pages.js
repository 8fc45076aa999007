// What each management page lists and may change, over the existing APIs (docs/api.md): the model store, stored
// credentials (never their content), users, schedules. One description each, rendered by manage-page.js.
import { api } from './api.js';
import { h } from './dom.js';
import { time } from './format.js';
import { permissionsPanel } from './manage-permissions.js';

const CREDENTIAL_TYPES = ['PASSWORD', 'S3_ACCESS_KEY', 'GCP_ACCESS_TOKEN', 'ADLS_SAS_TOKEN', 'KEYTAB', 'KEYSTORE', 'TRUSTSTORE', 'GCP_KEY_FILE'];

/** Saves a Blob as a file through a temporary link. */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const PAGES = {
  models: {
    title: 'Models',
    hint: 'The stored models you may use. Import a model file, download one as JSON, see and change who may use or change one, or delete one you may change.',
    list: async () => (await api.storedModels()).map((name) => ({ name })),
    key: (m) => m.name,
    columns: [['Name', (m) => h('a', { href: `#/builder/${encodeURIComponent(m.name)}` }, m.name)]],
    actions: [
      { label: 'Download', read: true, run: async (m) => (save(new Blob([JSON.stringify(await api.storedModel(m.name), null, 2)], { type: 'application/json' }), `${m.name}.json`), `Downloaded ${m.name}.json.`) },
      { label: 'Permissions', read: true, panel: (m, said) => permissionsPanel(m.name, said) },
      { label: 'Delete', danger: true, confirm: (m) => `Delete the model ${m.name}?`, run: async (m) => ((await api.deleteModel(m.name)) ? `Deleted ${m.name}.` : `${m.name} was not deleted.`) },
    ],
    add: {
      title: 'Import a model',
      button: 'Import',
      fields: [{ name: 'model_file', label: 'Model file (JSON)', type: 'file', accept: '.json,application/json', required: true }],
      run: async (form) => `Stored ${await api.storeModel(form)}.`,
    },
  },
  credentials: {
    title: 'Credentials',
    hint: 'Stored credentials you may use: their names and types only, never their content (sealed on the service).',
    list: () => api.credentials(),
    key: (c) => c.name,
    columns: [['Name', (c) => c.name], ['Type', (c) => c.type], ['Account', (c) => c.accountAssociated ?? ''], ['Owner', (c) => c.owner], ['Added', (c) => time(c.createdAt)]],
    actions: [{ label: 'Delete', danger: true, confirm: (c) => `Delete the credential ${c.name}?`, run: async (c) => ((await api.removeCredential(c.name)) ? `Deleted ${c.name}.` : `${c.name} was not deleted.`) }],
    add: {
      title: 'Add a credential',
      button: 'Add credential',
      fields: [
        { name: 'name', label: 'Name', required: true },
        { name: 'type', label: 'Type', options: CREDENTIAL_TYPES },
        { name: 'account', label: 'Account' },
        { name: 'content', label: 'Secret', type: 'password', required: true, autocomplete: 'new-password' },
      ],
      run: async (form) => `Added ${(await api.addCredential(form)).name}.`,
    },
  },
  users: {
    title: 'Users',
    hint: 'Configured users (DATAGEN_USERS, read-only here) and stored ones. The groups admin, user and viewer give the roles.',
    list: () => api.users(),
    key: (u) => u.username,
    columns: [['Name', (u) => u.username], ['Groups', (u) => u.groups.join(', ')], ['Kind', (u) => (u.configured ? 'configured' : 'stored')]],
    actions: [{ label: 'Delete', danger: true, when: (u) => !u.configured, confirm: (u) => `Delete the user ${u.username}?`, run: async (u) => (await api.deleteUser(u.username), `Deleted ${u.username}.`) }],
    add: {
      title: 'Add a user',
      button: 'Add user',
      fields: [
        { name: 'username', label: 'Name', required: true },
        { name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'new-password' },
        { name: 'groups', label: 'Groups (comma-separated)', placeholder: 'user' },
      ],
      run: async (form) => {
        const body = new URLSearchParams({ username: form.get('username'), password: form.get('password') });
        for (const g of String(form.get('groups') ?? '').split(',').map((x) => x.trim()).filter(Boolean)) body.append('groups', g);
        await api.addUser(body);
        return `Added ${form.get('username')}.`;
      },
    },
  },
  schedules: {
    title: 'Schedules',
    hint: 'Recurring generations. Removing one starts no further execution (a running one is not cancelled). There is no pause in the API: a schedule pauses by itself when an execution fails.',
    list: () => api.schedules(),
    key: (s) => s.scheduleId,
    columns: [
      ['Schedule', (s) => h('code', { title: s.scheduleId }, s.scheduleId.slice(0, 8))],
      ['Status', (s) => s.status],
      ['Model', (s) => s.modelName],
      ['Service', (s) => s.service],
      ['Every', (s) => `${s.delayBetweenExecutionsSeconds}s`],
      ['Executions', (s) => String(s.executionsCount)],
      ['Created', (s) => time(s.createdAt)],
    ],
    actions: [{ label: 'Remove', danger: true, when: (s) => s.status !== 'REMOVED', confirm: (s) => `Remove the schedule ${s.scheduleId.slice(0, 8)}?`, run: async (s) => (await api.removeSchedule(s.scheduleId), `Removed ${s.scheduleId.slice(0, 8)}.`) }],
  },
};
