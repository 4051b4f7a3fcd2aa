/* The page /calls/{call}: the call's versions, per version its rules and parameters, and what changes between two
   versions: rules and parameters compared here from GET /v1/calls/{call} and /rules, the examples and round examples
   whose answer changes from GET /v1/calls/{call}/diff. */
'use strict';

addTexts({
  nl: {
    pageTitle: 'Oproep', versions: 'Versies', versionCol: 'Versie', from: 'Indienen vanaf', until: 'Tot en met', open: 'open',
    digest: 'Vingerafdruk', assumptionCol: 'Aanname', oneVersion: 'Regels en parameters van één versie', chooseVersion: 'Versie',
    parameters: 'Parameters', parameter: 'Parameter', value: 'Waarde', description: 'Betekenis', sourceCol: 'Bron of aanname',
    unknownValue: 'onbekend', rules: 'Regels', ruleId: 'Regel', severity: 'Ernst', ruleTitle: 'Titel', messageCol: 'Melding',
    compare: 'Wat verandert tussen twee versies', compareFrom: 'Van versie', compareTo: 'Naar versie', compareButton: 'Vergelijken',
    onlyOne: 'Deze oproep heeft één versie: er is niets te vergelijken.',
    rulesChanged: 'Regels', noRuleChanges: 'Geen regel verandert.', added: 'nieuw', removed: 'weg', changed: 'gewijzigd',
    paramsChanged: 'Parameters', noParamChanges: 'Geen parameter verandert.',
    examplesChanged: 'Voorbeelden waarvan het oordeel verandert', examplesCount: '{n} van de {m} voorbeelden krijgen een ander oordeel; bij {k} verandert alleen wat de regels vinden.',
    findingsOnly: 'Voorbeelden met hetzelfde oordeel maar andere bevindingen ({k})',
    example: 'Voorbeeld', before: 'Vóór ({v})', after: 'Na ({v})', changedRules: 'Regels met andere bevindingen', financingToo: 'financieringsplan',
    what: 'Wat', fields: 'Wat verandert',
    documents: 'Documenten', assumptions: 'Aannames',
    callLevelRules: 'Regels op een ronde (de voorstellen samen)', callLevel: 'ronde', reported: '…',
    roundsChanged: 'Rondes waarvan de uitkomst verandert', roundsCount: '{n} van de {m} rondevoorbeelden (voorstellen samen getoetst aan de grenzen van de oproep) krijgen een andere uitkomst.',
    round: 'Ronde', roundOk: 'binnen de grenzen van de oproep', roundBlocked: 'buiten een grens van de oproep',
    proposed: 'voorgesteld: {ids}', noneProposed: 'geen selectie voorgesteld', selectionToo: 'voorgestelde selectie', proposalsToo: 'oordeel over voorstel {ids}',
  },
  en: {
    pageTitle: 'Call', versions: 'Versions', versionCol: 'Version', from: 'Submissions from', until: 'Until', open: 'open',
    digest: 'Fingerprint', assumptionCol: 'Assumption', oneVersion: 'Rules and parameters of one version', chooseVersion: 'Version',
    parameters: 'Parameters', parameter: 'Parameter', value: 'Value', description: 'Meaning', sourceCol: 'Source or assumption',
    unknownValue: 'unknown', rules: 'Rules', ruleId: 'Rule', severity: 'Severity', ruleTitle: 'Title', messageCol: 'Message',
    compare: 'What changes between two versions', compareFrom: 'From version', compareTo: 'To version', compareButton: 'Compare',
    onlyOne: 'This call has one version: there is nothing to compare.',
    rulesChanged: 'Rules', noRuleChanges: 'No rule changes.', added: 'added', removed: 'removed', changed: 'changed',
    paramsChanged: 'Parameters', noParamChanges: 'No parameter changes.',
    examplesChanged: 'Examples whose verdict changes', examplesCount: '{n} of the {m} examples get another verdict; for {k}, only what the rules find changes.',
    findingsOnly: 'Examples with the same verdict but other findings ({k})',
    example: 'Example', before: 'Before ({v})', after: 'After ({v})', changedRules: 'Rules with other findings', financingToo: 'financing plan',
    what: 'What', fields: 'What changes',
    documents: 'Documents', assumptions: 'Assumptions',
    callLevelRules: 'Rules on a round (the proposals together)', callLevel: 'round', reported: '…',
    roundsChanged: 'Rounds whose outcome changes', roundsCount: '{n} of the {m} round examples (proposals checked together against the call\'s limits) get another outcome.',
    round: 'Round', roundOk: 'within the call\'s limits', roundBlocked: 'beyond a limit of the call',
    proposed: 'proposed: {ids}', noneProposed: 'no selection proposed', selectionToo: 'proposed selection', proposalsToo: 'verdict on proposal {ids}',
  },
});

