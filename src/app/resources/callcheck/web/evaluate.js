/* The page / : a proposal as a form built from the contract (../shared/API.md), or a JSON file; sent to
   POST /v1/calls/{call}/evaluations; the verdict shown in plain words. The form keeps what was typed. */
'use strict';

addTexts({
  nl: {
    pageTitle: 'Voorstel toetsen',
    intro: 'Vul uw projectvoorstel in of open een JSON-bestand, en zie vóór het indienen of het in aanmerking kan komen, en waarom niet. Velden die u leeg laat, worden niet meegestuurd: een regel die ze nodig heeft, meldt dat ze ontbreken.',
    call: 'Oproep', version: 'Versie van de regels', versionAuto: 'Volgens de indieningsdatum', callRules: 'Regels, parameters en versies van deze oproep',
    fileLegend: 'Voorstel als JSON-bestand', file: 'JSON-bestand openen', fileHint: 'Of sleep een bestand naar het formulier. Het formulier neemt de inhoud over.',
    fileBad: 'Dit bestand is geen geldige JSON: {message}', fileLoaded: 'Bestand {name} geladen.',
    fileNotInForm: 'Deze delen van het bestand staan niet in het formulier en worden niet meegestuurd: {paths}',
    proposal: 'Voorstel', submittedOn: 'Indieningsdatum', dateHint: 'JJJJ-MM-DD', title: 'Titel van het project',
    applicant: 'Aanvrager (promotor)', coApplicants: 'Mede-aanvragers', coApplicant: 'Mede-aanvrager {n}',
    partners: 'Partners', partner: 'Partner {n}', addCoApplicant: 'Mede-aanvrager toevoegen', addPartner: 'Partner toevoegen',
    remove: 'Verwijderen', name: 'Naam', kind: 'Soort organisatie', nis: 'NIS-code van de gemeente',
    nisHint: 'Voor een gemeente of OCMW, bv. 37015', members: 'NIS-codes van de leden',
    membersHint: 'Voor een intergemeentelijk samenwerkingsverband; gescheiden door komma\'s', legalPersonality: 'Rechtspersoonlijkheid',
    experience: 'Ervaring', notGiven: '(niet opgegeven: wordt weggelaten)',
    yes: 'ja', no: 'nee', unset: '– niet opgegeven –',
    region: 'Regio (oproepen 41 en ACT)', period: 'Projectperiode', start: 'Begindatum', end: 'Einddatum',
    financing: 'Financiering', totalCost: 'Totale subsidiabele kost (euro)', amif: 'Gevraagde AMIF-bijdrage (euro)',
    vvsg: 'Gevraagde VVSG-cofinanciering (euro, oproep 507)', own: 'Eigen financiering (euro)', annexIV: 'Actie uit bijlage IV van Verordening (EU) 2021/1147',
    amountHint: 'Bv. 20000 of 20000.50',
    sumSubsidy: 'Gevraagde subsidie (AMIF + VVSG): {v}', sumShares: 'Aandeel in de totale kost: AMIF {amif} · VVSG {vvsg} · eigen {own}',
    sumBalanced: 'AMIF + VVSG + eigen = {sum}: gelijk aan de totale kost.', sumUnbalanced: 'AMIF + VVSG + eigen = {sum}: {diff} verschil met de totale kost.',
    trajectories: 'Trajecten', trajectory: 'Traject {n}', addTrajectory: 'Traject toevoegen', form: 'Vorm',
    hoursPerParticipant: 'Uren per deelnemer', justification: 'Meerwaarde (voor de vorm "andere")',
    actions: 'Acties', action: 'Actie {n}', addAction: 'Actie toevoegen', actionTitle: 'Titel van de actie', concrete: 'Concreet', visible: 'Zichtbaar',
    targetGroups: 'Doelgroepen', aims: 'Doelen', commitments: 'Engagementen',
    submit: 'Toetsen', download: 'Download als JSON', showJson: 'JSON zoals de dienst hem krijgt',
    sending: 'Bezig met toetsen…', fieldErrors: 'Het voorstel werd niet aanvaard. Verbeter het veld:', goToField: 'naar het veld',
    'kind.MUNICIPALITY': 'Gemeente', 'kind.OCMW': 'OCMW', 'kind.LOCAL_GOVERNMENT_COOPERATION': 'Intergemeentelijk samenwerkingsverband',
    'kind.VGC': 'Vlaamse Gemeenschapscommissie (VGC)', 'kind.NON_PROFIT': 'Vzw of andere organisatie zonder winstoogmerk',
    'kind.COMPANY': 'Bedrijf', 'kind.PUBLIC_BODY': 'Andere overheid', 'kind.EDUCATION': 'Onderwijsinstelling', 'kind.OTHER': 'Andere',
    'experience.NEWCOMER_PARTICIPATION': 'Participatie van nieuwkomers', 'experience.ANTI_DISCRIMINATION': 'Bestrijding van discriminatie',
    'form.BUDDY': 'Buddywerking', 'form.INTERNSHIP': 'Stage', 'form.VOLUNTEERING': 'Vrijwilligerswerk', 'form.LANGUAGE_INTERNSHIP': 'Taalstage',
    'form.ASSOCIATION_INTRODUCTION': 'Kennismaking met het verenigingsleven', 'form.CARE_HOME': 'Woonzorgcentrum',
    'form.SERVICE_CENTRE': 'Dienstencentrum', 'form.NEIGHBOURHOOD_WORK': 'Buurtwerk', 'form.OTHER': 'Andere vorm',
    'targetGroups.NEWCOMERS': 'Nieuwkomers', 'targetGroups.GENERAL_PUBLIC': 'Breed publiek', 'targetGroups.ORGANISATIONS': 'Organisaties',
    'aims.BEHAVIOUR_CHANGE': 'Gedragsverandering tegenover diversiteit, discriminatie en racisme',
    'commitments.EVALUATE_TRAJECTORIES': 'De trajecten evalueren', 'commitments.OPERATIONAL_FRAMEWORK': 'Een werkkader uitschrijven',
    'commitments.LEARNING_NETWORK': 'Deelnemen aan het lerend netwerk', 'commitments.INTEGRATION_PACT': 'Het Integratiepact ondertekenen',
    'commitments.BUILD_NETWORK': 'Een netwerk uitbouwen', 'commitments.GUIDE_LEARNING_PROCESS': 'Het leerproces begeleiden',
  },
  en: {
    pageTitle: 'Check a proposal',
    intro: 'Fill in your project proposal or open a JSON file, and see before you submit whether it can be eligible, and why not. Fields left empty are not sent: a rule that needs them says they are missing.',
    call: 'Call', version: 'Version of the rules', versionAuto: 'By the submission date', callRules: 'Rules, parameters and versions of this call',
    fileLegend: 'Proposal as a JSON file', file: 'Open a JSON file', fileHint: 'Or drop a file on the form. The form takes over its content.',
    fileBad: 'This file is not valid JSON: {message}', fileLoaded: 'File {name} loaded.',
    fileNotInForm: 'These parts of the file are not in the form and are not sent: {paths}',
    proposal: 'Proposal', submittedOn: 'Submission date', dateHint: 'YYYY-MM-DD', title: 'Project title',
    applicant: 'Applicant (lead)', coApplicants: 'Co-applicants', coApplicant: 'Co-applicant {n}',
    partners: 'Partners', partner: 'Partner {n}', addCoApplicant: 'Add a co-applicant', addPartner: 'Add a partner',
    remove: 'Remove', name: 'Name', kind: 'Kind of organisation', nis: 'NIS code of the municipality',
    nisHint: 'For a municipality or OCMW, e.g. 37015', members: 'NIS codes of the members',
    membersHint: 'For an intermunicipal cooperation; separated by commas', legalPersonality: 'Legal personality',
    experience: 'Experience', notGiven: '(not given: left out)',
    yes: 'yes', no: 'no', unset: '– not given –',
    region: 'Region (calls 41 and ACT)', period: 'Project period', start: 'Start date', end: 'End date',
    financing: 'Financing', totalCost: 'Total eligible cost (euro)', amif: 'AMIF contribution asked (euro)',
    vvsg: 'VVSG cofinancing asked (euro, call 507)', own: 'Own financing (euro)', annexIV: 'Action of Annex IV of Regulation (EU) 2021/1147',
    amountHint: 'E.g. 20000 or 20000.50',
    sumSubsidy: 'Subsidy asked (AMIF + VVSG): {v}', sumShares: 'Share of the total cost: AMIF {amif} · VVSG {vvsg} · own {own}',
    sumBalanced: 'AMIF + VVSG + own = {sum}: equal to the total cost.', sumUnbalanced: 'AMIF + VVSG + own = {sum}: {diff} off the total cost.',
    trajectories: 'Trajectories', trajectory: 'Trajectory {n}', addTrajectory: 'Add a trajectory', form: 'Form',
    hoursPerParticipant: 'Hours per participant', justification: 'Added value (for the form "other")',
    actions: 'Actions', action: 'Action {n}', addAction: 'Add an action', actionTitle: 'Title of the action', concrete: 'Concrete', visible: 'Visible',
    targetGroups: 'Target groups', aims: 'Aims', commitments: 'Commitments',
    submit: 'Check', download: 'Download as JSON', showJson: 'The JSON as the service gets it',
    sending: 'Checking…', fieldErrors: 'The proposal was not accepted. Correct the field:', goToField: 'go to the field',
    'kind.MUNICIPALITY': 'Municipality', 'kind.OCMW': 'OCMW (public social welfare centre)', 'kind.LOCAL_GOVERNMENT_COOPERATION': 'Intermunicipal cooperation',
    'kind.VGC': 'Flemish Community Commission (VGC)', 'kind.NON_PROFIT': 'Non-profit organisation',
    'kind.COMPANY': 'Company', 'kind.PUBLIC_BODY': 'Other public body', 'kind.EDUCATION': 'Education', 'kind.OTHER': 'Other',
    'experience.NEWCOMER_PARTICIPATION': 'Participation of newcomers', 'experience.ANTI_DISCRIMINATION': 'Fighting discrimination',
    'form.BUDDY': 'Buddy scheme', 'form.INTERNSHIP': 'Internship', 'form.VOLUNTEERING': 'Volunteering', 'form.LANGUAGE_INTERNSHIP': 'Language internship',
    'form.ASSOCIATION_INTRODUCTION': 'Introduction to associations', 'form.CARE_HOME': 'Care home',
    'form.SERVICE_CENTRE': 'Service centre', 'form.NEIGHBOURHOOD_WORK': 'Neighbourhood work', 'form.OTHER': 'Other form',
    'targetGroups.NEWCOMERS': 'Newcomers', 'targetGroups.GENERAL_PUBLIC': 'General public', 'targetGroups.ORGANISATIONS': 'Organisations',
    'aims.BEHAVIOUR_CHANGE': 'Behaviour change towards diversity, discrimination and racism',
    'commitments.EVALUATE_TRAJECTORIES': 'Evaluate the trajectories', 'commitments.OPERATIONAL_FRAMEWORK': 'Write an operational framework',
    'commitments.LEARNING_NETWORK': 'Take part in the learning network', 'commitments.INTEGRATION_PACT': 'Sign the Integration Pact',
    'commitments.BUILD_NETWORK': 'Build a network', 'commitments.GUIDE_LEARNING_PROCESS': 'Guide the learning process',
  },
});

