// The create wizard (`new`) and the update page (`update`): one step component.
// 1 source (file with drag and drop, or URL + SHA-256) → 2 parse (POST …/analysis, stores
// nothing; for an update with `connector`, which adds the server's compatibility diff) → 3 name
// and Finish, or that diff and Update (force when breaking).

import { api, get, upload, seg, query } from './api.js';
import { h, href, problemEl, errorProblem, announce, formatBytes, field } from './dom.js';
import { factorySection, findingsList, refusingFindings, loadedFactories, diffView, jarFacts } from './analysis.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;

export async function render(ctx) {
  const ws = ctx.ws;
  const update = ctx.route.page === 'update';
  const admin = ctx.atLeast('admin');
  let current = null;
  if (update) current = await get(`/workspaces/${seg(ws)}/connectors/${seg(ctx.name)}`);
  if (!ctx.atLeast('developer')) {
    ctx.main.replaceChildren(h('h1', update ? 'Update ' + ctx.name : 'New connector'),
      problemEl({ code: 'ACCESS_DENIED', title: 'Forbidden', detail: `Registering and updating connectors needs the developer role in workspace ${ws}.` }));
    return;
  }

  // Step 1: the source.
  const srcFile = h('input#source-file', { type: 'radio', name: 'source', value: 'file', checked: true });
  const srcUrl = h('input#source-url', { type: 'radio', name: 'source', value: 'url' });
  const jarFile = h('input#jar-file', { type: 'file', accept: '.jar,application/java-archive' });
  const fileInfo = h('p.file-info', { 'aria-live': 'polite' }, 'No file chosen.');
  const dropZone = h('div#drop-zone.drop-zone',
    h('p.drop-hint', 'Drop a JAR file here, or choose one.'),
    h('label', { for: 'jar-file' }, 'JAR file'), ' ', jarFile, fileInfo);
  const jarUrl = h('input#jar-url', { type: 'url', placeholder: 'https://…/connector.jar', spellcheck: 'false', autocomplete: 'off' });
  const jarSha = h('input#jar-sha256', { type: 'text', pattern: '[0-9a-fA-F]{64}', spellcheck: 'false', autocomplete: 'off', placeholder: '64 hex digits' });
  const filePanel = h('div.panel', dropZone);
  const urlPanel = h('div.panel', { hidden: true },
    field('jar-url', 'JAR URL', jarUrl, 'The registry downloads the JAR once and keeps that copy.'),
    field('jar-sha256', 'SHA-256 (optional)', jarSha, 'The download is checked against it.'));
  const parseBtn = h('button#parse.primary', { type: 'submit' }, 'Parse');
  const progress = h('progress#upload-progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' });
  const step1Problem = h('div.problem-box');
  let file = null;

  const setFile = f => {
    file = f || null;
    fileInfo.textContent = file ? `${file.name} — ${formatBytes(file.size)}` : 'No file chosen.';
    dropZone.classList.toggle('has-file', !!file);
    resetAfterSource();
  };
  jarFile.addEventListener('change', () => setFile(jarFile.files[0]));
  for (const ev of ['dragenter', 'dragover']) dropZone.addEventListener(ev, e => { e.preventDefault(); dropZone.classList.add('dragging'); });
  for (const ev of ['dragleave', 'drop']) dropZone.addEventListener(ev, () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', e => {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!f) return;
    try { jarFile.files = e.dataTransfer.files; } catch { /* read-only in old browsers */ }
    srcFile.checked = true;
    showPanels();
    setFile(f);
  });
  const showPanels = () => { filePanel.hidden = !srcFile.checked; urlPanel.hidden = !srcUrl.checked; resetAfterSource(); };
  srcFile.addEventListener('change', showPanels);
  srcUrl.addEventListener('change', showPanels);
  jarUrl.addEventListener('input', () => resetAfterSource());

  const step1 = h('form#step-source.card.step',
    h('h2', h('span.step-no', '1'), ' Choose the JAR'),
    h('fieldset.source-choice', h('legend', 'Source'),
      h('span.radio', srcFile, h('label', { for: 'source-file' }, 'Upload file')),
      h('span.radio', srcUrl, h('label', { for: 'source-url' }, 'External URL'))),
    filePanel, urlPanel,
    h('div.button-row', parseBtn, progress),
    step1Problem);

  const step2 = h('section#step-analysis.card.step', { hidden: true, 'aria-labelledby': 'step2-h' });
  const step3 = h('section#step-finish.card.step', { hidden: true, 'aria-labelledby': 'step3-h' });

  ctx.main.replaceChildren(...[
    update ? h('p.crumbs', h('a', { href: href('workspaces', ws, 'connectors') }, 'Connectors'), ' / ',
      h('a', { href: href('workspaces', ws, 'connectors', ctx.name) }, ctx.name)) : null,
    h('h1', update ? `Update ${ctx.name}` : 'New connector'),
    update && current.current ? h('p.lead', `Upload a new JAR: it becomes version ${current.versionCount + 1} and current (now v${current.currentVersion}) after you have seen what changes.`)
      : h('p.lead', 'Upload a JAR or give its URL. The registry parses it and stores nothing until you finish.'),
    step1, step2, step3].filter(Boolean));

  let analysis = null;
  function resetAfterSource() {
    analysis = null;
    step2.hidden = true;
    step3.hidden = true;
    step1Problem.replaceChildren();
  }

  const source = () => {
    if (srcUrl.checked) {
      const url = jarUrl.value.trim();
      if (!url) throw problemOf('MISSING_JAR', 'Give the JAR\'s URL.');
      const sha = jarSha.value.trim();
      if (sha && !/^[0-9a-fA-F]{64}$/.test(sha)) throw problemOf('INVALID_REQUEST', 'The SHA-256 must be 64 hexadecimal digits.');
      return { url, sha256: sha || undefined };
    }
    if (!file) throw problemOf('MISSING_JAR', 'Choose a JAR file, or drop one on the drop zone.');
    return { file };
  };

  // Sends the source to path: a multipart upload with progress, or a JSON URL snapshot.
  const send = async (path, src, fields) => {
    if (src.file) {
      const form = new FormData();
      form.append('file', src.file, src.file.name);
      for (const [k, v] of Object.entries(fields || {})) if (v !== undefined && v !== '') form.append(k, v);
      progress.hidden = false;
      progress.value = 0;
      try {
        const res = await upload(path, form, frac => {
          if (frac === null) { progress.removeAttribute('value'); return; }
          progress.value = Math.round(frac * 100);
          if (frac >= 1) announce('Uploaded; the registry analyses the JAR…');
        });
        return res;
      } finally {
        progress.hidden = true;
      }
    }
    const body = Object.assign({ url: src.url, sha256: src.sha256 }, fields || {});
    const res = await api('POST', path, body);
    return { status: 201, body: res };
  };

  step1.addEventListener('submit', async e => {
    e.preventDefault();
    resetAfterSource();
    let src;
    try { src = source(); } catch (p) { step1Problem.replaceChildren(problemEl(p)); return; }
    ctx.unready();
    parseBtn.disabled = true;
    parseBtn.textContent = 'Parsing…';
    announce(src.file ? 'Uploading ' + src.file.name : 'Downloading the JAR');
    try {
      // For an update, the server also compares the JAR with the connector's current version.
      const res = await send(`/workspaces/${seg(ws)}/analysis` + query({ connector: update ? ctx.name : null }), src);
      analysis = res.body;
      showAnalysis(src);
      const refusing = refusingFindings(analysis.findings).length;
      announce(!refusing ? 'Parsed: the JAR can be registered' : `Parsed: ${refusing} finding${refusing === 1 ? '' : 's'} refuse the JAR`);
    } catch (err) {
      step1Problem.replaceChildren(problemEl(errorProblem(err)));
      announce('Parsing failed');
    } finally {
      parseBtn.disabled = false;
      parseBtn.textContent = 'Parse';
      ctx.ready();
    }
  });

  function showAnalysis(src) {
    const a = analysis;
    // What refuses the JAR, and whether accepting it could register the JAR, is the server's word per finding.
    const refusing = refusingFindings(a.findings);
    const allAcceptable = refusing.every(f => f.acceptable === true);
    const canAccept = admin && refusing.length > 0 && allAcceptable && loadedFactories(a).length > 0;
    const reason = h('textarea#accept-reason', { rows: '2', maxlength: '500' });
    const jar = a.jar || {};
    const facts = h('dl.facts',
      h('dt', 'File'), h('dd', jar.fileName || (src.file && src.file.name) || src.url || '—'),
      h('dt', 'Size'), h('dd', formatBytes(jar.sizeBytes)),
      h('dt', 'SHA-256'), h('dd', h('code.sha', jar.sha256 || '—')),
      jarFacts(a).map(([k, v]) => [h('dt', k), h('dd', v)]),
      h('dt', 'Verdict'), h('dd', !refusing.length ? h('strong.ok', 'Can be registered')
        : h('strong.bad', allAcceptable ? 'Refused unless a workspace admin accepts the refusing findings' : 'Refused: fix the errors below')));
    const factories = a.factories || [];
    step2.replaceChildren(
      h('h2#step2-h', h('span.step-no', '2'), ' What the JAR offers'),
      h('div#analysis',
        facts,
        h('h3', `Findings (${(a.findings || []).length})`),
        findingsList(a.findings, { accept: canAccept, onChange: () => updateFinish() }),
        canAccept ? field('accept-reason', 'Reason for accepting the findings', reason,
          'Required when you accept findings: one line, recorded with the version and in the audit log.') : null,
        h('h3', `Factories (${factories.length})`),
        factories.length ? factories.map(f => factorySection(f, { headingLevel: 4 })) : h('p.muted', 'The JAR declares no factory.')));
    reason.addEventListener('input', () => updateFinish());
    step2.hidden = false;
    renderStep3(src, { refusing, allAcceptable, canAccept, reason });
  }

  function accepted() {
    return [...step2.querySelectorAll('input.accept-finding:checked')].map(b => b.value);
  }

  let updateFinish = () => {};

  function renderStep3(src, { refusing, allAcceptable, canAccept, reason }) {
    const finish = h('button#finish.primary', { type: 'submit' }, update ? 'Update' : 'Finish');
    const why = h('p.hint#finish-why', { 'aria-live': 'polite' });
    const problemBox = h('div.problem-box');
    const form = h('form.finish-form', { novalidate: true });
    let nameInput = null, force = null, forceRow = null, diffBox = null, diffHead = null;
    const comparedWith = d => d && d.from != null ? `Compared with the current version v${d.from}` : 'Compared with the current version';
    if (!update) {
      nameInput = h('input#connector-name', { type: 'text', required: true, autocomplete: 'off', spellcheck: 'false',
        pattern: '[a-z0-9][a-z0-9\\-]{0,127}', maxlength: '128' });
      form.append(field('connector-name', 'Name', nameInput, 'Lower-case letters, digits and -, e.g. kafka-orders. Jobs do not see it; they use the identifiers.'));
    } else {
      // The server's comparison with the current version (POST …/analysis?connector=), as the update would report it.
      const d = analysis.diff;
      const breaking = analysis.breaking === true || !!(d && (d.breakingChanges || []).length);
      diffBox = h('div#diff.diff', { 'aria-live': 'polite' }, d ? diffView(d, { toLabel: 'the new JAR', level: 4 })
        : h('p.muted', 'The registry sent no comparison with the current version; it checks the update when you apply it.'));
      force = h('input#force', { type: 'checkbox' });
      forceRow = h('p.force-row', { hidden: !breaking }, force, ' ', h('label', { for: 'force' }, 'Apply although it breaks jobs'));
      diffHead = h('h3', comparedWith(d));
      form.append(diffHead, diffBox, forceRow);
      force.addEventListener('change', () => updateFinish());
    }
    form.append(h('div.button-row', finish), why, problemBox);

    updateFinish = () => {
      let reasonText = '';
      const acc = accepted();
      if (refusing.length) {
        const missing = refusing.filter(f => !acc.includes(f.code));
        if (!allAcceptable) reasonText = 'Some findings that refuse the JAR cannot be accepted: fix the JAR and parse it again.';
        else if (!canAccept) reasonText = admin ? 'The findings cannot be accepted: no declared factory loads. Fix the JAR and parse it again.'
          : 'Fix the JAR, or ask a workspace admin to accept the findings that refuse it.';
        else if (missing.length) reasonText = 'Accept every finding that refuses the JAR, or fix the JAR.';
        else if (!reason.value.trim()) reasonText = 'Say why you accept the findings.';
      }
      if (!reasonText && forceRow && !forceRow.hidden && !force.checked) reasonText = 'This update breaks jobs: tick "Apply although it breaks jobs" to go on.';
      finish.disabled = !!reasonText;
      why.textContent = reasonText;
    };
    updateFinish();

    form.addEventListener('submit', async e => {
      e.preventDefault();
      problemBox.replaceChildren();
      const fields = {};
      const acc = accepted();
      if (acc.length) { fields.acceptFindings = acc.join(','); fields.acceptReason = reason.value.trim().replace(/\s*\n\s*/g, ' '); }
      let path;
      if (update) {
        path = `/workspaces/${seg(ws)}/connectors/${seg(ctx.name)}/versions` + query({ force: force && force.checked ? 'true' : null });
      } else {
        const name = nameInput.value.trim();
        if (!NAME.test(name)) {
          problemBox.replaceChildren(problemEl(problemOf('INVALID_REQUEST', 'The name must be lower-case letters, digits and -, starting with a letter or digit (at most 128).')));
          nameInput.focus();
          return;
        }
        path = `/workspaces/${seg(ws)}/connectors` + query({ name });
      }
      ctx.unready();
      finish.disabled = true;
      finish.textContent = update ? 'Updating…' : 'Registering…';
      try {
        const res = await send(path, src, fields);
        const v = res.body && res.body.version;
        const created = !res.body || res.body.created !== false;
        announce(created ? `Registered version ${v ? v.version : ''}` : `These bytes already are version ${v ? v.version : ''}; nothing was created`);
        const target = href('workspaces', ws, 'connectors', update ? ctx.name : (v ? v.connector : nameInput.value.trim()));
        if (!created) sessionStorage.setItem('fcr-flash', `These bytes already are version ${v.version}; nothing was created.`);
        location.hash = target;
      } catch (err) {
        const p = errorProblem(err);
        if (p.code === 'BREAKING_CHANGE' && p.diff && diffBox) {
          // The preview missed it (e.g. the current version moved since): the server's diff, and force is needed.
          diffHead.textContent = comparedWith(p.diff);
          diffBox.replaceChildren(diffView(p.diff, { toLabel: 'the new JAR', level: 4 }));
          forceRow.hidden = false;
          force.checked = false;
        }
        problemBox.replaceChildren(problemEl(p));
        finish.textContent = update ? 'Update' : 'Finish';
        updateFinish();
        ctx.ready();
      }
    });
    step3.replaceChildren(h('h2#step3-h', h('span.step-no', '3'), update ? ' Review the changes and update' : ' Name it and finish'), form);
    step3.hidden = false;
  }
}

function problemOf(code, detail) {
  return { code, title: 'Check the form', detail };
}
