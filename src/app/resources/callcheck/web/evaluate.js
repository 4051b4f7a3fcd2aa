/* The page / : a proposal as a form built from the contract (../shared/API.md), or a JSON file; sent to
   POST /v1/calls/{call}/evaluations; the verdict shown in plain words. The form keeps what was typed. */
'use strict';

addTexts({
  nl: {
    pageTitle: 'Voorstel toetsen',
    intro: 'Kies de oproep, vul uw projectvoorstel in of open een JSON-bestand, en zie vóór het indienen of het in aanmerking kan komen, en waarom niet. Vragen die u niet beantwoordt, worden niet meegestuurd: een regel die ze nodig heeft, meldt dat ze ontbreken.',
    call: 'Oproep', version: 'Versie van de regels', versionAuto: 'Volgens de indieningsdatum', callRules: 'Regels, parameters en versies van deze oproep',
    fileLegend: 'Voorstel als JSON-bestand', file: 'JSON-bestand openen', fileHint: 'Of sleep een bestand naar het formulier. Het formulier neemt de inhoud over.',
    fileBad: 'Dit bestand is geen geldige JSON: {message}', fileLoaded: 'Bestand {name} geladen.',
    fileNotInForm: 'Deze delen van het bestand staan niet in het formulier en worden niet meegestuurd: {paths}',
    proposal: 'Voorstel', submittedOn: 'Indieningsdatum', dateHint: 'Bijvoorbeeld 16 10 2020', title: 'Titel van het project',
    applicant: 'Aanvrager (promotor)', coApplicants: 'Mede-aanvragers', coApplicant: 'Mede-aanvrager {n}',
    partners: 'Partners', partner: 'Partner {n}', addCoApplicant: 'Mede-aanvrager toevoegen', addPartner: 'Partner toevoegen',
    name: 'Naam', kind: 'Soort organisatie', nis: 'NIS-code van de gemeente',
    nisHint: 'Voor een gemeente of OCMW, bv. 37015', members: 'NIS-codes van de leden',
    membersHint: 'Voor een intergemeentelijk samenwerkingsverband; gescheiden door komma\'s', legalPersonality: 'Rechtspersoonlijkheid',
    experience: 'Ervaring',
    yes: 'ja', no: 'nee', unset: '– niet opgegeven –',
    region: 'Regio', period: 'Projectperiode', start: 'Begindatum', end: 'Einddatum',
    financing: 'Financiering', totalCost: 'Totale subsidiabele kost (euro)', amif: 'Gevraagde AMIF-bijdrage (euro)',
    vvsg: 'Gevraagde VVSG-cofinanciering (euro)', own: 'Eigen financiering (euro)', annexIV: 'Actie uit bijlage IV van Verordening (EU) 2021/1147',
    amountHint: 'In euro, bv. 20.000 of 20.000,50', hoursHint: 'Aantal uren, bv. 12 of 12,5', hoursUnit: 'uur',
    understood: 'Begrepen als {v}', optional: '(optioneel)', day: 'Dag', month: 'Maand', year: 'Jaar',
    or: 'of', noneOfThese: 'Geen van deze', removeItem: '{n} verwijderen',
    errAmount: 'vul een bedrag in euro in, bv. 80.000 of 80.000,50', errHours: 'vul een aantal uren in, bv. 12 of 12,5',
    errDate: 'vul een bestaande datum in als dag, maand en jaar, bv. 16 10 2020', errCall: 'kies de oproep waarvoor u het voorstel toetst',
    errorSummary: 'Er is een probleem', chooseCall: '– Kies een oproep –', callHint: 'Het formulier toont de vragen van de oproep die u kiest.',
    'fix.invalid_amount': 'Vul een bedrag in met hoogstens twee cijfers na de komma, bv. 20.000,50.',
    'fix.wrong_type': 'Vul een waarde van de gevraagde soort in.', 'fix.invalid_value': 'Kies of vul een toegelaten waarde in.',
    'fix.unknown_field': 'Laat dit gegeven weg: de dienst kent het niet.', 'fix.required': 'Vul dit veld in.',
    'fix.no_version_for_date': 'Controleer de indieningsdatum: ze valt buiten elke indieningsperiode van deze oproep, of kies een versie.',
    'fix.other': 'Controleer dit veld.',
    stale: 'Deze uitslag hoort bij een eerdere versie van het formulier. Klik opnieuw op "Toetsen" voor een uitslag bij wat er nu staat.',
    indicative: 'Indicatieve toets, geen beslissing van de administratie.',
    owner: 'De oproep en de beslissing horen bij: {programme}. Deze pagina toetst alleen aan de regels zoals ze hier zijn vastgelegd.',
    contact: 'Vragen over uw dossier stelt u aan de administratie die de oproep beheert (zie de oproeptekst).',
    keptDays: 'De dienst bewaart dit voorstel {days} dagen en deze uitslag zonder einddatum, onder beslissingsnummer {id}.',
    keptAlways: 'De dienst bewaart dit voorstel en deze uitslag zonder einddatum, onder beslissingsnummer {id}.',
    keptNot: 'De dienst bewaart dit voorstel en deze uitslag niet.',
    serviceContact: 'Vragen over deze dienst en over wat hij bewaart: {contact}.',
    noContact: 'De beheerder van deze dienst gaf geen contactadres op.',
    noItems: 'Geen', 'none.coApplicants': 'Geen mede-aanvragers', 'none.partners': 'Geen partners', 'none.trajectories': 'Geen trajecten', 'none.actions': 'Geen acties',
    downloadVerdict: 'Download de uitslag', print: 'Afdrukken', clear: 'Formulier leegmaken', cleared: 'Het formulier is leeggemaakt.',
    sumSubsidy: 'Gevraagde subsidie (AMIF + VVSG): {v}', sumShares: 'Aandeel in de totale kost: AMIF {amif} · VVSG {vvsg} · eigen {own}',
    sumBalanced: 'AMIF + VVSG + eigen = {sum}: gelijk aan de totale kost.', sumUnbalanced: 'AMIF + VVSG + eigen = {sum}: {diff} verschil met de totale kost.',
    trajectories: 'Trajecten', trajectory: 'Traject {n}', addTrajectory: 'Traject toevoegen', form: 'Vorm',
    hoursPerParticipant: 'Uren per deelnemer', justification: 'Meerwaarde (voor de vorm "andere")',
    actions: 'Acties', action: 'Actie {n}', addAction: 'Actie toevoegen', actionTitle: 'Titel van de actie', concrete: 'Concreet', visible: 'Zichtbaar',
    targetGroups: 'Doelgroepen', aims: 'Doelen', commitments: 'Engagementen',
    submit: 'Toetsen', download: 'Voorstel bewaren als JSON', showJson: 'JSON zoals de dienst hem krijgt',
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
    intro: 'Choose the call, fill in your project proposal or open a JSON file, and see before you submit whether it can be eligible, and why not. Questions you leave unanswered are not sent: a rule that needs them says they are missing.',
    call: 'Call', version: 'Version of the rules', versionAuto: 'By the submission date', callRules: 'Rules, parameters and versions of this call',
    fileLegend: 'Proposal as a JSON file', file: 'Open a JSON file', fileHint: 'Or drop a file on the form. The form takes over its content.',
    fileBad: 'This file is not valid JSON: {message}', fileLoaded: 'File {name} loaded.',
    fileNotInForm: 'These parts of the file are not in the form and are not sent: {paths}',
    proposal: 'Proposal', submittedOn: 'Submission date', dateHint: 'For example 16 10 2020', title: 'Project title',
    applicant: 'Applicant (lead)', coApplicants: 'Co-applicants', coApplicant: 'Co-applicant {n}',
    partners: 'Partners', partner: 'Partner {n}', addCoApplicant: 'Add a co-applicant', addPartner: 'Add a partner',
    name: 'Name', kind: 'Kind of organisation', nis: 'NIS code of the municipality',
    nisHint: 'For a municipality or OCMW, e.g. 37015', members: 'NIS codes of the members',
    membersHint: 'For an intermunicipal cooperation; separated by commas', legalPersonality: 'Legal personality',
    experience: 'Experience',
    yes: 'yes', no: 'no', unset: '– not given –',
    region: 'Region', period: 'Project period', start: 'Start date', end: 'End date',
    financing: 'Financing', totalCost: 'Total eligible cost (euro)', amif: 'AMIF contribution asked (euro)',
    vvsg: 'VVSG cofinancing asked (euro)', own: 'Own financing (euro)', annexIV: 'Action of Annex IV of Regulation (EU) 2021/1147',
    amountHint: 'In euro, e.g. 20.000 or 20.000,50 (Belgian notation)', hoursHint: 'Number of hours, e.g. 12 or 12,5', hoursUnit: 'hours',
    understood: 'Understood as {v}', optional: '(optional)', day: 'Day', month: 'Month', year: 'Year',
    or: 'or', noneOfThese: 'None of these', removeItem: 'Remove {n}',
    errAmount: 'enter an amount in euro, e.g. 80.000 or 80.000,50', errHours: 'enter a number of hours, e.g. 12 or 12,5',
    errDate: 'enter a real date as day, month and year, e.g. 16 10 2020', errCall: 'choose the call you check the proposal for',
    errorSummary: 'There is a problem', chooseCall: '– Choose a call –', callHint: 'The form shows the questions of the call you choose.',
    'fix.invalid_amount': 'Enter an amount with at most two digits after the comma, e.g. 20.000,50.',
    'fix.wrong_type': 'Enter a value of the kind asked.', 'fix.invalid_value': 'Choose or enter an allowed value.',
    'fix.unknown_field': 'Leave this out: the service does not know it.', 'fix.required': 'Fill in this field.',
    'fix.no_version_for_date': 'Check the submission date: it lies outside every submission period of this call, or choose a version.',
    'fix.other': 'Check this field.',
    stale: 'This verdict belongs to an earlier version of the form. Click "Check" again for a verdict on what it holds now.',
    indicative: 'An indicative check, not a decision of the administration.',
    owner: 'The call and the decision belong to: {programme}. This page checks only against the rules as they are recorded here.',
    contact: 'Ask questions about your application to the administration that runs the call (see the call text).',
    keptDays: 'The service keeps this proposal for {days} days and this verdict without an end date, under decision number {id}.',
    keptAlways: 'The service keeps this proposal and this verdict without an end date, under decision number {id}.',
    keptNot: 'The service does not keep this proposal or this verdict.',
    serviceContact: 'Questions about this service and what it keeps: {contact}.',
    noContact: 'The operator of this service gave no contact address.',
    noItems: 'None', 'none.coApplicants': 'No co-applicants', 'none.partners': 'No partners', 'none.trajectories': 'No trajectories', 'none.actions': 'No actions',
    downloadVerdict: 'Download the verdict', print: 'Print', clear: 'Clear the form', cleared: 'The form was cleared.',
    sumSubsidy: 'Subsidy asked (AMIF + VVSG): {v}', sumShares: 'Share of the total cost: AMIF {amif} · VVSG {vvsg} · own {own}',
    sumBalanced: 'AMIF + VVSG + own = {sum}: equal to the total cost.', sumUnbalanced: 'AMIF + VVSG + own = {sum}: {diff} off the total cost.',
    trajectories: 'Trajectories', trajectory: 'Trajectory {n}', addTrajectory: 'Add a trajectory', form: 'Form',
    hoursPerParticipant: 'Hours per participant', justification: 'Added value (for the form "other")',
    actions: 'Actions', action: 'Action {n}', addAction: 'Add an action', actionTitle: 'Title of the action', concrete: 'Concrete', visible: 'Visible',
    targetGroups: 'Target groups', aims: 'Aims', commitments: 'Commitments',
    submit: 'Check', download: 'Save the proposal as JSON', showJson: 'The JSON as the service gets it',
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

/**
 * An amount as a Belgian applicant types it: "80000", "80.000", "80.000,00", "80000,5" or "80000.50". A comma is the
 * decimal mark; a dot followed by exactly three digits separates thousands; any other single dot is a decimal mark.
 * Gives the JSON number as text, or null when the text is no amount. Cents are left to the service to judge.
 */
function parseAmount(text) {
  const s = text.trim().replace(/^€\s*/, '').replace(/[\s\u00a0]/g, '');
  let m;
  if ((m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(s))) return m[1].replace(/\./g, '').replace(/^0+(?=\d)/, '') + (m[2] ? '.' + m[2] : '');
  if ((m = /^(\d+)\.(\d+)$/.exec(s))) return m[1].replace(/^0+(?=\d)/, '') + '.' + m[2];
  return null;
}

/** What an amount field sends: a JSON number when the text is one, else the text (the page refuses to send it). */
function numberOrText(text) {
  if (text.trim() === '') return undefined;
  const n = parseAmount(text);
  return n === null ? text.trim() : new Raw(n);
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

/** A path with its positions left out: "partners[1].kind" -> "partners[].kind", as the rules' needs name it. */
function fieldOf(path) { return path.replace(/\[\d+\]/g, '[]'); }

function errorSlot(id) { return h('p', { class: 'field-error', id: id + '-error', hidden: true }); }

function hintEl(id, key) { return key ? h('p', { class: 'hint', id: id + '-hint', 'data-i18n': key, text: t(key) }) : null; }

/** A label's or legend's content: the text, then "(optioneel)" where no rule of the chosen call needs the field. */
function caption(key, vars) {
  return [h('span', { 'data-i18n': key, 'data-n': vars && vars.n, text: t(key, vars) }), h('span', { class: 'optional', 'data-i18n': 'optional', text: t('optional'), hidden: true })];
}

/** The wrapper of one question: its path (as the rules name it) decides whether the chosen call shows it. */
function wrapper(tag, cls, path, ...children) {
  return h(tag, { class: cls, dataset: { field: fieldOf(path) } }, ...children);
}

/** A text or amount field. kind: 'text' | 'amount' | 'hours' | 'textarea'. Amounts are shown back as understood. */
function textField(path, key, kind, hint) {
  const id = idOf(path);
  if (kind === 'amount') hint = hint || 'amountHint';
  if (kind === 'hours') hint = hint || 'hoursHint';
  const numeric = kind === 'amount' || kind === 'hours';
  const attrs = { id, name: path, dataset: { path }, 'aria-describedby': hint ? id + '-hint' : null };
  if (numeric) Object.assign(attrs, { type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'amount' });
  else if (kind !== 'textarea') Object.assign(attrs, { type: 'text' });
  const input = h(kind === 'textarea' ? 'textarea' : 'input', attrs);
  const understood = numeric ? h('p', { class: 'understood', id: id + '-understood' }) : null;
  const el = wrapper('div', 'field field-' + kind, path, h('label', { for: id }, caption(key)), hintEl(id, hint), errorSlot(id), input, understood);
  function showBack() {
    if (!understood) return;
    const n = input.value.trim() === '' ? null : parseAmount(input.value);
    understood.textContent = n === null ? '' : t('understood', { v: kind === 'amount' ? money(n) : hours(n) });
  }
  if (numeric) { input.addEventListener('blur', showBack); onLanguage(showBack); }
  return {
    el, kind, input,
    read() {
      if (numeric) return numberOrText(input.value);
      const v = input.value.trim();
      return v === '' ? undefined : (kind === 'textarea' ? input.value : v);
    },
    fill(v) { input.value = v === undefined || v === null ? '' : (v instanceof Raw ? v.text : String(v)); showBack(); },
    /** What is wrong with what was typed, as a text key, or null. */
    problem() { return numeric && input.value.trim() !== '' && parseAmount(input.value) === null ? (kind === 'amount' ? 'errAmount' : 'errHours') : null; },
  };
}

function hours(n) { return new Intl.NumberFormat(lang() === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 6 }).format(Number(n)) + ' ' + t('hoursUnit'); }

/** A date as day, month and year, after the GOV.UK date input: sent as YYYY-MM-DD. */
function dateField(path, key) {
  const id = idOf(path);
  const part = (which, size) => {
    const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', id: id + '-' + which, name: path + '.' + which,
      class: 'date-' + which, size, maxlength: which === 'year' ? 4 : 2 });
    return { input, el: h('div', { class: 'date-part' }, h('label', { for: input.id, 'data-i18n': which, text: t(which) }), input) };
  };
  const day = part('day', 2), month = part('month', 2), year = part('year', 4);
  const el = wrapper('fieldset', 'field field-date', path,
    h('legend', {}, caption(key)), h('p', { class: 'hint', id: id + '-hint', 'data-i18n': 'dateHint', text: t('dateHint') }),
    errorSlot(id), h('div', { class: 'date-parts' }, day.el, month.el, year.el));
  el.id = id;
  el.setAttribute('aria-describedby', id + '-hint');
  const inputs = [day.input, month.input, year.input];
  const pad = (s, n) => s.trim().padStart(n, '0');
  return {
    el, kind: 'date', input: day.input,
    read() {
      if (inputs.every(i => i.value.trim() === '')) return undefined;
      return pad(year.input.value, 4) + '-' + pad(month.input.value, 2) + '-' + pad(day.input.value, 2);
    },
    fill(v) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v === undefined || v === null ? '' : String(v));
      [day.input.value, month.input.value, year.input.value] = m ? [String(Number(m[3])), String(Number(m[2])), m[1]] : ['', '', ''];
    },
    problem() {
      if (inputs.every(i => i.value.trim() === '')) return null;
      const [d, mo, y] = inputs.map(i => i.value.trim());
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(mo) || !/^\d{4}$/.test(y)) return 'errDate';
      const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
      return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(mo) - 1 ? null : 'errDate';
    },
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
  const el = wrapper('div', 'field field-select', path, h('label', { for: id }, caption(key)), errorSlot(id), select);
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