const ENUMS = {
  kind: ['MUNICIPALITY', 'OCMW', 'LOCAL_GOVERNMENT_COOPERATION', 'VGC', 'NON_PROFIT', 'COMPANY', 'PUBLIC_BODY', 'EDUCATION', 'OTHER'],
  experience: ['NEWCOMER_PARTICIPATION', 'ANTI_DISCRIMINATION'],
  form: ['BUDDY', 'INTERNSHIP', 'VOLUNTEERING', 'LANGUAGE_INTERNSHIP', 'ASSOCIATION_INTRODUCTION', 'CARE_HOME', 'SERVICE_CENTRE', 'NEIGHBOURHOOD_WORK', 'OTHER'],
  targetGroups: ['NEWCOMERS', 'GENERAL_PUBLIC', 'ORGANISATIONS'],
  aims: ['BEHAVIOUR_CHANGE'],
  commitments: ['EVALUATE_TRAJECTORIES', 'OPERATIONAL_FRAMEWORK', 'LEARNING_NETWORK', 'INTEGRATION_PACT', 'BUILD_NETWORK', 'GUIDE_LEARNING_PROCESS'],
};

/* ---------- the proposal's JSON, with numbers exactly as typed ---------- */

/** A number as the user typed it: sent as that JSON literal, never through a float. */
class Raw { constructor(text) { this.text = text; } }
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** What an amount field sends: a JSON number when it is one (a decimal comma accepted), else the text, for the API to refuse. */
function numberOrText(text) {
  const s = text.trim();
  if (s === '') return undefined;
  const dotted = !s.includes('.') && /^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  return NUMBER.test(dotted) ? new Raw(dotted) : s;
}

