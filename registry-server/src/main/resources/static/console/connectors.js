// Connectors list: search and filters held in the URL, badges per identifier, pagination.

import { get, query, listUrl, LIST_SIZE as SIZE } from './api.js';
import { h, href, badges, time, problemEl, errorProblem, announce, scroller, FAMILIES, CAPABILITIES, familyLabel } from './dom.js';


export async function render(ctx) {
  const ws = ctx.ws;
  const q = { q: ctx.query.q || '', family: ctx.query.family || '', capability: ctx.query.capability || '',
    identifier: ctx.query.identifier || '', page: Math.max(0, parseInt(ctx.query.page, 10) || 0) };

  const search = h('input#search', { type: 'search', name: 'q', value: q.q, autocomplete: 'off',
    placeholder: 'name or identifier' });
  const identifier = h('input#identifier', { type: 'text', name: 'identifier', value: q.identifier, autocomplete: 'off',
    spellcheck: 'false', placeholder: 'e.g. kafka' });
  const family = select('family', FAMILIES.map(f => [f, familyLabel(f)]), q.family);
  const capability = select('capability', CAPABILITIES.map(c => [c, c]), q.capability);
  const form = h('form#filters.filters', { role: 'search' },
    h('div.field', h('label', { for: 'search' }, 'Search'), search),
    h('div.field', h('label', { for: 'identifier' }, 'Identifier'), identifier),
    h('div.field', h('label', { for: 'family' }, 'Family'), family),
    h('div.field', h('label', { for: 'capability' }, 'Capability'), capability),
    h('div.field.field-button', h('button.secondary', { type: 'submit' }, 'Apply')));

  const results = h('div#results');
  ctx.main.replaceChildren(
    h('div.page-head', h('h1', 'Connectors'),
      ctx.atLeast('developer') ? h('a#new-connector.button.primary', { href: href('workspaces', ws, 'new') }, 'New connector') : null),
    form, results);

  let timer = null;
  let controller = null;
  const apply = async (resetPage) => {
    clearTimeout(timer);
    if (resetPage) q.page = 0;
    Object.assign(q, { q: search.value.trim(), identifier: identifier.value.trim(), family: family.value, capability: capability.value });
    const target = listHash(ws, q);
    if (location.hash !== target) history.replaceState(null, '', target);
    ctx.unready();
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      await load(ctx, ws, q, results, controller.signal);
      ctx.ready();
    } catch (e) {
      if (e.name !== 'AbortError') {
        results.replaceChildren(problemEl(errorProblem(e)));
        ctx.ready();
      }
    }
  };
  form.addEventListener('submit', e => { e.preventDefault(); apply(true); });
  family.addEventListener('change', () => apply(true));
  capability.addEventListener('change', () => apply(true));
  for (const input of [search, identifier]) {
    input.addEventListener('input', () => {
      ctx.unready();
      clearTimeout(timer);
      timer = setTimeout(() => apply(true), 250);
    });
  }
  await load(ctx, ws, q, results);
}

function select(id, options, value) {
  const s = h('select#' + id, { name: id }, h('option', { value: '' }, 'Any'));
  for (const [v, label] of options) s.append(h('option', { value: v, selected: v === value }, label));
  if (value && !options.some(([v]) => v === value)) s.append(h('option', { value, selected: true }, value));
  return s;
}

function listHash(ws, q, page = q.page) {
  return href('workspaces', ws, 'connectors') + query({ q: q.q, family: q.family, capability: q.capability,
    identifier: q.identifier, page: page || null });
}

async function load(ctx, ws, q, results, signal) {
  const url = listUrl(ws, q);
  const pre = ctx.prefetched;
  ctx.prefetched = null;
  const data = pre && pre.url === url ? await pre.promise : await get(url, { signal });
  const items = data.items || [];
  const total = data.total ?? items.length;
  const filtered = q.q || q.family || q.capability || q.identifier;
  if (!items.length) {
    results.replaceChildren(
      table(ws, []),
      h('p.empty', filtered ? 'No connector matches these filters.' : 'No connectors are registered in this workspace yet.',
        !filtered && ctx.atLeast('developer') ? [' ', h('a', { href: href('workspaces', ws, 'new') }, 'Register the first one.')] : null));
  } else {
    results.replaceChildren(
      h('p.count', `${total} connector${total === 1 ? '' : 's'}` + (total > items.length ? `, showing ${q.page * SIZE + 1}–${q.page * SIZE + items.length}` : '')),
      scroller(table(ws, items), 'Connectors'),
      pager(ws, q, total));
  }
  announce(`${total} connector${total === 1 ? '' : 's'}` + (filtered ? ' match' + (total === 1 ? 'es' : '') : ''));
}

function table(ws, items) {
  const tbody = h('tbody');
  for (const c of items) {
    tbody.append(h('tr', { dataset: { connector: c.name } },
      h('th', { scope: 'row' }, h('a', { href: href('workspaces', ws, 'connectors', c.name) }, c.name)),
      h('td', h('ul.identifiers', (c.factories || []).map(f =>
        h('li', h('code', f.identifier), ' ', badges(f.families, f.capabilities))))),
      h('td.num', c.currentVersion != null ? 'v' + c.currentVersion : '—'),
      h('td', c.updatedBy ? h('span.who', c.updatedBy) : null, c.updatedBy ? h('br') : null, time(c.updatedAt)),
      h('td.num', warnings(c.warnings))));
  }
  return h('table#connectors.data',
    h('caption.visually-hidden', 'Connectors in this workspace'),
    h('thead', h('tr', ['Name', 'Identifiers', 'Current version', 'Updated', 'Warnings'].map(t => h('th', { scope: 'col' }, t)))),
    tbody);
}

function warnings(n) {
  if (n === undefined || n === null) return h('span.muted', { title: 'Not reported by this server' }, '—');
  if (n === 0) return h('span.muted', '0');
  return h('span.badge.badge-warning', { dataset: { kind: 'warnings' } }, `${n} warning${n === 1 ? '' : 's'}`);
}

function pager(ws, q, total) {
  const pages = Math.max(1, Math.ceil(total / SIZE));
  if (pages <= 1) return h('nav#pager.pager', { 'aria-label': 'Pages' }, h('span', 'Page 1 of 1'));
  return h('nav#pager.pager', { 'aria-label': 'Pages' },
    q.page > 0 ? h('a.button.secondary', { rel: 'prev', href: listHash(ws, q, q.page - 1) }, '← Previous') : null,
    h('span', `Page ${q.page + 1} of ${pages}`),
    q.page + 1 < pages ? h('a.button.secondary', { rel: 'next', href: listHash(ws, q, q.page + 1) }, 'Next →') : null);
}
