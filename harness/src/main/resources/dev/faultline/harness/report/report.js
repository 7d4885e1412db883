// faultline run report. Reads DATA (prepared by dev.faultline.harness.report.ReportModel) and draws
// every section. No framework and no network: canvas for the charts that hold one mark per
// operation (100,000 of them stay cheap), SVG for the small witness pictures. All time charts share
// one view of time, so zooming or panning one moves them all.
'use strict';

const REPORT = { ready: false, errors: [], renderedOps: 0, witnessesDrawn: 0 };
window.faultlineReport = REPORT;
window.addEventListener('error', event => problem('script error: ' + event.message));

const DATA = JSON.parse(document.getElementById('report-data').textContent);
const OPS = DATA.ops;
const OUTCOMES = ['ok', 'fail', 'info', 'open'];
const OUTCOME_COLOR = ['#2f7fd8', '#e0529c', '#f09a1a', '#f09a1a'];
const FAULT_COLOR = { partition: '#d62728', kill: '#444444', pause: '#8e44ad', clock: '#16a085',
  'power-loss': '#8c564b', link: '#e67e22', disk: '#7f7f7f' };
const ROLE_COLOR = { leader: '#1f8a3b', follower: '#9fd3a8', candidate: '#f2b01e', 'pre-candidate': '#f7d58a',
  unreachable: '#c8c8c8', single: '#1f8a3b' };
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const TIMED = DATA.timeUnit === 'micros';
const END = Math.max(1, DATA.end);
// The run's clock starts before its cluster does: the whole run is shown from the first event on.
const BEGIN = Math.min(DATA.begin, END - 1);

// ---- small helpers ---------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function problem(text) {
  REPORT.errors.push(text);
  const box = document.getElementById('problems');
  box.hidden = false;
  box.append(el('div', {}, text));
}

function fmtTime(t) {
  return TIMED ? (t / 1e6).toFixed(t < 1e7 ? 3 : 2) + ' s' : 'event ' + Math.round(t);
}

function fmtDuration(t) {
  if (!TIMED) return Math.round(t) + ' events';
  if (t < 1000) return t.toFixed(0) + ' µs';
  if (t < 1e6) return (t / 1000).toFixed(t < 1e4 ? 2 : 1) + ' ms';
  return (t / 1e6).toFixed(2) + ' s';
}

function fmtNumber(x) {
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4);
}

function badge(valid) {
  const words = { true: 'valid', false: 'INVALID', unknown: 'unknown', unchecked: 'not checked', none: 'no anomaly found' };
  return el('span', { class: 'badge v-' + valid }, words[valid] || valid);
}

function colorOf(name, table) {
  if (table[name]) return table[name];
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

const fColor = f => PALETTE[f % PALETTE.length];
const opEnd = id => (OPS.end[id] < 0 ? END : OPS.end[id]);

function describeOp(id) {
  const f = OPS.fs[OPS.f[id]];
  const key = OPS.key[id] >= 0 ? ' ' + OPS.keys[OPS.key[id]] : '';
  // A read's argument is nil: show what it returned instead of "nil → [1 2]".
  const shown = OPS.result[id] === null ? OPS.value[id]
    : OPS.value[id] === 'nil' ? OPS.result[id] : `${OPS.value[id]} → ${OPS.result[id]}`;
  return `p${OPS.process[id]} ${f}${key} ${shown}`;
}

function opDetails(id) {
  const outcome = OUTCOMES[OPS.outcome[id]];
  const lines = [
    el('div', {}, el('b', {}, describeOp(id))),
    el('div', {}, `${outcome === 'open' ? 'never completed (indeterminate)' : outcome}` +
      (OPS.end[id] >= 0 ? `, latency ${fmtDuration(OPS.end[id] - OPS.start[id])}` : '')),
    el('div', {}, `invoked ${fmtTime(OPS.start[id])}` + (OPS.end[id] >= 0 ? `, completed ${fmtTime(OPS.end[id])}` : '')),
    el('div', {}, `op ${OPS.invoke[id]}` + (OPS.complete[id] >= 0 ? ` / ${OPS.complete[id]}` : '') +
      (OPS.node[id] >= 0 ? `, node ${OPS.nodes[OPS.node[id]]}` : '') + (FINAL.has(id) ? ', final read' : ''))];
  if (OPS.errors[id] !== undefined) lines.push(el('div', {}, 'error: ' + OPS.errors[id]));
  return lines;
}

const FINAL = new Set(OPS.final);
const ID_OF_INDEX = new Map();
for (let id = 0; id < OPS.count; id++) {
  ID_OF_INDEX.set(OPS.invoke[id], id);
  if (OPS.complete[id] >= 0) ID_OF_INDEX.set(OPS.complete[id], id);
}

function opLink(index) {
  return el('a', { class: 'op', href: '#op-' + index, title: 'show in the timeline' }, String(index));
}

const tooltip = document.getElementById('tooltip');
function showTooltip(event, content) {
  tooltip.replaceChildren(...content);
  tooltip.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
  const y = event.clientY + 16 + tooltip.offsetHeight > window.innerHeight ? event.clientY - tooltip.offsetHeight - 8 : event.clientY + 16;
  tooltip.style.left = x + 'px';
  tooltip.style.top = y + 'px';
}
function hideTooltip() { tooltip.hidden = true; }

// ---- the shared view of time -----------------------------------------------------------------

const view = { t0: BEGIN, t1: END, charts: [], pending: false };

function setView(t0, t1) {
  const minSpan = TIMED ? 10 : 2;
  const whole = END - BEGIN;
  const span = Math.max(minSpan, Math.min(whole * 1.05, t1 - t0));
  t0 = Math.max(BEGIN - whole * 0.025, Math.min(t0, END + whole * 0.025 - span));
  view.t0 = t0;
  view.t1 = t0 + span;
  redrawAll();
}

function redrawAll() {
  if (view.pending) return;
  view.pending = true;
  requestAnimationFrame(() => {
    view.pending = false;
    for (const chart of view.charts) chart.draw();
    document.querySelector('#timeline .view-range').textContent = `${fmtTime(view.t0)} – ${fmtTime(view.t1)}`;
  });
}

// A loop, not Math.min(...ids): a key may have more operations than a call may have arguments.
function focusOnOps(ids) {
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const id of ids) {
    t0 = Math.min(t0, OPS.start[id]);
    t1 = Math.max(t1, opEnd(id));
  }
  focusOn(t0, t1);
}

function focusOn(t0, t1) {
  const pad = Math.max((t1 - t0) * 0.3, TIMED ? 2000 : 3);
  setView(t0 - pad, t1 + pad);
}

