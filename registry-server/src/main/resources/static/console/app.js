// Entry module: the session, the shell (workspace switcher, who, navigation), hash routing and
// the ready signal (`#main[data-ready]`, performance mark `fcr-ready`) the browser tests wait for.

import { api, get, setCsrf, whenUnauthenticated, ApiError, listUrl } from './api.js';
import { h, clear, problemEl, errorProblem, announce, href } from './dom.js';

const ROLES = ['viewer', 'submitter', 'developer', 'admin'];
const main = document.getElementById('main');
const shell = document.getElementById('shell');

const PAGES = {
  'sign-in': () => import('./signin.js'),
  connectors: () => import('./connectors.js'),
  connector: () => import('./connector.js'),
  new: () => import('./upload.js'),
  update: () => import('./upload.js'),
  validate: () => import('./validate.js'),
  audit: () => import('./audit.js'),
  tokens: () => import('./tokens.js'),
};

const state = { session: null, workspaces: null, ws: sessionStorage.getItem('fcr-ws') };
let navigation = 0;

/** Parses the hash into a route: {page, ws, name, query}. */
function parse(hash) {
  const raw = (hash || '').replace(/^#/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(p => { try { return decodeURIComponent(p); } catch { return p; } });
  const query = Object.fromEntries(new URLSearchParams(qs || ''));
  if (parts[0] === 'sign-in') return { page: 'sign-in', query };
  if (parts[0] === 'tokens') return { page: 'tokens', query };
  if (parts[0] === 'workspaces' && parts[1]) {
    const ws = parts[1];
    if (parts.length === 2 || (parts[2] === 'connectors' && parts.length === 3)) return { page: 'connectors', ws, query };
    if (parts[2] === 'connectors' && parts.length === 4) return { page: 'connector', ws, name: parts[3], query };
    if (parts[2] === 'connectors' && parts[4] === 'update' && parts.length === 5) return { page: 'update', ws, name: parts[3], query };
    if (parts.length === 3 && ['new', 'validate', 'audit'].includes(parts[2])) return { page: parts[2], ws, query };
  }
  if (parts.length === 0) return { page: 'home', query };
  return { page: 'not-found', query };
}

export function roleIn(ws) {
  const p = state.session && state.session.principal;
  if (!p) return null;
  if (p.platformAdmin) return 'admin';
  return (p.roles || {})[ws] || null;
}

export function atLeast(role, wanted) {
  return ROLES.indexOf(role) >= ROLES.indexOf(wanted) && role !== null;
}

// A hint (no secret) that this browser was signed in, so that the first load asks for the session
// and the workspaces at once instead of one after the other.
const HINT = 'fcr-signed-in';

/** Whether this browser is probably signed in: it was, or it holds a CSRF cookie from a sign-in. */
function probablySignedIn() {
  return localStorage.getItem(HINT) === '1' || /(?:^|;\s*)XSRF-TOKEN=[^;]/.test(document.cookie);
}

async function loadSession() {
  const early = probablySignedIn() ? get('/workspaces', { quiet401: true }).catch(() => null) : null;
  const session = await get('/session', { quiet401: true });
  state.session = session;
  setCsrf(session.csrfHeader, session.csrfToken);
  if (session.signedIn) {
    localStorage.setItem(HINT, '1');
    state.workspaces = (early && await early) || await get('/workspaces');
  } else {
    localStorage.removeItem(HINT);
  }
}


function firstWorkspace() {
  const list = state.workspaces || [];
  const mine = list.find(w => w.name === state.ws && roleIn(w.name)) || list.find(w => roleIn(w.name)) || list[0];
  return mine ? mine.name : null;
}

function renderShell(route) {
  const session = state.session;
  if (!session || !session.signedIn) {
    shell.hidden = true;
    clear(shell);
    return;
  }
  const ws = route.ws || state.ws || firstWorkspace();
  const role = roleIn(ws);
  const select = h('select#workspace');
  for (const w of state.workspaces || []) {
    select.append(h('option', { value: w.name, selected: w.name === ws }, `${w.name} (Flink ${w.flinkVersion})`));
  }
  if (ws && !(state.workspaces || []).some(w => w.name === ws)) {
    select.append(h('option', { value: ws, selected: true }, `${ws} (unknown)`));
  }
  select.addEventListener('change', () => {
    const target = select.value;
    const keep = ['new', 'validate', 'audit'].includes(route.page) ? route.page : 'connectors';
    location.hash = href('workspaces', target, keep);
  });
  const p = session.principal;
  const link = (id, text, target, page) => h('a', { id, href: target, 'aria-current': route.page === page ? 'page' : null }, text);
  const nav = h('nav', { 'aria-label': 'Main' }, h('ul',
    h('li', link('nav-connectors', 'Connectors', href('workspaces', ws, 'connectors'), 'connectors')),
    atLeast(role, 'developer') ? h('li', link('nav-new', 'New connector', href('workspaces', ws, 'new'), 'new')) : null,
    h('li', link('nav-validate', 'Validate', href('workspaces', ws, 'validate'), 'validate')),
    // The workspace's audit log is for its admins (x-required-role: admin).
    atLeast(role, 'admin') ? h('li', link('nav-audit', 'Audit log', href('workspaces', ws, 'audit'), 'audit')) : null,
    h('li', link('nav-tokens', 'API tokens', '#/tokens', 'tokens'))));
  const signOut = h('button#sign-out.secondary.small', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    try { await api('DELETE', '/session', undefined, { quiet401: true }); } catch { /* signed out anyway */ }
    state.session = null;
    localStorage.removeItem(HINT);
    announce('Signed out');
    location.hash = '#/sign-in';
  });
  shell.replaceChildren(
    h('div.ws-picker', h('label', { for: 'workspace' }, 'Workspace'), select),
    h('p#who', h('span.who-name', p.name), ' ',
      h('span.role', { dataset: { role: role || 'none' } }, p.platformAdmin ? 'platform admin' : (role || 'no role'))),
    signOut,
    nav);
  shell.hidden = false;
}

