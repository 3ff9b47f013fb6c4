// The example queries the playground opens with, one GraphiQL tab each.
// This is the single source of truth: scripts/build-playground.sh also
// writes it to playground/dist/examples.json, where the Go tests check that
// every query parses (and validates against schema.graphqls once it exists).
// The field names are the analyst-facing contract of schema.graphqls.
export const examples = [
  {
    title: 'POC and SSR tensions',
    query:
      'query PocSsrTensions { relations(filter: {kind: TENSION, agendas: ["POC", "SSR"]}, first: 20) { totalCount edges { node { id mechanism summary strength mission { id } source { id } target { id } evidence { document { id title } locator note } } } } }',
  },
  {
    title: 'Where POC and SSR co-exist',
    query:
      'query PocSsrOverlap { agendaOverlap(agendas: ["POC", "SSR"]) { mission { id name } since relationCount } }',
  },
  {
    title: 'MONUSCO mandate timeline',
    query:
      'query MonuscoTimeline { mandateTimeline(mission: "MONUSCO") { mandate { id adopted } agendas { id } added { id } dropped { id } } }',
  },
  {
    title: 'Neighbourhood for a network view',
    query:
      'query Neighbourhood { neighborhood(id: "POC", depth: 1) { truncated nodes { id kind label } edges { id kind source target } } }',
  },
  {
    title: 'Search',
    query:
      'query Search { search(text: "due diligence", first: 10) { score node { id __typename } } }',
  },
];