function toJson(v, indent) {
  indent = indent || '';
  const inner = indent + '  ';
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map(x => inner + toJson(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter(k => v[k] !== undefined);
    if (keys.length === 0) return '{}';
    return '{\n' + keys.map(k => inner + JSON.stringify(k) + ': ' + toJson(v[k], inner)).join(',\n') + '\n' + indent + '}';
  }
  return JSON.stringify(v === undefined ? null : v);
}

/** The plain value of a form value (Raw as a number), nulls dropped: to compare a file with what the form makes of it. */
function plain(v) {
  if (v instanceof Raw) return Number(v.text);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) o[k] = plain(x);
    return o;
  }
  return v;
}

/** The paths where the file holds something the form did not take over. */
function lost(file, form, path, out) {
  out = out || [];
  if (file === null || file === undefined) return out;
  if (Array.isArray(file) && Array.isArray(form)) {
    file.forEach((x, i) => lost(x, form[i], path + '[' + i + ']', out));
  } else if (file && typeof file === 'object' && form && typeof form === 'object' && !Array.isArray(form)) {
    for (const [k, x] of Object.entries(file)) lost(x, form[k], path ? path + '.' + k : k, out);
  } else if (JSON.stringify(file) !== JSON.stringify(form)) {
    out.push(path || '(root)');
  }
  return out;
}

