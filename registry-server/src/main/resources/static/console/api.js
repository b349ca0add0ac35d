// The console's only way to the server: the public REST API under /api/v1, same origin,
// with the session cookie, and the CSRF token on every change (DESIGN rule 10).

const BASE = '/api/v1';
let csrf = { header: 'X-XSRF-TOKEN', token: null };

/** An answer that is not 2xx, carrying the problem document (or one made up for it). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

export function setCsrf(header, token) {
  if (header) csrf.header = header;
  if (token) csrf.token = token;
}

function csrfCookie() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m && m[1] ? decodeURIComponent(m[1]) : null;
}

/**
 * The CSRF token for a change. The server checks the header against the XSRF-TOKEN cookie; when
 * the cookie is gone (the server drops it on some answers), GET /session issues a fresh one.
 */
async function csrfToken() {
  const fromCookie = csrfCookie();
  if (fromCookie) return fromCookie;
  try {
    const res = await fetch(BASE + '/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.ok) {
      const s = await res.json();
      setCsrf(s.csrfHeader, s.csrfToken);
    }
  } catch { /* the change itself will report the failure */ }
  return csrfCookie() || csrf.token;
}

/** Encodes one path segment (workspace, connector, job id). */
export const seg = s => encodeURIComponent(String(s));

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach(x => q.append(k, x)); else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Connectors per page of the list. */
export const LIST_SIZE = 20;

/**
 * The API address of a connectors list page: the page asks for it, and app.js asks for it ahead
 * while the session loads, so that both must build it the same way.
 */
export function listUrl(ws, q) {
  return `/workspaces/${seg(ws)}/connectors` + query({ q: q.q, family: q.family, capability: q.capability,
    identifier: q.identifier, page: Math.max(0, parseInt(q.page, 10) || 0), size: LIST_SIZE });
}

async function problemOf(res) {
  const type = res.headers.get('content-type') || '';
  if (type.includes('json')) {
    try {
      const body = await res.json();
      if (body && typeof body === 'object') {
        return Object.assign({ code: 'HTTP_' + res.status, title: res.statusText, status: res.status }, body);
      }
    } catch { /* fall through */ }
  }
  return { code: 'HTTP_' + res.status, title: res.statusText || 'Error', status: res.status,
    detail: 'The server answered ' + res.status + '.' };
}

let onUnauthenticated = () => {};
export function whenUnauthenticated(fn) { onUnauthenticated = fn; }

/** Calls the API; resolves with the parsed JSON (or null for 204), rejects with ApiError. */
export async function api(method, path, body, { signal, quiet401 } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const t = await csrfToken();
    if (t) headers[csrf.header] = t;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK_ERROR', title: 'Network error',
      detail: 'The registry could not be reached. Check that it runs, then try again.' });
  }
  if (res.status === 204) return null;
  if (!res.ok) {
    const err = new ApiError(res.status, await problemOf(res));
    if (res.status === 401 && !quiet401) onUnauthenticated(err);
    throw err;
  }
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, opts) => api('GET', path, undefined, opts);

/**
 * Sends a form (a JAR in `file`) with XMLHttpRequest, for its upload progress events.
 * onProgress gets a fraction 0..1, or null when the size is not known.
 */
export async function upload(path, formData, onProgress) {
  const t = await csrfToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (t) xhr.setRequestHeader(csrf.header, t);
    xhr.upload.addEventListener('progress', e => onProgress && onProgress(e.lengthComputable ? e.loaded / e.total : null));
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body });
      } else {
        const problem = Object.assign({ code: 'HTTP_' + xhr.status, title: xhr.statusText || 'Error', status: xhr.status,
          detail: 'The server answered ' + xhr.status + '.' }, body && typeof body === 'object' ? body : {});
        const err = new ApiError(xhr.status, problem);
        if (xhr.status === 401) onUnauthenticated(err);
        reject(err);
      }
    });
    const failed = () => reject(new ApiError(0, { code: 'NETWORK_ERROR', title: 'Upload failed',
      detail: 'The upload did not reach the registry (the connection was closed). Check the file and try again.' }));
    xhr.addEventListener('error', failed);
    xhr.addEventListener('abort', failed);
    xhr.send(formData);
  });
}