const call = { id: decodeURIComponent(location.pathname.split('/')[2] || ''), info: null, rules: {}, diff: null, version: null, from: null, to: null };

/** A table that, on a narrow screen, shows each row as a card whose cells are named by their column (style.css). */
function table(id, captionKey, heads, rows) {
  const labels = heads.map(k => Array.isArray(k) ? t(k[0], k[1]) : t(k));
  rows.forEach(row => [...row.children].forEach((cell, i) => { cell.dataset.label = labels[i]; }));
  return h('div', { class: 'table-scroll' }, h('table', { id, class: 'stack' },
    captionKey ? h('caption', { text: t(captionKey) }) : null,
    h('thead', {}, h('tr', {}, labels.map(label => h('th', { scope: 'col', text: label })))),
    h('tbody', {}, rows)));
}

/**
 * The text in the page's language: the manifests write each text in English with its Dutch beside it (descriptionNl,
 * assumptionNl, ...). Should the Dutch be absent, the English is shown, marked as English.
 */
function inLanguage(en, nl, attrs) {
  if (!en && !nl) return h('span', attrs || {});
  const dutch = lang() === 'nl' && nl;
  return h('span', Object.assign({}, attrs, { lang: dutch || lang() === 'en' ? null : 'en', text: dutch ? nl : en }));
}

/** A section the call names in Dutch already serves both languages: only a section written apart in Dutch is swapped. */
function sectionText(source) {
  return lang() === 'nl' && source.sectionNl ? source.sectionNl : source.section;
}

function sourceText(source, assumption, assumptionNl) {
  return h('div', {},
    source ? h('p', {}, h('cite', { text: source.document }), source.section ? ', ' + sectionText(source) : '') : null,
    assumption ? h('p', { class: 'assumption' }, h('span', { class: 'label', text: t('assumption') + ': ' }), inLanguage(assumption, assumptionNl)) : null);
}

