// Sign-in: an API token (POST /session), or the identity provider when the registry has one.

import { api } from './api.js';
import { h, problemEl, errorProblem, announce } from './dom.js';

export async function render(ctx) {
  const session = ctx.state.session || {};
  const token = h('input#token', { type: 'password', name: 'token', autocomplete: 'current-password',
    required: true, spellcheck: 'false', 'aria-describedby': 'token-hint' });
  const submit = h('button.primary', { type: 'submit' }, 'Sign in');
  const problemBox = h('div.problem-box');
  const form = h('form#sign-in-form.card',
    h('div.field', h('label', { for: 'token' }, 'API token'), token,
      h('p.hint#token-hint', 'A registry API token (fcr_…). A fresh registry prints an administrator\'s token at its first start, in data/initial-admin-token.')),
    problemBox,
    h('div.button-row', submit));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    problemBox.replaceChildren();
    submit.disabled = true;
    ctx.unready();
    try {
      await api('POST', '/session', { token: token.value.trim() }, { quiet401: true });
      token.value = '';
      await ctx.signedIn();
      announce('Signed in');
      const back = sessionStorage.getItem('fcr-return');
      sessionStorage.removeItem('fcr-return');
      location.hash = back && !back.startsWith('#/sign-in') ? back : '#/';
    } catch (err) {
      problemBox.replaceChildren(problemEl(errorProblem(err)));
      submit.disabled = false;
      token.focus();
      ctx.ready();
    }
  });
  const signedIn = session.signedIn && session.principal;
  ctx.main.replaceChildren(
    h('div.narrow',
      h('h1', 'Sign in'),
      signedIn ? h('p.note', 'You are signed in as ', h('strong', session.principal.name), '. ',
        h('a', { href: '#/' }, 'Go to the connectors'), ' or sign in with another token.') : null,
      session.signInUrl ? h('p', h('a#oidc-sign-in.button.primary', { href: safeUrl(session.signInUrl) }, 'Sign in with your identity provider')) : null,
      session.signInUrl ? h('p.or', 'or with an API token:') : null,
      form));
  if (!signedIn) token.focus();
}

/** Only same-origin paths or http(s) addresses become links. */
function safeUrl(u) {
  try {
    const url = new URL(u, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '#/sign-in';
  } catch {
    return '#/sign-in';
  }
}
