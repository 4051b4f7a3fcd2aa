/* callcheck pages: what every page shares. Texts in Dutch and English, the language switch, calls to the API,
   and the verdict as people read it. The pages only call the API: they never evaluate a proposal themselves. */
'use strict';

const TEXTS = {
  nl: {
    skip: 'Naar de inhoud', brand: 'callcheck', navCheck: 'Voorstel toetsen', navCalls: 'Oproepen',
    switchTo: 'English', switchLabel: 'Switch to English',
    loading: 'Laden…', apiError: 'De dienst antwoordde met een fout',
    networkError: 'De dienst is niet bereikbaar.',
    // verdict
    verdictTitle: 'Oordeel', ELIGIBLE: 'Komt in aanmerking', INELIGIBLE: 'Komt niet in aanmerking', INCOMPLETE: 'Onvolledig',
    decidedBy: 'Oproep {call}, versie {version}', decisionId: 'Beslissing', digest: 'Vingerafdruk van de regels',
    findings: 'Bevindingen', noFindings: 'Geen bevindingen: geen enkele regel vond iets.',
    BLOCKING: 'Blokkerend', MISSING: 'Ontbreekt', WARNING: 'Waarschuwing', INFO: 'Ter info',
    source: 'Bron', assumption: 'Aanname', passed: '{n} controles geslaagd', passedNone: 'Geen controles geslaagd',
    neededFor: 'Nodig voor de toetsen:', missingFact: 'Ontbrekend gegeven', missingLead: 'Ontbrekend gegeven: ',
    plan: 'Financieringsplan', planRow: 'Bedrag', planAllowed: 'Volgens de regels', planAsked: 'Gevraagd',
    planSubsidy: 'Subsidie (AMIF + VVSG), hoogstens', planAmif: 'AMIF, hoogstens', planVvsg: 'VVSG, hoogstens',
    planOwn: 'Eigen financiering, minstens', planNone: 'De regels gaven geen financieringsplan (ontbrekende bedragen?).',
    over: 'boven de grens', under: 'onder de grens', outside: 'buiten de grenzen',
    // errors
    errorAt: 'Fout', malformed_json: 'Geen geldige JSON', wrong_type: 'Verkeerd type', unknown_field: 'Onbekend veld',
    invalid_value: 'Ongeldige waarde', invalid_amount: 'Ongeldig bedrag', required: 'Verplicht', too_large: 'Te groot',
    unknown_call: 'Onbekende oproep', unknown_version: 'Onbekende versie', no_version_for_date: 'Geen versie voor deze datum',
    unauthorized: 'Geen toegang', route_not_found: 'Niet gevonden', body_too_large: 'Te groot',
    // the API's token, for what needs one
    token: 'Toegangstoken', tokenHint: 'Eén keer per browsersessie; het wordt niet in het adres gezet en verdwijnt wanneer u de browser sluit.',
    tokenSave: 'Token gebruiken', tokenForget: 'Token vergeten',
  },
  en: {
    skip: 'Skip to content', brand: 'callcheck', navCheck: 'Check a proposal', navCalls: 'Calls',
    switchTo: 'Nederlands', switchLabel: 'Schakel naar Nederlands',
    loading: 'Loading…', apiError: 'The service answered with an error',
    networkError: 'The service cannot be reached.',
    verdictTitle: 'Verdict', ELIGIBLE: 'Eligible', INELIGIBLE: 'Not eligible', INCOMPLETE: 'Incomplete',
    decidedBy: 'Call {call}, version {version}', decisionId: 'Decision', digest: 'Fingerprint of the rules',
    findings: 'Findings', noFindings: 'No findings: no rule found anything.',
    BLOCKING: 'Blocking', MISSING: 'Missing', WARNING: 'Warning', INFO: 'Note',
    source: 'Source', assumption: 'Assumption', passed: '{n} checks passed', passedNone: 'No checks passed',
    neededFor: 'Needed for the checks:', missingFact: 'Missing fact', missingLead: 'Missing fact: ',
    plan: 'Financing plan', planRow: 'Amount', planAllowed: 'By the rules', planAsked: 'Asked',
    planSubsidy: 'Subsidy (AMIF + VVSG), at most', planAmif: 'AMIF, at most', planVvsg: 'VVSG, at most',
    planOwn: 'Own financing, at least', planNone: 'The rules gave no financing plan (amounts missing?).',
    over: 'over the limit', under: 'under the limit', outside: 'outside the limits',
    errorAt: 'Error', malformed_json: 'Not valid JSON', wrong_type: 'Wrong type', unknown_field: 'Unknown field',
    invalid_value: 'Invalid value', invalid_amount: 'Invalid amount', required: 'Required', too_large: 'Too large',
    unknown_call: 'Unknown call', unknown_version: 'Unknown version', no_version_for_date: 'No version for this date',
    unauthorized: 'Not authorised', route_not_found: 'Not found', body_too_large: 'Too large',
    token: 'Access token', tokenHint: 'Once per browser session; it is never put in the address and is gone when you close the browser.',
    tokenSave: 'Use this token', tokenForget: 'Forget the token',
  },
};