// A canvas chart on the shared time axis: sizes itself to its container, zooms on the wheel, pans
// on drag, resets on double-click, and reports hover and clicks in chart coordinates.
function makeChart(container, options) {
  const chart = { left: 64, right: 12, top: options.top || 4, bottom: 22, height: options.height, ...options };
  const canvas = el('canvas');
  const holder = options.scrollHeight ? el('div', { class: 'timeline-scroll' }) : null;
  container.classList.add('chart');
  if (holder) {
    holder.append(canvas, chart.spacer = el('div'));
    container.append(holder);
    holder.addEventListener('scroll', () => chart.draw());
  } else {
    container.append(canvas);
  }
  chart.canvas = canvas;
  chart.holder = holder;
  chart.x = t => chart.left + (t - view.t0) / (view.t1 - view.t0) * chart.plotWidth;
  chart.t = x => view.t0 + (x - chart.left) / chart.plotWidth * (view.t1 - view.t0);
  chart.resize = () => {
    const width = Math.max(320, container.clientWidth);
    const height = chart.height();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    chart.width = width;
    chart.plotWidth = width - chart.left - chart.right;
    chart.ctx = canvas.getContext('2d');
    chart.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (holder) {
      holder.style.height = height + 'px';
      chart.spacer.style.height = Math.max(0, options.scrollHeight() - height) + 'px';
    }
  };
  chart.draw = () => {
    const ctx = chart.ctx;
    ctx.clearRect(0, 0, chart.width, chart.height());
    ctx.save();
    options.paint(chart, ctx);
    ctx.restore();
  };
  const local = event => {
    const box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  canvas.addEventListener('wheel', event => {
    event.preventDefault();
    const { x } = local(event);
    const anchor = chart.t(Math.max(chart.left, Math.min(x, chart.left + chart.plotWidth)));
    const factor = Math.pow(1.0015, event.deltaY);
    setView(anchor - (anchor - view.t0) * factor, anchor + (view.t1 - anchor) * factor);
  }, { passive: false });
  let drag = null;
  canvas.addEventListener('mousedown', event => { drag = { x: local(event).x, t0: view.t0, t1: view.t1, moved: false }; });
  window.addEventListener('mouseup', event => {
    if (drag && !drag.moved && options.click) options.click(chart, local(event), event);
    drag = null;
  });
  window.addEventListener('mousemove', event => {
    if (!drag) return;
    const dx = local(event).x - drag.x;
    if (Math.abs(dx) > 2) drag.moved = true;
    const dt = dx / chart.plotWidth * (drag.t1 - drag.t0);
    setView(drag.t0 - dt, drag.t1 - dt);
  });
  canvas.addEventListener('mousemove', event => {
    if (drag || !options.hover) return;
    const content = options.hover(chart, local(event));
    if (content) showTooltip(event, content); else hideTooltip();
  });
  canvas.addEventListener('mouseleave', hideTooltip);
  canvas.addEventListener('dblclick', () => setView(BEGIN, END));
  chart.resize();
  view.charts.push(chart);
  return chart;
}

function niceStep(span, count) {
  const raw = span / count;
  const decade = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const step of [1, 2, 5, 10]) if (step * decade >= raw) return step * decade;
  return 10 * decade;
}

function drawTimeAxis(chart, ctx, y, gridTop) {
  ctx.fillStyle = '#555';
  ctx.strokeStyle = '#eee';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  const step = niceStep(view.t1 - view.t0, Math.max(2, chart.plotWidth / 110));
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
    const x = chart.x(t);
    ctx.beginPath();
    ctx.moveTo(x, gridTop);
    ctx.lineTo(x, y);
    ctx.stroke();
    ctx.fillText(TIMED ? (t / 1e6).toFixed(step < 1e6 ? Math.min(6, Math.ceil(-Math.log10(step / 1e6))) : 0) + ' s' : String(Math.round(t)), x, y + 13);
  }
}

function drawFaultBands(chart, ctx, top, bottom, labels) {
  ctx.textAlign = 'left';
  ctx.font = '10px system-ui, sans-serif';
  for (const fault of DATA.faults) {
    const x0 = Math.max(chart.left, chart.x(fault.start));
    const x1 = Math.min(chart.left + chart.plotWidth, chart.x(fault.end < 0 ? END : fault.end));
    if (x1 < chart.left || x0 > chart.left + chart.plotWidth) continue;
    const color = colorOf(fault.kind, FAULT_COLOR);
    ctx.globalAlpha = 0.13;
    ctx.fillStyle = color;
    ctx.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
    ctx.globalAlpha = 1;
    if (labels) {
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), 3);
      ctx.fillText(fault.kind + ' ' + fault.nodes.join(','), x0 + 2, top + 13);
    }
  }
}

function clipPlot(chart, ctx, top, bottom) {
  ctx.beginPath();
  ctx.rect(chart.left, top, chart.plotWidth, bottom - top);
  ctx.clip();
}

// ---- timeline ----------------------------------------------------------------------------------

// One row per process, and a row is reused once its process has ended: after an info a worker
// goes on as a new process, and thousands of short-lived processes would otherwise mean
// thousands of rows. Processes never overlap within a row, so a row's operations are ordered by
// start and by end alike.
const PROCESS_OPS = new Map();
for (let id = 0; id < OPS.count; id++) {
  if (!PROCESS_OPS.has(OPS.process[id])) PROCESS_OPS.set(OPS.process[id], []);
  PROCESS_OPS.get(OPS.process[id]).push(id);
}
const ROWS = [];
const ROW_OF = new Map();
for (const [process, ops] of [...PROCESS_OPS].sort((a, b) => OPS.start[a[1][0]] - OPS.start[b[1][0]] || a[0] - b[0])) {
  let row = ROWS.findIndex(r => r.end < OPS.start[ops[0]]);
  if (row < 0) {
    row = ROWS.length;
    ROWS.push({ processes: [], ops: [], end: 0 });
  }
  ROWS[row].processes.push(process);
  ROWS[row].ops.push(...ops);
  ROWS[row].end = opEnd(ops[ops.length - 1]);
  ROW_OF.set(process, row);
}
const ROW_OPS = ROWS.map(row => row.ops);
const ROW_HEIGHT = Math.max(3, Math.min(16, Math.floor(560 / Math.max(1, ROWS.length))));
const timelineState = { highlight: new Set(), highlightLabel: '', key: -1, selected: -1 };

