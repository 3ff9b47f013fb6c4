// The side panel: the selected element's properties, a relation's evidence
// with locators and notes, links to the official documents.
import { gql, esc } from './api.js';

const REL_FIELDS = 'id kind mechanism summary strength';
// clauseSummary: Clause.summary is nullable and Relation.summary is not, so
// the two cannot share a response key under node.
const NODE_QUERY = `query($id: ID!) { node(id: $id) { __typename id
  ... on Mission { name acronym hostCountries startDate endDate active mandates { id adopted } relations { ${REL_FIELDS} } }
  ... on Mandate { symbol mandateKind: kind adopted chapterVII url missions { id } clauses { id paragraph summary } }
  ... on Clause { paragraph clauseSummary: summary text mandate { id symbol adopted url } agendas { id name } tags { agenda { id name } source rule phrase reason } notTagged { agenda reason } relations { ${REL_FIELDS} } }
  ... on Document { title documentKind: kind issuer year published docSymbol: symbol url agendas { id name } }
  ... on Agenda { name description relations { ${REL_FIELDS} } }
  ... on Relation { relKind: kind mechanism summary strength mission { id }
      source { __typename id } target { __typename id }
      evidence { document { id title url } locator note } }
} }`;

const link = (url, text) => (url ? `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(text || url)}</a>` : '');
const nodeLink = (id, text) => `<a href="#" data-select="${esc(id)}">${esc(text || id)}</a>`;
const row = (k, v) => (v === undefined || v === null || v === '' ? '' : `<tr><th>${esc(k)}</th><td>${v}</td></tr>`);

export function relationList(rels, title = 'Relations') {
  if (!rels || rels.length === 0) return `<h3>${title}</h3><p class="muted">none recorded</p>`;
  return `<h3>${title} (${rels.length})</h3><ul class="rels">` + rels.map((r) =>
    `<li class="rel ${r.kind.toLowerCase()}" data-relation="${esc(r.id)}"><a href="#" data-select="${esc(r.id)}">
      <span class="badge ${r.kind.toLowerCase()}">${r.kind === 'TENSION' ? 'tension' : 'convergence'}</span>
      ${esc(r.mechanism)}${r.strength ? ` · strength ${r.strength}` : ''}</a><div class="muted">${esc(r.summary)}</div></li>`).join('') + '</ul>';
}

// The agendas a rule gives the clause and the curator rejects, each with
// the curator's reason. Built as DOM nodes, the data set as text only.
function notTaggedList(items) {
  const frag = document.createDocumentFragment();
  if (!items || items.length === 0) return frag;
  const h = document.createElement('h3');
  h.textContent = `Rules tag, curator rejects (${items.length})`;
  const ul = document.createElement('ul');
  ul.className = 'not-tagged';
  for (const nt of items) {
    const li = document.createElement('li');
    li.dataset.agenda = nt.agenda;
    const a = document.createElement('a');
    a.href = '#';
    a.dataset.select = nt.agenda;
    a.textContent = nt.agenda;
    const reason = document.createElement('div');
    reason.className = 'reason';
    reason.textContent = nt.reason;
    li.append(a, reason);
    ul.append(li);
  }
  frag.append(h, ul);
  return frag;
}

