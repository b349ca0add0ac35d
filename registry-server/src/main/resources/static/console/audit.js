// The workspace's audit log (GET …/audit, admins), filtered by connector and principal, paged.

import { get, seg, query } from './api.js';
import { h, href, time, scroller } from './dom.js';

const SIZE = 50;

export async function render(ctx) {
  const ws = ctx.ws;
  const q = { connector: ctx.query.connector || '', principal: ctx.query.principal || '', page: Math.max(0, parseInt(ctx.query.page, 10) || 0) };
  const connector = h('input#audit-connector', { type: 'text', value: q.connector, autocomplete: 'off', spellcheck: 'false' });
  const principal = h('input#audit-principal', { type: 'text', value: q.principal, autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. token:ci' });
  const form = h('form#audit-filters.filters', { role: 'search' },
    h('div.field', h('label', { for: 'audit-connector' }, 'Connector'), connector),
    h('div.field', h('label', { for: 'audit-principal' }, 'Principal'), principal),
    h('div.field.field-button', h('button.secondary', { type: 'submit' }, 'Apply')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = hashOf(ws, { connector: connector.value.trim(), principal: principal.value.trim(), page: 0 });
  });
  const heading = h('h1', 'Audit log');
  ctx.main.replaceChildren(heading, form);
  const entries = await get(`/workspaces/${seg(ws)}/audit` + query({ connector: q.connector, principal: q.principal, page: q.page, size: SIZE }));
  const tbody = h('tbody');
  for (const e of entries) {
    tbody.append(h('tr', { dataset: { auditId: e.id, action: e.action, outcome: e.outcome } },
      h('td', time(e.occurredAt)),
      h('td', e.principal),
      h('td', e.address || '—'),
      h('th', { scope: 'row' }, h('code', e.action)),
      h('td', targetOf(ws, e)),
      h('td', h('span.outcome', { class: 'outcome-' + String(e.outcome).toLowerCase() }, e.outcome)),
      h('td.details', e.details || '')));
  }
  const table = h('table#audit.data', h('caption.visually-hidden', 'Audit log entries, newest first'),
    h('thead', h('tr', ['When', 'Who', 'From', 'Action', 'Target', 'Outcome', 'Details'].map(t => h('th', { scope: 'col' }, t)))),
    tbody);
  ctx.main.append(
    entries.length ? scroller(table, 'Audit log') : h('div', table, h('p.empty', 'No entries.')),
    h('nav#audit-pager.pager', { 'aria-label': 'Pages' },
      q.page > 0 ? h('a.button.secondary', { rel: 'prev', href: hashOf(ws, { ...q, page: q.page - 1 }) }, '← Newer') : null,
      h('span', `Page ${q.page + 1}`),
      entries.length === SIZE ? h('a.button.secondary', { rel: 'next', href: hashOf(ws, { ...q, page: q.page + 1 }) }, 'Older →') : null));
}

function hashOf(ws, q) {
  return href('workspaces', ws, 'audit') + query({ connector: q.connector, principal: q.principal, page: q.page || null });
}

function targetOf(ws, e) {
  const t = e.target;
  if (!t) return '—';
  const m = /^([a-z0-9][a-z0-9-]*)(?:\/(\d+))?$/.exec(t);
  if (m && /^(connector|version)\./.test(e.action) && e.action !== 'connector.delete') {
    return h('a', { href: href('workspaces', ws, 'connectors', m[1]) }, t);
  }
  return t;
}