// The first op of a row whose end is at or after t: a process runs one operation at a time, so a
// row's operations are ordered by start and by end alike.
function firstEndingAfter(ops, t) {
  let lo = 0;
  let hi = ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (opEnd(ops[mid]) < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function paintTimeline(chart, ctx) {
  const top = 18;
  const height = chart.height();
  const scroll = chart.holder.scrollTop;
  const bottom = height - chart.bottom;
  drawTimeAxis(chart, ctx, bottom, top);
  clipPlot(chart, ctx, 0, bottom);
  drawFaultBands(chart, ctx, 0, bottom, true);
  ctx.restore();
  ctx.save();
  const firstRow = Math.floor(scroll / ROW_HEIGHT);
  const lastRow = Math.min(ROWS.length - 1, Math.floor((scroll + bottom - top) / ROW_HEIGHT));
  ctx.font = '10px ui-monospace, monospace';
  ctx.textAlign = 'right';
  ctx.fillStyle = '#333';
  if (ROW_HEIGHT >= 9) {
    for (let row = firstRow; row <= lastRow; row++) {
      const ops = ROW_OPS[row];
      const first = ops[Math.min(ops.length - 1, firstEndingAfter(ops, view.t0))];
      const label = 'p' + OPS.process[first] + (ROWS[row].processes.length > 1 ? '…' : '');
      ctx.fillText(label, chart.left - 6, top + row * ROW_HEIGHT - scroll + ROW_HEIGHT - 3);
    }
  }
  clipPlot(chart, ctx, top, bottom);
  const barHeight = Math.max(2, ROW_HEIGHT - (ROW_HEIGHT > 6 ? 3 : 1));
  const perPixel = (view.t1 - view.t0) / chart.plotWidth;
  let rendered = 0;
  let bars = 0;
  const marks = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const ops = ROW_OPS[row];
    const y = top + row * ROW_HEIGHT - scroll + 1;
    let lastPixel = -1;
    let lastColor = -1;
    for (let i = firstEndingAfter(ops, view.t0); i < ops.length; i++) {
      const id = ops[i];
      if (OPS.start[id] > view.t1) break;
      rendered++;
      const outcome = OPS.outcome[id];
      const x0 = chart.x(OPS.start[id]);
      const width = (opEnd(id) - OPS.start[id]) / perPixel;
      const dimmed = timelineState.key >= 0 && OPS.key[id] !== timelineState.key;
      const color = dimmed ? 9 : outcome;
      // Bars narrower than a pixel that land on the pixel just drawn, in the same colour, add
      // nothing: skipping them keeps a zoomed-out frame at about one rectangle per pixel.
      if (width < 1 && Math.floor(x0) === lastPixel && color === lastColor) continue;
      lastPixel = Math.floor(x0);
      lastColor = color;
      ctx.fillStyle = dimmed ? '#e4e4e4' : OUTCOME_COLOR[outcome];
      ctx.globalAlpha = outcome === 3 ? 0.45 : 1;
      ctx.fillRect(x0, y, Math.max(1, width), barHeight);
      bars++;
      if (timelineState.highlight.has(id) || timelineState.selected === id) marks.push([x0, y, Math.max(1, width)]);
      if (i > 0 && OPS.process[ops[i - 1]] !== OPS.process[id] && ROW_HEIGHT >= 6) {
        ctx.fillStyle = '#000';
        ctx.fillRect(x0 - 1, y - 1, 1, barHeight + 2);
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2;
  for (const [x, y, width] of marks) {
    ctx.strokeRect(x - 1, y - 1, width + 2, barHeight + 2);
    ctx.fillStyle = '#000';
    ctx.beginPath();
    ctx.moveTo(x + width / 2 - 4, top - 6);
    ctx.lineTo(x + width / 2 + 4, top - 6);
    ctx.lineTo(x + width / 2, top);
    ctx.fill();
  }
  REPORT.renderedOps = rendered;
  REPORT.renderedBars = bars;
  chart.canvas.dataset.renderedOps = rendered;
  chart.canvas.dataset.rows = lastRow - firstRow + 1;
}

function opAt(chart, point) {
  const row = Math.floor((point.y - 18 + chart.holder.scrollTop) / ROW_HEIGHT);
  if (row < 0 || row >= ROWS.length || point.x < chart.left) return -1;
  const ops = ROW_OPS[row];
  const slack = 3 * (view.t1 - view.t0) / chart.plotWidth;
  const t = chart.t(point.x);
  const i = firstEndingAfter(ops, t - slack);
  return i < ops.length && OPS.start[ops[i]] <= t + slack ? ops[i] : -1;
}

function selectOp(id, moveView) {
  timelineState.selected = id;
  const box = document.querySelector('#timeline .selection');
  box.hidden = id < 0;
  if (id >= 0) {
    box.replaceChildren(el('b', {}, 'selected: '), ...opDetails(id));
    if (moveView) focusOn(OPS.start[id], opEnd(id));
    const row = ROW_OF.get(OPS.process[id]) * ROW_HEIGHT;
    const holder = timelineChart.holder;
    if (row < holder.scrollTop || row > holder.scrollTop + holder.clientHeight - 40) holder.scrollTop = row - 40;
  }
  redrawAll();
}

function highlightOps(ids, label) {
  timelineState.highlight = new Set(ids);
  timelineState.highlightLabel = label;
  showFilter();
  if (ids.length) focusOnOps(ids);
  document.getElementById('timeline').scrollIntoView({ behavior: 'smooth' });
  redrawAll();
}

function filterKey(key) {
  timelineState.key = key;
  showFilter();
  const ids = [];
  for (let id = 0; id < OPS.count; id++) if (OPS.key[id] === key) ids.push(id);
  if (ids.length) focusOnOps(ids);
  document.getElementById('timeline').scrollIntoView({ behavior: 'smooth' });
  redrawAll();
}

function showFilter() {
  const box = document.querySelector('#timeline .filter');
  box.replaceChildren();
  const clear = (what) => el('button', { type: 'button', class: 'link', onclick: what }, 'clear');
  if (timelineState.key >= 0) {
    box.append(`only key ${OPS.keys[timelineState.key]} `, clear(() => { timelineState.key = -1; showFilter(); redrawAll(); }));
  }
  if (timelineState.highlight.size) {
    box.append(` marked: ${timelineState.highlightLabel} `,
      clear(() => { timelineState.highlight = new Set(); showFilter(); redrawAll(); }));
  }
}

const timelineChart = makeChart(document.querySelector('#timeline .timeline-chart'), {
  height: () => Math.min(ROWS.length * ROW_HEIGHT, 560) + 18 + 22,
  scrollHeight: () => ROWS.length * ROW_HEIGHT + 18 + 22,
  paint: paintTimeline,
  hover: (chart, point) => {
    const id = opAt(chart, point);
    if (id >= 0) return opDetails(id);
    const t = chart.t(point.x);
    const faults = DATA.faults.filter(f => f.start <= t && (f.end < 0 ? END : f.end) >= t);
    return faults.length ? faults.map(f => el('div', {}, `${f.kind} on ${f.nodes.join(', ')} (fault ${f.fault})`)) : null;
  },
  click: (chart, point) => {
    const id = opAt(chart, point);
    if (id >= 0) history.replaceState(null, '', '#op-' + OPS.invoke[id]);
    selectOp(id, false);
  },
});

function legend(container, items) {
  container.replaceChildren(...items.map(([color, text]) => el('span', {}, el('i', { style: 'background:' + color }), text)));
}
legend(document.querySelector('#timeline .legend'), [
  [OUTCOME_COLOR[0], 'ok'], [OUTCOME_COLOR[1], 'fail'], [OUTCOME_COLOR[2], 'info (may take effect later, or never)'],
  ...[...new Set(DATA.faults.map(f => f.kind))].map(kind => [colorOf(kind, FAULT_COLOR) + '55', kind + ' (fault in force)']),
  ...[...new Set(Object.values(DATA.roles).flat().map(r => r.role))].map(role => [colorOf(role, ROLE_COLOR), 'node ' + role])]);

// ---- node roles band -------------------------------------------------------------------------

const ROLE_NODES = Object.keys(DATA.roles).filter(node => DATA.roles[node].length);
if (ROLE_NODES.length) {
  makeChart(document.querySelector('#timeline .roles-chart'), {
    height: () => ROLE_NODES.length * 13 + 6,
    bottom: 0,
    paint: (chart, ctx) => {
      ctx.font = '10px ui-monospace, monospace';
      ctx.textAlign = 'right';
      ROLE_NODES.forEach((node, row) => {
        ctx.fillStyle = '#333';
        ctx.fillText(node, chart.left - 6, row * 13 + 13);
      });
      clipPlot(chart, ctx, 0, chart.height());
      ROLE_NODES.forEach((node, row) => {
        for (const segment of DATA.roles[node]) {
          const x0 = chart.x(segment.from);
          const x1 = chart.x(segment.to);
          if (x1 < chart.left || x0 > chart.left + chart.plotWidth) continue;
          ctx.fillStyle = colorOf(segment.role, ROLE_COLOR);
          ctx.fillRect(x0, row * 13 + 3, Math.max(1, x1 - x0), 11);
        }
      });
    },
    hover: (chart, point) => {
      const node = ROLE_NODES[Math.floor((point.y - 2) / 13)];
      const t = chart.t(point.x);
      const segment = node && DATA.roles[node].find(s => s.from <= t && s.to >= t);
      return segment ? [el('div', {}, el('b', {}, `${node}: ${segment.role}`)),
        el('div', {}, `term ${segment.term}` + (segment.leader ? `, leader ${segment.leader}` : '')),
        el('div', {}, `${fmtTime(segment.from)} – ${fmtTime(segment.to)}`)] : null;
    },
  });
} else {
  document.querySelector('#timeline .roles-chart').append(el('p', { class: 'note' },
    'No node status samples in this run (nodes/<node>/status.jsonl), so no roles over time.'));
}

// ---- latency scatter and quantiles -----------------------------------------------------------

const scatterShown = { f: OPS.fs.map(() => true), outcome: [true, true, true, true] };
let latencyMax = 1;
let latencyMin = Infinity;
for (let id = 0; id < OPS.count; id++) {
  if (OPS.end[id] < 0) continue;
  const latency = Math.max(1, OPS.end[id] - OPS.start[id]);
  latencyMax = Math.max(latencyMax, latency);
  latencyMin = Math.min(latencyMin, latency);
}
latencyMin = Math.min(latencyMin, latencyMax) * 0.8;

function logY(chart, value) {
  const low = Math.log(latencyMin);
  const high = Math.log(latencyMax * 1.25);
  return chart.top + (1 - (Math.log(Math.max(value, latencyMin)) - low) / (high - low)) * (chart.height() - chart.top - chart.bottom);
}

function drawLatencyAxis(chart, ctx) {
  const bottom = chart.height() - chart.bottom;
  drawTimeAxis(chart, ctx, bottom, chart.top);
  ctx.textAlign = 'right';
  ctx.fillStyle = '#555';
  for (let decade = Math.pow(10, Math.floor(Math.log10(latencyMin))); decade <= latencyMax * 1.25; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const value = decade * step;
      if (value < latencyMin || value > latencyMax * 1.25) continue;
      const y = logY(chart, value);
      ctx.strokeStyle = step === 1 ? '#ddd' : '#f3f3f3';
      ctx.beginPath();
      ctx.moveTo(chart.left, y);
      ctx.lineTo(chart.left + chart.plotWidth, y);
      ctx.stroke();
      if (step === 1 || chart.height() > 200) ctx.fillText(fmtDuration(value), chart.left - 4, y + 3);
    }
  }
  clipPlot(chart, ctx, 0, bottom);
  drawFaultBands(chart, ctx, chart.top, bottom, false);
}

function nearestInTime(t0, t1) {
  // Operations are in invocation order, so their starts are sorted.
  let lo = 0;
  let hi = OPS.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (OPS.start[mid] < t0) lo = mid + 1; else hi = mid;
  }
  const ids = [];
  for (let id = lo; id < OPS.count && OPS.start[id] <= t1; id++) ids.push(id);
  return ids;
}

makeChart(document.querySelector('#latency .scatter-chart'), {
  height: () => 280,
  top: 8,
  paint: (chart, ctx) => {
    drawLatencyAxis(chart, ctx);
    // One mark per pixel and series is enough: a grid remembers what was drawn where.
    const grid = new Int32Array(Math.ceil(chart.width) * Math.ceil(chart.height()));
    for (const id of nearestInTime(view.t0, view.t1)) {
      const outcome = OPS.outcome[id];
      if (outcome === 3 || !scatterShown.f[OPS.f[id]] || !scatterShown.outcome[outcome]) continue;
      const x = Math.round(chart.x(OPS.start[id]));
      const y = Math.round(logY(chart, OPS.end[id] - OPS.start[id]));
      const series = OPS.f[id] * 4 + outcome + 1;
      const cell = y * Math.ceil(chart.width) + x;
      if (grid[cell] === series) continue;
      grid[cell] = series;
      ctx.fillStyle = ctx.strokeStyle = fColor(OPS.f[id]);
      if (outcome === 0) {
        ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
      } else if (outcome === 1) {
        ctx.beginPath();
        ctx.moveTo(x - 2.5, y - 2.5); ctx.lineTo(x + 2.5, y + 2.5);
        ctx.moveTo(x + 2.5, y - 2.5); ctx.lineTo(x - 2.5, y + 2.5);
        ctx.stroke();
      } else {
        ctx.strokeRect(x - 2, y - 2, 4, 4);
      }
    }
  },
  hover: (chart, point) => {
    const id = scatterOpAt(chart, point);
    return id >= 0 ? opDetails(id) : null;
  },
  click: (chart, point) => {
    const id = scatterOpAt(chart, point);
    if (id >= 0) selectOp(id, true);
  },
});

// The completed operation whose mark is nearest the pointer, within 6 pixels, or -1.
function scatterOpAt(chart, point) {
  const slack = 6 * (view.t1 - view.t0) / chart.plotWidth;
  let best = -1;
  let bestDistance = 36;
  for (const id of nearestInTime(chart.t(point.x) - slack, chart.t(point.x) + slack)) {
    if (OPS.end[id] < 0) continue;
    const dx = chart.x(OPS.start[id]) - point.x;
    const dy = logY(chart, OPS.end[id] - OPS.start[id]) - point.y;
    if (dx * dx + dy * dy < bestDistance) {
      best = id;
      bestDistance = dx * dx + dy * dy;
    }
  }
  return best;
}

const scatterLegend = document.querySelector('#latency .scatter-legend');
OPS.fs.forEach((f, i) => scatterLegend.append(el('label', {},
  el('input', { type: 'checkbox', checked: '', onchange: e => { scatterShown.f[i] = e.target.checked; redrawAll(); } }),
  el('i', { style: 'background:' + fColor(i) }), f)));
['ok', 'fail', 'info'].forEach((name, i) => scatterLegend.append(el('label', {},
  el('input', { type: 'checkbox', checked: '', onchange: e => { scatterShown.outcome[i] = e.target.checked; redrawAll(); } }), name)));

const SERIES = DATA.series;
const bucketX = (chart, bucket) => chart.x((bucket + 0.5) * SERIES.width);

makeChart(document.querySelector('#latency .quantile-chart'), {
  height: () => 220,
  top: 8,
  paint: (chart, ctx) => {
    drawLatencyAxis(chart, ctx);
    const dashes = { '0.5': [], '0.95': [6, 3], '0.99': [2, 3], '1': [] };
    Object.entries(SERIES.latency).forEach(([f, quantiles]) => {
      ctx.strokeStyle = fColor(OPS.fs.indexOf(f));
      for (const [q, values] of Object.entries(quantiles)) {
        ctx.setLineDash(dashes[q] || []);
        ctx.lineWidth = q === '1' ? 0.7 : 1.6;
        ctx.beginPath();
        let drawing = false;
        values.forEach((value, bucket) => {
          if (value === null) { drawing = false; return; }
          const x = bucketX(chart, bucket);
          const y = logY(chart, Math.max(1, value));
          if (drawing) ctx.lineTo(x, y); else ctx.moveTo(x, y);
          drawing = true;
        });
        ctx.stroke();
      }
    });
    ctx.setLineDash([]);
  },
});

// ---- throughput --------------------------------------------------------------------------------

const throughputSeries = Object.entries(SERIES.throughput);
const perSecond = TIMED ? 1e6 / SERIES.width : 1;
const throughputMax = Math.max(1, ...throughputSeries.flatMap(([, counts]) => counts.map(c => c * perSecond)));
const seriesColor = name => {
  const [f, outcome] = name.split(':');
  return outcome === 'ok' ? fColor(OPS.fs.indexOf(f)) : OUTCOME_COLOR[OUTCOMES.indexOf(outcome)];
};
legend(document.querySelector('#throughput .legend'), throughputSeries.map(([name]) => [seriesColor(name), name]));

makeChart(document.querySelector('#throughput .throughput-chart'), {
  height: () => 220,
  top: 8,
  paint: (chart, ctx) => {
    const bottom = chart.height() - chart.bottom;
    const y = value => bottom - value / (throughputMax * 1.1) * (bottom - chart.top);
    drawTimeAxis(chart, ctx, bottom, chart.top);
    ctx.textAlign = 'right';
    ctx.fillStyle = '#555';
    const step = niceStep(throughputMax * 1.1, 4);
    for (let value = 0; value <= throughputMax * 1.1; value += step) {
      ctx.fillText(fmtNumber(value) + (TIMED ? '/s' : ''), chart.left - 4, y(value) + 3);
    }
    clipPlot(chart, ctx, 0, bottom);
    drawFaultBands(chart, ctx, chart.top, bottom, false);
    for (const [name, counts] of throughputSeries) {
      const [, outcome] = name.split(':');
      ctx.strokeStyle = seriesColor(name);
      ctx.setLineDash(outcome === 'ok' ? [] : outcome === 'fail' ? [4, 2] : [1, 2]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      counts.forEach((count, bucket) => {
        if (bucket === 0) ctx.moveTo(bucketX(chart, bucket), y(count * perSecond));
        else ctx.lineTo(bucketX(chart, bucket), y(count * perSecond));
      });
      ctx.stroke();
    }
    ctx.setLineDash([]);
  },
});

// ---- summary ------------------------------------------------------------------------------------

function kvTable(entries) {
  return el('table', { class: 'kv' }, entries.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value))));
}

