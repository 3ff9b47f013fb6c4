// The agenda co-occurrence view: for a period, a matrix of how many
// mandates address each pair of agendas, across missions; a cell opens the
// pair's tensions and convergences in the panel.
import { gql, esc } from './api.js';
import { relationList } from './panel.js';

export async function renderCooc(el, from, to) {
  el.innerHTML = `<div class="toolbar"><label>From <input id="co-from" type="number" min="1945" max="2100" value="${esc(from)}" placeholder="year"></label>
    <label>to <input id="co-to" type="number" min="1945" max="2100" value="${esc(to)}" placeholder="year"></label>
    <span class="legend-inline">number: mandates addressing both · <span class="badge tension">T</span> tensions · <span class="badge convergence">C</span> convergences</span></div>
    <div id="co-body" class="muted">Loading…</div>`;
  for (const id of ['co-from', 'co-to']) {
    el.querySelector('#' + id).addEventListener('change', () =>
      el.dispatchEvent(new CustomEvent('period', { detail: { from: el.querySelector('#co-from').value, to: el.querySelector('#co-to').value } })));
  }
  const vars = {};
  if (from) vars.from = `${from}-01-01`;
  if (to) vars.to = `${to}-12-31`;
  const data = await gql(`query($from: Date, $to: Date) { agendas { id name }
      agendaCooccurrence(from: $from, to: $to) { a { id } b { id } mandates missionIds tensions convergences } }`, vars);
  const pairs = new Map();
  let max = 1;
  for (const p of data.agendaCooccurrence) {
    pairs.set(p.a.id + '|' + p.b.id, p);
    max = Math.max(max, p.mandates);
  }
  const ags = data.agendas;
  const head = '<tr><th></th>' + ags.map((a) => `<th title="${esc(a.name)}">${esc(a.id)}</th>`).join('') + '</tr>';
  const rows = ags.map((r) => `<tr><th title="${esc(r.name)}">${esc(r.id)}</th>` + ags.map((c) => {
    if (r.id === c.id) return '<td class="diag"></td>';
    const [a, b] = r.id < c.id ? [r.id, c.id] : [c.id, r.id];
    const p = pairs.get(a + '|' + b);
    if (!p) return `<td class="pair empty" data-a="${a}" data-b="${b}" data-mandates="0">·</td>`;
    const alpha = (0.15 + 0.85 * p.mandates / max).toFixed(2);
    return `<td class="pair" style="background: rgba(31,95,168,${alpha}); color: ${alpha > 0.55 ? '#fff' : '#000'}" data-a="${a}" data-b="${b}"
      data-mandates="${p.mandates}" data-tensions="${p.tensions}" data-convergences="${p.convergences}"
      title="${esc(a)} & ${esc(b)}: ${p.mandates} mandates in ${esc(p.missionIds.join(', '))}"><b>${p.mandates}</b>` +
      (p.tensions ? `<sup class="t">T${p.tensions}</sup>` : '') + (p.convergences ? `<sup class="c">C${p.convergences}</sup>` : '') + '</td>';
  }).join('') + '</tr>').join('');
  el.querySelector('#co-body').outerHTML = `<table id="cooc" class="grid matrix" data-pairs="${data.agendaCooccurrence.length}"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

export async function showPair(panel, a, b) {
  panel.innerHTML = '<p class="muted">Loading…</p>';
  const q = `query($ags: [ID!]) {
    t: relations(filter: {agendas: $ags, kind: TENSION}, first: 100) { totalCount edges { node { id kind mechanism summary strength } } }
    c: relations(filter: {agendas: $ags, kind: CONVERGENCE}, first: 100) { totalCount edges { node { id kind mechanism summary strength } } } }`;
  const d = await gql(q, { ags: [a, b] });
  panel.innerHTML = `<div class="kind">Agenda pair</div><h2 data-pair="${esc(a)}|${esc(b)}">${esc(a)} & ${esc(b)}</h2>` +
    relationList(d.t.edges.map((e) => e.node), 'Tensions') + relationList(d.c.edges.map((e) => e.node), 'Convergences');
}