const LANG_KEY = 'callcheck.lang';
/** The API's token: asked once per browser session and kept in sessionStorage, never put in an address. */
const TOKEN_KEY = 'callcheck.token';
const page = { texts: {}, onLanguage: [] };

function lang() {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' ? 'en' : 'nl';
}

/** A text in the current language, with {name} filled from vars. */
function t(key, vars) {
  const l = lang();
  let s = (page.texts[l] && page.texts[l][key]) || TEXTS[l][key] || key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split('{' + k + '}').join(String(v));
  return s;
}

/** Adds a page's own texts: {nl: {...}, en: {...}}. */
function addTexts(texts) {
  for (const l of ['nl', 'en']) page.texts[l] = Object.assign(page.texts[l] || {}, texts[l]);
}

/** Fills every element marked data-i18n (text) or data-i18n-attr="attr:key" in the current language. */
function translate(root) {
  root = root || document;
  // data-item: the n is an item's name ("Partner 2"), itself translated from its key and number
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n, el.dataset.n ? { n: el.dataset.item ? t(el.dataset.item, { n: el.dataset.n }) : el.dataset.n } : null); });
  root.querySelectorAll('[data-i18n-attr]').forEach(el => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  });
}

function applyLanguage() {
  document.documentElement.lang = lang();
  translate(document);
  const sw = document.getElementById('lang-switch');
  if (sw) {
    sw.textContent = t('switchTo');
    sw.setAttribute('lang', lang() === 'nl' ? 'en' : 'nl');
    sw.setAttribute('aria-label', t('switchLabel'));
  }
  page.onLanguage.forEach(f => f());
}

function onLanguage(f) { page.onLanguage.push(f); }

/** Builds an element: h('p', {class: 'x', text: 'hello'}, child, ...). Text is always set as text, never as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') { for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = dv; }
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** An API call: resolves to {status, body} with the JSON body (null when there is none). */
async function api(path, options) {
  let res;
  try {
    res = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options));
  } catch (e) {
    return { status: 0, body: { error: { code: 'network', message: t('networkError'), field: null } } };
  }
  let body = null;
  const text = await res.text();
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: { code: 'http_' + res.status, message: text, field: null } }; }
  return { status: res.status, body };
}

/** An error body in plain words: the code's meaning in the page's language, then the service's own message. */
function errorText(body) {
  const e = (body && body.error) || {};
  const label = TEXTS[lang()][e.code] ? t(e.code) : t('apiError');
  return label + ': ' + (e.message || '') + (e.field ? ' (' + e.field + ')' : '');
}

