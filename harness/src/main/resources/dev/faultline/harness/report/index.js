// The store's list of runs, from the JSON StoreIndex embedded above: one row per run, newest first.
'use strict';
const RUNS = JSON.parse(document.getElementById('store-data').textContent);
const WORDS = { true: 'valid', false: 'INVALID', unknown: 'unknown', unchecked: 'not checked' };

function cell(content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content === undefined || content === null ? '' : String(content);
  return td;
}

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function render(filter) {
  const table = document.getElementById('runs');
  table.replaceChildren();
  const head = table.insertRow();
  for (const name of ['verdict', 'test', 'started', 'target', 'workload', 'nemesis', 'bugs', 'seed', 'outcome', '']) {
    const th = document.createElement('th');
    th.textContent = name;
    head.append(th);
  }
  for (const run of RUNS) {
    const text = JSON.stringify(run);
    if (filter && !text.includes(filter)) continue;
    const row = table.insertRow();
    const badge = document.createElement('span');
    badge.className = 'badge v-' + (run.valid || 'unknown');
    badge.textContent = run.problem ? '?' : WORDS[run.valid] || run.valid;
    const links = document.createElement('span');
    if (run.report) links.append(link(run.path + '/report.html', 'report'), ' ');
    links.append(link(run.path + '/', 'files'));
    row.append(cell(badge), cell(run.test), cell(run['start-time'] || run.stamp), cell(run.target), cell(run.workload),
      cell((run.nemesis || []).join(',')), cell((run.bugs || []).join(',')), cell(run.seed),
      cell(run.problem || run.outcome), cell(links));
  }
}

document.getElementById('filter').addEventListener('input', event => render(event.target.value));
render('');
document.documentElement.dataset.ready = 'true';