function renderSummary() {
  const test = DATA.run.test;
  document.getElementById('run-title').textContent = `${DATA.run.name} · ${DATA.run.directory}`;
  document.getElementById('verdict-badge').replaceWith(badge(DATA.run.valid));
  const body = document.querySelector('#summary .body');
  const verdicts = DATA.checkers.length
    ? DATA.checkers.map(c => el('span', {}, el('a', { href: '#checker-' + c.checker }, c.checker), ' ', badge(c.valid), ' '))
    : [el('span', { class: 'note' }, DATA.checked ? 'no checker ran' : 'this run was not checked (no results.json)')];
  const command = test.command || ('faultline ' + (test.argv || []).join(' '));
  const copy = el('button', { type: 'button', onclick: () => navigator.clipboard && navigator.clipboard.writeText(command) }, 'copy');
  const totals = [0, 0, 0];
  const rows = DATA.counts.map(row => {
    totals[0] += row.ok; totals[1] += row.fail; totals[2] += row.info;
    return el('tr', {}, el('td', {}, row.f), el('td', { class: 'num' }, fmtNumber(row.ok)),
      el('td', { class: 'num' }, fmtNumber(row.fail)), el('td', { class: 'num' }, fmtNumber(row.info)));
  });
  const shown = ['target', 'nodes', 'workload', 'workload-options', 'nemesis', 'nemesis-interval-seconds', 'nemesis-targets',
    'time-limit-seconds', 'concurrency', 'rate', 'bugs', 'target-options', 'checkers', 'checker-options'];
  body.append(
    el('p', {}, el('b', {}, 'Verdicts: '), ...verdicts),
    kvTable([
      ['seed', el('code', {}, String(test.seed))],
      ['reproduce with', el('span', {}, el('code', {}, command), ' ', copy)],
      ['outcome', `${test.outcome || 'unknown'}` + (test.healed === false ? ' (some faults could not be healed)' : '')],
      ['started / ended', `${test['start-time'] || '?'} / ${test['end-time'] || '?'}`],
      ['faultline', `${test['faultline-version'] || '?'}, commit ${test['git-commit'] || '?'}`],
      ['directory', el('code', {}, DATA.run.directory)],
      ...shown.filter(name => test[name] !== undefined).map(name => [name, compact(test[name])])]),
    el('h3', {}, 'Operations'),
    el('table', {}, el('tr', {}, el('th', {}, 'f'), el('th', { class: 'num' }, 'ok'), el('th', { class: 'num' }, 'fail'),
      el('th', { class: 'num' }, 'info')), rows,
      el('tr', {}, el('th', {}, 'all'), ...totals.map(n => el('th', { class: 'num' }, fmtNumber(n))))),
    el('p', { class: 'note' }, `${fmtNumber(OPS.count)} operations by ${PROCESS_OPS.size} processes (${ROWS.length} timeline rows), ` +
      `${DATA.nemesisEvents} nemesis events, ${DATA.faults.length} faults; run length ${fmtDuration(END)}.`));
  if (DATA.warnings.length) {
    body.append(el('details', {}, el('summary', {}, `${DATA.warnings.length} warnings`),
      el('ul', {}, DATA.warnings.slice(0, 50).map(w => el('li', {}, w)))));
  }
}