function valueText(p) {
  if (p.unknown || p.value === null) return t('unknownValue');
  if (p.type === 'amount') return money(p.value);
  if (p.type === 'fraction') return new Intl.NumberFormat(lang() === 'nl' ? 'nl-BE' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(p.value);
  return typeof p.value === 'object' ? JSON.stringify(p.value) : String(p.value);
}

async function rulesOf(version) {
  if (!call.rules[version]) {
    const r = await api('/v1/calls/' + encodeURIComponent(call.id) + '/rules?version=' + encodeURIComponent(version));
    if (r.status !== 200) throw r;
    // a version's call-level rules, marked, beside the rules on one proposal: both can change between versions
    call.rules[version] = r.body.rules.concat(r.body.callLevelRules.map(x => Object.assign({ callLevel: true }, x)));
  }
  return call.rules[version];
}

function versionOf(v) { return call.info.versions.find(x => x.version === v); }

function renderVersions() {
  return h('section', { 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title', text: t('versions') }),
    table('versions', null, ['versionCol', 'from', 'until', 'assumptionCol', 'digest'], call.info.versions.map(v => h('tr', { dataset: { version: v.version } },
      h('th', { scope: 'row', text: v.version }), h('td', { text: localDate(v.submissions.from) }), h('td', { text: v.submissions.until ? localDate(v.submissions.until) : t('open') }),
      h('td', {}, inLanguage(v.submissions.assumption, v.submissions.assumptionNl)), h('td', {}, h('code', { class: 'digest', text: v.digest.replace(/^sha256:/, '').slice(0, 12) }))))));
}

function renderOneVersion() {
  const v = versionOf(call.version);
  const rules = call.rules[call.version] || [];
  const select = h('select', { id: 'version-select' }, call.info.versions.map(x => h('option', { value: x.version, text: x.version, selected: x.version === call.version })));
  select.addEventListener('change', async () => { call.version = select.value; await rulesOf(call.version); render('version-select'); remember(); });
  return h('section', { 'aria-labelledby': 'one-title', id: 'one-version' },
    h('h2', { id: 'one-title', text: t('oneVersion') }),
    h('div', { class: 'field' }, h('label', { for: 'version-select', text: t('chooseVersion') }), select),
    h('h3', { text: t('parameters') }),
    table('parameters', null, ['parameter', 'value', 'description', 'sourceCol'], Object.entries(v.parameters).map(([name, p]) => h('tr', { dataset: { parameter: name } },
      h('th', { scope: 'row' }, h('code', { text: name })), h('td', { class: 'num', text: valueText(p) }), h('td', {}, inLanguage(p.description, p.descriptionNl)),
      h('td', {}, sourceText(p.source, p.assumption, p.assumptionNl))))),
    h('h3', { text: t('rules') }),
    ruleList('rules', rules.filter(r => !r.callLevel), v.parameters),
    rules.some(r => r.callLevel) ? [h('h3', { text: t('callLevelRules') }), ruleList('call-level-rules', rules.filter(r => r.callLevel), v.parameters)] : null);
}

/** A message with the version's parameters filled in as the page's language writes them; what a finding reports is "…". */
function filled(text, parameters) {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name) => parameters[name] ? valueText(parameters[name]) : t('reported'));
}

function ruleList(id, rules, parameters) {
  return h('ol', { class: 'rules', id }, rules.map(r => h('li', { class: 'rule severity-' + r.severity, dataset: { rule: r.id } },
    h('p', { class: 'finding-head' }, h('span', { class: 'badge badge-' + r.severity, text: t(r.severity) }), ' ', h('strong', { class: 'rule-id', text: r.id }),
      ' – ', h('span', { class: 'rule-title', text: titleOf(r) })),
    h('p', { class: 'message', text: filled(r.message[lang()], parameters) }),
    h('p', { class: 'source' }, h('span', { class: 'label', text: t('source') + ': ' }), h('cite', { text: r.source.document }), ', ' + sectionText(r.source)),
    r.assumption ? h('p', { class: 'assumption' }, h('span', { class: 'label', text: t('assumption') + ': ' }), inLanguage(r.assumption, r.assumptionNl)) : null)));
}

/** The rules that differ: added, removed, or changed in what they check and say. */
function ruleChanges(before, after) {
  const byId = rules => new Map(rules.map(r => [r.id, r]));
  const a = byId(before), b = byId(after);
  const out = [];
  const fields = ['severity', 'title', 'titleNl', 'message', 'source', 'assumption', 'assumptionNl', 'needs', 'uses'];
  for (const [id, r] of b) {
    if (!a.has(id)) out.push({ id, kind: 'added', fields: [], callLevel: r.callLevel });
    else {
      const changed = fields.filter(f => JSON.stringify(a.get(id)[f]) !== JSON.stringify(r[f]));
      if (changed.length) out.push({ id, kind: 'changed', fields: changed, callLevel: r.callLevel });
    }
  }
  for (const [id, r] of a) if (!b.has(id)) out.push({ id, kind: 'removed', fields: [], callLevel: r.callLevel });
  return out.sort((x, y) => x.id.localeCompare(y.id));
}

/** The parameters whose value, texts or source differ; that one version inherits what the other states is no change. */
function parameterChanges(before, after) {
  const names = [...new Set(Object.keys(before).concat(Object.keys(after)))];
  const text = p => JSON.stringify(p && Object.assign({}, p, { inherited: undefined }));
  return names.filter(n => text(before[n]) !== text(after[n])).map(n => ({ name: n, before: before[n], after: after[n] }));
}

