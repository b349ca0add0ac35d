// Small DOM helpers. Everything from the API goes in as text (textContent), never as HTML:
// connector names, option descriptions and messages come from uploaded JARs.

/**
 * h('tag#id.class', {attr: value, on: {click: fn}}, ...children)
 * Attributes: `class`, `text`, `hidden`, `disabled`, `checked`, `value`, `dataset`, others via setAttribute.
 */
export function h(spec, attrs, ...children) {
  const tag = /^[a-z0-9-]*/i.exec(spec)[0];
  const el = document.createElement(tag || 'div');
  const classes = [];
  for (const [, sigil, name] of spec.slice(tag.length).matchAll(/([#.])([\w-]+)/g)) {
    if (sigil === '#') el.id = name; else classes.push(name);
  }
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.className = (el.className ? el.className + ' ' : '') + v;
    else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) { if (dv !== undefined && dv !== null) el.dataset[dk] = String(dv); }
    else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'required' || k === 'multiple' || k === 'selected') el[k] = true;
    else if (k === 'value') el.value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends children like h() does: nested arrays flattened, null/false skipped, strings as text. */
export function put(el, ...children) { append(el, children); return el; }

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A console address from path segments, each encoded: href('workspaces', ws, 'connectors'). */
export function href(...segments) {
  return '#/' + segments.map(s => encodeURIComponent(String(s))).join('/');
}

export function clear(el) { el.replaceChildren(); return el; }

/** Announces a short message to screen readers (and shows it nowhere else). */
export function announce(message) {
  const s = document.getElementById('status');
  s.textContent = '';
  // A fresh text node so that repeating the same message is announced again.
  setTimeout(() => { s.textContent = message; }, 30);
}

const FAMILY_LABELS = {
  'table-connector': 'connector', 'decoding-format': 'decoding format', 'encoding-format': 'encoding format',
  'catalog': 'catalog', 'catalog-store': 'catalog store', 'module': 'module', 'model-provider': 'model provider',
  'workflow-scheduler': 'workflow scheduler', 'managed-table': 'managed table', 'executor': 'executor',
  'planner': 'planner', 'other': 'other',
};
export const FAMILIES = Object.keys(FAMILY_LABELS);
export const CAPABILITIES = ['source', 'sink', 'lookup', 'decoding', 'encoding', 'catalog', 'catalog-store', 'module'];
export const familyLabel = f => FAMILY_LABELS[f] || f;

export function badge(kind, value, label) {
  return h('span.badge', { dataset: { kind, value }, class: 'badge-' + String(value).replace(/[^a-z0-9-]/gi, '') }, label || value);
}

export function badges(families, capabilities) {
  return h('span.badges', (families || []).map(f => badge('family', f, familyLabel(f))),
    (capabilities || []).map(c => badge('capability', c)));
}

export function formatBytes(n) {
  if (n === null || n === undefined || isNaN(n)) return '—';
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return v.toFixed(v < 10 ? 1 : 0) + ' ' + units[i];
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
/** A <time> element: readable local date, the exact instant in datetime and title. */
export function time(iso) {
  if (!iso) return h('span', '—');
  const d = new Date(iso);
  if (isNaN(d)) return h('span', String(iso));
  return h('time', { datetime: iso, title: d.toISOString() }, dateFormat.format(d));
}

/** A problem document as an element `.problem[data-code]`: title, detail, code and the members that help. */
export function problemEl(problem, extra) {
  const p = problem || {};
  const el = h('div.problem', { role: 'alert', dataset: { code: p.code || 'UNKNOWN' } },
    h('p.problem-title', h('strong', p.title || 'Error'), ' ', h('code.problem-code', p.code || '')),
    p.detail ? h('p.problem-detail', p.detail) : null);
  if (Array.isArray(p.errors) && p.errors.length) el.append(h('ul', p.errors.map(e => h('li', e))));
  if (Array.isArray(p.jobs) && p.jobs.length) el.append(h('p', 'Jobs holding leases: ', p.jobs.join(', ')));
  if (p.owner) el.append(h('p', `'${p.identifier}' (${familyLabel(p.family)}) belongs to `, h('strong', p.owner), '.'));
  if (Array.isArray(p.refusingCodes) && p.refusingCodes.length) {
    el.append(h('p', 'Refusing findings: ', p.refusingCodes.join(', '),
      p.acceptable ? ' — a workspace admin may accept them.' : ' — these cannot be accepted.'));
  }
  if (Array.isArray(p.codes) && p.codes.length) el.append(h('p', 'Codes: ', p.codes.join(', ')));
  if (Array.isArray(p.unresolved) && p.unresolved.length) {
    el.append(h('ul', p.unresolved.map(u => h('li', `'${u.identifier}'`, u.family && u.family !== 'any' ? ` (${familyLabel(u.family)})` : '', ' is provided by nothing in this workspace'))));
  }
  if (p.line) el.append(h('p', 'Line ' + p.line));
  if (p.expected) el.append(h('p', 'Expected SHA-256 ', h('code', p.expected), ', got ', h('code', p.actual || '?')));
  if (extra) el.append(extra);
  return el;
}

export function errorProblem(e) {
  if (e && e.problem) return e.problem;
  return { code: 'CONSOLE_ERROR', title: 'Unexpected error', detail: String(e && e.message || e) };
}

/** Copies text to the clipboard, with a fallback for non-secure contexts. */
export async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h('textarea.visually-hidden', { 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    try { document.execCommand('copy'); } catch { /* nothing more to try */ }
    ta.remove();
  }
  announce((what || 'Text') + ' copied to the clipboard');
}

export function copyButton(spec, label, getText, what) {
  const b = h(spec, { type: 'button', class: 'secondary small' }, label);
  b.addEventListener('click', () => {
    copyText(getText(), what).then(() => {
      b.textContent = 'Copied';
      setTimeout(() => { b.textContent = label; }, 1500);
    });
  });
  return b;
}

/**
 * The confirmation dialog (<dialog id="confirm">). Resolves true when confirmed.
 * With `force`, `#confirm-ok` stays disabled until `#confirm-force` is ticked.
 * With `detailed`, resolves `{confirmed, forced}` instead, `forced` true only when the user ticked force.
 */
export function confirmDialog({ title, body, ok = 'Confirm', danger = true, force = false, detailed = false }) {
  const dlg = document.getElementById('confirm');
  const okBtn = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  const forceRow = document.getElementById('confirm-force-row');
  const forceBox = document.getElementById('confirm-force');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-body').replaceChildren(...[].concat(body || []).filter(Boolean));
  okBtn.textContent = ok;
  okBtn.className = danger ? 'danger' : 'primary';
  forceRow.hidden = !force;
  forceBox.checked = false;
  okBtn.disabled = !!force;
  const opener = document.activeElement;
  return new Promise(resolve => {
    const done = value => {
      okBtn.removeEventListener('click', onOk);
      cancel.removeEventListener('click', onCancel);
      forceBox.removeEventListener('change', onForce);
      dlg.removeEventListener('cancel', onCancel);
      if (dlg.open) dlg.close();
      if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
      resolve(detailed ? { confirmed: value, forced: value && !!force && forceBox.checked } : value);
    };
    const onOk = () => done(true);
    const onCancel = e => { if (e) e.preventDefault(); done(false); };
    const onForce = () => { okBtn.disabled = !forceBox.checked; };
    okBtn.addEventListener('click', onOk);
    cancel.addEventListener('click', onCancel);
    forceBox.addEventListener('change', onForce);
    dlg.addEventListener('cancel', onCancel);
    dlg.showModal();
    (force ? forceBox : cancel).focus();
  });
}

/** A horizontally scrollable, keyboard-focusable wrapper for a wide table. */
export function scroller(table, label) {
  return h('div.table-scroll', { tabindex: '0', role: 'region', 'aria-label': label }, table);
}

export function field(id, label, input, hint) {
  const hintEl = hint ? h('p.hint', { id: id + '-hint' }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', id + '-hint');
  return h('div.field', h('label', { for: id }, label), input, hintEl);
}
