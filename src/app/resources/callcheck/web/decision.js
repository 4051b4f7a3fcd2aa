/* The page /decisions/{id}: one stored decision (GET /v1/decisions/{id}), its proposal and its verdict. The API's
   token is asked once per browser session (common.js). */
'use strict';

addTexts({
  nl: {
    pageTitle: 'Beslissing',
    unauthorizedText: 'Het token werd niet aanvaard (401). Geef een geldig token.',
    notFoundText: 'Er is geen beslissing {id} (404).', noStore: 'Deze dienst bewaart (nog) geen beslissingen: {message}',
    receivedAt: 'Ontvangen op', askedBy: 'Gevraagd door', proposalTitle: 'Het voorstel zoals het gelezen werd', decisionTitle: 'Beslissing {id}',
  },
  en: {
    pageTitle: 'Decision',
    unauthorizedText: 'The token was not accepted (401). Give a valid token.',
    notFoundText: 'There is no decision {id} (404).', noStore: 'This service does not store decisions (yet): {message}',
    receivedAt: 'Received at', askedBy: 'Asked by', proposalTitle: 'The proposal as it was read', decisionTitle: 'Decision {id}',
  },
});

const decision = { id: decodeURIComponent(location.pathname.split('/')[2] || ''), answer: null, problem: null };

function render() {
  const host = document.getElementById('decision-host');
  const parts = [];
  if (decision.problem) parts.push(h('p', { class: 'alert', role: 'alert', id: 'decision-error', tabindex: '-1', text: decision.problem() }));
  if (!sessionStorage.getItem(TOKEN_KEY) || decision.askToken) parts.push(tokenForm(load));
  const a = decision.answer;
  if (a) {
    parts.push(h('h2', { text: t('decisionTitle', { id: a.decisionId }) }),
      h('dl', { class: 'meta' }, h('dt', { text: t('receivedAt') }), h('dd', { text: a.receivedAt }),
        h('dt', { text: t('askedBy') }), h('dd', { text: a.askedBy || '–' })),
      renderVerdict(a.verdict, a.proposal && a.proposal.financing, null),
      h('section', { 'aria-labelledby': 'proposal-title' }, h('h2', { id: 'proposal-title', text: t('proposalTitle') }),
        h('pre', { class: 'json', id: 'decision-proposal', tabindex: '0', text: JSON.stringify(a.proposal, null, 2) })));
  }
  if (sessionStorage.getItem(TOKEN_KEY)) {
    const forget = h('button', { type: 'button', class: 'secondary', id: 'token-forget', text: t('tokenForget') });
    forget.addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); decision.answer = null; decision.problem = null; render(); });
    parts.push(h('p', {}, forget));
  }
  host.replaceChildren(...parts);
}

async function load() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  decision.answer = null;
  decision.problem = null;
  decision.askToken = false;
  if (token) {
    const r = await api('/v1/decisions/' + encodeURIComponent(decision.id), { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } });
    if (r.status === 200) decision.answer = r.body;
    else if (r.status === 401) { decision.problem = () => t('unauthorizedText'); decision.askToken = true; }
    else if (r.status === 404 && r.body && r.body.error && r.body.error.code === 'route_not_found') decision.problem = () => t('noStore', { message: r.body.error.message });
    else if (r.status === 404) decision.problem = () => t('notFoundText', { id: decision.id });
    else decision.problem = () => errorText(r.body);
  }
  render();
  const focus = document.getElementById('decision-error') || document.getElementById('token');
  if (focus) focus.focus();
}

async function main() {
  await startPage();
  onLanguage(render);
  await load();
}

document.addEventListener('DOMContentLoaded', main);