function money(value) {
  if (value === null || value === undefined || value === '') return '–';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return new Intl.NumberFormat(lang() === 'nl' ? 'nl-BE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(n);
}

/** A moment (ISO text or Date) in the reader's own time zone, as the page's language writes it. */
function localTime(when) {
  return new Date(when).toLocaleString(lang() === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

/** A day (ISO date text) as the page's language writes it: 16 oktober 2020. */
function localDate(day) {
  return new Date(day + 'T00:00:00').toLocaleDateString(lang() === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'long' });
}

/** A rule's title in the page's language, from the rule list of the API (title in English, titleNl in Dutch). */
function titleOf(rule) { return lang() === 'nl' ? rule.titleNl : rule.title; }

/**
 * {id: {nl, en, sectionNl, assumptionNl}}: the titles of a version's rules (GET /v1/calls/{call}/rules), to name the
 * rules of a verdict, with the Dutch of their section and assumption (a finding cites them in English only).
 */
function titlesOf(rules) {
  const out = {};
  for (const r of rules) out[r.id] = { nl: r.titleNl, en: r.title, sectionNl: r.source && r.source.sectionNl, assumptionNl: r.assumptionNl };
  return out;
}

const SEVERITY_ORDER = ['BLOCKING', 'MISSING', 'WARNING', 'INFO'];

/**
 * The findings as the page lists them: the engine gives one MISSING finding per rule that needs a fact, so the same
 * missing facts are listed once, with the rules that need them (f.rules). Other findings stay one per item.
 */
function groupMissing(findings) {
  const out = [], byFacts = new Map();
  for (const f of findings) {
    const facts = f.severity === 'MISSING' && f.values && Array.isArray(f.values.missing) && Object.keys(f.values).length === 1
      ? JSON.stringify(f.values.missing) : null;
    if (facts === null) { out.push(f); continue; }
    if (!byFacts.has(facts)) { const g = Object.assign({}, f, { rules: [] }); byFacts.set(facts, g); out.push(g); }
    byFacts.get(facts).rules.push(f);
  }
  return out.map(f => f.rules && f.rules.length === 1 ? f.rules[0] : f);
}

/** The message of the missing facts alone: the engine's first sentence, before the one naming its rule. */
function factsSentence(f) {
  const m = f.message[lang()];
  const end = m.indexOf('. ');
  return end > 0 ? m.slice(0, end + 1) : m;
}

function findingItem(f, ruleTitles) {
  const title = id => ruleTitles && ruleTitles[id] ? ruleTitles[id][lang()] : null;
  const dutch = key => lang() === 'nl' && ruleTitles && ruleTitles[f.rule] ? ruleTitles[f.rule][key] : null;
  const group = f.rules;
  return h('li', { class: 'finding severity-' + f.severity, dataset: { rule: group ? group.map(g => g.rule).join(' ') : f.rule } },
    h('p', { class: 'finding-head' }, h('span', { class: 'badge badge-' + f.severity, text: t(f.severity) }), ' ',
      h('strong', { class: 'rule-id', text: group ? t('missingFact') : f.rule })),
    h('p', { class: 'message', text: group ? factsSentence(f) : f.message[lang()] }),
    group ? h('div', { class: 'needed-for' }, h('p', { text: t('neededFor') }),
      h('ul', {}, group.map(g => h('li', { dataset: { rule: g.rule } }, h('strong', { text: g.rule }), title(g.rule) ? ' – ' + title(g.rule) : '')))) : null,
    h('p', { class: 'source' }, h('span', { class: 'label', text: t('source') + ': ' }),
      h('cite', { text: f.source.document }), ', ' + (dutch('sectionNl') || f.source.section)),
    f.assumption && !group ? h('p', { class: 'assumption' }, h('span', { class: 'label', text: t('assumption') + ': ' }),
      dutch('assumptionNl') ? h('span', { text: dutch('assumptionNl') }) : h('span', { lang: lang() === 'nl' ? 'en' : null, text: f.assumption })) : null);
}

/**
 * The verdict as an applicant reads it: the outcome, each finding in plain words with its source (blocking first),
 * the financing plan the rules allow beside what was asked, and the checks that passed, folded.
 * ruleTitles: {id: {nl, en}} of the deciding version, to name the passed checks (may be empty); at: when it was
 * decided (now when not given).
 */
function renderVerdict(verdict, asked, ruleTitles, at) {
  const findings = groupMissing(verdict.findings.slice().sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)));
  const section = h('section', { id: 'verdict', class: 'verdict verdict-' + verdict.verdict, 'aria-labelledby': 'verdict-title',
    dataset: { verdict: verdict.verdict } },
    h('h2', { id: 'verdict-title', tabindex: '-1' }, t('verdictTitle') + ': ', h('span', { class: 'outcome', text: t(verdict.verdict) }),
      h('span', { class: 'code', text: ' (' + verdict.verdict + ')' })),
    h('p', { class: 'meta' }, t('decidedBy', { call: verdict.call, version: verdict.version }),
      ' · ', t('decisionId') + ' ', h('code', { text: verdict.decisionId }),
      verdict.digest ? [' · ', t('digest') + ' ', h('code', { class: 'digest', text: verdict.digest })] : null,
      ' · ', h('time', { datetime: new Date(at || Date.now()).toISOString(), text: localTime(at || Date.now()) })),
    h('h3', { text: t('findings') }),
    findings.length === 0 ? h('p', { text: t('noFindings') })
      : h('ol', { class: 'findings' }, findings.map(f => findingItem(f, ruleTitles))),
    renderPlan(verdict.financing, asked, verdict.findings),
    h('details', { class: 'passed' },
      h('summary', { text: verdict.passed.length ? t('passed', { n: verdict.passed.length }) : t('passedNone') }),
      h('ul', {}, verdict.passed.map(id => h('li', { dataset: { rule: id } }, h('strong', { text: id }),
        ruleTitles && ruleTitles[id] ? ' – ' + ruleTitles[id][lang()] : '')))));
  return section;
}

