// API tokens: the ones the caller may manage, create one (secret shown once), revoke.

import { api, get, seg } from './api.js';
import { h, time, problemEl, errorProblem, announce, confirmDialog, copyButton, scroller, field } from './dom.js';

const ROLES = ['viewer', 'submitter', 'developer', 'admin'];

export async function render(ctx) {
  const principal = ctx.state.session.principal;
  const workspaces = ctx.state.workspaces || [];
  const listBox = h('div#token-list');
  const secretBox = h('div#new-token-result', { 'aria-live': 'polite' });
  const problemBox = h('div.problem-box', { tabindex: '-1' });

  // The form: name, workspace, role (at most the caller's own there), expiry.
  const name = h('input#token-name', { type: 'text', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}', maxlength: '64', autocomplete: 'off', spellcheck: 'false' });
  const wsSel = h('select#token-workspace');
  for (const w of workspaces) {
    if (principal.platformAdmin || (principal.roles || {})[w.name]) {
      wsSel.append(h('option', { value: w.name, selected: w.name === ctx.state.ws }, `${w.name} (Flink ${w.flinkVersion})`));
    }
  }
  if (principal.platformAdmin) wsSel.append(h('option', { value: '' }, 'All workspaces (platform-wide)'));
  const roleSel = h('select#token-role');
  const fillRoles = () => {
    const prev = roleSel.value;
    roleSel.replaceChildren();
    if (!wsSel.value) {
      roleSel.append(h('option', { value: 'platform-admin' }, 'platform-admin'));
      return;
    }
    const mine = principal.platformAdmin ? 'admin' : (principal.roles || {})[wsSel.value];
    for (const r of ROLES.slice(0, ROLES.indexOf(mine) + 1)) roleSel.append(h('option', { value: r, selected: r === (prev || 'viewer') }, r));
  };
  wsSel.addEventListener('change', fillRoles);
  fillRoles();
  const days = h('input#token-expiry', { type: 'number', min: '1', max: '3650', value: '90', inputmode: 'numeric' });
  const create = h('button.primary', { type: 'submit' }, 'Create token');
  const form = h('form#new-token.card',
    h('h2', 'Create a token'),
    h('div.form-grid',
      field('token-name', 'Name', name, 'Requests made with it are recorded as token:<name>; a name is never reused.'),
      field('token-workspace', 'Workspace', wsSel),
      field('token-role', 'Role', roleSel, 'At most your own role in the workspace.'),
      field('token-expiry', 'Expires after (days)', days)),
    h('div.button-row', create), problemBox);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    problemBox.replaceChildren();
    secretBox.replaceChildren();
    ctx.unready();
    create.disabled = true;
    try {
      const body = { name: name.value.trim(), role: roleSel.value, expiresInDays: parseInt(days.value, 10) || undefined };
      if (wsSel.value) body.workspace = wsSel.value;
      const created = await api('POST', '/tokens', body);
      name.value = '';
      secretBox.replaceChildren(h('div.secret.card', { role: 'alert' },
        h('h2', `Token ${created.details.name} created`),
        h('p', h('strong', 'Copy the secret now: it is shown only this once.'), ' The registry keeps only a hash.'),
        h('p.sha-row', h('code#new-token-secret.secret-value', created.token), ' ', copyButton('button#copy-token-secret', 'Copy', () => created.token, 'Token'))));
      announce(`Token ${created.details.name} created; copy its secret now`);
      await loadList(ctx, listBox, problemBox);
    } catch (err) {
      problemBox.replaceChildren(problemEl(errorProblem(err)));
      problemBox.focus();
    } finally {
      create.disabled = false;
      ctx.ready();
    }
  });

  ctx.main.replaceChildren(h('h1', 'API tokens'),
    h('p.lead', 'Tokens let CI pipelines, job submitters and the CLI call the registry. Each has one workspace and one role.'),
    secretBox, form, h('h2', 'Tokens'), listBox);
  await loadList(ctx, listBox, problemBox);
}

async function loadList(ctx, listBox, problemBox) {
  const tokens = await get('/tokens');
  const tbody = h('tbody');
  const now = Date.now();
  for (const t of tokens) {
    const expired = t.expiresAt && Date.parse(t.expiresAt) < now;
    const state = t.revokedAt ? 'revoked' : expired ? 'expired' : 'active';
    const cell = h('td.row-actions');
    if (state === 'active') {
      const b = h('button.revoke.danger.small', { type: 'button', dataset: { tokenId: t.id } }, 'Revoke');
      b.addEventListener('click', async () => {
        const ok = await confirmDialog({ title: `Revoke token ${t.name}?`, ok: 'Revoke',
          body: [h('p', 'Requests with it are refused from now on, and browser sessions signed in with it end. This cannot be undone.'),
            ctx.state.session.principal.name === 'token:' + t.name ? h('p', h('strong', 'You are signed in with this token: revoking it signs you out.')) : null] });
        if (!ok) return;
        ctx.unready();
        try {
          await api('DELETE', `/tokens/${seg(t.id)}`);
          announce(`Token ${t.name} revoked`);
          await loadList(ctx, listBox, problemBox);
        } catch (err) {
          problemBox.replaceChildren(problemEl(errorProblem(err)));
          problemBox.focus();
        }
        ctx.ready();
      });
      cell.append(b);
    }
    tbody.append(h('tr', { dataset: { tokenId: t.id, state } },
      h('th', { scope: 'row' }, t.name),
      h('td', h('code', t.hint)),
      h('td', t.workspace || 'all (platform)'),
      h('td', t.role),
      h('td', t.createdBy, h('br'), time(t.createdAt)),
      h('td', time(t.expiresAt)),
      h('td', t.lastUsedAt ? time(t.lastUsedAt) : h('span.muted', 'never')),
      h('td', h('span.state', { class: 'state-' + state }, state, t.revokedAt ? [' ', time(t.revokedAt)] : null)),
      cell));
  }
  listBox.replaceChildren(...[
    tokens.length ? null : h('p.empty', 'No tokens you may manage.'),
    scroller(h('table#tokens.data', h('caption.visually-hidden', 'API tokens'),
      h('thead', h('tr', ['Name', 'Hint', 'Workspace', 'Role', 'Created', 'Expires', 'Last used', 'State', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      tbody), 'API tokens')].filter(Boolean));
}