/** Yes or no as two radios; neither ticked is "not answered", which the rules report as missing, never as "no". */
function boolField(path, key) {
  const id = idOf(path);
  const radio = (value, label) => {
    const input = h('input', { type: 'radio', id: id + '-' + label, name: path, value });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: input.id, 'data-i18n': label, text: t(label) })) };
  };
  const yes = radio('true', 'yes'), no = radio('false', 'no');
  const el = wrapper('fieldset', 'field radios', path, h('legend', {}, caption(key)), errorSlot(id), h('div', { class: 'inline' }, yes.el, no.el));
  el.id = id;
  return {
    el,
    read() { return yes.input.checked ? true : no.input.checked ? false : undefined; },
    fill(v) { yes.input.checked = v === true; no.input.checked = v === false; },
  };
}

/**
 * Boxes to tick among the contract's values, and "none of these": with nothing ticked the question is not answered
 * and left out of the JSON (the rules report it as missing); "none of these" sends an empty list.
 */
function checksField(path, key, values, prefix) {
  const id = idOf(path);
  const boxes = values.map(v => h('input', { type: 'checkbox', id: id + '-' + v, value: v, name: path }));
  const none = h('input', { type: 'checkbox', id: id + '-none', value: '', name: path });
  const el = wrapper('fieldset', 'checks', path, h('legend', {}, caption(key)), errorSlot(id),
    boxes.map((b, i) => h('div', { class: 'check' }, b, h('label', { for: b.id, 'data-i18n': prefix + '.' + values[i], text: t(prefix + '.' + values[i]) }))),
    h('p', { class: 'or', 'data-i18n': 'or', text: t('or') }),
    h('div', { class: 'check' }, none, h('label', { for: none.id, 'data-i18n': 'noneOfThese', text: t('noneOfThese') })));
  el.id = id;
  el.dataset.path = path;
  none.addEventListener('change', () => { if (none.checked) boxes.forEach(b => { b.checked = false; }); });
  boxes.forEach(b => b.addEventListener('change', () => { if (b.checked) none.checked = false; }));
  return {
    el,
    read() {
      const ticked = boxes.filter(b => b.checked).map(b => b.value);
      return ticked.length ? ticked : none.checked ? [] : undefined;
    },
    fill(v) {
      const given = Array.isArray(v) ? v : [];
      boxes.forEach(b => { b.checked = given.includes(b.value); });
      none.checked = Array.isArray(v) && v.length === 0;
    },
  };
}

