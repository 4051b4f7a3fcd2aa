/* The page /decisions/{id}: one stored decision (GET /v1/decisions/{id}), its proposal and its verdict. The API's
   token is asked once per browser session (common.js). */
'use strict';

addTexts({
  nl: {
    pageTitle: 'Beslissing',
    unauthorizedText: 'Het token werd niet aanvaard (401). Geef een geldig token.',
    notFoundText: 'Er is geen beslissing {id} (404).', noStore: 'Deze dienst bewaart (nog) geen beslissingen: {message}',
    receivedAt: 'Ontvangen op', askedBy: 'Gevraagd door', proposalTitle: 'Het voorstel zoals het gelezen werd', decisionTitle: 'Beslissing {id}',
    rulesUsed: 'Regels', rulesVersion: 'oproep {call}, versie {version}', proposalErased: 'Het voorstel is gewist (bewaartermijn); het oordeel blijft.',
    title: 'Titel', submittedOn: 'Indieningsdatum', applicant: 'Aanvrager', partners: 'Partners', coApplicants: 'Mede-aanvragers',
    totalCost: 'Totale kost', amif: 'AMIF', vvsg: 'VVSG', own: 'Eigen financiering', period: 'Projectperiode', notGiven: 'niet opgegeven',
    json: 'Het voorstel als JSON', replay: 'Opnieuw beoordelen op dezelfde regels', replaying: 'Bezig…',
    replayIdentical: 'Opnieuw beoordeeld op {digest}: hetzelfde oordeel, dezelfde bevindingen en hetzelfde financieringsplan.',
    replayDiffers: 'Opnieuw beoordeeld op {digest}: {n} verschil(len).', differenceVerdict: 'het oordeel', differenceFindings: 'de bevindingen van {rule}',
    differenceFinancing: 'het financieringsplan', replayForbidden: 'Dit token mag beslissingen niet opnieuw beoordelen (het mist de bevoegdheid read).',
  },
  en: {
    pageTitle: 'Decision',
    unauthorizedText: 'The token was not accepted (401). Give a valid token.',
    notFoundText: 'There is no decision {id} (404).', noStore: 'This service does not store decisions (yet): {message}',
    receivedAt: 'Received at', askedBy: 'Asked by', proposalTitle: 'The proposal as it was read', decisionTitle: 'Decision {id}',
    rulesUsed: 'Rules', rulesVersion: 'call {call}, version {version}', proposalErased: 'The proposal was erased (retention); the verdict stays.',
    title: 'Title', submittedOn: 'Submission date', applicant: 'Applicant', partners: 'Partners', coApplicants: 'Co-applicants',
    totalCost: 'Total cost', amif: 'AMIF', vvsg: 'VVSG', own: 'Own financing', period: 'Project period', notGiven: 'not given',
    json: 'The proposal as JSON', replay: 'Evaluate again on the same rules', replaying: 'Busy…',
    replayIdentical: 'Evaluated again on {digest}: the same verdict, the same findings and the same financing plan.',
    replayDiffers: 'Evaluated again on {digest}: {n} difference(s).', differenceVerdict: 'the verdict', differenceFindings: 'the findings of {rule}',
    differenceFinancing: 'the financing plan', replayForbidden: 'This token may not evaluate decisions again (it lacks the read scope).',
  },
});

const decision = { id: decodeURIComponent(location.pathname.split('/')[2] || ''), answer: null, problem: null, titles: null, replay: null };

/** The proposal in a few lines a person reads; the whole JSON folded below it. */
function proposalSummary(p) {
  const row = (key, value) => [h('dt', { text: t(key) }), h('dd', { text: value === null || value === undefined || value === '' ? t('notGiven') : value })];
  const names = list => list && list.length ? list.map(o => o.name || '?').join(', ') : null;
  const f = p.financing || {};
  const period = p.period && (p.period.start || p.period.end)
    ? (p.period.start ? localDate(p.period.start) : '?') + ' – ' + (p.period.end ? localDate(p.period.end) : '?') : null;
  return h('dl', { class: 'meta', id: 'proposal-summary' },
    row('title', p.title), row('submittedOn', p.submittedOn ? localDate(p.submittedOn) : null),
    row('applicant', p.applicant && p.applicant.name), row('coApplicants', names(p.coApplicants)), row('partners', names(p.partners)),
    row('period', period), row('totalCost', f.totalCost === null || f.totalCost === undefined ? null : money(f.totalCost)),
    row('amif', f.amif === null || f.amif === undefined ? null : money(f.amif)), row('vvsg', f.vvsg === null || f.vvsg === undefined ? null : money(f.vvsg)),
    row('own', f.own === null || f.own === undefined ? null : money(f.own)));
}

