// Validate a Flink SQL script: each CREATE TABLE / CREATE CATALOG's problems at their line,
// with the suggestion, and the JARs the script resolves to (POST …/validate, POST …/resolve).

import { api, seg } from './api.js';
import { h, problemEl, errorProblem, announce, formatBytes, familyLabel } from './dom.js';

const EXAMPLE = `CREATE TABLE orders (
  id BIGINT
) WITH (
  'connector' = 'sequence',
  'number-of-rows' = '10'
);`;

export async function render(ctx) {
  const ws = ctx.ws;
  const saved = sessionStorage.getItem('fcr-sql-' + ws);
  const sql = h('textarea#sql.code', { rows: '12', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'sql-hint' });
  sql.value = saved !== null ? saved : '';
  sql.placeholder = EXAMPLE;
  const btn = h('button#validate.primary', { type: 'submit' }, 'Validate');
  const out = h('div#validation');
  const form = h('form#validate-form.card',
    h('div.field', h('label', { for: 'sql' }, 'Flink SQL'), sql,
      h('p.hint#sql-hint', 'Every CREATE TABLE and CREATE CATALOG with a WITH (...) clause is checked against the options its connector, format or catalog declares, in this workspace\'s Flink version.')),
    h('div.button-row', btn));
  ctx.main.replaceChildren(h('h1', 'Validate SQL'), form, out);

  form.addEventListener('submit', async e => {
    e.preventDefault();
    sessionStorage.setItem('fcr-sql-' + ws, sql.value);
    ctx.unready();
    btn.disabled = true;
    try {
      await run(ws, sql.value, out);
    } finally {
      btn.disabled = false;
      ctx.ready();
    }
  });
}

async function run(ws, script, out) {
  const [validation, resolution] = await Promise.allSettled([
    api('POST', `/workspaces/${seg(ws)}/validate`, { sql: script }),
    api('POST', `/workspaces/${seg(ws)}/resolve`, { sql: script }),
  ]);
  const lines = script.split('\n');
  const problems = [];
  const parts = [];
  let problemLines = new Set();
  if (validation.status === 'fulfilled') {
    const v = validation.value;
    for (const r of v.results || []) {
      for (const p of (r.result && r.result.problems) || []) {
        // The server says on which line the statement writes the key; a missing option is at the statement's line.
        const line = Number.isInteger(p.line) && p.line > 0 ? p.line : Math.max(1, r.line || 1);
        problems.push({ ...p, message: withoutSuggestion(p.message, p.suggestion), line, statement: r });
        problemLines.add(line);
      }
    }
    const statements = (v.results || []).length;
    parts.push(h('p.verdict', { class: v.valid ? 'ok' : 'bad', dataset: { valid: String(!!v.valid) } },
      v.valid ? `Valid: Flink would accept the options of ${statements} statement${statements === 1 ? '' : 's'}.`
        : `Not valid: ${problems.filter(p => p.severity === 'ERROR').length} error(s) in ${statements} statement${statements === 1 ? '' : 's'}.`));
    parts.push(h('h2', 'Problems'));
    const ol = h('ol#problems.problems');
    problems.sort((x, y) => x.line - y.line);
    for (const p of problems) {
      ol.append(h('li.problem-item', { dataset: { line: p.line, code: p.code, severity: p.severity, key: p.key } },
        h('p', h('button.link', { type: 'button', dataset: { goto: p.line } }, 'Line ' + p.line), ' · ',
          h('span.severity', { class: 'sev-' + String(p.severity).toLowerCase() }, p.severity === 'ERROR' ? 'Error' : 'Warning'), ' ',
          h('code', p.code), p.statement.name ? h('span.muted', ` in ${p.statement.kind.toLowerCase()} ${p.statement.name}`) : null),
        h('p.message', p.key ? [h('code', p.key), ': '] : null, p.message),
        p.suggestion ? h('p.suggestion', 'Did you mean ', h('code', p.suggestion), '?') : null));
    }
    if (!problems.length) ol.append(h('li.none', 'No problems.'));
    parts.push(ol);
  } else {
    const p = errorProblem(validation.reason);
    if (p.code === 'INVALID_SQL' && p.line) problemLines.add(p.line);
    parts.push(problemEl(p));
  }

  // The script with line numbers, lines with problems marked.
  const sqlLines = h('ol#sql-lines.sql-lines', { 'aria-label': 'The script, line by line' });
  lines.forEach((text, i) => {
    const n = i + 1;
    const lineProblems = problems.filter(p => p.line === n);
    sqlLines.append(h('li', { dataset: { line: n }, class: problemLines.has(n) ? 'has-problem' : null, id: 'sql-line-' + n },
      h('code', text || ' '),
      lineProblems.map(p => h('span.line-note', { class: 'sev-' + String(p.severity).toLowerCase() }, ' ← ', p.message, p.suggestion ? ` (did you mean '${p.suggestion}'?)` : ''))));
  });
  parts.push(h('h2', 'Script'), h('div.table-scroll', { tabindex: '0', role: 'region', 'aria-label': 'Script with line numbers' }, sqlLines));

  // What it resolves to.
  parts.push(h('h2', 'JARs the script resolves to'));
  const jars = h('ul#resolved-jars.resolved-jars');
  if (resolution.status === 'fulfilled') {
    const r = resolution.value;
    for (const j of r.jars || []) {
      const ids = (r.resolved || []).filter(x => x.sha256 === j.sha256).map(x => `'${x.identifier}' (${familyLabel(x.family)})`);
      jars.append(h('li', { dataset: { connector: j.connector, version: j.version } },
        h('strong', j.connector), ` v${j.version} — ${formatBytes(j.size)} `,
        h('code.sha-short', { title: j.sha256 }, j.sha256.slice(0, 12) + '…'),
        ids.length ? h('span.muted', ' for ' + ids.join(', ')) : null));
    }
    if (!(r.jars || []).length) jars.append(h('li.none', 'No JAR to download.'));
    if ((r.builtIn || []).length) {
      parts.push(jars, h('p.muted', 'Built into Flink ', r.flinkVersion, ': ', r.builtIn.map(b => b.identifier).join(', ')));
    } else {
      parts.push(jars);
    }
  } else {
    const p = errorProblem(resolution.reason);
    if (p.code === 'NOTHING_TO_RESOLVE') jars.append(h('li.none', 'The script uses no connector, format or catalog.'));
    else jars.append(h('li.none', 'Nothing resolved: see below.'));
    parts.push(jars);
    if (p.code !== 'NOTHING_TO_RESOLVE') parts.push(problemEl(p));
  }
  out.replaceChildren(...parts);
  out.querySelectorAll('button[data-goto]').forEach(a => a.addEventListener('click', e => {
    e.preventDefault();
    const li = document.getElementById('sql-line-' + a.dataset.goto);
    if (li) { li.scrollIntoView({ block: 'center' }); li.classList.add('flash'); setTimeout(() => li.classList.remove('flash'), 1200); }
  }));
  announce(validation.status === 'fulfilled' ? (validation.value.valid ? 'The script is valid' : `${problems.length} problem(s) found`) : 'Validation failed');
}

/** The message without a trailing "Did you mean 'x'?", which the page shows on a line of its own. */
function withoutSuggestion(message, suggestion) {
  if (!suggestion || !message) return message;
  const tail = ` Did you mean '${suggestion}'?`;
  return message.endsWith(tail) ? message.slice(0, -tail.length) : message;
}