function setReady(page) {
  main.dataset.ready = page;
  try { performance.mark('fcr-ready'); } catch { /* old browsers */ }
}

async function route() {
  const token = ++navigation;
  main.removeAttribute('data-ready');
  let r = parse(location.hash);
  // Fetch the page's module while the session loads.
  const pageModule = PAGES[r.page] ? PAGES[r.page]() : null;
  if (pageModule) pageModule.catch(() => {});
  // The connectors list is the first page most people open: ask for it at once as well.
  let prefetched = null;
  if (r.page === 'connectors' && (state.session ? state.session.signedIn : probablySignedIn())) {
    const url = listUrl(r.ws, r.query);
    const promise = get(url, { quiet401: true });
    promise.catch(() => {});
    prefetched = { url, promise };
  }
  try {
    if (!state.session || (r.page !== 'sign-in' && !state.session.signedIn)) await loadSession();
  } catch (e) {
    if (token !== navigation) return;
    shell.hidden = true;
    main.replaceChildren(h('h1', 'Flink Connector Registry'), problemEl(errorProblem(e)));
    return;
  }
  if (token !== navigation) return;
  const signedIn = state.session && state.session.signedIn;
  if (!signedIn && r.page !== 'sign-in') {
    if (r.page !== 'home') sessionStorage.setItem('fcr-return', location.hash);
    location.replace('#/sign-in');
    return;
  }
  if (r.page === 'home') {
    const ws = firstWorkspace();
    location.replace(ws ? href('workspaces', ws, 'connectors') : '#/tokens');
    return;
  }
  if (r.ws) {
    state.ws = r.ws;
    sessionStorage.setItem('fcr-ws', r.ws);
  }
  renderShell(r);
  document.title = titleOf(r) + ' — Flink Connector Registry';
  if (r.page === 'not-found') {
    main.replaceChildren(h('h1', 'Not found'), problemEl({ code: 'NOT_FOUND', title: 'Not Found',
      detail: 'The console has no page at this address.' }), h('p', h('a', { href: '#/' }, 'Go to the connectors')));
    setReady('not-found');
    return;
  }
  const ctx = {
    main, route: r, ws: r.ws, name: r.name, query: r.query, state,
    role: roleIn(r.ws || state.ws),
    atLeast: wanted => atLeast(roleIn(r.ws || state.ws), wanted),
    isCurrent: () => token === navigation,
    ready: () => { if (token === navigation) setReady(r.page); },
    unready: () => { if (token === navigation) main.removeAttribute('data-ready'); },
    rerender: () => route(),
    prefetched,
    signedIn: async () => { state.session = null; await loadSession(); },
  };
  try {
    const mod = await pageModule;
    if (token !== navigation) return;
    await mod.render(ctx);
    if (token !== navigation) return;
    setReady(r.page);
  } catch (e) {
    if (token !== navigation) return;
    if (e instanceof ApiError && e.status === 401) return; // whenUnauthenticated took over
    if (e && e.name === 'AbortError') return;
    main.replaceChildren(h('h1', titleOf(r)), problemEl(errorProblem(e)));
    setReady(r.page);
  }
}

function titleOf(r) {
  return { 'sign-in': 'Sign in', connectors: 'Connectors', connector: r.name, new: 'New connector',
    update: 'Update ' + r.name, validate: 'Validate SQL', audit: 'Audit log', tokens: 'API tokens',
    'not-found': 'Not found' }[r.page] || 'Console';
}

whenUnauthenticated(() => {
  // The session ended (expired, signed out elsewhere, token revoked): sign in again, then come back.
  if (state.session) state.session.signedIn = false;
  if (parse(location.hash).page !== 'sign-in') {
    sessionStorage.setItem('fcr-return', location.hash);
    location.hash = '#/sign-in';
  }
});

document.getElementById('skip-link').addEventListener('click', e => {
  e.preventDefault();
  main.focus();
});

let lastHash = location.hash;
window.addEventListener('hashchange', () => {
  const before = parse(lastHash), after = parse(location.hash);
  lastHash = location.hash;
  route().then(() => {
    // Move focus to the new page for keyboard and screen-reader users, but not for in-page query changes.
    if (before.page !== after.page || before.ws !== after.ws || before.name !== after.name) {
      if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
    }
  });
});
route();