/** Which row of the plan a finding speaks of, by its rule id: the plan marks a limit only where a finding reports it. */
const PLAN_RULES = [['subsidy', /SUBSIDY-(MAX|RANGE)$/], ['amif', /(AMIF|EU)-SHARE$/], ['vvsg', /VVSG-SHARE$/], ['own', /OWN-SHARE$/]];

/** {row: finding} for the findings that put an amount beyond its limit (blocking or warning). */
function planMarks(findings) {
  const marks = {};
  for (const f of findings || []) {
    if (f.severity !== 'BLOCKING' && f.severity !== 'WARNING') continue;
    const hit = PLAN_RULES.find(([, re]) => re.test(f.rule));
    if (hit && !marks[hit[0]]) marks[hit[0]] = f;
  }
  return marks;
}

function renderPlan(plan, asked, findings) {
  const title = h('h3', { text: t('plan') });
  if (!plan) return h('div', { class: 'plan' }, title, h('p', { text: t('planNone') }));
  asked = asked || {};
  const marks = planMarks(findings);
  const sum = (a, b) => (a === undefined || a === null) && (b === undefined || b === null) ? null : Number(a || 0) + Number(b || 0);
  const rows = [
    ['subsidy', 'planSubsidy', plan.maxSubsidy, sum(asked.amif, asked.vvsg), 'over'],
    ['amif', 'planAmif', plan.amif, asked.amif, 'over'],
    ['vvsg', 'planVvsg', plan.vvsg, asked.vvsg, 'over'],
    ['own', 'planOwn', plan.ownMin, asked.own, 'under'],
  ].filter(r => r[2] !== null && r[2] !== undefined);
  return h('div', { class: 'plan' }, title,
    // on a narrow screen each row becomes a card (style.css, table.stack), its amounts named by their column
    h('div', { class: 'table-scroll' }, h('table', { id: 'plan', class: 'stack' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('planRow') }), h('th', { scope: 'col', text: t('planAllowed') }),
        h('th', { scope: 'col', text: t('planAsked') }))),
      h('tbody', {}, rows.map(([row, key, allowed, wanted, side]) => {
        const f = marks[row];
        const note = f ? (/RANGE$/.test(f.rule) ? 'outside' : side) : null;
        return h('tr', { class: f ? 'off' : null, dataset: { row, rule: f ? f.rule : null } },
          // an amount never breaks over two lines; the note beside it may
          h('th', { scope: 'row', text: t(key) }), h('td', { class: 'num', dataset: { label: t('planAllowed') } }, h('span', { class: 'amount', text: money(allowed) })),
          h('td', { class: 'num', dataset: { label: t('planAsked') } }, h('span', { class: 'amount', text: money(wanted) }), note ? h('span', { class: 'off-note', text: ' (' + t(note) + ': ' + f.rule + ')' }) : null));
      })))));
}

/** The form asking for the API's token; once given, it is kept for the session and onSaved is called. */
function tokenForm(onSaved) {
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', 'aria-describedby': 'token-hint', required: true });
  const form = h('form', { id: 'token-form', class: 'group' },
    h('div', { class: 'field' }, h('label', { for: 'token', text: t('token') }), h('p', { class: 'hint', id: 'token-hint', text: t('tokenHint') }), input),
    h('button', { type: 'submit', class: 'primary', text: t('tokenSave') }));
  form.addEventListener('submit', e => {
    e.preventDefault();
    if (!input.value.trim()) return;
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    onSaved();
  });
  return form;
}

/** The header every page shares: skip link target, navigation to the calls, the language switch. */
async function startPage() {
  document.getElementById('lang-switch').addEventListener('click', () => {
    localStorage.setItem(LANG_KEY, lang() === 'nl' ? 'en' : 'nl');
    applyLanguage();
  });
  applyLanguage();
  const nav = document.getElementById('nav-calls');
  if (nav) {
    const r = await api('/v1/calls');
    if (r.status === 200) {
      nav.replaceChildren(...r.body.calls.map(c => h('li', {}, h('a', { href: '/calls/' + encodeURIComponent(c.id), text: c.id,
        'aria-current': location.pathname === '/calls/' + c.id ? 'page' : null }))));
    }
    return r;
  }
  return null;
}
