// mandategraph explorer: graph, mandate timeline and agenda co-occurrence
// views over the GraphQL API, with the state in the URL hash.
import './style.css';
import { gql, esc } from './api.js';
import { getState, setState, onState } from './state.js';
import { GraphView, KIND_COLORS, REL_STYLE } from './graphview.js';
import { showNode } from './panel.js';
import { renderTimeline } from './timeline.js';
import { renderCooc, showPair } from './cooc.js';

// Test and debugging hooks (the browser tests read them).
window.__mg = { renders: [], ready: false, errors: [] };

const $ = (sel) => document.querySelector(sel);
const panel = $('#panel');
const views = { graph: $('#graph-view'), timeline: $('#timeline-view'), cooc: $('#cooc-view') };
let meta = { missions: [], agendas: [] };

const graphView = new GraphView($('#sigma'), {
  onSelect: (id, { expand }) => {
    const s = getState();
    const patch = { sel: id };
    if (expand && s.focus) {
      const ex = new Set((s.expand || '').split(',').filter(Boolean));
      if (id !== s.focus) ex.add(id);
      patch.expand = [...ex].join(',');
    } else if (expand && !s.focus) {
      patch.focus = id;
    }
    setState(patch);
  },
});

// ---- chrome: legend, filters, search ----

function renderLegend() {
  $('#legend').innerHTML = '<b>Legend</b>' +
    Object.entries(KIND_COLORS).map(([k, c]) => `<div><span class="dot" style="background:${c}"></span>${k}</div>`).join('') +
    Object.entries(REL_STYLE).map(([k, s]) => `<div data-legend="${k}"><span class="line ${k.toLowerCase()}" style="border-color:${s.color}"></span>${esc(s.label)}</div>`).join('') +
    '<div><span class="line structural"></span>structure (mandates, clauses, addresses, cites)</div>' +
    '<div class="muted">line width: relation strength 1–3</div>';
}

function renderFilters(s) {
  const opt = (vals, cur, all) => `<option value="">${all}</option>` + vals.map((v) => `<option value="${esc(v)}"${v === cur ? ' selected' : ''}>${esc(v)}</option>`).join('');
  $('#filters').innerHTML = `<h3>Filters</h3>
    <label>Mission<select data-f="mission">${opt(meta.missions, s.mission, 'all missions')}</select></label>
    <label>Agenda<select data-f="agenda">${opt(meta.agendas.map((a) => a.id), s.agenda, 'all agendas')}</select></label>
    <label>Relation kind<select data-f="relkind">${opt(['TENSION', 'CONVERGENCE'], s.relkind, 'both kinds')}</select></label>
    <label>Mechanism<select data-f="mechanism">${opt(graphView.mechanisms(), s.mechanism, 'all mechanisms')}</select></label>
    <label>Years <span class="years"><input data-f="from" type="number" placeholder="from" value="${esc(s.from)}"> – <input data-f="to" type="number" placeholder="to" value="${esc(s.to)}"></span></label>
    <p><button id="whole">Whole graph</button></p>
    <h3>Export</h3><p class="exports">${[['graph.gexf', 'GEXF'], ['graph.graphml', 'GraphML'], ['graph.cytoscape.json', 'Cytoscape'],
      ['graph.graphology.json', 'graphology'], ['nodes.csv', 'nodes CSV'], ['edges.csv', 'edges CSV']]
      .map(([f, t]) => `<a href="/export/${f}${s.mission ? '?mission=' + encodeURIComponent(s.mission) : ''}">${t}</a>`).join(' · ')}</p>`;
  for (const el of document.querySelectorAll('#filters [data-f]')) {
    el.addEventListener('change', () => setState({ [el.dataset.f]: el.value }));
  }
  $('#whole').addEventListener('click', () => setState({ view: 'graph', focus: '', expand: '', sel: '' }));
}