function compact(value) {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return value.map(compact).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${compact(v)}`).join(' ') || '—';
  return String(value);
}

// ---- checkers: statistics and anomalies --------------------------------------------------------

function isDistribution(value) {
  return value && typeof value === 'object' && !Array.isArray(value) && 'count' in value && 'quantiles' in value;
}

function isPairs(value) {
  return Array.isArray(value) && value.length > 0 && value.every(p => Array.isArray(p) && p.length === 2);
}

// A small line or bar plot of [x, y] pairs (a CDF, a histogram) or of a curve with bounds.
function miniPlot(points, options) {
  const width = 260;
  const height = 110;
  const pad = 28;
  const xs = points.map(p => p[0]);
  const ys = points.flatMap(p => p.slice(1));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const yMax = options.yMax || Math.max(...ys, 1);
  const x = v => pad + (v - xMin) / (xMax - xMin) * (width - pad - 6);
  const y = v => height - 16 - v / yMax * (height - 24);
  const plot = svg('svg', { width, height, class: 'plot' });
  plot.append(svg('line', { x1: pad, y1: y(0), x2: width - 4, y2: y(0), stroke: '#999' }),
    svg('text', { x: 2, y: 10 }, options.yLabel || ''), svg('text', { x: pad, y: height - 3 }, options.format(xMin)),
    svg('text', { x: width - 4, y: height - 3, 'text-anchor': 'end' }, options.format(xMax)));
  if (options.bars) {
    const barWidth = Math.max(2, (width - pad) / points.length - 2);
    for (const [px, py] of points) {
      plot.append(svg('rect', { x: x(px) - barWidth / 2, y: y(py), width: barWidth, height: y(0) - y(py), fill: '#2f7fd8' },
        svg('title', {}, `${options.format(px)}: ${fmtNumber(py)}`)));
    }
  } else {
    if (points[0].length === 4) {
      const band = points.map(p => `${x(p[0])},${y(p[2])}`).concat(points.slice().reverse().map(p => `${x(p[0])},${y(p[3])}`));
      plot.append(svg('polygon', { points: band.join(' '), fill: '#2f7fd833' }));
    }
    const line = points.map(p => `${x(p[0])},${y(p[1])}`).join(' ');
    plot.append(svg('polyline', { points: line, fill: 'none', stroke: '#2f7fd8', 'stroke-width': 1.5 }));
  }
  return plot;
}

// Statistics are drawn by their shape, not by checker: a distribution ({count, quantiles, cdf})
// gets its quantiles and a CDF plot; [x, y] pairs named "histogram" get bars; a list of
// {from, to, p, low, high} (a t-visibility curve) gets a curve with its band; the rest becomes
// tables. Durations are formatted as times when the statistics say their unit is nanoseconds.
function renderStats(value, name, nanos) {
  const asTime = v => (nanos ? fmtDuration(v / 1000) : fmtNumber(v));
  if (isDistribution(value)) {
    const parts = [el('table', {}, el('tr', {}, el('th', {}, 'count'), el('td', { class: 'num' }, fmtNumber(value.count))),
      value.mean !== undefined ? el('tr', {}, el('th', {}, 'mean'), el('td', { class: 'num' }, asTime(value.mean))) : null,
      Object.entries(value.quantiles || {}).map(([q, v]) => el('tr', {}, el('th', {}, 'q ' + q), el('td', { class: 'num' }, asTime(v)))))];
    if (isPairs(value.cdf) && value.cdf.length > 1) parts.push(miniPlot(value.cdf, { yMax: 1, format: asTime, yLabel: 'P(X ≤ x)' }));
    return el('div', {}, parts);
  }
  if (name === 'histogram' && isPairs(value)) return miniPlot(value, { bars: true, format: fmtNumber, yLabel: 'count' });
  if (name === 'cdf' && isPairs(value) && value.length > 1) return miniPlot(value, { yMax: 1, format: fmtNumber, yLabel: 'P' });
  if (Array.isArray(value) && value.length && value.every(v => v && typeof v === 'object' && 'p' in v && 'from' in v)) {
    const points = value.map(v => [(v.from + v.to) / 2, v.p, v.low ?? v.p, v.high ?? v.p]);
    return el('div', {}, miniPlot(points, { yMax: 1, format: asTime, yLabel: 'P(fresh)' }), renderTable(value, nanos));
  }
  if (Array.isArray(value)) {
    if (value.length && value.every(v => v && typeof v === 'object' && !Array.isArray(v))) return renderTable(value, nanos);
    const text = value.slice(0, 40).map(v => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
    return el('span', {}, value.length > 40 ? text + ` … (${value.length})` : text || '—');
  }
  if (value && typeof value === 'object') {
    const unit = value.timeUnit === 'nanos' || nanos;
    return el('table', {}, Object.entries(value).map(([key, v]) =>
      el('tr', {}, el('th', {}, key), el('td', {}, renderStats(v, key, unit)))));
  }
  return el('span', {}, typeof value === 'number' ? fmtNumber(value) : String(value));
}

function renderTable(rows, nanos) {
  const columns = [...new Set(rows.flatMap(row => Object.keys(row)))];
  return el('table', {}, el('tr', {}, columns.map(c => el('th', {}, c))),
    rows.slice(0, 20).map(row => el('tr', {}, columns.map(c => el('td', {}, renderStats(row[c] ?? '', c, nanos))))),
    rows.length > 20 ? el('tr', {}, el('td', { colspan: columns.length, class: 'note' }, `… ${rows.length - 20} more in results.json`)) : null);
}

function renderCheckers() {
  const body = document.querySelector('#checkers .body');
  if (!DATA.checkers.length) {
    body.append(el('p', { class: 'note' }, DATA.checked ? 'No checker ran.' : 'This run was not checked: it has no results.json (run faultline analyze).'));
  }
  for (const checker of DATA.checkers) {
    const total = checker.types.reduce((n, t) => n + t.count, 0);
    const card = el('div', { class: 'checker', id: 'checker-' + checker.checker },
      el('h3', {}, checker.checker, badge(checker.valid)),
      checker.cause ? el('p', {}, el('b', {}, 'cause: '), checker.cause) : null,
      el('details', { class: 'stats', open: '' }, el('summary', {}, 'Statistics'), renderStats(checker.stats, '', false)));
    if (total) card.append(el('p', {}, `${total} anomalies kept: ` + checker.types.map(t => `${t.type} ${t.count}`).join(', ') +
      (checker.stats.anomalyCounts ? ' (counts of all found: ' + compact(checker.stats.anomalyCounts) + ')' : '')));
    for (const type of checker.types) {
      const group = el('details', { open: '' }, el('summary', {}, el('b', {}, type.type), ` (${type.count})`));
      type.anomalies.forEach((anomaly, i) => group.append(renderAnomaly(checker.checker, type.type, anomaly, i)));
      if (type.count > type.anomalies.length) {
        group.append(el('p', { class: 'note' }, `${type.count - type.anomalies.length} more in results.json`));
      }
      card.append(group);
    }
    body.append(card);
  }
}

function renderAnomaly(checker, type, anomaly, number) {
  const box = el('div', { class: 'anomaly', id: `anomaly-${checker}-${type}-${number}` });
  const label = `${checker} ${type} #${number + 1}`;
  box.append(el('p', {}, anomaly.explanation),
    el('p', {}, 'operations: ', ...anomaly.opIndices.flatMap(index => [opLink(index), ' ']),
      el('button', { type: 'button', class: 'link', onclick: () => highlightOps(anomaly.ops, label) }, 'mark them in the timeline')));
  const data = Object.entries(anomaly.data).filter(([, v]) => v !== null);
  if (data.length) box.append(kvTable(data.map(([k, v]) => [k, compact(v)])));
  if (anomaly.witness) box.append(drawWitness(anomaly.witness));
  return box;
}

