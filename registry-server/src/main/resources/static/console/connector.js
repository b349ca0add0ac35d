// A connector: facts of the current version, per-factory options and templates, versions
// (diff, roll back, delete), leases (release), update and delete.

import { api, get, seg, query, ApiError } from './api.js';
import { h, put, href, time, formatBytes, problemEl, errorProblem, announce, copyButton, confirmDialog, scroller } from './dom.js';
import { factorySection, findingsList, diffView, jarFacts } from './analysis.js';

export async function render(ctx) {
  const ws = ctx.ws, name = ctx.name;
  const base = `/workspaces/${seg(ws)}/connectors/${seg(name)}`;
  const [connector, versions, leases] = await Promise.all([
    get(base),
    get(base + '/versions'),
    get(`/workspaces/${seg(ws)}/leases` + query({ connector: name })).catch(e => ({ unavailable: e })),
  ]);
  const cur = connector.current;
  const a = cur && cur.analysis;
  const actionProblem = h('div#action-problem.problem-box', { tabindex: '-1' });
  const flash = sessionStorage.getItem('fcr-flash');
  sessionStorage.removeItem('fcr-flash');

  const showProblem = err => {
    actionProblem.replaceChildren(problemEl(errorProblem(err)));
    actionProblem.focus();
    ctx.ready();
  };

  // Head: name and actions.
  const actions = h('div.actions');
  if (ctx.atLeast('developer')) actions.append(h('a#update-connector.button.primary', { href: href('workspaces', ws, 'connectors', name, 'update') }, 'Update'));
  if (ctx.atLeast('admin')) {
    const del = h('button#delete-connector.danger', { type: 'button' }, 'Delete connector');
    del.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: `Delete ${name}?`, ok: 'Delete connector',
        body: [h('p', `This deletes the connector and all its ${connector.versionCount} version(s), and frees its identifiers. Jobs that already downloaded the JARs keep running; their next submission fails to resolve.`)] });
      if (!ok) return;
      ctx.unready();
      try {
        await api('DELETE', base);
        announce(`Deleted ${name}`);
        location.hash = href('workspaces', ws, 'connectors');
      } catch (e) { showProblem(e); }
    });
    actions.append(del);
  }

  // Facts.
  const facts = h('dl#facts.facts');
  if (cur) {
    const jar = (a && a.jar) || {};
    put(facts,
      h('dt', 'Current version'), h('dd', `v${cur.version} of ${connector.versionCount}`),
      a ? jarFacts(a).map(([k, v]) => [h('dt', k), h('dd', v)]) : null,
      h('dt', 'Size'), h('dd', formatBytes(cur.size)),
      h('dt', 'SHA-256'), h('dd.sha-row', h('code#sha256.sha', cur.sha256), ' ', copyButton('button#copy-sha256', 'Copy', () => cur.sha256, 'SHA-256')),
      h('dt', 'Source'), h('dd', sourceOf(cur)),
      h('dt', 'Registered'), h('dd', cur.createdBy, ', ', time(cur.createdAt)),
      h('dt', 'Download'), h('dd', h('a', { href: downloadHref(cur.downloadPath), download: cur.fileName || (name + '.jar') }, cur.fileName || 'JAR'), ' ', h('span.muted', '(immutable, by SHA-256)')),
      cur.acceptance ? [h('dt', 'Accepted findings'), h('dd', acceptanceOf(cur.acceptance))] : null,
      (cur.dependencies || []).length ? [h('dt', 'Dependencies'), h('dd', h('ul.dependencies', cur.dependencies.map(d =>
        h('li', h('a', { href: downloadHref(d.downloadPath), download: d.fileName }, d.fileName), ' ',
          h('span.muted', formatBytes(d.size) + ', sha256 '), h('code.sha', d.sha256.slice(0, 12) + '…')))))] : null,
      h('dt', 'Findings'), h('dd', a ? ((a.findings || []).length ? findingsList(a.findings) : 'None') : '—'));
  } else {
    facts.append(h('dt', 'Current version'), h('dd', 'none'));
  }

  // Factories.
  const loaded = a ? (a.factories || []) : [];
  const factories = h('section#factories', { 'aria-labelledby': 'factories-h' },
    h('h2#factories-h', 'Identifiers and options'),
    loaded.length ? loaded.map(f => factorySection(f, { headingLevel: 3 })) : h('p.muted', 'No factory.'));

  // Versions, diff and leases.
  const versionsSection = versionsTable(ctx, { ws, name, base, connector, versions, showProblem });
  const diffSection = diffPicker(ctx, base, versions, connector);
  const leaseSection = leasesTable(ctx, { ws, name, leases, showProblem });

  ctx.main.replaceChildren(...[
    h('p.crumbs', h('a', { href: href('workspaces', ws, 'connectors') }, 'Connectors'), ' / ', name),
    h('div.page-head', h('h1', name), actions),
    flash ? h('p.note', { role: 'status' }, flash) : null,
    actionProblem,
    h('section.card', { 'aria-labelledby': 'facts-h' }, h('h2#facts-h', 'The current JAR'), facts),
    factories,
    versionsSection, diffSection, leaseSection].filter(Boolean));
}

