// Calls of the datagen REST API from the page (same origin: the browser adds any Basic credentials itself).
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    // The service's error body: details.path says where in a model the problem is.
    this.body = body;
  }
}

// Sign-in (js/login.js): HTTP Basic under the hood. The name and password typed in the login form are kept, as the
// Authorization value, in sessionStorage (this tab only, gone when it closes) and sent with every call; the
// x-datagen-login header asks the service for no WWW-Authenticate challenge, so the browser shows no prompt of its own.
const AUTH_KEY = 'datagen-authorization';

export const auth = {
  get: () => sessionStorage.getItem(AUTH_KEY),
  set: (name, password) => sessionStorage.setItem(AUTH_KEY, `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${name}:${password}`)))}`),
  clear: () => sessionStorage.removeItem(AUTH_KEY),
};

function headers() {
  const value = auth.get();
  return { accept: 'application/json', 'x-datagen-login': 'form', ...(value ? { authorization: value } : {}) };
}

async function send(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, body, headers: headers() });
  } catch {
    throw new ApiError(0, 'the service cannot be reached');
  }
  // Whoever shows the login form listens for this.
  if (res.status === 401) window.dispatchEvent(new Event('datagen:unauthorized'));
  return res;
}

/** A file the service serves (a command's output zip), as a Blob. */
async function download(path) {
  const res = await send('GET', path);
  if (!res.ok) {
    const text = await res.text();
    throw new ApiError(res.status, errorText(res, text), jsonOrUndefined(text));
  }
  return res.blob();
}

async function request(method, path, body) {
  const res = await send(method, path, body);
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, errorText(res, text), jsonOrUndefined(text));
  const type = res.headers.get('content-type') ?? '';
  return type.includes('json') ? JSON.parse(text) : text;
}

function jsonOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorText(res, text) {
  try {
    const body = JSON.parse(text);
    if (body?.error) return body.error;
  } catch {
    // not JSON
  }
  if (res.status === 403) return 'Your role may not do this (admin required).';
  if (res.status === 401) return 'Authentication required.';
  return text || `HTTP ${res.status} ${res.statusText}`;
}

const q = (uuid) => `commandUuid=${encodeURIComponent(uuid)}`;

export const api = {
  getAll: () => request('GET', '/command/getAll'),
  status: (uuid) => request('GET', `/command/getCommandStatus?${q(uuid)}`),
  details: (uuid) => request('GET', `/command/get?${q(uuid)}`),
  history: (uuid) => request('GET', `/command/history?${q(uuid)}`),
  cancel: (uuid) => request('POST', `/command/cancel?${q(uuid)}`),
  services: () => request('GET', '/dashboard/services.json'),
  storedModels: () => request('GET', '/model_store/list'),
  launch: (service, form) => request('POST', `/datagen/${encodeURIComponent(service)}`, form),
  me: () => request('GET', '/users/me'),
  catalog: () => request('GET', '/model/catalog'),
  preview: (form) => request('POST', '/model/preview', form),
  storedModel: (name) => request('GET', `/model_store/get?model=${encodeURIComponent(name)}`),
  storeModel: (form) => request('POST', '/model_store/add', form),
  credentials: () => request('GET', '/credentials/listCredentials'),
  download,
  openApi: () => request('GET', '/openapi.json'),
  analyse: (source, body) => request('POST', `/model_generation/${encodeURIComponent(source)}`, body),
  deleteModel: (name) => request('DELETE', `/model_store/delete?model=${encodeURIComponent(name)}`),
  addCredential: (form) => request('POST', '/credentials/addCredentials', form),
  removeCredential: (name) => request('DELETE', `/credentials/removeCredentials?credName=${encodeURIComponent(name)}`),
  users: () => request('GET', '/users/list'),
  addUser: (body) => request('POST', '/users/add', body),
  deleteUser: (name) => request('DELETE', `/users/delete?username=${encodeURIComponent(name)}`),
  schedules: () => request('GET', '/command/getAllScheduled'),
  removeSchedule: (uuid) => request('POST', `/command/removeScheduled?${q(uuid)}`),
  // A stored model's permissions (kind: owner, users, groups, admin_users, admin_groups; who: a user or group name).
  modelGrants: (kind, model) => request('GET', `/model_store/list/${kind}?model=${encodeURIComponent(model)}`),
  grantModel: (kind, model, who) => request('POST', `/model_store/add/${kind}?${grantQuery(kind, model, who)}`),
  revokeModel: (kind, model, who) => request('DELETE', `/model_store/delete/${kind}?${grantQuery(kind, model, who)}`),
  outputPreview: (uuid, lines = 20) => request('GET', `/command/${encodeURIComponent(uuid)}/output/preview?lines=${lines}`),
};

function grantQuery(kind, model, who) {
  return new URLSearchParams({ model, [kind.endsWith('groups') ? 'group' : 'user']: who }).toString();
}