// ---- witness pictures -----------------------------------------------------------------------

const REL_COLOR = { po: '#555', rf: '#2f7fd8', vis: '#2f7fd8', cf: '#d62728', hb: '#9467bd', wo: '#8c564b', order: '#17becf',
  newer: '#c8102e', lost: '#c8102e' };

function drawWitness(layout) {
  const column = 24;
  const lane = 30;
  const left = 40;
  const top = 14;
  const width = left + (layout.columns + 1) * column + 20;
  const height = top + layout.lanes.length * lane + 10;
  const cx = c => left + c * column;
  const laneY = l => top + l * lane;
  const picture = svg('svg', { width, height });
  picture.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6,
    orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'context-stroke' }))));
  layout.lanes.forEach((name, i) => picture.append(svg('text', { x: 2, y: laneY(i) + 14, class: 'lane' }, name)));
  const barOf = new Map();
  for (const { op, lane: laneIndex, from, to, open, role } of layout.bars) {
    const x0 = cx(from) - 4;
    const x1 = open ? width - 6 : cx(to) + 4;
    const y = laneY(laneIndex) + 2;
    barOf.set(op, { x0, x1, y });
    const outcome = OPS.outcome[op];
    const rect = svg('rect', { x: x0, y, width: Math.max(4, x1 - x0), height: 18, rx: 2, fill: OUTCOME_COLOR[outcome],
      'fill-opacity': role === 'context' ? 0.15 : 0.35, stroke: role === 'stuck' ? '#c8102e' : OUTCOME_COLOR[outcome],
      'stroke-width': role === 'stuck' ? 2.5 : 1, 'stroke-dasharray': open ? '4 3' : role === 'cause' ? '2 2' : null });
    const link = svg('a', { href: '#op-' + OPS.invoke[op] }, rect,
      svg('text', { x: x0 + 3, y: y + 13, fill: role === 'context' ? '#999' : '#222' }, describeOp(op).replace(/^p\d+ /, '')),
      svg('title', {}, describeOp(op) + ` (${OUTCOMES[outcome]}, op ${OPS.invoke[op]})`));
    picture.append(link);
  }
  const pointXY = point => [cx(point.at), barOf.get(point.op).y + 9];
  const prefix = layout.points.filter(p => p.kind === 'prefix' && barOf.has(p.op));
  if (prefix.length > 1) {
    picture.append(svg('polyline', { points: prefix.map(p => pointXY(p).join(',')).join(' '), fill: 'none', stroke: '#222', 'stroke-width': 1.4 }));
  }
  const last = prefix.length ? pointXY(prefix[prefix.length - 1]) : null;
  let previous = { path: -2, xy: null };
  for (const point of layout.points.filter(p => barOf.has(p.op))) {
    const [x, y] = pointXY(point);
    const title = svg('title', {}, `${point.call} (op ${OPS.invoke[point.op]})\n` +
      (point.kind === 'illegal' ? 'illegal: ' : 'state after: ') + point.detail);
    if (point.kind !== 'prefix') {
      const from = previous.path === point.path ? previous.xy : last;
      if (from) {
        picture.append(svg('line', { x1: from[0], y1: from[1], x2: x, y2: y, stroke: point.kind === 'illegal' ? '#c8102e' : '#999',
          'stroke-dasharray': '4 3' }));
      }
      previous = { path: point.path, xy: [x, y] };
    }
    if (point.kind === 'illegal') {
      picture.append(svg('g', {}, svg('path', { d: `M${x - 5},${y - 5}L${x + 5},${y + 5}M${x + 5},${y - 5}L${x - 5},${y + 5}`,
        stroke: '#c8102e', 'stroke-width': 3 }), svg('circle', { cx: x, cy: y, r: 7, fill: 'transparent' }), title));
    } else {
      picture.append(svg('circle', { cx: x, cy: y, r: 4, fill: point.kind === 'prefix' ? '#222' : '#999' }, title));
    }
  }
  for (const edge of layout.edges) {
    const from = barOf.get(edge.from);
    const to = barOf.get(edge.to);
    const x1 = from.x1 - 2;
    const y1 = from.y + 9;
    const x2 = to.x0 + 2;
    const y2 = to.y + 9;
    const bend = from.y === to.y ? -16 : 0;
    const color = REL_COLOR[edge.rel] || '#333';
    picture.append(svg('path', { d: `M${x1},${y1} C${(x1 + x2) / 2},${y1 + bend} ${(x1 + x2) / 2},${y2 + bend} ${x2},${y2}`,
      fill: 'none', stroke: color, 'stroke-width': 1.5, 'marker-end': 'url(#arrow)' },
      svg('title', {}, edge.rel + (edge.label ? ': ' + edge.label : '') + (edge.by >= 0 ? ` (because of op ${OPS.invoke[edge.by]})` : ''))));
    picture.append(svg('text', { x: (x1 + x2) / 2, y: Math.min(y1, y2) + bend / 2 - 2, fill: color, 'text-anchor': 'middle' }, edge.rel));
  }
  REPORT.witnessesDrawn++;
  const legendText = { linearization: '● a step of the longest linearizable prefix (hover: state after) · ○ a way on that was tried · ✕ an illegal step (hover: why) · red outline: the operation that cannot be linearized · dashed bar: indeterminate',
    relations: 'arrows: the relations that break (hover for details) · dashed outline: the operation that forced a derived relation',
    operations: 'the operations the anomaly names; dimmed: others on the same key at the same time' };
  return el('div', { class: 'witness' },
    layout.problem ? el('p', { class: 'problem' }, 'This witness does not fit the history: ' + layout.problem) : null,
    picture, el('p', { class: 'note' }, legendText[layout.kind] || ''),
    layout.notes.length ? el('p', { class: 'note' }, layout.notes.join(' · ')) : null);
}

