/* On the page /calls/{call}: the impact of a version on the decisions the service recorded (POST
   /v1/calls/{call}/impact, token with the scope read). An analyst picks a version; the run's progress shows as it
   goes (the NDJSON lines), then the verdict transitions as bars (SVG, with the numbers in a table beside), the rules
   that find more or less, the allowed subsidy before and after, and the changed decisions a page at a time (the
   answer's cursor). A window (decided from, decided before) limits the decisions replayed. Kept apart from
   call.js, in a function of its own so that its names stay its own. */
'use strict';

(() => {
  addTexts({
    nl: {
      impTitle: 'Impact op de bewaarde beslissingen', impIntro: 'Elke bewaarde beslissing van deze oproep opnieuw genomen met een versie: wat zou er veranderen? Vraagt een token met het recht read.',
      impVersion: 'Versie om mee te toetsen', impRun: 'Impact tonen', impProgress: 'Voortgang', impProgressText: '{n} van {m} beslissingen opnieuw genomen',
      impSummary: '{d} beslissingen, {c} veranderen (oordeel, bevindingen of financieringsplan); {e} overgeslagen (voorstel gewist), {f} mislukt.',
      impTransitions: 'Van oordeel naar oordeel', impFrom: 'Oordeel toen', impTo: 'Oordeel met versie {v}', impCount: 'Beslissingen',
      impPicture: '{n} overgangen van oordeel; {c} beslissingen krijgen een ander oordeel', impSame: 'ongewijzigd',
      impRules: 'Regels die meer of minder vinden', impRule: 'Regel', impAdded: 'Vindt nu iets (toegevoegd)', impRemoved: 'Vindt niets meer (weggevallen)',
      impNoRules: 'Geen regel vindt meer of minder.', impFinancing: 'Toegestane subsidie, opgeteld', impBefore: 'Toen', impAfter: 'Met versie {v}',
      impChanged: 'Eerste veranderde beslissingen', impDecision: 'Beslissing', impNone: 'Er zijn geen bewaarde beslissingen voor deze oproep.',
      impUnauthorized: 'Het token werd niet aanvaard (401). Geef een geldig token.', impForbidden: 'Dit token mag geen beslissingen lezen (recht read ontbreekt). Geef een ander token.',
      impWindowFrom: 'Beslist vanaf (leeg: alle)', impWindowTo: 'Beslist vóór (leeg: tot nu)', impPageSize: 'Veranderde beslissingen per pagina',
      impPage: 'Veranderde beslissingen {a} tot {b} van {c}', impNext: 'Volgende veranderde beslissingen', impFirst: 'Terug naar de eerste',
    },
    en: {
      impTitle: 'Impact on the recorded decisions', impIntro: 'Every recorded decision of this call taken again with a version: what would change? Needs a token with the scope read.',
      impVersion: 'Version to replay on', impRun: 'Show the impact', impProgress: 'Progress', impProgressText: '{n} of {m} decisions replayed',
      impSummary: '{d} decisions, {c} change (verdict, findings or financing plan); {e} skipped (proposal erased), {f} failed.',
      impTransitions: 'From verdict to verdict', impFrom: 'Verdict then', impTo: 'Verdict with version {v}', impCount: 'Decisions',
      impPicture: '{n} verdict transitions; {c} decisions get another verdict', impSame: 'unchanged',
      impRules: 'Rules that find more or less', impRule: 'Rule', impAdded: 'Finds something now (added)', impRemoved: 'Finds nothing any more (removed)',
      impNoRules: 'No rule finds more or less.', impFinancing: 'Allowed subsidy, summed', impBefore: 'Then', impAfter: 'With version {v}',
      impChanged: 'First changed decisions', impDecision: 'Decision', impNone: 'There are no recorded decisions for this call.',
      impUnauthorized: 'The token was not accepted (401). Give a valid token.', impForbidden: 'This token may not read decisions (no scope read). Give another token.',
      impWindowFrom: 'Decided from (empty: all)', impWindowTo: 'Decided before (empty: until now)', impPageSize: 'Changed decisions a page',
      impPage: 'Changed decisions {a} to {b} of {c}', impNext: 'Next changed decisions', impFirst: 'Back to the first',
    },
  });

  const callId = decodeURIComponent(location.pathname.split('/')[2] || '');
  const state = { versions: [], version: null, progress: null, result: null, problem: null, askToken: false, running: false,
    from: '', to: '', limit: '25', after: null, shownBefore: 0 };
  /** Page sizes offered for the changed decisions (the API's limit; it allows up to 1000). */
  const PAGE_SIZES = ['10', '25', '100'];
  /** Bar colours by the verdict replayed; text stays outside the bars, in the page's colour. */
  const COLOURS = { ELIGIBLE: '#1b7a3d', INELIGIBLE: '#b3261e', INCOMPLETE: '#8a5a00' };
  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (k === 'text') el.textContent = v; else el.setAttribute(k, v);
    for (const c of children) el.append(c);
    return el;
  }

  /** The transitions as horizontal bars, one a row, the changed ones first, each bar as long as its count. */
  function picture(result, version) {
    const rows = result.transitions.slice().sort((a, b) => (a.from === a.to) - (b.from === b.to) || b.count - a.count);
    const max = Math.max(1, ...rows.map(r => r.count));
    // Each row: the transition in words on a line of its own (words of any length fit), its bar under it.
    const rowHeight = 46, barWidth = 560, width = barWidth + 80;
    const changedVerdicts = rows.filter(r => r.from !== r.to).reduce((n, r) => n + r.count, 0);
    const label = t('impPicture', { n: rows.length, c: changedVerdicts });
    const chart = svg('svg', { id: 'impact-picture', role: 'img', 'aria-labelledby': 'impact-picture-title', viewBox: '0 0 ' + width + ' ' + (rows.length * rowHeight + 4),
      width: '100%', preserveAspectRatio: 'xMinYMin meet' }, svg('title', { id: 'impact-picture-title', text: label }));
    rows.forEach((r, i) => {
      const y = i * rowHeight;
      const w = Math.max(2, Math.round(barWidth * r.count / max));
      const same = r.from === r.to;
      chart.append(
        svg('text', { x: 0, y: y + 15, 'font-size': 14, fill: '#1a1a1a', text: t(r.from) + ' → ' + t(r.to) + (same ? ' (' + t('impSame') + ')' : '') }),
        svg('rect', { x: 0, y: y + 21, width: w, height: 16, rx: 2, fill: same ? '#9aa0a6' : COLOURS[r.to] || '#555',
          'data-from': r.from, 'data-to': r.to, 'data-count': r.count, class: 'impact-bar' }),
        svg('text', { x: w + 6, y: y + 34, 'font-size': 14, fill: '#1a1a1a', text: String(r.count) }));
    });
    return h('figure', { class: 'impact-figure' }, chart, h('figcaption', { class: 'hint', text: label + ' (' + version + ')' }));
  }

  function table(id, heads, rows) {
    return h('div', { class: 'table-scroll' }, h('table', { id },
      h('thead', {}, h('tr', {}, heads.map(x => h('th', { scope: 'col', text: x })))), h('tbody', {}, rows)));
  }

  function renderResult(r, version) {
    const changedRows = r.changedDecisions.map(c => h('tr', { dataset: { decision: c.decisionId } },
      h('th', { scope: 'row' }, h('a', { href: '/decisions/' + encodeURIComponent(c.decisionId) }, h('code', { text: c.decisionId }))),
      h('td', { text: t(c.from) }), h('td', { text: t(c.to) }),
      h('td', { text: c.rulesAdded.join(', ') }), h('td', { text: c.rulesRemoved.join(', ') })));
    return h('div', { id: 'impact-result', dataset: { version } },
      h('p', { id: 'impact-summary', text: t('impSummary', { d: r.decisions, c: r.changed, e: r.skipped.proposalErased, f: r.skipped.failed }) }),
      r.decisions === 0 ? h('p', { text: t('impNone') }) : [
        h('h3', { text: t('impTransitions') }),
        picture(r, version),
        table('impact-transitions', [t('impFrom'), t('impTo', { v: version }), t('impCount')], r.transitions.map(x =>
          h('tr', { dataset: { from: x.from, to: x.to } }, h('td', { text: t(x.from) }), h('td', { text: t(x.to) }), h('td', { class: 'num', text: String(x.count) })))),
        h('h3', { text: t('impRules') }),
        r.rules.length === 0 ? h('p', { text: t('impNoRules') }) : table('impact-rules', [t('impRule'), t('impAdded'), t('impRemoved')], r.rules.map(x =>
          h('tr', { dataset: { rule: x.rule } }, h('th', { scope: 'row', text: x.rule }), h('td', { class: 'num', text: String(x.added) }),
            h('td', { class: 'num', text: String(x.removed) })))),
        h('h3', { text: t('impFinancing') }),
        h('dl', { class: 'meta', id: 'impact-financing' }, h('dt', { text: t('impBefore') }), h('dd', { text: money(r.financing.maxSubsidyBefore) }),
          h('dt', { text: t('impAfter', { v: version }) }), h('dd', { text: money(r.financing.maxSubsidyAfter) })),
        changedRows.length ? h('h3', { id: 'impact-page', text: t('impPage', { a: state.shownBefore + 1, b: state.shownBefore + changedRows.length, c: r.changed }) }) : null,
        changedRows.length ? table('impact-changed', [t('impDecision'), t('impFrom'), t('impTo', { v: version }), t('impAdded'), t('impRemoved')],
          changedRows) : null,
        pager(r),
      ]);
  }

  /** The next page of changed decisions replays the window again from the answer's cursor (the counts stay the whole window's). */
  function pager(r) {
    const buttons = [];
    if (r.next) {
      const next = h('button', { type: 'button', id: 'impact-next', disabled: state.running, text: t('impNext') });
      next.addEventListener('click', () => run(r.next, state.shownBefore + r.changedDecisions.length));
      buttons.push(next);
    }
    if (state.after) {
      const first = h('button', { type: 'button', id: 'impact-first', disabled: state.running, text: t('impFirst') });
      first.addEventListener('click', () => run(null, 0));
      buttons.push(first);
    }
    return buttons.length ? h('div', { class: 'group' }, buttons) : null;
  }

  /** A date field of the window; its value is kept in the state as typed (YYYY-MM-DD, as the API takes it). */
  function dateField(id, key, label) {
    const input = h('input', { id, name: key, type: 'date', value: state[key] });
    input.addEventListener('change', () => { state[key] = input.value; });
    return h('div', { class: 'field' }, h('label', { for: id, text: label }), input);
  }

  function render() {
    const host = document.getElementById('impact-host');
    if (!host || state.versions.length === 0) return;
    const select = h('select', { id: 'impact-version', name: 'version' },
      state.versions.map(v => h('option', { value: v, selected: v === state.version, text: v })));
    select.addEventListener('change', () => { state.version = select.value; });
    const pageSize = h('select', { id: 'impact-limit', name: 'limit' }, PAGE_SIZES.map(n => h('option', { value: n, selected: n === state.limit, text: n })));
    pageSize.addEventListener('change', () => { state.limit = pageSize.value; });
    const form = h('form', { id: 'impact-form', class: 'group' },
      h('div', { class: 'field' }, h('label', { for: 'impact-version', text: t('impVersion') }), select),
      dateField('impact-from', 'from', t('impWindowFrom')), dateField('impact-to', 'to', t('impWindowTo')),
      h('div', { class: 'field' }, h('label', { for: 'impact-limit', text: t('impPageSize') }), pageSize),
      h('button', { type: 'submit', class: 'primary', disabled: state.running, text: t('impRun') }));
    form.addEventListener('submit', e => { e.preventDefault(); run(null, 0); });
    const parts = [h('h2', { id: 'impact-title', text: t('impTitle') }), h('p', { class: 'hint', text: t('impIntro') })];
    if (state.problem) parts.push(h('p', { class: 'alert', role: 'alert', id: 'impact-error', text: state.problem() }));
    if (!sessionStorage.getItem(TOKEN_KEY) || state.askToken) parts.push(tokenForm(() => { state.askToken = false; state.problem = null; render(); }));
    else parts.push(form);
    if (state.progress) {
      const [n, m] = state.progress;
      parts.push(h('div', { class: 'field', id: 'impact-progress-field' },
        h('label', { for: 'impact-progress', text: t('impProgress') }),
        h('progress', { id: 'impact-progress', max: Math.max(1, m), value: n }),
        h('p', { class: 'hint', role: 'status', text: t('impProgressText', { n, m }) })));
    }
    if (state.result) parts.push(renderResult(state.result, state.resultVersion));
    host.replaceChildren(h('section', { 'aria-labelledby': 'impact-title', class: 'impact' }, parts));
  }

  /**
   * Asks for the impact as NDJSON and shows each progress line as it arrives, then the answer: the changed decisions
   * after the cursor {@code after} (null: from the first), {@code shownBefore} of them on the pages before.
   */
  async function run(after, shownBefore) {
    const version = state.version;
    state.after = after;
    state.shownBefore = shownBefore;
    state.running = true;
    state.problem = null;
    state.result = null;
    state.progress = null;
    render();
    try {
      const query = new URLSearchParams({ version, limit: state.limit });
      if (state.from) query.set('from', state.from);
      if (state.to) query.set('to', state.to);
      if (after) query.set('after', after);
      const res = await fetch('/v1/calls/' + encodeURIComponent(callId) + '/impact?' + query, {
        method: 'POST', headers: { Accept: 'application/x-ndjson', Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) } });
      if (res.status !== 200) {
        let body = null;
        try { body = await res.json(); } catch (e) { body = { error: { code: 'http_' + res.status, message: res.statusText } }; }
        if (res.status === 401) { state.problem = () => t('impUnauthorized'); state.askToken = true; }
        else if (res.status === 403) { state.problem = () => t('impForbidden'); state.askToken = true; }
        else state.problem = () => errorText(body);
        return;
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
          const line = buffered.slice(0, i).trim();
          buffered = buffered.slice(i + 1);
          if (!line) continue;
          const o = JSON.parse(line);
          if (o.progress) { state.progress = [o.progress.replayed, o.progress.decisions]; render(); }
          else if (o.impact) { state.result = o.impact; state.resultVersion = version; }
          else if (o.error) state.problem = () => errorText(o);
        }
      }
    } catch (e) {
      state.problem = () => t('networkError');
    } finally {
      state.running = false;
      render();
      const focus = document.getElementById('impact-error') || document.getElementById('impact-summary');
      if (focus) { focus.setAttribute('tabindex', '-1'); focus.focus(); }
    }
  }

  async function start() {
    const r = await api('/v1/calls/' + encodeURIComponent(callId));
    if (r.status !== 200) return; // call.js says what is wrong with the call
    state.versions = r.body.versions.map(v => v.version);
    state.version = state.versions[state.versions.length - 1];
    render();
    onLanguage(render);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