/* ---------- the form: each part knows its JSON path, reads its value and fills itself ---------- */

function idOf(path) { return 'f-' + path.replace(/[\[\].]+/g, '-').replace(/-$/, ''); }

function errorSlot(id) { return h('p', { class: 'field-error', id: id + '-error', hidden: true }); }

function hintEl(id, key) { return key ? h('p', { class: 'hint', id: id + '-hint', 'data-i18n': key, text: t(key) }) : null; }

function describe(id, hint) { return [hint ? id + '-hint' : null].filter(Boolean).join(' ') || null; }

/** A text, date or amount field. kind: 'text' | 'date' | 'amount' | 'textarea'. */
function textField(path, key, kind, hint) {
  const id = idOf(path);
  if (kind === 'date') hint = hint || 'dateHint';
  if (kind === 'amount') hint = hint || 'amountHint';
  const attrs = { id, name: path, dataset: { path }, 'aria-describedby': describe(id, hint) };
  if (kind === 'amount') Object.assign(attrs, { type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'amount' });
  else if (kind === 'date') Object.assign(attrs, { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: t('dateHint'), 'data-i18n-attr': 'placeholder:dateHint', class: 'date' });
  else if (kind !== 'textarea') Object.assign(attrs, { type: 'text' });
  const input = h(kind === 'textarea' ? 'textarea' : 'input', attrs);
  const el = h('div', { class: 'field field-' + kind }, h('label', { for: id, 'data-i18n': key, text: t(key) }), hintEl(id, hint), input, errorSlot(id));
  return {
    el,
    read() {
      if (kind === 'amount') return numberOrText(input.value);
      const v = input.value.trim();
      return v === '' ? undefined : (kind === 'textarea' ? input.value : v);
    },
    fill(v) { input.value = v === undefined || v === null ? '' : (v instanceof Raw ? v.text : String(v)); },
  };
}

/** A list of NIS codes typed as one text: "37015, 37011". */
function codesField(path, key, hint) {
  const f = textField(path, key, 'text', hint);
  return {
    el: f.el,
    read() { const v = f.read(); return v === undefined ? undefined : v.split(',').map(s => s.trim()).filter(Boolean); },
    fill(v) { f.fill(Array.isArray(v) ? v.join(', ') : v); },
  };
}

/** A choice among the contract's values; empty is "not given". options: [[value, textKey or {text}]] */
function selectField(path, key, options) {
  const id = idOf(path);
  const select = h('select', { id, name: path, dataset: { path } },
    h('option', { value: '', 'data-i18n': 'unset', text: t('unset') }),
    options.map(([value, label]) => typeof label === 'string'
      ? h('option', { value, 'data-i18n': label, text: t(label) }) : h('option', { value, text: label.text })));
  const el = h('div', { class: 'field field-select' }, h('label', { for: id, 'data-i18n': key, text: t(key) }), select, errorSlot(id));
  return {
    el, select,
    read() { return select.value === '' ? undefined : select.value; },
    fill(v) {
      const value = v === undefined || v === null ? '' : String(v);
      if (value !== '' && ![...select.options].some(o => o.value === value)) select.append(h('option', { value, text: value }));
      select.value = value;
    },
  };
}

function enumField(path, key, values, prefix) { return selectField(path, key, values.map(v => [v, prefix + '.' + v])); }

/** Yes, no, or not given. */
function boolField(path, key) {
  const f = selectField(path, key, [['true', 'yes'], ['false', 'no']]);
  return { el: f.el, read() { const v = f.read(); return v === undefined ? undefined : v === 'true'; }, fill(v) { f.fill(v); } };
}

