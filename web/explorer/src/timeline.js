// The mandate timeline of one mission: its mandates by adoption date
// (rows) × the agendas (columns), additions and drops marked, mandates
// without recorded clauses shown as unknown.
import { gql, esc } from './api.js';

export async function renderTimeline(el, mission, missions) {
  const options = missions.map((m) => `<option value="${esc(m)}"${m === mission ? ' selected' : ''}>${esc(m)}</option>`).join('');
  el.innerHTML = `<div class="toolbar"><label>Mission <select id="tl-mission">${options}</select></label>
    <span class="legend-inline"><span class="cell present">●</span> addressed <span class="cell added">+</span> added
    <span class="cell dropped">−</span> dropped <span class="cell unknown">?</span> clauses not recorded</span></div><div id="tl-body" class="muted">Loading…</div>`;
  el.querySelector('#tl-mission').addEventListener('change', (e) => el.dispatchEvent(new CustomEvent('mission', { detail: e.target.value })));
  if (!mission) return;
  const data = await gql(`query($m: ID!) { agendas { id name } mandateTimeline(mission: $m) {
      mandate { id symbol adopted url clauses { id } } agendas { id } added { id } dropped { id } } }`, { m: mission });
  const agendas = data.agendas;
  const head = '<tr><th>mandate</th><th>adopted</th>' + agendas.map((a) => `<th title="${esc(a.name)}">${esc(a.id)}</th>`).join('') + '<th>agendas</th></tr>';
  const rows = data.mandateTimeline.map((e) => {
    const unknown = e.mandate.clauses.length === 0;
    const has = new Set(e.agendas.map((a) => a.id)), added = new Set(e.added.map((a) => a.id)), dropped = new Set(e.dropped.map((a) => a.id));
    const cells = agendas.map((a) => {
      let state = '', mark = '';
      if (unknown) { state = 'unknown'; mark = '?'; }
      else if (added.has(a.id)) { state = 'added'; mark = '+'; }
      else if (has.has(a.id)) { state = 'present'; mark = '●'; }
      else if (dropped.has(a.id)) { state = 'dropped'; mark = '−'; }
      return `<td class="cell ${state}" data-agenda="${esc(a.id)}" data-state="${state}">${mark}</td>`;
    }).join('');
    return `<tr data-mandate="${esc(e.mandate.id)}" data-count="${unknown ? '' : e.agendas.length}" data-added="${e.added.length}" data-dropped="${e.dropped.length}">` +
      `<th><a href="#" data-select="${esc(e.mandate.id)}">${esc(e.mandate.symbol)}</a></th><td>${esc(e.mandate.adopted)}</td>${cells}` +
      `<td>${unknown ? 'unknown' : e.agendas.length}</td></tr>`;
  }).join('');
  el.querySelector('#tl-body').outerHTML = `<table id="timeline" class="grid" data-mission="${esc(mission)}"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}