function renderCompare() {
  const section = h('section', { 'aria-labelledby': 'compare-title', id: 'compare' }, h('h2', { id: 'compare-title', text: t('compare') }));
  if (call.info.versions.length < 2) { section.append(h('p', { text: t('onlyOne') })); return section; }
  const pick = (id, key, value) => h('div', { class: 'field' }, h('label', { for: id, text: t(key) }),
    h('select', { id }, call.info.versions.map(x => h('option', { value: x.version, text: x.version, selected: x.version === value }))));
  const form = h('form', { id: 'compare-form', class: 'inline' }, pick('compare-from', 'compareFrom', call.from), pick('compare-to', 'compareTo', call.to),
    h('button', { type: 'submit', class: 'primary', id: 'compare-button', text: t('compareButton') }));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    call.from = document.getElementById('compare-from').value;
    call.to = document.getElementById('compare-to').value;
    await loadDiff();
    render('compare-results');
    remember();
  });
  section.append(form);
  if (call.diff && call.diff.from === call.from && call.diff.to === call.to) section.append(renderDiff());
  else if (call.diffError) section.append(h('p', { class: 'alert', role: 'alert', text: errorText(call.diffError) }));
  return section;
}

function renderDiff() {
  const rules = ruleChanges(call.rules[call.from], call.rules[call.to]);
  const params = parameterChanges(versionOf(call.from).parameters, versionOf(call.to).parameters);
  const d = call.diff;
  const verdictChanges = d.changes.filter(c => c.verdictChanged), otherChanges = d.changes.filter(c => !c.verdictChanged);
  return h('div', { id: 'compare-results', tabindex: '-1' },
    h('h3', { text: t('rulesChanged') }),
    rules.length === 0 ? h('p', { text: t('noRuleChanges') })
      : table('rule-changes', null, ['ruleId', 'what', 'fields'], rules.map(r => h('tr', { dataset: { rule: r.id, change: r.kind } },
        h('th', { scope: 'row', text: r.id + (r.callLevel ? ' (' + t('callLevel') + ')' : '') }), h('td', { text: t(r.kind) }), h('td', { text: r.fields.join(', ') })))),
    h('h3', { text: t('paramsChanged') }),
    params.length === 0 ? h('p', { text: t('noParamChanges') })
      : table('parameter-changes', null, ['parameter', 'compareFrom', 'compareTo'], params.map(p => h('tr', { dataset: { parameter: p.name } },
        h('th', { scope: 'row' }, h('code', { text: p.name })),
        h('td', {}, p.before ? valueText(p.before) : '–', p.before ? sourceText(p.before.source, p.before.assumption, p.before.assumptionNl) : null),
        h('td', {}, p.after ? valueText(p.after) : '–', p.after ? sourceText(p.after.source, p.after.assumption, p.after.assumptionNl) : null)))),
    h('h3', { text: t('examplesChanged') }),
    h('p', { id: 'examples-count', text: t('examplesCount', { n: verdictChanges.length, m: d.compared, k: otherChanges.length }) }),
    verdictChanges.length ? exampleTable('example-changes', verdictChanges) : null,
    otherChanges.length ? h('details', { id: 'finding-changes' }, h('summary', { text: t('findingsOnly', { k: otherChanges.length }) }),
      exampleTable('example-finding-changes', otherChanges)) : null,
    d.comparedRounds ? [h('h3', { text: t('roundsChanged') }),
      h('p', { id: 'rounds-count', text: t('roundsCount', { n: d.roundChanges.length, m: d.comparedRounds }) }),
      d.roundChanges.length ? roundTable(d.roundChanges) : null] : null);
}