export async function showNode(panel, id) {
  panel.innerHTML = '<p class="muted">Loading…</p>';
  let data;
  try {
    data = await gql(NODE_QUERY, { id });
  } catch (err) {
    window.__mg.errors.push(String(err.message));
    panel.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    return;
  }
  const n = data.node;
  if (!n) {
    panel.innerHTML = `<p class="error">Nothing has the id ${esc(id)}.</p>`;
    return;
  }
  let html = `<div class="kind">${esc(n.__typename)}</div><h2 data-selected="${esc(n.id)}">${esc(n.name || n.symbol || n.title || (n.__typename === 'Clause' ? n.id : n.id))}</h2><table class="props">`;
  switch (n.__typename) {
    case 'Mission':
      html += row('id', esc(n.id)) + row('host countries', esc(n.hostCountries.join(', '))) + row('start', esc(n.startDate)) +
        row('end', esc(n.endDate || 'active')) + row('mandates', String(n.mandates.length)) + '</table>' +
        `<p><a href="#view=timeline&mission=${encodeURIComponent(n.id)}">Mandate timeline →</a> · ` +
        `<a href="/export/graph.gexf?mission=${encodeURIComponent(n.id)}">GEXF</a> · ` +
        `<a href="/export/graph.graphml?mission=${encodeURIComponent(n.id)}">GraphML</a></p>` + relationList(n.relations);
      break;
    case 'Mandate':
      html += row('kind', esc(n.mandateKind)) + row('adopted', esc(n.adopted)) + row('Chapter VII', n.chapterVII == null ? 'not stated' : n.chapterVII ? 'yes' : 'no') +
        row('missions', n.missions.map((m) => nodeLink(m.id)).join(', ')) + row('official text', link(n.url)) + '</table>' +
        `<h3>Clauses (${n.clauses.length})</h3>` + (n.clauses.length ? '<ul>' + n.clauses.map((c) => `<li>${nodeLink(c.id, '¶ ' + c.paragraph)} <span class="muted">${esc(c.summary)}</span></li>`).join('') + '</ul>' : '<p class="muted">no clauses recorded: its agendas are unknown</p>');
      break;
    case 'Clause':
      html += row('mandate', nodeLink(n.mandate.id, n.mandate.symbol) + ` (${esc(n.mandate.adopted)})`) + row('paragraph', esc(n.paragraph)) +
        row('official text', link(n.mandate.url)) + '</table>' +
        (n.clauseSummary ? `<p>${esc(n.clauseSummary)}</p>` : '') + (n.text ? `<blockquote>${esc(n.text)}</blockquote>` : '') +
        // Each tag says why: the rule and the words it matched, or the curator.
        `<h3>Agendas</h3><ul class="tags">` + n.tags.map((t) => `<li data-agenda="${esc(t.agenda.id)}" data-source="${esc(t.source)}">${nodeLink(t.agenda.id, t.agenda.id)} <span class="muted">${esc(t.agenda.name)}</span>` +
          `<div class="reason">${t.source === 'rule' ? `rule <code>${esc(t.rule)}</code> matched “${esc(t.phrase)}”: ` : 'curated: '}${esc(t.reason)}</div></li>`).join('') + '</ul>' +
        relationList(n.relations);
      break;
    case 'Document':
      html += row('kind', esc(n.documentKind)) + row('issuer', esc(n.issuer)) + row('published', esc(n.published || n.year)) +
        row('symbol', esc(n.docSymbol)) + row('document', link(n.url)) + row('agendas', n.agendas.map((a) => nodeLink(a.id)).join(', ')) + '</table>';
      break;
    case 'Agenda':
      html += row('id', esc(n.id)) + '</table>' + `<p>${esc(n.description)}</p>` + relationList(n.relations);
      break;
    case 'Relation':
      html = `<div class="kind">Relation</div><h2 data-selected="${esc(n.id)}"><span class="badge ${n.relKind.toLowerCase()}">${n.relKind === 'TENSION' ? 'tension' : 'convergence'}</span> ${esc(n.mechanism)}</h2><table class="props">` +
        row('from', nodeLink(n.source.id) + ` <span class="muted">${esc(n.source.__typename)}</span>`) +
        row('to', nodeLink(n.target.id) + ` <span class="muted">${esc(n.target.__typename)}</span>`) +
        row('strength', n.strength ? `${n.strength} of 3` : 'not rated') + row('mission', n.mission ? nodeLink(n.mission.id) : '') + '</table>' +
        `<p>${esc(n.summary)}</p><h3>Evidence (${n.evidence.length})</h3><ol class="evidence">` +
        n.evidence.map((e) => `<li data-evidence="${esc(e.document.id)}">${link(e.document.url, e.document.title) || esc(e.document.title)}` +
          `${e.locator ? ` <span class="locator">${esc(e.locator)}</span>` : ''}${e.note ? `<div class="note">${esc(e.note)}</div>` : ''} ${nodeLink(e.document.id, '(in the graph)')}</li>`).join('') + '</ol>';
      break;
  }
  panel.innerHTML = html;
  if (n.__typename === 'Clause') panel.querySelector('ul.tags').after(notTaggedList(n.notTagged));
}
