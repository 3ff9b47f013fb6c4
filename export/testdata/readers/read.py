"""Reads a mandategraph export with an independent parser and prints it
normalized as JSON, each attribute value tagged with its Python type:

    python3 read.py graphml|gexf|nodes-csv|edges-csv FILE

GraphML and GEXF are read by networkx, the CSV tables by the csv module.
"""
import csv
import json
import sys


def tag(v):
    return {"t": type(v).__name__, "v": v}


def from_networkx(G):
    nodes = {str(n): {k: tag(v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    edges = []
    for s, t, k, d in G.edges(keys=True, data=True):
        edges.append({"id": str(d.get("id", k)), "source": str(s), "target": str(t),
                      "attrs": {a: tag(v) for a, v in d.items() if a != "id"}})
    return {"directed": G.is_directed(), "multigraph": G.is_multigraph(), "nodes": nodes, "edges": edges}


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt in ("graphml", "gexf"):
        import networkx as nx
        if fmt == "graphml":
            G = nx.read_graphml(path, force_multigraph=True)
        else:
            G = nx.read_gexf(path, version="1.3")
        out = from_networkx(G)
        out["networkx"] = nx.__version__
    else:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        out = {"columns": list(rows[0].keys()) if rows else [], "rows": rows}
    json.dump(out, sys.stdout)


main()