function replayText(r) {
  if (r.problem) return r.problem();
  if (r.identical) return t('replayIdentical', { digest: r.digest });
  const what = r.differences.map(d => d.kind === 'verdict' ? t('differenceVerdict') : d.kind === 'financing' ? t('differenceFinancing')
    : t('differenceFindings', { rule: d.rule }));
  return t('replayDiffers', { digest: r.digest, n: r.differences.length }) + ' ' + what.join(', ') + '.';
}

async function replay() {
  const button = document.getElementById('replay');
  button.disabled = true;
  button.textContent = t('replaying');
  const r = await api('/v1/decisions/' + encodeURIComponent(decision.id) + '/replay',
    { method: 'POST', headers: { Accept: 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) } });
  decision.replay = r.status === 200 ? r.body : { problem: r.status === 403 ? () => t('replayForbidden') : () => errorText(r.body) };
  render();
  document.getElementById('replay-result').focus();
}

function render() {
  const host = document.getElementById('decision-host');
  const parts = [];
  if (decision.problem) parts.push(h('p', { class: 'alert', role: 'alert', id: 'decision-error', tabindex: '-1', text: decision.problem() }));
  if (!sessionStorage.getItem(TOKEN_KEY) || decision.askToken) parts.push(tokenForm(load));
  const a = decision.answer;
  if (a) {
    parts.push(h('h2', { text: t('decisionTitle', { id: a.decisionId }) }),
      h('dl', { class: 'meta' }, h('dt', { text: t('receivedAt') }), h('dd', {}, h('time', { datetime: a.receivedAt, text: localTime(a.receivedAt) })),
        h('dt', { text: t('askedBy') }), h('dd', { text: a.askedBy || '–' }),
        h('dt', { text: t('rulesUsed') }), h('dd', {}, t('rulesVersion', { call: a.call, version: a.version }), ' · ', h('code', { class: 'digest', text: a.digest }))),
      h('p', { class: 'buttons' }, h('button', { type: 'button', class: 'secondary', id: 'replay', text: t('replay'), onclick: replay })),
      decision.replay ? h('p', { id: 'replay-result', class: decision.replay.identical ? 'status' : 'alert', tabindex: '-1', role: 'status',
        dataset: { identical: decision.replay.problem ? null : String(decision.replay.identical) }, text: replayText(decision.replay) }) : null,
      renderVerdict(a.verdict, a.proposal && a.proposal.financing, decision.titles, a.receivedAt),
      h('section', { 'aria-labelledby': 'proposal-title' }, h('h2', { id: 'proposal-title', text: t('proposalTitle') }),
        a.proposal ? [proposalSummary(a.proposal),
          h('details', { class: 'json' }, h('summary', { text: t('json') }),
            h('pre', { class: 'json', id: 'decision-proposal', tabindex: '0', text: JSON.stringify(a.proposal, null, 2) }))]
          : h('p', { id: 'proposal-erased', text: t('proposalErased') })));
  }
  if (sessionStorage.getItem(TOKEN_KEY)) {
    const forget = h('button', { type: 'button', class: 'secondary', id: 'token-forget', text: t('tokenForget') });
    forget.addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); decision.answer = null; decision.problem = null; render(); });
    parts.push(h('p', {}, forget));
  }
  host.replaceChildren(...parts.filter(Boolean));
}

async function load() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  decision.answer = null;
  decision.problem = null;
  decision.askToken = false;
  decision.replay = null;
  if (token) {
    const r = await api('/v1/decisions/' + encodeURIComponent(decision.id), { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } });
    if (r.status === 200) {
      decision.answer = r.body;
      const rules = await api('/v1/calls/' + encodeURIComponent(r.body.call) + '/rules?version=' + encodeURIComponent(r.body.version));
      decision.titles = rules.status === 200 ? titlesOf(rules.body.rules) : null;
    }
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