/**
 * A list or a set of boxes: given (an array, maybe empty) as soon as the form shows it; only a file that leaves it
 * out (or null) makes it "not given", which the form keeps, and says, until the user touches it.
 */
function absentState(fieldset, note) {
  const state = {
    absent: false,
    set(absent) {
      state.absent = absent;
      if (absent) note.dataset.i18n = 'notGiven'; else delete note.dataset.i18n;
      note.textContent = absent ? t('notGiven') : '';
      fieldset.dataset.absent = absent;
    },
  };
  fieldset.addEventListener('change', () => state.set(false));
  return state;
}

/** Boxes to tick among the contract's values. */
function checksField(path, key, values, prefix) {
  const id = idOf(path);
  const note = h('span', { class: 'absent-note' });
  const boxes = values.map(v => h('input', { type: 'checkbox', id: id + '-' + v, value: v, name: path }));
  const fieldset = h('fieldset', { class: 'checks', id, dataset: { path } },
    h('legend', {}, h('span', { 'data-i18n': key, text: t(key) }), ' ', note),
    errorSlot(id),
    boxes.map((b, i) => h('div', { class: 'check' }, b, h('label', { for: b.id, 'data-i18n': prefix + '.' + values[i], text: t(prefix + '.' + values[i]) }))));
  const state = absentState(fieldset, note);
  state.set(false);
  return {
    el: fieldset,
    read() { return state.absent ? undefined : boxes.filter(b => b.checked).map(b => b.value); },
    fill(v) {
      const given = Array.isArray(v) ? v : [];
      boxes.forEach(b => { b.checked = given.includes(b.value); });
      state.set(!Array.isArray(v));
    },
  };
}

/** Named parts as one JSON object; an object with nothing given is left out. */
function group(path, key, parts, extra) {
  const id = idOf(path);
  const el = h('fieldset', { class: 'group', id, dataset: { path } },
    key ? h('legend', { 'data-i18n': key, text: t(key) }) : null, errorSlot(id), Object.values(parts).map(p => p.el), extra || null);
  return {
    el, parts,
    read() {
      const o = {};
      for (const [k, p] of Object.entries(parts)) { const v = p.read(); if (v !== undefined) o[k] = v; }
      return Object.keys(o).length ? o : undefined;
    },
    fill(v) { for (const [k, p] of Object.entries(parts)) p.fill(v && typeof v === 'object' ? v[k] : undefined); },
  };
}

function organisation(path, key, n) {
  const g = group(path, null, {
    name: textField(path + '.name', 'name', 'text'),
    kind: enumField(path + '.kind', 'kind', ENUMS.kind, 'kind'),
    nis: textField(path + '.nis', 'nis', 'text', 'nisHint'),
    members: codesField(path + '.members', 'members', 'membersHint'),
    legalPersonality: boolField(path + '.legalPersonality', 'legalPersonality'),
    experience: checksField(path + '.experience', 'experience', ENUMS.experience, 'experience'),
  });
  if (key) g.el.prepend(h('legend', { 'data-i18n': key, 'data-n': n, text: t(key, { n }) }));
  return g;
}

/** An item just added: shown as a fresh form, not filled from a value. */
const NEW = Symbol('new item');

/** Items of one kind, added and removed by buttons. */
function listField(path, key, itemKey, addKey, makeItem) {
  const id = idOf(path);
  const note = h('span', { class: 'absent-note' });
  const itemsHost = h('div', { class: 'items' });
  let items = [];
  const add = h('button', { type: 'button', class: 'secondary add', id: id + '-add', 'data-i18n': addKey, text: t(addKey) });
  const fieldset = h('fieldset', { class: 'list', id, dataset: { path } },
    h('legend', {}, h('span', { 'data-i18n': key, text: t(key) }), ' ', note), errorSlot(id), itemsHost, add);
  const state = absentState(fieldset, note);
  state.set(false);
  function render(values) {
    items = values.map((v, i) => {
      const item = makeItem(path + '[' + i + ']', itemKey, i + 1);
      if (v !== NEW) item.fill(v);
      const remove = h('button', { type: 'button', class: 'secondary remove', id: idOf(path + '[' + i + ']') + '-remove',
        'data-i18n': 'remove', text: t('remove') });
      remove.addEventListener('click', () => {
        const rest = items.map(x => x.read() || {}).filter((_, j) => j !== i);
        render(rest);
        state.set(false);
        (itemsHost.querySelector('button.remove') || add).focus();
      });
      item.el.append(remove);
      return item;
    });
    itemsHost.replaceChildren(...items.map(x => x.el));
  }
  add.addEventListener('click', () => {
    render(items.map(x => x.read() || {}).concat([NEW]));
    state.set(false);
    const first = items[items.length - 1].el.querySelector('input, select, textarea');
    if (first) first.focus();
  });
  return {
    el: fieldset,
    read() { return state.absent ? undefined : items.map(x => x.read() || {}); },
    fill(v) { render(Array.isArray(v) ? v : []); state.set(!Array.isArray(v)); },
  };
}