function downloadHref(path) {
  // downloadPath is relative to the server; only a path on this origin becomes a link.
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '#';
}

function sourceOf(v) {
  if (v.sourceType === 'URL' && v.sourceUrl) {
    let safe = null;
    try { const u = new URL(v.sourceUrl); if (u.protocol === 'https:' || u.protocol === 'http:') safe = u.href; } catch { /* not a URL */ }
    return h('span', 'URL snapshot of ', safe ? h('a.url', { href: safe, rel: 'noopener noreferrer nofollow' }, v.sourceUrl) : h('code', v.sourceUrl));
  }
  return h('span', 'Upload', v.fileName ? [' of ', h('code', v.fileName)] : null);
}

function acceptanceOf(acc) {
  return h('div.acceptance', h('p', acc.codes.map((c, i) => [i ? ', ' : '', h('code', c)])),
    h('p', '“', acc.reason, '” — ', acc.acceptedBy, ', ', time(acc.acceptedAt)));
}

function versionsTable(ctx, { ws, name, base, connector, versions, showProblem }) {
  const tbody = h('tbody');
  const current = connector.currentVersion;
  for (const v of [...versions].reverse()) {
    const cell = h('td.row-actions');
    if (!v.current && ctx.atLeast('developer')) {
      const rb = h('button.rollback.secondary.small', { type: 'button', dataset: { version: v.version } },
        v.version < current ? `Roll back to v${v.version}` : `Make v${v.version} current`);
      rb.addEventListener('click', () => rollback(ctx, { base, name, current, target: v.version, showProblem }));
      cell.append(rb);
    }
    if (ctx.atLeast('admin')) {
      const del = h('button.delete-version.danger.small', { type: 'button', dataset: { version: v.version } }, `Delete v${v.version}`);
      del.addEventListener('click', async () => {
        const ok = await confirmDialog({ title: `Delete version ${v.version} of ${name}?`, ok: 'Delete version',
          body: [h('p', 'The version is removed; identifiers no remaining version offers are freed. The registry refuses if it is current or leased by a running job.')] });
        if (!ok) return;
        ctx.unready();
        try {
          await api('DELETE', `${base}/versions/${v.version}`);
          announce(`Deleted version ${v.version}`);
          ctx.rerender();
        } catch (e) { showProblem(e); }
      });
      cell.append(del);
    }
    tbody.append(h('tr', { dataset: { version: v.version }, class: v.current ? 'current' : null },
      h('th', { scope: 'row' }, 'v' + v.version, v.current ? [' ', h('span.badge.badge-current', 'current')] : null),
      h('td', v.createdBy),
      h('td', time(v.createdAt)),
      h('td', sourceOf(v)),
      h('td', formatBytes(v.size), h('br'), h('code.sha-short', { title: v.sha256 }, v.sha256.slice(0, 12) + '…')),
      h('td', v.acceptance ? acceptanceOf(v.acceptance) : h('span.muted', '—')),
      cell));
  }
  return h('section.card', { 'aria-labelledby': 'versions-h' },
    h('h2#versions-h', `Versions (${versions.length})`),
    scroller(h('table#versions.data', h('caption.visually-hidden', 'Versions, newest first'),
      h('thead', h('tr', ['Version', 'By', 'When', 'Source', 'Size', 'Accepted findings', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      tbody), 'Versions'));
}

async function rollback(ctx, { base, name, current, target, showProblem }) {
  let diff;
  try {
    diff = await get(`${base}/diff` + query({ from: current, to: target }));
  } catch (e) { showProblem(e); return; }
  const label = target < current ? `Roll back to v${target}` : `Make v${target} current`;
  // Asks with the diff; a breaking one needs `#confirm-force` ticked, and only then is force sent.
  const ask = (d, note) => {
    // After a 409 BREAKING_CHANGE (`note`), force is needed whatever the diff lists.
    const breaking = (d.breakingChanges || []).length > 0 || !!note;
    const from = d.from != null ? d.from : current;
    return confirmDialog({
      title: `Make v${target} of ${name} current?`, ok: label, force: breaking, detailed: true,
      body: [note ? h('p.note', { role: 'alert' }, note) : null,
        h('p', `Jobs keep the bytes they run; their next submission resolves v${target}. This is what changes from v${from}:`),
        h('div#rollback-diff', diffView(d))],
    });
  };
  let answer = await ask(diff);
  while (answer.confirmed) {
    ctx.unready();
    try {
      const change = await api('PUT', `${base}/current`, { version: target, force: answer.forced });
      const forcedChanges = (change && change.diff && change.diff.breakingChanges) || [];
      if (forcedChanges.length) {
        sessionStorage.setItem('fcr-flash', `v${target} is current, forced although it breaks jobs at their next restart: ${forcedChanges.join('; ')}.`);
      }
      announce(`v${target} is current`);
      ctx.rerender();
      return;
    } catch (e) {
      const p = errorProblem(e);
      // The server found the move breaking (the diff above missed it, or the current version moved
      // since): show its diff and ask again, for force this time. Never force without asking.
      if (p.code === 'BREAKING_CHANGE' && p.diff && !answer.forced) {
        ctx.ready();
        answer = await ask(p.diff, 'The registry refused the move: it would break jobs. Its comparison is below; tick the box to apply it anyway.');
        if (!answer.confirmed) showProblem(e);
        continue;
      }
      showProblem(e);
      return;
    }
  }
}

function diffPicker(ctx, base, versions, connector) {
  const sel = (id, selected) => {
    const s = h('select#' + id);
    for (const v of versions) s.append(h('option', { value: v.version, selected: v.version === selected }, 'v' + v.version + (v.current ? ' (current)' : '')));
    return s;
  };
  const nums = versions.map(v => v.version);
  const to = connector.currentVersion ?? nums[nums.length - 1];
  const earlier = nums.filter(n => n < to);
  const from = earlier.length ? earlier[earlier.length - 1] : nums[0];
  const fromSel = sel('diff-from', from), toSel = sel('diff-to', to);
  const out = h('div#diff.diff', { 'aria-live': 'polite' });
  const btn = h('button#show-diff.secondary', { type: 'submit' }, 'Show diff');
  const form = h('form.diff-form',
    h('div.field', h('label', { for: 'diff-from' }, 'From'), fromSel),
    h('div.field', h('label', { for: 'diff-to' }, 'To'), toSel),
    h('div.field.field-button', btn));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    ctx.unready();
    try {
      const d = await get(`${base}/diff` + query({ from: fromSel.value, to: toSel.value }));
      out.replaceChildren(diffView(d));
    } catch (err) {
      out.replaceChildren(problemEl(errorProblem(err)));
    }
    ctx.ready();
  });
  return h('section.card', { 'aria-labelledby': 'diff-h' }, h('h2#diff-h', 'Compare versions'),
    versions.length < 2 ? h('p.muted', 'Only one version so far; pick the same version to see what it offers.') : null, form, out);
}

function leasesTable(ctx, { ws, name, leases, showProblem }) {
  const section = h('section.card', { 'aria-labelledby': 'leases-h' }, h('h2#leases-h', 'Running jobs (leases)'));
  if (leases && leases.unavailable) {
    const e = leases.unavailable;
    if (e instanceof ApiError && e.status === 404 && e.problem.code !== 'WORKSPACE_NOT_FOUND') {
      section.append(h('p#leases-unavailable.muted', 'Leases are not available from this server.'));
    } else {
      section.append(problemEl(errorProblem(e)));
    }
    return section;
  }
  const list = Array.isArray(leases) ? leases : (leases && (leases.items || leases.leases)) || [];
  const me = ctx.state.session.principal.name;
  const tbody = h('tbody');
  for (const l of list) {
    const mine = (l.versions || []).filter(v => !v.connector || v.connector === name);
    const cell = h('td.row-actions');
    if (ctx.atLeast('admin') || (ctx.atLeast('submitter') && l.principal === me)) {
      const rel = h('button.release.secondary.small', { type: 'button', dataset: { job: l.jobId } }, 'Release');
      rel.addEventListener('click', async () => {
        const ok = await confirmDialog({ title: `Release the leases of job ${l.jobId}?`, ok: 'Release',
          body: [h('p', 'Do this when the job has ended. Its versions can then be deleted; a running job keeps its bytes, but a failover after a deletion could not download them again.')] });
        if (!ok) return;
        ctx.unready();
        try {
          await api('DELETE', `/workspaces/${seg(ws)}/leases/${seg(l.jobId)}`);
          announce(`Released job ${l.jobId}`);
          ctx.rerender();
        } catch (e) { showProblem(e); }
      });
      cell.append(rel);
    }
    tbody.append(h('tr', { dataset: { job: l.jobId } },
      h('th', { scope: 'row' }, h('code', l.jobId)),
      h('td', l.principal || '—'),
      h('td', time(l.expiresAt)),
      h('td', mine.map((v, i) => [i ? ', ' : '', v.connector && v.connector !== name ? v.connector + ' ' : '', 'v' + v.version])),
      cell));
  }
  if (!list.length) section.append(h('p.muted', 'No running job holds a lease on this connector.'));
  section.append(scroller(h('table#leases.data', h('caption.visually-hidden', 'Leases on this connector'),
      h('thead', h('tr', ['Job', 'Principal', 'Expires', 'Versions', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      tbody), 'Leases'));
  return section;
}