async function search(text) {
  const box = $('#search-results');
  if (!text.trim()) { box.hidden = true; return; }
  let data;
  // A clause's summary is aliased: Clause.summary (nullable) and
  // Relation.summary (non-null) under one field would be a GraphQL conflict.
  try {
    data = await gql(`query($t: String!) { search(text: $t, first: 30) { score node { __typename id
      ... on Mission { name } ... on Mandate { symbol adopted } ... on Clause { paragraph clauseSummary: summary }
      ... on Document { title } ... on Agenda { name } ... on Relation { kind summary } } } }`, { t: text });
  } catch (err) {
    box.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    box.hidden = false;
    return;
  }
  const groups = {};
  for (const h of data.search) (groups[h.node.__typename] ||= []).push(h.node);
  const label = (n) => n.name || n.symbol || n.title || n.clauseSummary || n.summary || n.id;
  box.innerHTML = data.search.length === 0 ? '<p class="muted">No matches.</p>' :
    Object.entries(groups).map(([kind, nodes]) => `<div class="group" data-kind="${kind}"><h4>${kind} (${nodes.length})</h4><ul>` +
      nodes.map((n) => `<li><a href="#" data-hit="${esc(n.id)}"><b>${esc(n.id)}</b> <span class="muted">${esc(label(n) === n.id ? '' : label(n))}</span></a></li>`).join('') + '</ul></div>').join('');
  box.hidden = false;
}

$('#search-form').addEventListener('submit', (e) => { e.preventDefault(); search($('#search').value); });
document.addEventListener('click', (e) => {
  const hit = e.target.closest('[data-hit]');
  if (hit) {
    e.preventDefault();
    $('#search-results').hidden = true;
    setState({ view: 'graph', focus: hit.dataset.hit, sel: hit.dataset.hit, expand: '' });
    return;
  }
  const sel = e.target.closest('[data-select]');
  if (sel) { e.preventDefault(); setState({ sel: sel.dataset.select }); return; }
  const cell = e.target.closest('td.pair');
  if (cell) { setState({ pair: cell.dataset.a + ',' + cell.dataset.b, sel: '' }); return; }
  if (!e.target.closest('#search-results, #search')) $('#search-results').hidden = true;
});

// ---- applying the state ----

let lastPanel = '';
async function apply(s) {
  const view = s.view || 'graph';
  for (const [k, el] of Object.entries(views)) el.hidden = k !== view;
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === view);
  try {
    if (view === 'graph') {
      if (s.focus) await graphView.showFocus(s.focus, (s.expand || '').split(',').filter(Boolean));
      else await graphView.showWhole();
      graphView.setFilters({ mission: s.mission, agenda: s.agenda, relkind: s.relkind, mechanism: s.mechanism, from: s.from, to: s.to });
      graphView.setSelected(s.sel);
      $('#graph-status').textContent = `${window.__mg.visible.nodes} nodes, ${window.__mg.visible.edges} edges shown` +
        (graphView.truncated ? ' (cut at the API’s node limit)' : '') + (s.focus ? ` · around ${s.focus}; click a node to expand it` : ' · the whole graph');
      renderFilters(s);
    } else if (view === 'timeline') {
      await renderTimeline(views.timeline, s.mission || 'MONUSCO', meta.missions);
    } else if (view === 'cooc') {
      await renderCooc(views.cooc, s.from || '', s.to || '');
    }
    const want = s.sel ? 'sel:' + s.sel : s.pair ? 'pair:' + s.pair : '';
    if (want !== lastPanel) {
      lastPanel = want;
      if (s.sel) await showNode(panel, s.sel);
      else if (s.pair) { const [a, b] = s.pair.split(','); await showPair(panel, a, b); }
    }
  } catch (err) {
    window.__mg.errors.push(String(err.message || err));
    panel.innerHTML = `<p class="error">${esc(err.message || err)}</p>`;
  }
  window.__mg.state = s;
  document.body.dataset.ready = view;
}

views.timeline.addEventListener('mission', (e) => setState({ mission: e.detail }));
views.cooc.addEventListener('period', (e) => setState({ from: e.detail.from, to: e.detail.to, pair: '' }));

// States apply one after another; the page is ready only when the last
// one queued has been applied (a state applied earlier must not say ready
// while a newer one waits: tests and screenshots read the page then).
let queue = Promise.resolve();
let pending = 0;
function enqueue(s) {
  pending++;
  window.__mg.ready = false;
  queue = queue.then(() => apply(s)).finally(() => { if (--pending === 0) window.__mg.ready = true; });
}
onState(enqueue);

(async () => {
  renderLegend();
  const d = await gql(`{ missions(first: 100) { edges { node { id } } } agendas { id name } }`);
  meta = { missions: d.missions.edges.map((e) => e.node.id), agendas: d.agendas };
  enqueue(getState());
})();
