// Mounts GraphiQL against the same-origin endpoint /graphql, with the
// example queries preloaded as tabs. Everything is bundled: no CDN, no fonts
// or styles from the web.
import { createElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { parse, print } from 'graphql';
import 'graphiql/style.css';
import './playground.css';
import { examples } from './examples.js';

const ENDPOINT = '/graphql';

// GraphQL-over-HTTP: POST JSON, prefer application/graphql-response+json.
// Error responses (4xx/5xx) still carry a JSON body worth showing.
async function fetcher(params, opts) {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      ...(opts && opts.headers),
    },
    body: JSON.stringify(params),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    const message = `${ENDPOINT} answered HTTP ${res.status} ${res.statusText}: ${text.slice(0, 500)}`;
    return { errors: [{ message }] };
  }
}

// Tabs are titled by operation name; the analyst question heads the query.
const defaultTabs = examples.map(({ title, query }) => ({
  query: `# ${title}\n${print(parse(query))}\n`,
}));

createRoot(document.getElementById('graphiql')).render(
  createElement(StrictMode, null,
    createElement(GraphiQL, { fetcher, defaultTabs, defaultEditorToolsVisibility: false },
      createElement(GraphiQL.Logo, null, 'mandategraph'))),
);