function trajectory(path, key, n) {
  const g = group(path, null, {
    form: enumField(path + '.form', 'form', ENUMS.form, 'form'),
    hoursPerParticipant: textField(path + '.hoursPerParticipant', 'hoursPerParticipant', 'amount', null),
    justification: textField(path + '.justification', 'justification', 'textarea'),
  });
  g.el.prepend(h('legend', { 'data-i18n': key, 'data-n': n, text: t(key, { n }) }));
  return g;
}

function action(path, key, n) {
  const g = group(path, null, {
    title: textField(path + '.title', 'actionTitle', 'text'),
    concrete: boolField(path + '.concrete', 'concrete'),
    visible: boolField(path + '.visible', 'visible'),
  });
  g.el.prepend(h('legend', { 'data-i18n': key, 'data-n': n, text: t(key, { n }) }));
  return g;
}

/** The whole proposal, in the contract's order. */
function proposalForm(regions) {
  const financingSums = h('output', { id: 'financing-sums', class: 'sums', 'aria-live': 'polite', for: 'f-financing-totalCost f-financing-amif f-financing-vvsg f-financing-own' });
  const parts = {
    submittedOn: textField('submittedOn', 'submittedOn', 'date'),
    title: textField('title', 'title', 'text'),
    applicant: organisation('applicant', null),
    coApplicants: listField('coApplicants', 'coApplicants', 'coApplicant', 'addCoApplicant', organisation),
    partners: listField('partners', 'partners', 'partner', 'addPartner', organisation),
    region: selectField('region', 'region', regions.map(r => [r.code, { text: r.code + ' – ' + r.name }])),
    period: group('period', 'period', { start: textField('period.start', 'start', 'date'), end: textField('period.end', 'end', 'date') }),
    financing: group('financing', 'financing', {
      totalCost: textField('financing.totalCost', 'totalCost', 'amount'),
      amif: textField('financing.amif', 'amif', 'amount'),
      vvsg: textField('financing.vvsg', 'vvsg', 'amount'),
      own: textField('financing.own', 'own', 'amount'),
      annexIV: boolField('financing.annexIV', 'annexIV'),
    }, financingSums),
    trajectories: listField('trajectories', 'trajectories', 'trajectory', 'addTrajectory', trajectory),
    actions: listField('actions', 'actions', 'action', 'addAction', action),
    targetGroups: checksField('targetGroups', 'targetGroups', ENUMS.targetGroups, 'targetGroups'),
    aims: checksField('aims', 'aims', ENUMS.aims, 'aims'),
    commitments: checksField('commitments', 'commitments', ENUMS.commitments, 'commitments'),
  };
  parts.applicant.el.prepend(h('legend', { 'data-i18n': 'applicant', text: t('applicant') }));
  parts.period.el.classList.add('pair');
  const form = group('', null, parts);
  form.sums = financingSums;
  return form;
}