/** Named parts as one JSON object; an object with nothing given is left out, and so is a part the call does not show. */
function group(path, key, parts, extra) {
  const id = idOf(path);
  const el = wrapper('fieldset', 'group', path, key ? h('legend', {}, caption(key)) : null, errorSlot(id), Object.values(parts).map(p => p.el), extra || null);
  el.id = id;
  el.dataset.path = path;
  return {
    el, parts,
    read() {
      const o = {};
      for (const [k, p] of Object.entries(parts)) { if (p.el.hidden) continue; const v = p.read(); if (v !== undefined) o[k] = v; }
      return Object.keys(o).length ? o : undefined;
    },
    fill(v) { for (const [k, p] of Object.entries(parts)) p.fill(v && typeof v === 'object' ? v[k] : undefined); },
  };
}

/** The legend of an item of a list: "Partner 2". */
function itemLegend(key, n) { return h('legend', { 'data-i18n': key, 'data-n': n, text: t(key, { n }) }); }

function organisation(path, key, n) {
  const g = group(path, null, {
    name: textField(path + '.name', 'name', 'text'),
    kind: enumField(path + '.kind', 'kind', ENUMS.kind, 'kind'),
    nis: textField(path + '.nis', 'nis', 'text', 'nisHint'),
    members: codesField(path + '.members', 'members', 'membersHint'),
    legalPersonality: boolField(path + '.legalPersonality', 'legalPersonality'),
    experience: checksField(path + '.experience', 'experience', ENUMS.experience, 'experience'),
  });
  if (key) g.el.prepend(itemLegend(key, n));
  return g;
}

