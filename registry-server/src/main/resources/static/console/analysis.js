// What a JAR offers and what is wrong with it, shared by the wizard, the update page and the
// connector page: factories with their options tables and templates, findings, version diffs.

import { h, badges, copyButton, scroller, familyLabel } from './dom.js';

/**
 * The findings that refuse a registration unless accepted. The server says so per finding
 * (`refuses`), and whether a workspace admin may accept it (`acceptable`).
 */
export const refusingFindings = findings => (findings || []).filter(f => f.refuses === true);
export const loadedFactories = analysis => (analysis && analysis.factories || []).filter(f => f.declared && f.identifier && !f.failure);

let uid = 0;

/** One factory: identifier, families, capabilities, failure, options table with filter, and template. */
export function factorySection(f, { headingLevel = 3 } = {}) {
  const id = 'f' + (++uid);
  const title = f.identifier || shortClass(f.className);
  const section = h('section.factory', { dataset: { identifier: f.identifier || '', class: f.className }, 'aria-labelledby': id + '-h' },
    h('h' + headingLevel, { id: id + '-h' }, h('code', title), ' ', badges(f.families, f.capabilities)),
    h('p.class-name', h('span.muted', 'Class '), h('code', f.className),
      f.declared ? null : h('span.badge.badge-warning', ' not declared'),
      f.discovery && f.discovery.length ? h('span.muted', ' · discovered as ' + f.discovery.join(', ')) : null));
  if (f.failure) {
    section.append(h('div.failure', { dataset: { code: f.failure.code } },
      h('p', h('strong', 'Does not load: '), h('code', f.failure.code), f.failure.skippedByFlink ? ' (Flink skips it; the JAR\'s other factories work)' : ''),
      h('p.message', f.failure.message),
      f.failure.exception ? h('p', h('span.muted', 'Exception '), h('code', f.failure.exception)) : null,
      f.failure.stackTrace && f.failure.stackTrace.length ? h('details', h('summary', 'Stack trace'), h('pre.stack', f.failure.stackTrace.join('\n'))) : null));
  }
  const options = f.options || [];
  if (f.identifier && !f.failure) {
    const template = templateOf(f);
    if (template) {
      section.append(h('div.template-box',
        h('div.template-head', h('h' + (headingLevel + 1), 'Template'), copyButton('button.copy-template', 'Copy template', () => template, 'Template')),
        h('pre.template', { tabindex: '0', 'aria-label': 'Template for ' + f.identifier }, template)));
    }
  }
  if (options.length) {
    const filter = h('input.options-filter', { id: id + '-filter', type: 'search', autocomplete: 'off', placeholder: 'key or description' });
    const table = optionsTable(options, f.identifier || f.className);
    const count = h('span.muted.filter-count', `${options.length} options`);
    filter.addEventListener('input', () => {
      const needle = filter.value.trim().toLowerCase();
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        const match = !needle || row.dataset.search.includes(needle);
        row.hidden = !match;
        if (match) shown++;
      }
      count.textContent = needle ? `${shown} of ${options.length} options` : `${options.length} options`;
    });
    section.append(
      h('div.options-head', h('h' + (headingLevel + 1), 'Options'),
        h('div.field.inline', h('label', { for: id + '-filter' }, 'Filter options'), filter), count),
      scroller(table, 'Options of ' + title));
  } else if (!f.failure) {
    section.append(h('p.muted', 'Declares no options.'));
  }
  return section;
}

function shortClass(c) { return String(c || '').split('.').pop(); }

