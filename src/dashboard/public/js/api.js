// Calls of the datagen REST API from the page (same origin: the browser adds any Basic credentials itself).
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    // The service's error body: details.path says where in a model the problem is.
    this.body = body;
  }
}

async function request(method, path, body) {
  let res;
  try {
    res = await fetch(path, { method, body, headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'the service cannot be reached');
  }
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
};
