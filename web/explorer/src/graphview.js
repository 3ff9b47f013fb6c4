// The graph view: sigma.js (WebGL) over a graphology multigraph. The whole
// graph (the `graph` query) or a neighbourhood that grows on click (the
// `neighborhood` query); filters hide what they exclude.
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import EdgeCurveProgram from '@sigma/edge-curve';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { gql } from './api.js';

export const KIND_COLORS = {
  Mission: '#1f5fa8', Mandate: '#7b4fb5', Clause: '#9a9a9a', Document: '#e08a16', Agenda: '#2e9e4a',
};
export const REL_STYLE = {
  TENSION: { color: '#d62728', type: 'curved', label: 'tension (red, curved)' },
  CONVERGENCE: { color: '#1577c9', type: 'arrow', label: 'convergence (blue, straight arrow)' },
};
const STRUCTURAL_COLOR = '#d4d4d4';

const GRAPH_FIELDS = `truncated nodes { id kind label properties } edges { id kind source target properties }`;

export class GraphView {
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.graph = new Graph({ multi: true, type: 'directed', allowSelfLoops: true });
    this.filters = {};
    this.mode = null; // 'whole' or 'focus:<id>'
    this.expanded = new Set();
    this.truncated = false;
    this.sigma = null;
  }

  // ---- loading ----

  async showWhole() {
    if (this.mode === 'whole') return;
    const t0 = performance.now();
    const data = await gql(`{ graph { ${GRAPH_FIELDS} } }`);
    this.graph.clear();
    this.expanded.clear();
    this.truncated = data.graph.truncated;
    this.merge(data.graph, null);
    this.layout(150);
    this.mode = 'whole';
    this.render();
    this.reportFirstRender(t0, 'whole');
  }

  async showFocus(id, expand = []) {
    const mode = 'focus:' + id;
    if (this.mode !== mode) {
      const t0 = performance.now();
      const data = await gql(`query($id: ID!) { neighborhood(id: $id) { ${GRAPH_FIELDS} } }`, { id });
      this.graph.clear();
      this.expanded = new Set([id]);
      this.truncated = data.neighborhood.truncated;
      this.merge(data.neighborhood, null);
      this.layout(120);
      this.mode = mode;
      this.render();
      this.reportFirstRender(t0, mode);
    }
    for (const x of expand) if (!this.expanded.has(x) && this.graph.hasNode(x)) await this.expand(x);
  }

  // expand adds a node's neighbourhood around it.
  async expand(id) {
    if (this.expanded.has(id)) return;
    const data = await gql(`query($id: ID!) { neighborhood(id: $id) { ${GRAPH_FIELDS} } }`, { id });
    this.expanded.add(id);
    this.truncated = this.truncated || data.neighborhood.truncated;
    this.merge(data.neighborhood, id);
    this.layout(40);
    this.render();
  }

  merge(g, around) {
    const origin = around && this.graph.hasNode(around) ? this.graph.getNodeAttributes(around) : { x: 0, y: 0 };
    let i = 0;
    for (const n of g.nodes) {
      if (this.graph.hasNode(n.id)) continue;
      // A deterministic start: a spiral around the node that was expanded.
      const a = (i * 2.399963) % (2 * Math.PI), r = 1 + Math.sqrt(i) * 0.6;
      i++;
      this.graph.addNode(n.id, {
        x: origin.x + r * Math.cos(a), y: origin.y + r * Math.sin(a),
        label: n.label, kind: n.kind, props: n.properties || {},
        color: KIND_COLORS[n.kind] || '#555',
        size: { Mission: 12, Agenda: 10, Mandate: 6, Document: 6, Clause: 3 }[n.kind] || 4,
      });
    }
    for (const e of g.edges) {
      if (this.graph.hasEdge(e.id)) continue;
      const rel = REL_STYLE[e.kind];
      const strength = (e.properties && e.properties.strength) || 1;
      this.graph.addEdgeWithKey(e.id, e.source, e.target, {
        kind: e.kind, props: e.properties || {},
        color: rel ? rel.color : STRUCTURAL_COLOR,
        type: rel ? rel.type : 'line',
        size: rel ? 1 + 1.5 * strength : 0.5,
        zIndex: rel ? 1 : 0,
      });
    }
  }

  layout(iterations) {
    if (this.graph.order < 2) return;
    const settings = forceAtlas2.inferSettings(this.graph);
    // Large graphs get fewer iterations, so the first render stays quick.
    const n = this.graph.order > 5000 ? Math.min(iterations, 20) : iterations;
    forceAtlas2.assign(this.graph, { iterations: n, settings: { ...settings, barnesHutOptimize: this.graph.order > 1000 } });
  }

  reportFirstRender(t0, mode) {
    this.sigma.once('afterRender', () => {
      window.__mg.renders.push({ mode, nodes: this.graph.order, edges: this.graph.size, ms: performance.now() - t0 });
    });
    this.sigma.refresh();
  }

  // ---- drawing ----

  render() {
    if (!this.sigma) {
      this.sigma = new Sigma(this.graph, this.container, {
        allowInvalidContainer: true,
        enableEdgeEvents: true,
        renderEdgeLabels: false,
        zIndex: true,
        defaultEdgeType: 'line',
        edgeProgramClasses: { line: EdgeLineProgram, arrow: EdgeArrowProgram, curved: EdgeCurveProgram },
        labelRenderedSizeThreshold: 7,
        nodeReducer: (id, attrs) => this.nodeReducer(id, attrs),
        edgeReducer: (id, attrs) => this.edgeReducer(id, attrs),
      });
      this.sigma.on('clickNode', ({ node }) => {
        this.onSelect(node, { expand: true });
      });
      this.sigma.on('clickEdge', ({ edge }) => {
        const e = this.graph.getEdgeAttributes(edge);
        if (REL_STYLE[e.kind]) this.onSelect(edge, { expand: false });
      });
      window.__mg.sigma = this.sigma;
      window.__mg.graphView = this;
      window.__mg.graph = this.graph;
    }
    this.computeVisible();
    this.sigma.refresh();
  }

  setFilters(f) {
    this.filters = f;
    if (this.sigma) this.render();
  }

  setSelected(id) {
    this.selected = id;
    if (this.sigma) this.sigma.refresh();
  }

  // computeVisible applies the filters: mission, agenda, years, relation
  // kind and mechanism.
  computeVisible() {
    const g = this.graph, f = this.filters;
    let keep = null; // null: every node
    const out = (id, kind) => g.outEdges(id).filter((e) => g.getEdgeAttribute(e, 'kind') === kind).map((e) => g.target(e));
    const inn = (id, kind) => g.inEdges(id).filter((e) => g.getEdgeAttribute(e, 'kind') === kind).map((e) => g.source(e));
    if (f.mission && g.hasNode(f.mission)) {
      keep = new Set([f.mission]);
      for (const md of inn(f.mission, 'MANDATES')) {
        keep.add(md);
        for (const c of out(md, 'HAS_CLAUSE')) { keep.add(c); for (const a of out(c, 'ADDRESSES')) keep.add(a); }
        for (const d of out(md, 'CITES')) if (g.getNodeAttribute(d, 'kind') === 'Document') keep.add(d);
      }
      g.forEachEdge((e, a, s, t) => { if (a.props && a.props.mission === f.mission) { keep.add(s); keep.add(t); } });
    }
    if (f.agenda && g.hasNode(f.agenda)) {
      const ag = new Set([f.agenda]);
      for (const x of inn(f.agenda, 'ADDRESSES')) {
        ag.add(x);
        for (const md of inn(x, 'HAS_CLAUSE')) { ag.add(md); for (const m of out(md, 'MANDATES')) ag.add(m); }
      }
      keep = keep ? new Set([...keep].filter((x) => ag.has(x))) : ag;
    }
    const from = f.from ? +f.from : null, to = f.to ? +f.to : null;
    const inYears = (id) => {
      if (from == null && to == null) return true;
      const a = g.getNodeAttributes(id), p = a.props;
      let y0 = null, y1 = null;
      if (a.kind === 'Mandate') y0 = y1 = +String(p.adopted).slice(0, 4);
      else if (a.kind === 'Clause') {
        const md = p.mandateId && g.hasNode(p.mandateId) ? g.getNodeAttribute(p.mandateId, 'props') : null;
        if (md) y0 = y1 = +String(md.adopted).slice(0, 4);
      } else if (a.kind === 'Document') y0 = y1 = p.year;
      else if (a.kind === 'Mission') { y0 = +String(p.startDate || '0').slice(0, 4); y1 = p.endDate ? +String(p.endDate).slice(0, 4) : 9999; }
      if (y0 == null) return true;
      return (from == null || y1 >= from) && (to == null || y0 <= to);
    };
    this.hiddenNodes = new Set();
    g.forEachNode((id) => { if ((keep && !keep.has(id)) || !inYears(id)) this.hiddenNodes.add(id); });
    this.hiddenEdges = new Set();
    g.forEachEdge((e, a, s, t) => {
      const rel = !!REL_STYLE[a.kind];
      if (this.hiddenNodes.has(s) || this.hiddenNodes.has(t) ||
          (f.relkind && rel && a.kind !== f.relkind) ||
          (f.mechanism && (!rel || a.props.mechanism !== f.mechanism)) ||
          (f.relkind && !rel && f.relonly)) this.hiddenEdges.add(e);
    });
    window.__mg.visible = { nodes: g.order - this.hiddenNodes.size, edges: g.size - this.hiddenEdges.size };
  }

  nodeReducer(id, attrs) {
    if (this.hiddenNodes && this.hiddenNodes.has(id)) return { ...attrs, hidden: true };
    if (id === this.selected) return { ...attrs, highlighted: true, forceLabel: true };
    return attrs;
  }

  edgeReducer(id, attrs) {
    if (this.hiddenEdges && this.hiddenEdges.has(id)) return { ...attrs, hidden: true };
    if (id === this.selected) return { ...attrs, size: attrs.size + 3 };
    return attrs;
  }

  mechanisms() {
    const m = new Set();
    this.graph.forEachEdge((e, a) => { if (a.props && a.props.mechanism) m.add(a.props.mechanism); });
    return [...m].sort();
  }

  // nodeViewport gives a node's position in page pixels (for tests and
  // keyboard users' "show me" links).
  nodeViewport(id) {
    const a = this.graph.getNodeAttributes(id);
    const p = this.sigma.graphToViewport({ x: a.x, y: a.y });
    const r = this.container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }
}