// ---- keys, faults, nodes ----------------------------------------------------------------------

function renderKeys() {
  const body = document.querySelector('#keys .body');
  if (!DATA.keys.length) {
    body.append(el('p', { class: 'note' }, 'This workload has no keys (one object), so there are no per-key verdicts.'));
    return;
  }
  const checkers = DATA.checkers.map(c => c.checker);
  const keyId = new Map(OPS.keys.map((name, i) => [name, i]));
  const table = el('table', { class: 'keys-table' });
  const filter = el('input', { type: 'search', placeholder: 'key…', oninput: () => fill(filter.value) });
  const fill = text => {
    const rows = DATA.keys.filter(row => !text || row.key.includes(text));
    table.replaceChildren(...[el('tr', {}, el('th', {}, 'key'), ['ok', 'fail', 'info', 'anomalies'].map(h => el('th', { class: 'num' }, h)),
      checkers.map(c => el('th', {}, c))),
    ...rows.slice(0, 1000).map(row => el('tr', {},
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => filterKey(keyId.get(row.key)) }, row.key)),
      ['ok', 'fail', 'info', 'anomalies'].map(h => el('td', { class: 'num' }, fmtNumber(row[h]))),
      checkers.map(c => el('td', {}, badge(row.verdicts[c]))))),
    rows.length > 1000 ? el('tr', {}, el('td', { class: 'note', colspan: 5 + checkers.length }, `… ${rows.length - 1000} more keys: filter to find one`)) : ''].filter(Boolean));
  };
  fill('');
  const invalid = DATA.keys.filter(row => row.anomalies > 0).length;
  body.append(el('p', {}, `${DATA.keys.length} keys, ${invalid} with anomalies. Click a key to show only its operations in the timeline. `, filter), table);
}