/** Live sums and shares of the financing, for reading only: the verdict comes from the service. */
function showSums(out, financing) {
  const num = v => { if (v === undefined) return null; const n = Number(v instanceof Raw ? v.text : NaN); return Number.isFinite(n) ? n : null; };
  const f = financing || {};
  const total = num(f.totalCost), amif = num(f.amif), vvsg = num(f.vvsg), own = num(f.own);
  // two decimals at least, so that a share a cent over its limit does not read as the limit itself
  const pct = v => total && v !== null ? new Intl.NumberFormat(lang() === 'nl' ? 'nl-BE' : 'en-GB',
    { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(v / total) : '–';
  const lines = [];
  if (amif !== null || vvsg !== null) lines.push(t('sumSubsidy', { v: money((amif || 0) + (vvsg || 0)) }));
  if (total) lines.push(t('sumShares', { amif: pct(amif), vvsg: pct(vvsg), own: pct(own) }));
  if (total !== null && (amif !== null || vvsg !== null || own !== null)) {
    const sum = Math.round(((amif || 0) + (vvsg || 0) + (own || 0)) * 100) / 100;
    lines.push(Math.abs(sum - total) < 0.005 ? t('sumBalanced', { sum: money(sum) })
      : t('sumUnbalanced', { sum: money(sum), diff: money(Math.abs(sum - total)) }));
  }
  out.replaceChildren(...lines.map(l => h('span', { class: 'sum-line', text: l })));
}

/* ---------- the page ---------- */

const state = { calls: [], form: null, verdict: null, asked: null, titles: {}, error: null };

function clearErrors() {
  document.querySelectorAll('.field-error').forEach(p => { p.hidden = true; p.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach(el => {
    el.removeAttribute('aria-invalid');
    const d = (el.getAttribute('aria-describedby') || '').split(' ').filter(x => x && !x.endsWith('-error')).join(' ');
    if (d) el.setAttribute('aria-describedby', d); else el.removeAttribute('aria-describedby');
  });
}

/** The element an error's field names: the field itself, else the nearest group that holds it. */
function fieldFor(path) {
  for (let p = path; p;) {
    const el = document.getElementById(idOf(p));
    if (el) return el;
    const shorter = p.replace(/(\[\d+\]|\.[^.\[\]]+)$/, '');
    if (shorter === p) return null;
    p = shorter;
  }
  return null;
}

function showFieldError(body) {
  const e = body.error;
  const el = e.field ? fieldFor(e.field) : null;
  if (!el) return null;
  const slot = document.getElementById(el.id + '-error');
  slot.textContent = errorText(body);
  slot.hidden = false;
  const control = el.matches('fieldset') ? el.querySelector('input, select, textarea, button') || el : el;
  const target = el.matches('fieldset') ? el : control;
  target.setAttribute('aria-invalid', 'true');
  const described = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (!described.includes(slot.id)) target.setAttribute('aria-describedby', described.concat([slot.id]).join(' '));
  return control;
}

function renderResult() {
  const host = document.getElementById('result');
  if (state.verdict) {
    host.replaceChildren(renderVerdict(state.verdict, state.asked, state.titles[state.verdict.call + '/' + state.verdict.version]));
  } else if (state.error) {
    const e = state.error;
    host.replaceChildren(h('div', { class: 'alert', role: 'alert', id: 'request-error', tabindex: '-1' },
      e.control ? h('p', {}, t('fieldErrors') + ' ', h('a', { href: '#' + e.control.id, text: e.body.error.field + ' (' + t('goToField') + ')' })) : null,
      h('p', { text: errorText(e.body) })));
    if (e.control) showFieldError(e.body);
  } else {
    host.replaceChildren();
  }
}

async function ruleTitles(call, version) {
  const key = call + '/' + version;
  if (!state.titles[key]) {
    const r = await api('/v1/calls/' + encodeURIComponent(call) + '/rules?version=' + encodeURIComponent(version));
    state.titles[key] = {};
    if (r.status === 200) r.body.rules.forEach(rule => { state.titles[key][rule.id] = rule.title; });
  }
}

function proposalJson() { return toJson(state.form.read() || {}); }

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const call = document.getElementById('f-call').value;
  const version = document.getElementById('f-version').value;
  const body = proposalJson();
  const button = document.getElementById('submit');
  button.disabled = true;
  document.getElementById('status').textContent = t('sending');
  const r = await api('/v1/calls/' + encodeURIComponent(call) + '/evaluations' + (version ? '?version=' + encodeURIComponent(version) : ''),
    { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body });
  button.disabled = false;
  document.getElementById('status').textContent = '';
  if (r.status === 200) {
    await ruleTitles(r.body.call, r.body.version);
    state.verdict = r.body;
    state.asked = plain(state.form.parts.financing.read() || {});
    state.error = null;
    renderResult();
    document.getElementById('verdict-title').focus();
  } else {
    state.verdict = null;
    state.error = { body: r.body, control: null };
    state.error.control = r.body && r.body.error && r.body.error.field ? fieldFor(r.body.error.field) : null;
    renderResult();
    const control = document.querySelector('[aria-invalid="true"]');
    if (control) (control.matches('fieldset') ? control.querySelector('input, select, textarea, button') || control : control).focus();
    else document.getElementById('request-error').focus();
  }
}

function download() {
  const blob = new Blob([proposalJson() + '\n'], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'proposal-' + document.getElementById('f-call').value + '.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function loadFile(file) {
  const status = document.getElementById('file-status');
  let json;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    status.textContent = t('fileBad', { message: e.message });
    return;
  }
  state.form.fill(json);
  const missed = lost(json, plain(state.form.read() || {}), '');
  status.textContent = t('fileLoaded', { name: file.name }) + (missed.length ? ' ' + t('fileNotInForm', { paths: missed.join(', ') }) : '');
  update();
}

function update() {
  showSums(state.form.sums, state.form.parts.financing.read());
  const preview = document.getElementById('json-preview');
  if (preview) preview.textContent = proposalJson();
}

function fillVersions(callId) {
  const call = state.calls.find(c => c.id === callId);
  const select = document.getElementById('f-version');
  select.replaceChildren(h('option', { value: '', 'data-i18n': 'versionAuto', text: t('versionAuto') }),
    ...(call ? call.versions.map(v => h('option', { value: v.version, text: v.version + ' (' + v.submissions.from + ' – ' + (v.submissions.until || '…') + ')' })) : []));
  const link = document.getElementById('call-link');
  link.href = '/calls/' + encodeURIComponent(callId);
}

async function main() {
  const callsAnswer = await startPage();
  const host = document.getElementById('form-host');
  if (!callsAnswer || callsAnswer.status !== 200) {
    host.replaceChildren(h('p', { class: 'alert', role: 'alert', text: errorText(callsAnswer && callsAnswer.body) }));
    return;
  }
  state.calls = callsAnswer.body.calls;
  const regionsAnswer = await api('/v1/reference/regions');
  const regions = regionsAnswer.status === 200 ? regionsAnswer.body.regions : [];
  state.form = proposalForm(regions);
  const callSelect = h('select', { id: 'f-call', name: 'call' }, state.calls.map(c => h('option', { value: c.id, text: c.id + ' – ' + c.title })));
  const fileInput = h('input', { type: 'file', id: 'f-file', accept: '.json,application/json', 'aria-describedby': 'f-file-hint file-status' });
  const form = h('form', { id: 'proposal-form', novalidate: true },
    h('fieldset', { class: 'group call' },
      h('legend', { 'data-i18n': 'call', text: t('call') }),
      h('div', { class: 'field' }, h('label', { for: 'f-call', 'data-i18n': 'call', text: t('call') }), callSelect),
      h('div', { class: 'field' }, h('label', { for: 'f-version', 'data-i18n': 'version', text: t('version') }), h('select', { id: 'f-version', name: 'version' })),
      h('p', {}, h('a', { id: 'call-link', href: '#', 'data-i18n': 'callRules', text: t('callRules') }))),
    h('fieldset', { class: 'group file' },
      h('legend', { 'data-i18n': 'fileLegend', text: t('fileLegend') }),
      h('div', { class: 'field' }, h('label', { for: 'f-file', 'data-i18n': 'file', text: t('file') }),
        h('p', { class: 'hint', id: 'f-file-hint', 'data-i18n': 'fileHint', text: t('fileHint') }), fileInput),
      h('p', { id: 'file-status', class: 'status', role: 'status' })),
    h('h2', { 'data-i18n': 'proposal', text: t('proposal') }),
    state.form.el,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'submit', class: 'primary', 'data-i18n': 'submit', text: t('submit') }),
      h('button', { type: 'button', id: 'download', class: 'secondary', 'data-i18n': 'download', text: t('download'), onclick: download }),
      h('span', { id: 'status', class: 'status', role: 'status' })),
    h('details', { class: 'json' }, h('summary', { 'data-i18n': 'showJson', text: t('showJson') }), h('pre', { id: 'json-preview' })));
  host.replaceChildren(form);
  form.addEventListener('submit', submit);
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('click', () => setTimeout(update, 0));
  callSelect.addEventListener('change', () => fillVersions(callSelect.value));
  fileInput.addEventListener('change', () => { if (fileInput.files[0]) loadFile(fileInput.files[0]); });
  form.addEventListener('dragover', e => { e.preventDefault(); form.classList.add('dropping'); });
  form.addEventListener('dragleave', () => form.classList.remove('dropping'));
  form.addEventListener('drop', e => {
    e.preventDefault();
    form.classList.remove('dropping');
    if (e.dataTransfer.files[0]) loadFile(e.dataTransfer.files[0]);
  });
  const wanted = new URLSearchParams(location.search).get('call');
  if (wanted && state.calls.some(c => c.id === wanted)) callSelect.value = wanted;
  fillVersions(callSelect.value);
  update();
  onLanguage(() => { update(); renderResult(); });
}

document.addEventListener('DOMContentLoaded', main);