/** Round examples side by side: the call-level outcome and the proposed selection before and after, and what differs. */
function roundTable(changes) {
  const side = s => h('td', { dataset: { verdict: s.verdict || 'ERROR' } }, s.verdict
    ? [h('span', { text: t(s.verdict === 'ELIGIBLE' ? 'roundOk' : 'roundBlocked') }), h('br'),
      h('span', { class: 'proposed', text: s.proposedSelection ? t('proposed', { ids: s.proposedSelection.join(', ') }) : t('noneProposed') })]
    : s.error);
  return table('round-changes', null, ['round', ['before', { v: call.diff.from }], ['after', { v: call.diff.to }], 'fields'], changes.map(c =>
    h('tr', { dataset: { example: c.example }, class: c.verdictChanged ? 'verdict-changed' : null },
      h('th', { scope: 'row', text: c.example }), side(c.before), side(c.after),
      h('td', { text: c.changedRules.concat(c.selectionChanged ? [t('selectionToo')] : [],
        c.changedProposals.length ? [t('proposalsToo', { ids: c.changedProposals.join(', ') })] : []).join(', ') }))));
}

/** Examples side by side: the verdict before and after, and the rules whose findings differ. */
function exampleTable(id, changes) {
  const side = s => h('td', { dataset: { verdict: s.verdict || 'ERROR' }, text: s.verdict ? t(s.verdict) + ' (' + s.verdict + ')' : s.error });
  return table(id, null, ['example', ['before', { v: call.diff.from }], ['after', { v: call.diff.to }], 'changedRules'], changes.map(c =>
    h('tr', { dataset: { example: c.example }, class: c.verdictChanged ? 'verdict-changed' : null },
      h('th', { scope: 'row', text: c.example }), side(c.before), side(c.after),
      h('td', { text: c.changedRules.concat(c.financingChanged ? [t('financingToo')] : []).join(', ') }))));
}

async function loadDiff() {
  call.diff = null;
  call.diffError = null;
  await Promise.all([rulesOf(call.from), rulesOf(call.to)]);
  const r = await api('/v1/calls/' + encodeURIComponent(call.id) + '/diff?from=' + encodeURIComponent(call.from) + '&to=' + encodeURIComponent(call.to));
  if (r.status === 200) call.diff = r.body; else call.diffError = r.body;
}

/** The versions shown, in the address (once they are shown), so that a link opens the same view. */
function remember() {
  const q = new URLSearchParams({ version: call.version });
  if (call.from) { q.set('from', call.from); q.set('to', call.to); }
  history.replaceState(null, '', location.pathname + '?' + q);
}

function render(focusId) {
  const host = document.getElementById('call-host');
  document.title = 'callcheck – ' + t('pageTitle').toLowerCase() + ' ' + call.id;
  host.replaceChildren(
    h('h1', {}, t('pageTitle') + ' ' + call.id + ': ', h('span', { lang: 'nl', text: call.info.title })),
    h('p', { class: 'lead' }, inLanguage(call.info.programme, call.info.programmeNl)),
    h('p', {}, h('a', { href: '/?call=' + encodeURIComponent(call.id), text: t('navCheck') })),
    renderVersions(), renderOneVersion(), renderCompare());
  if (focusId) { const el = document.getElementById(focusId); if (el) el.focus(); }
}

async function main() {
  await startPage();
  const host = document.getElementById('call-host');
  const r = await api('/v1/calls/' + encodeURIComponent(call.id));
  if (r.status !== 200) {
    host.replaceChildren(h('h1', { text: t('pageTitle') + ' ' + call.id }), h('p', { class: 'alert', role: 'alert', id: 'call-error', text: errorText(r.body) }));
    return;
  }
  call.info = r.body;
  const versions = call.info.versions.map(v => v.version);
  const q = new URLSearchParams(location.search);
  const known = v => v && versions.includes(v) ? v : null;
  call.version = known(q.get('version')) || versions[versions.length - 1];
  if (versions.length > 1) {
    call.from = known(q.get('from')) || versions[versions.length - 2];
    call.to = known(q.get('to')) || versions[versions.length - 1];
  }
  try {
    await rulesOf(call.version);
    if (call.from) await loadDiff();
  } catch (failed) {
    host.replaceChildren(h('p', { class: 'alert', role: 'alert', text: errorText(failed.body) }));
    return;
  }
  render();
  onLanguage(() => render());
}

document.addEventListener('DOMContentLoaded', main);