export function optionsTable(options, label) {
  const rows = options.map(o => h('tr', {
    dataset: { key: o.key, search: [o.key, o.description, ...(o.fallbackKeys || []), ...(o.deprecatedKeys || [])].join(' ').toLowerCase() },
    class: o.required ? 'required' : null },
  h('th', { scope: 'row' }, h('code', o.key),
    o.sensitive ? [' ', h('span.badge.badge-sensitive', { dataset: { kind: 'sensitive' }, title: 'A secret: its value is never shown' }, 'sensitive')] : null,
    o.forwarded ? [' ', h('span.badge', { dataset: { kind: 'forwarded' }, title: 'May change without changing the job\'s plan' }, 'forwarded')] : null),
  h('td', h('code', o.type)),
  h('td', o.defaultValue != null ? h('code', o.defaultValue) : h('span.muted', '—')),
  h('td', o.required ? h('strong', 'required') : h('span.muted', 'optional')),
  h('td.description', o.description || ''),
  h('td', (o.enumValues || []).length ? h('ul.enum', o.enumValues.map(v => h('li', h('code', v.value), v.description ? ' — ' + v.description : ''))) : h('span.muted', '—')),
  h('td', otherKeys(o))));
  return h('table.options.data', h('caption.visually-hidden', 'Options of ' + label),
    h('thead', h('tr', ['Key', 'Type', 'Default', 'Required', 'Description', 'Values', 'Other keys'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', rows));
}

function otherKeys(o) {
  const fb = o.fallbackKeys || [], dep = o.deprecatedKeys || [];
  if (!fb.length && !dep.length) return h('span.muted', '—');
  return h('ul.keys', fb.map(k => h('li', h('code', k), ' (fallback)')), dep.map(k => h('li', h('code', k), h('span.deprecated', ' (deprecated)'))));
}

const sq = s => String(s).replace(/'/g, "''");
const placeholder = o => `<${o.key}: ${o.type}>`;

/** A copyable statement: CREATE TABLE for table connectors, CREATE CATALOG, a format's keys, LOAD MODULE. */
export function templateOf(f) {
  const fam = f.families || [];
  const required = (f.options || []).filter(o => o.required);
  const name = f.identifier.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = (entries) => entries.map(([k, v]) => `  '${sq(k)}' = '${sq(v)}'`).join(',\n');
  if (fam.includes('table-connector')) {
    const entries = [['connector', f.identifier], ...required.map(o => [o.key, placeholder(o)])];
    return `CREATE TABLE my_${name} (\n  id BIGINT\n) WITH (\n${lines(entries)}\n);`;
  }
  if (fam.includes('catalog')) {
    const entries = [['type', f.identifier], ...required.map(o => [o.key, placeholder(o)])];
    return `CREATE CATALOG my_${name} WITH (\n${lines(entries)}\n);`;
  }
  if (fam.includes('decoding-format') || fam.includes('encoding-format')) {
    const prefix = f.identifier + '.';
    const entries = [['connector', '<connector>'], ['format', f.identifier],
      ...required.map(o => [o.key.startsWith(prefix) ? o.key : prefix + o.key, placeholder(o)])];
    return `CREATE TABLE my_table (\n  id BIGINT\n) WITH (\n${lines(entries)}\n);`;
  }
  if (fam.includes('module')) {
    const entries = required.map(o => [o.key, placeholder(o)]);
    return `LOAD MODULE ${name}` + (entries.length ? ` WITH (\n${lines(entries)}\n)` : '') + ';';
  }
  return null;
}

/**
 * The findings as `ul#findings > li.finding[data-code][data-severity]`. With `accept` (an admin
 * deciding on a refused JAR), each acceptable refusing code gets one `input.accept-finding`.
 */
export function findingsList(findings, { accept = false, onChange } = {}) {
  const list = h('ul#findings.findings');
  const seen = new Set();
  if (!findings || !findings.length) {
    list.append(h('li.none', 'No findings: nothing to fix.'));
    return list;
  }
  for (const f of findings) {
    const refusing = f.refuses === true;
    const mayAccept = refusing && f.acceptable === true;
    const li = h('li.finding', { dataset: { code: f.code, severity: f.severity, refuses: String(refusing), acceptable: String(mayAccept) } },
      h('p.finding-head', h('span.severity', { class: 'sev-' + f.severity.toLowerCase() }, f.severity === 'ERROR' ? 'Error' : 'Warning'), ' ',
        h('code', f.code), f.subject ? [' ', h('span.subject', f.subject)] : null),
      h('p.message', f.message),
      f.details && f.details.length ? h('ul.details', f.details.map(d => h('li', d))) : null,
      h('p.consequence', refusing
        ? (mayAccept ? 'Refuses registration. A workspace admin may accept it on purpose, with a reason.' : 'Refuses registration, and cannot be accepted: fix the JAR.')
        : f.severity === 'ERROR' ? 'Does not refuse the JAR: only what it names is unusable; the JAR\'s other identifiers register normally.' : 'Registered and shown with the version.'));
    if (accept && mayAccept && !seen.has(f.code)) {
      seen.add(f.code);
      const id = 'accept-' + f.code;
      const box = h('input.accept-finding', { type: 'checkbox', id, value: f.code });
      if (onChange) box.addEventListener('change', onChange);
      li.append(h('p.accept', box, ' ', h('label', { for: id }, 'Accept ', h('code', f.code), ' on purpose')));
    }
    list.append(li);
  }
  return list;
}

const shape = s => s ? `${s.type}${s.required ? ', required' : ''}${s.defaultValue != null ? ', default ' + s.defaultValue : ''}` : '—';

/**
 * A VersionDiff from the server as lists. Whether it breaks jobs, and why, is the server's word
 * (`breakingChanges`), shown as `.breaking`; the console does not judge changes itself.
 */
export function diffView(d, { fromLabel, toLabel, level = 3 } = {}) {
  const from = fromLabel || (d.from == null ? 'nothing' : 'v' + d.from);
  const to = toLabel || (d.to == null ? 'the new JAR' : 'v' + d.to);
  const breaking = d.breakingChanges || [];
  const el = h('div.diff-view', { dataset: { breaking: breaking.length ? 'true' : 'false' } },
    h('p.diff-summary', breaking.length
      ? h('strong.breaking', `Breaking: moving from ${from} to ${to} would break jobs at their next restart.`)
      : `Compatible: moving from ${from} to ${to} breaks no job.`));
  if (breaking.length) el.append(h('ul.breaking-changes', breaking.map(b => h('li.breaking', b))));
  const ids = (items, sign) => items.map(i => h('li', { dataset: { identifier: i.identifier, family: i.family } }, sign, ' ', h('code', i.identifier), ' ', h('span.muted', '(' + familyLabel(i.family) + ')')));
  const opts = (items, kind, sign) => items.map(c => h('li', { dataset: { key: c.key, identifier: c.identifier } },
    sign, ' ', h('code', c.identifier), ' ', h('code', c.key), ': ',
    kind === 'changed' ? `${shape(c.before)} → ${shape(c.after)}` : shape(c.after || c.before)));
  const groups = [
    ['Identifiers added', ids(d.identifiersAdded || [], '+')],
    ['Identifiers removed', ids(d.identifiersRemoved || [], '−')],
    ['Options added', opts(d.optionsAdded || [], 'added', '+')],
    ['Options removed', opts(d.optionsRemoved || [], 'removed', '−')],
    ['Options changed', opts(d.optionsChanged || [], 'changed', '~')],
  ].filter(([, items]) => items.length);
  if (!groups.length) el.append(h('p.muted', 'No identifier or option changed.'));
  for (const [title, items] of groups) el.append(h('div.diff-group', h('h' + level, title), h('ul', items)));
  return el;
}

/** Facts about an analysed JAR, as <dl> entries. */
export function jarFacts(a) {
  const jar = a.jar || {};
  const bf = a.builtFor || {};
  return [
    ['Built for Flink', bf.flinkVersion ? `${bf.flinkVersion} (${bf.declared ? 'declared' : 'inferred'})` : 'not stated'],
    ['Analysed for', `Flink ${a.flinkVersion} (API of ${a.flinkRelease})`],
    ['Classes', jar.classes != null ? `${jar.classes} of ${jar.entries} entries` + (jar.newestJavaRelease ? `, need Java ${jar.newestJavaRelease}` : '') : '—'],
  ];
}