/** An item just added: shown as a fresh form, not filled from a value. */
const NEW = Symbol('new item');

/**
 * Items of one kind, added and removed by buttons; each "remove" named by its item ("Partner 2 verwijderen"). With no
 * item the question is unanswered and left out of the JSON (MISSING where a rule needs it), unless "Geen partners" is
 * ticked: then it sends an empty list.
 */
function listField(path, key, itemKey, addKey, makeItem) {
  const id = idOf(path);
  const itemsHost = h('div', { class: 'items' });
  let items = [];
  const add = h('button', { type: 'button', class: 'secondary add', id: id + '-add', 'data-i18n': addKey, text: t(addKey) });
  const none = h('input', { type: 'checkbox', id: id + '-none', name: path });
  const noneBox = h('div', { class: 'check' }, none, h('label', { for: none.id, 'data-i18n': 'none.' + path, text: t('none.' + path) }));
  const el = wrapper('fieldset', 'list', path, h('legend', {}, caption(key)), errorSlot(id), itemsHost, noneBox, add);
  el.id = id;
  el.dataset.path = path;
  function render(values) {
    items = values.map((v, i) => {
      const item = makeItem(path + '[' + i + ']', itemKey, i + 1);
      if (v !== NEW) item.fill(v);
      const remove = h('button', { type: 'button', class: 'secondary remove', id: idOf(path + '[' + i + ']') + '-remove',
        'data-i18n': 'removeItem', 'data-item': itemKey, 'data-n': i + 1, text: t('removeItem', { n: t(itemKey, { n: i + 1 }) }) });
      remove.addEventListener('click', () => {
        const rest = items.map(x => x.read() || {}).filter((_, j) => j !== i);
        render(rest);
        (itemsHost.querySelector('button.remove') || add).focus();
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
      item.el.append(remove);
      return item;
    });
    itemsHost.replaceChildren(...items.map(x => x.el));
    noneBox.hidden = items.length > 0;
    if (items.length) none.checked = false;
    if (state.callRules) applyCall(state.callRules);
  }
  add.addEventListener('click', () => {
    render(items.map(x => x.read() || {}).concat([NEW]));
    const first = items[items.length - 1].el.querySelector('input, select, textarea');
    if (first) first.focus();
  });
  return {
    el,
    get items() { return items; },
    read() { return items.length ? items.map(x => x.read() || {}) : none.checked ? [] : undefined; },
    fill(v) { render(Array.isArray(v) ? v : []); none.checked = Array.isArray(v) && v.length === 0; },
  };
}

function trajectory(path, key, n) {
  const g = group(path, null, {
    form: enumField(path + '.form', 'form', ENUMS.form, 'form'),
    hoursPerParticipant: textField(path + '.hoursPerParticipant', 'hoursPerParticipant', 'hours'),
    justification: textField(path + '.justification', 'justification', 'textarea'),
  });
  g.el.prepend(itemLegend(key, n));
  return g;
}

function action(path, key, n) {
  const g = group(path, null, {
    title: textField(path + '.title', 'actionTitle', 'text'),
    concrete: boolField(path + '.concrete', 'concrete'),
    visible: boolField(path + '.visible', 'visible'),
  });
  g.el.prepend(itemLegend(key, n));
  return g;
}

/** The whole proposal, in the contract's order. */
function proposalForm(regions) {
  // polite, and written only when typing pauses (below): a screen reader hears the sums once, not on every key
  const financingSums = h('output', { id: 'financing-sums', class: 'sums', 'aria-live': 'polite', for: 'f-financing-totalCost f-financing-amif f-financing-vvsg f-financing-own' });
  const parts = {
    submittedOn: dateField('submittedOn', 'submittedOn'),
    title: textField('title', 'title', 'text'),
    applicant: organisation('applicant', null),
    coApplicants: listField('coApplicants', 'coApplicants', 'coApplicant', 'addCoApplicant', organisation),
    partners: listField('partners', 'partners', 'partner', 'addPartner', organisation),
    region: selectField('region', 'region', regions.map(r => [r.code, { text: r.code + ' – ' + r.name }])),
    period: group('period', 'period', { start: dateField('period.start', 'start'), end: dateField('period.end', 'end') }),
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
  parts.applicant.el.prepend(h('legend', {}, caption('applicant')));
  parts.period.el.classList.add('pair');
  const form = group('', null, parts);
  form.sums = financingSums;
  return form;
}

/**
 * Shows only the questions the chosen call's rules read: a field is shown when a rule needs it or something in it,
 * when a rule's text names its path, or when it belongs to an organisation, trajectory or action that is shown.
 * A shown field that no rule needs is marked "(optioneel)". The proposal's date and title are always asked.
 */
function applyCall(rules) {
  state.callRules = rules;
  const needs = rules.flatMap(r => r.needs || []);
  const text = JSON.stringify(rules);
  const needed = p => needs.some(n => n === p || n.startsWith(p + '.') || n.startsWith(p + '['));
  const items = /^(applicant|coApplicants\[\]|partners\[\]|trajectories\[\]|actions\[\])\./;
  const visible = {};
  const wrappers = [...state.form.el.querySelectorAll('[data-field]')].filter(el => el.dataset.field !== '');
  for (const el of wrappers) {
    const p = el.dataset.field;
    const parent = items.test(p) ? p.replace(/\.[^.]+$/, '') : null;
    const show = ['submittedOn', 'title'].includes(p) || needed(p) || (p.includes('.') && text.includes(p))
      || (parent !== null && (visible[parent] !== undefined ? visible[parent] : needed(parent.replace(/\[\]$/, ''))))
      || (/^period\./.test(p) && needed('period'));
    visible[p] = show;
    el.hidden = !show;
    const optional = el.querySelector(':scope > legend .optional, :scope > label .optional');
    // the submission date is always needed: it chooses the version of the rules
    if (optional) optional.hidden = !show || needed(p) || ['applicant', 'submittedOn'].includes(p);
  }
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
  const text = lines.join('\n');
  if (out.dataset.text === text) return;
  out.dataset.text = text;
  out.replaceChildren(...lines.map(l => h('span', { class: 'sum-line', text: l })));
}

/* ---------- the page ---------- */

const state = { calls: [], form: null, verdict: null, asked: null, titles: {}, errors: [], stale: false, rules: {} };
const SAVED = 'callcheck.form';

/** The element an error's field names: the field itself, else the nearest shown group that holds it. */
function fieldFor(path) {
  for (let p = path; p;) {
    const el = document.getElementById(idOf(p));
    if (el && !el.closest('[hidden]')) return el;
    const shorter = p.replace(/(\[\d+\]|\.[^.\[\]]+)$/, '');
    if (shorter === p) return null;
    p = shorter;
  }
  return null;
}

/** What a person focuses to fix an error at el: the field, or the first control of a group. */
function controlOf(el) { return el.matches('fieldset') ? el.querySelector('input, select, textarea, button') || el : el; }

/** The name of the question an element asks, as its label or legend says it. */
function questionOf(el) {
  const own = el.matches('fieldset') ? el.querySelector(':scope > legend > span[data-i18n]')
    : document.querySelector('label[for="' + el.id + '"] > span[data-i18n]');
  const item = el.closest('.items > fieldset');
  const itemName = item && item !== el ? item.querySelector(':scope > legend').textContent + ': ' : '';
  return itemName + (own ? own.textContent : el.id);
}

function clearErrors() {
  state.errors = [];
  document.querySelectorAll('.field-error').forEach(p => { p.hidden = true; p.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach(el => {
    el.removeAttribute('aria-invalid');
    const d = (el.getAttribute('aria-describedby') || '').split(' ').filter(x => x && !x.endsWith('-error')).join(' ');
    if (d) el.setAttribute('aria-describedby', d); else el.removeAttribute('aria-describedby');
  });
}

/** Marks the field at el with the message, and remembers it for the summary. */
function markError(el, message) {
  const slot = document.getElementById(el.id + '-error') || document.getElementById(el.id.replace(/-(day|month|year)$/, '') + '-error');
  if (slot) { slot.textContent = message; slot.hidden = false; }
  const target = el.matches('fieldset') && !el.querySelector(':scope > .date-parts') ? el : controlOf(el);
  target.setAttribute('aria-invalid', 'true');
  const described = (target.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  if (slot && !described.includes(slot.id)) target.setAttribute('aria-describedby', described.concat([slot.id]).join(' '));
  state.errors.push({ href: '#' + controlOf(el).id, text: message });
}

/** The checks the page makes before it sends: amounts, hours and dates it cannot read. */
function checkForm() {
  const walk = part => {
    if (part.el.hidden) return;
    if (part.problem) { const key = part.problem(); if (key) markError(part.el.id ? part.el : part.input, questionOf(part.el.id ? part.el : part.input) + ': ' + t(key)); }
    if (part.parts) Object.values(part.parts).forEach(walk);
    if (part.items) part.items.forEach(walk);
  };
  walk(state.form);
}

/** A service's 400 as the applicant reads it: the question, what is wrong, how to fix it; in the page's language. */
function serviceError(body) {
  const e = (body && body.error) || {};
  const el = e.field ? fieldFor(e.field) : null;
  const how = t('fix.' + e.code) !== 'fix.' + e.code ? t('fix.' + e.code) : t('fix.other');
  const what = TEXTS[lang()][e.code] ? t(e.code) : t('apiError');
  if (el) markError(el, questionOf(el) + ': ' + what + '. ' + how);
  else state.errors.push({ href: null, text: errorText(body) });
}

/** One summary at the top of the form, linking to every field in error (GOV.UK error summary). */
function renderErrors() {
  const host = document.getElementById('error-summary');
  if (!state.errors.length) { host.hidden = true; host.replaceChildren(); return; }
  host.hidden = false;
  host.replaceChildren(h('h2', { id: 'error-summary-title', text: t('errorSummary') }),
    h('ul', {}, state.errors.map(e => h('li', {}, e.href ? h('a', { href: e.href, text: e.text, onclick: ev => {
      ev.preventDefault();
      const target = document.querySelector(e.href);
      if (target) target.focus();
    } }) : e.text))));
  host.focus();
}

/** What the service keeps of the proposal, for how long, and whom to ask: as GET /v1/calls says (its service). */
function keptText(id) {
  const about = state.service || {};
  return h('div', { id: 'kept' },
    h('p', { text: !about.storesDecisions ? t('keptNot') : about.keepsProposalsDays ? t('keptDays', { days: about.keepsProposalsDays, id })
      : t('keptAlways', { id }) }),
    h('p', { text: about.contact ? t('serviceContact', { contact: about.contact }) : t('noContact') }));
}

function renderResult() {
  const host = document.getElementById('result');
  if (!state.verdict) { host.replaceChildren(); return; }
  const v = state.verdict;
  const call = state.calls.find(c => c.id === v.call);
  host.replaceChildren(...[
    state.stale ? h('p', { id: 'stale-banner', class: 'stale', role: 'status', text: t('stale') }) : null,
    h('div', { class: 'notice', id: 'notice' },
      h('p', { class: 'notice-title' }, h('strong', { text: t('indicative') })),
      h('p', { text: t('owner', { programme: call && call.programme ? (lang() === 'nl' && call.programmeNl) || call.programme : v.call }) }),
      h('p', { text: t('contact') }),
      keptText(v.decisionId)),
    renderVerdict(v, state.asked, state.titles[v.call + '/' + v.version]),
    h('div', { class: 'buttons no-print' },
      h('button', { type: 'button', id: 'download-verdict', class: 'secondary', text: t('downloadVerdict'), onclick: downloadVerdict }),
      h('button', { type: 'button', id: 'print', class: 'secondary', text: t('print'), onclick: () => window.print() }))].filter(Boolean));
  host.classList.toggle('is-stale', state.stale);
}

async function rulesOf(call, version) {
  const key = call + '/' + (version || '');
  if (!state.rules[key]) {
    const r = await api('/v1/calls/' + encodeURIComponent(call) + '/rules' + (version ? '?version=' + encodeURIComponent(version) : ''));
    state.rules[key] = r.status === 200 ? r.body : { rules: [] };
  }
  return state.rules[key];
}

async function ruleTitles(call, version) {
  const key = call + '/' + version;
  if (!state.titles[key]) state.titles[key] = titlesOf((await rulesOf(call, version)).rules);
}

function proposalJson() { return toJson(state.form.read() || {}); }

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const call = document.getElementById('f-call').value;
  if (!call) markError(document.getElementById('f-call'), t('call') + ': ' + t('errCall'));
  else checkForm();
  if (state.errors.length) { renderErrors(); return; }
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
    state.stale = false;
    state.asked = plain(state.form.parts.financing.read() || {});
    renderErrors();
    renderResult();
    document.getElementById('verdict-title').focus();
  } else {
    state.verdict = null;
    serviceError(r.body);
    renderResult();
    renderErrors();
  }
}

function save(name, text) {
  const a = h('a', { href: URL.createObjectURL(new Blob([text + '\n'], { type: 'application/json' })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function download() { save('proposal-' + document.getElementById('f-call').value + '.json', proposalJson()); }

/** The verdict as the service gave it, to keep beside the proposal. */
function downloadVerdict() { save('verdict-' + state.verdict.call + '-' + state.verdict.decisionId + '.json', JSON.stringify(state.verdict, null, 2)); }

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
  // another proposal: the verdict and the errors of the last one no longer apply
  state.verdict = null;
  clearErrors();
  renderErrors();
  renderResult();
  update();
}

/** What was typed, kept for this tab until "Formulier leegmaken": a reload loses nothing. */
function remember() {
  const call = document.getElementById('f-call').value;
  sessionStorage.setItem(SAVED, JSON.stringify({ call, version: document.getElementById('f-version').value, proposal: proposalJson() }));
}

let sumsTimer = null;
function update() {
  // the sums wait until typing pauses, so that a screen reader announces them once
  clearTimeout(sumsTimer);
  sumsTimer = setTimeout(() => showSums(state.form.sums, state.form.parts.financing.read()), 500);
  const preview = document.getElementById('json-preview');
  if (preview) preview.textContent = proposalJson();
  remember();
}

/** Any change to the form makes the verdict beside it one of an earlier form. */
function changed() {
  if (state.verdict && !state.stale) { state.stale = true; renderResult(); }
  update();
}

function fillVersions(callId) {
  const call = state.calls.find(c => c.id === callId);
  const select = document.getElementById('f-version');
  select.replaceChildren(h('option', { value: '', 'data-i18n': 'versionAuto', text: t('versionAuto') }),
    ...(call ? call.versions.map(v => h('option', { value: v.version, text: v.version + ' (' + v.submissions.from + ' – ' + (v.submissions.until || '…') + ')' })) : []));
  const link = document.getElementById('call-link');
  link.hidden = !call;
  if (call) link.href = '/calls/' + encodeURIComponent(callId);
}

/** The questions of the chosen call (its newest version, or the one chosen): the form appears once a call is chosen. */
async function chooseCall() {
  const call = document.getElementById('f-call').value;
  const section = document.getElementById('proposal-section');
  const form = document.getElementById('proposal-form');
  if (!call) { section.hidden = true; delete form.dataset.call; return; }
  const rules = await rulesOf(call, document.getElementById('f-version').value);
  applyCall(rules.rules);
  section.hidden = false;
  form.dataset.call = call;
}

function clearForm() {
  sessionStorage.removeItem(SAVED);
  state.form.fill({});
  state.verdict = null;
  clearErrors();
  renderErrors();
  renderResult();
  document.getElementById('file-status').textContent = t('cleared');
  update();
}

async function main() {
  const callsAnswer = await startPage();
  const host = document.getElementById('form-host');
  if (!callsAnswer || callsAnswer.status !== 200) {
    host.replaceChildren(h('p', { class: 'alert', role: 'alert', text: errorText(callsAnswer && callsAnswer.body) }));
    return;
  }
  state.calls = callsAnswer.body.calls;
  state.service = callsAnswer.body.service;
  const regionsAnswer = await api('/v1/reference/regions');
  const regions = regionsAnswer.status === 200 ? regionsAnswer.body.regions : [];
  state.form = proposalForm(regions);
  const callSelect = h('select', { id: 'f-call', name: 'call', 'aria-describedby': 'f-call-hint' },
    h('option', { value: '', 'data-i18n': 'chooseCall', text: t('chooseCall') }),
    state.calls.map(c => h('option', { value: c.id, text: c.id + ' – ' + c.title })));
  const fileInput = h('input', { type: 'file', id: 'f-file', accept: '.json,application/json', 'aria-describedby': 'f-file-hint file-status' });
  const form = h('form', { id: 'proposal-form', novalidate: true },
    h('div', { id: 'error-summary', class: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': 'error-summary-title', hidden: true }),
    h('fieldset', { class: 'group call' },
      h('legend', { 'data-i18n': 'call', text: t('call') }),
      h('div', { class: 'field' }, h('label', { for: 'f-call', 'data-i18n': 'call', text: t('call') }),
        h('p', { class: 'hint', id: 'f-call-hint', 'data-i18n': 'callHint', text: t('callHint') }), h('p', { class: 'field-error', id: 'f-call-error', hidden: true }), callSelect),
      h('div', { class: 'field' }, h('label', { for: 'f-version', 'data-i18n': 'version', text: t('version') }), h('select', { id: 'f-version', name: 'version' })),
      h('p', {}, h('a', { id: 'call-link', href: '#', 'data-i18n': 'callRules', text: t('callRules'), hidden: true }))),
    h('div', { id: 'proposal-section', hidden: true },
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
        h('button', { type: 'button', id: 'clear', class: 'secondary', 'data-i18n': 'clear', text: t('clear'), onclick: clearForm }),
        h('span', { id: 'status', class: 'status', role: 'status' })),
      h('details', { class: 'json' }, h('summary', { 'data-i18n': 'showJson', text: t('showJson') }), h('pre', { id: 'json-preview' }))));
  host.replaceChildren(form);
  form.addEventListener('submit', submit);
  state.form.el.addEventListener('input', changed);
  state.form.el.addEventListener('change', changed);
  state.form.el.addEventListener('click', e => { if (e.target.matches('button')) setTimeout(changed, 0); });
  callSelect.addEventListener('change', () => { fillVersions(callSelect.value); chooseCall().then(changed); });
  document.getElementById('f-version').addEventListener('change', () => chooseCall().then(changed));
  fileInput.addEventListener('change', () => { if (fileInput.files[0]) loadFile(fileInput.files[0]); });
  form.addEventListener('dragover', e => { e.preventDefault(); form.classList.add('dropping'); });
  form.addEventListener('dragleave', () => form.classList.remove('dropping'));
  form.addEventListener('drop', e => {
    e.preventDefault();
    form.classList.remove('dropping');
    if (e.dataTransfer.files[0]) loadFile(e.dataTransfer.files[0]);
  });
  const saved = JSON.parse(sessionStorage.getItem(SAVED) || 'null');
  const wanted = new URLSearchParams(location.search).get('call') || (saved && saved.call);
  if (wanted && state.calls.some(c => c.id === wanted)) callSelect.value = wanted;
  fillVersions(callSelect.value);
  if (saved) {
    if (saved.version) document.getElementById('f-version').value = saved.version;
    try { state.form.fill(JSON.parse(saved.proposal)); } catch (e) { sessionStorage.removeItem(SAVED); }
  }
  await chooseCall();
  update();
  onLanguage(() => { showSums(state.form.sums, state.form.parts.financing.read()); renderResult(); if (state.errors.length) renderErrors(); });
}

document.addEventListener('DOMContentLoaded', main);