function renderFaults() {
  const body = document.querySelector('#faults .body');
  if (!DATA.faults.length) {
    body.append(el('p', { class: 'note' }, 'No fault was applied in this run.'));
    return;
  }
  body.append(el('table', {}, el('tr', {}, ['fault', 'kind', 'nodes', 'detail', 'from', 'to', 'for', 'error'].map(h => el('th', {}, h))),
    DATA.faults.map(f => el('tr', {},
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => { focusOn(f.start, f.end < 0 ? END : f.end);
        document.getElementById('timeline').scrollIntoView({ behavior: 'smooth' }); } }, String(f.fault))),
      el('td', {}, el('span', { style: 'color:' + colorOf(f.kind, FAULT_COLOR) }, '■ '), f.kind), el('td', {}, f.nodes.join(', ')),
      el('td', {}, compact(f.detail)), el('td', { class: 'num' }, fmtTime(f.start)),
      el('td', { class: 'num' }, f.end < 0 ? 'never healed' : fmtTime(f.end)),
      el('td', { class: 'num' }, f.end < 0 ? '' : fmtDuration(f.end - f.start)), el('td', {}, f.error || '')))));
}

function renderNodes() {
  const body = document.querySelector('#nodes .body');
  if (!DATA.nodes.length) {
    body.append(el('p', { class: 'note' }, 'No node directories were stored for this run.'));
    return;
  }
  body.append(el('table', {}, el('tr', {}, el('th', {}, 'node'), el('th', {}, 'files'), el('th', {}, 'roles')),
    DATA.nodes.map(node => {
      const segments = DATA.roles[node.node] || [];
      const leading = segments.filter(s => s.role === 'leader').length;
      return el('tr', {}, el('td', {}, node.node),
        el('td', {}, Object.entries(node.files).flatMap(([name, size]) =>
          [el('a', { href: `nodes/${encodeURIComponent(node.node)}/${encodeURIComponent(name)}` }, name), ` (${fmtNumber(size)} B) `])),
        el('td', {}, segments.length ? `${segments.length} status changes, leader ${leading} times` : '—'));
    })));
}

// ---- links into the timeline ------------------------------------------------------------------

function followHash() {
  // A comparison's page links to an anomaly (#anomaly-CHECKER-TYPE-N); its box exists only once rendered.
  const anomaly = location.hash.startsWith('#anomaly-') && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (anomaly) {
    anomaly.scrollIntoView();
    return;
  }
  const match = /^#op-(\d+)$/.exec(location.hash);
  if (!match) return;
  const id = ID_OF_INDEX.get(Number(match[1]));
  if (id === undefined) return;
  document.getElementById('timeline').scrollIntoView();
  selectOp(id, true);
}
window.addEventListener('hashchange', followHash);
document.querySelector('#timeline .toolbar').addEventListener('click', event => {
  const action = event.target.dataset && event.target.dataset.action;
  const middle = (view.t0 + view.t1) / 2;
  const half = (view.t1 - view.t0) / 2;
  if (action === 'zoom-in') setView(middle - half / 2, middle + half / 2);
  if (action === 'zoom-out') setView(middle - half * 2, middle + half * 2);
  if (action === 'reset') setView(BEGIN, END);
});
window.addEventListener('resize', () => { for (const chart of view.charts) chart.resize(); redrawAll(); });

// ---- start ----------------------------------------------------------------------------------------

function start() {
  const started = performance.now();
  if (DATA.format !== 1) problem('this page does not know data format ' + DATA.format);
  for (const [name, render] of [['summary', renderSummary], ['checkers', renderCheckers], ['keys', renderKeys],
    ['faults', renderFaults], ['nodes', renderNodes]]) {
    try {
      render();
    } catch (error) {
      problem(`the ${name} section failed: ${error.message}`);
    }
  }
  for (const chart of view.charts) chart.draw();
  document.querySelector('#timeline .view-range').textContent = `${fmtTime(view.t0)} – ${fmtTime(view.t1)}`;
  followHash();
  REPORT.operations = OPS.count;
  REPORT.rows = ROWS.length;
  REPORT.processes = PROCESS_OPS.size;
  REPORT.sections = [...document.querySelectorAll('main > section')].map(section => section.id);
  REPORT.renderMillis = Math.round(performance.now() - started);
  REPORT.ready = true;
  document.documentElement.dataset.ready = 'true';
}

start();
