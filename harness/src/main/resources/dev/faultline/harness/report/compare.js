// faultline comparison page. Draws the matrix of compare.json (embedded above, prepared by
// dev.faultline.harness.compare.ComparisonJson): one row per system, one column per model, each
// invalid cell linking to its first witness in that run's report.html, its explanation on hover.
'use strict';
const COMPARE = JSON.parse(document.getElementById('compare-data').textContent);
const WORDS = { true: 'valid', false: 'INVALID', unknown: 'unknown' };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name === 'class' ? 'class' : name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function cell(system, model) {
  if (system.failure) return el('td', { title: system.failure }, el('span', { class: 'badge v-unknown' }, 'run failed'));
  const verdict = system.verdicts.find(v => v.model === model);
  if (!verdict) return el('td', {}, '—');
  const word = WORDS[String(verdict.valid)];
  const badge = el('span', { class: 'badge v-' + String(verdict.valid) }, word + (verdict.valid === false ? ' ' + verdict.anomalies : ''));
  if (verdict.witness) {
    const title = `${verdict.witness.type}: ${verdict.witness.explanation}`;
    return el('td', { class: 'cell', title }, el('a', { href: verdict.witness.link, class: 'witness-link' }, badge));
  }
  // Without a witness the cell leads to the verdict's statistics (or its cause) in the run's report.
  const target = system.report ? el('a', { href: system.report + '#checkers' }, badge) : badge;
  return el('td', { class: 'cell', title: verdict.cause || '' }, target);
}

function renderMatrix() {
  const body = document.querySelector('#matrix .body');
  const table = el('table', { id: 'matrix-table' },
    el('tr', {}, el('th', {}, 'system'), COMPARE.models.map(model => el('th', {}, model)), el('th', {}, 'strongest model kept'), el('th', {}, 'run')),
    COMPARE.systems.map(system => el('tr', { 'data-label': system.label },
      el('td', {}, el('b', {}, system.label), system.label !== system.spec ? el('div', { class: 'note mono' }, system.spec) : null),
      COMPARE.models.map(model => cell(system, model)),
      el('td', { class: 'strongest' }, system.strongest),
      el('td', {}, system.report ? el('a', { href: system.report }, 'report') : null, ' ',
        system.run ? el('a', { href: system.run + '/' }, 'files') : null))));
  body.append(table, el('p', { class: 'note' }, 'Hover an INVALID cell for its first anomaly; click it for the witness in that run\'s report.'));
  for (const note of [...COMPARE.notes, COMPARE.note]) body.append(el('p', { class: 'note' }, note));
  if (COMPARE.expectations.length) {
    body.append(el('h3', {}, 'Expectations'), el('table', {}, COMPARE.expectations.map(e => el('tr', {},
      el('td', {}, `${e.label} keeps ${e.model}`),
      el('td', {}, el('span', { class: 'badge v-' + ({ kept: 'true', broken: 'false' }[e.outcome] || 'unknown') }, e.outcome))))));
  }
}

function renderSettings() {
  const body = document.querySelector('#settings .body');
  body.append(el('pre', {}, COMPARE.command),
    el('table', { class: 'kv' }, Object.entries(COMPARE.settings).map(([name, value]) =>
      el('tr', {}, el('th', {}, name), el('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))))));
}

try {
  renderMatrix();
  renderSettings();
} catch (error) {
  const box = document.getElementById('problems');
  box.hidden = false;
  box.append(el('div', {}, 'the page failed: ' + error.message));
}
document.documentElement.dataset.ready = 'true';
