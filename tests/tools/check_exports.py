"""Load tupu's exports into the tools users already have and check they agree with tupu.

Run by `.ci/run` in a venv made from requirements.txt:
    python check_exports.py TUPU_BINARY STORE_DIR INGEST_ROOT
Checks (issue 9): every saved query gives the same rows in tupu and in pyoxigraph over the
N-Quads export (and in rdflib, for the queries it runs in reasonable time); GraphML reads in
networkx with typed attributes; GeoJSON codes are 6 or 12 digits and join a province table;
no export carries an absolute path of the machine that made it.
"""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
QUERIES = ROOT / "ontology" / "queries"
# Saved queries that need names bound, with names the sample article holds.
BINDS = {"path-between.rq": {"from": "方琦", "to": "绍兴市"}}
# rdflib's SPARQL engine is slow on the three-step path union; pyoxigraph covers it.
RDFLIB_SKIP = {"path-between.rq"}

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def tupu(binary, store, *args):
    out = subprocess.run(
        [binary, *args, "--store", store], check=True, capture_output=True
    )
    return out.stdout


def rows_of_json(doc):
    """SPARQL JSON results as a sorted list of rows, each term as (kind, value, lang, datatype)."""
    doc = json.loads(doc)
    names = doc["head"]["vars"]
    rows = []
    for b in doc["results"]["bindings"]:
        row = []
        for n in names:
            t = b.get(n)
            if t is None:
                row.append(None)
                continue
            kind = "literal" if t["type"] == "typed-literal" else t["type"]
            dt = t.get("datatype")
            if dt == "http://www.w3.org/2001/XMLSchema#string":
                dt = None
            # GROUP_CONCAT's order is not defined by SPARQL: compare its parts as a set.
            value = "、".join(sorted(t["value"].split("、")))
            row.append((kind, value, t.get("xml:lang"), dt))
        rows.append(tuple(row))
    return sorted(rows, key=repr)


def prefixes_of(turtle):
    """tupu's pre-declared prefixes, read off the Turtle export, as SPARQL PREFIX lines."""
    return "".join(
        f"PREFIX {m.group(1)}: <{m.group(2)}>\n"
        for m in re.finditer(r"^@prefix (\w*): <([^>]*)> \.$", turtle, re.M)
    )


def values_clause(binds):
    if not binds:
        return ""
    names = " ".join(f"?{k}" for k in binds)
    vals = " ".join(json.dumps(v, ensure_ascii=False) + "@zh" for v in binds.values())
    return f"\nVALUES ({names}) {{ ({vals}) }}\n"


def main():
    binary, store, ingest_root = sys.argv[1:4]
    out = Path(tempfile.mkdtemp(prefix="tupu-exports-"))
    files = {}
    for fmt, ext in [
        ("nquads", "nq"),
        ("graphml", "graphml"),
        ("geojson", "geojson"),
        ("turtle", "ttl"),
        ("dot", "dot"),
    ]:
        files[fmt] = out / f"store.{ext}"
        tupu(binary, store, "export", "--format", fmt, "-o", str(files[fmt]))
    prelude = prefixes_of(files["turtle"].read_text(encoding="utf-8"))
    check("PREFIX tupu:" in prelude, "the Turtle export declares tupu's prefixes")

    # Saved queries: tupu over its store, pyoxigraph and rdflib over the N-Quads export.
    oxs = ox.Store()
    oxs.load(path=str(files["nquads"]), format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(str(files["nquads"]), format="nquads")
    for rq in sorted(QUERIES.glob("*.rq")):
        binds = BINDS.get(rq.name, {})
        args = ["query", "--file", str(rq), "--format", "json"]
        for k, v in binds.items():
            args += ["--bind", f"{k}={v}"]
        want = rows_of_json(tupu(binary, store, *args))
        text = prelude + rq.read_text(encoding="utf-8") + values_clause(binds)
        got = rows_of_json(
            oxs.query(text).serialize(format=ox.QueryResultsFormat.JSON)
        )
        check(
            want == got and len(want) > 0,
            f"{rq.name}: tupu {len(want)} rows, pyoxigraph {len(got)} rows, same rows",
        )
        if rq.name in RDFLIB_SKIP:
            continue
        got = rows_of_json(ds.query(text).serialize(format="json"))
        check(want == got, f"{rq.name}: rdflib {len(got)} rows, same rows")

    # GraphML in networkx: typed attributes.
    g = nx.read_graphml(files["graphml"])
    relations = {"leads", "memberOf", "represents", "proposes", "locatedIn"}
    types = {"Person", "Organisation", "Place", "Initiative"}
    check(g.number_of_edges() > 10, f"networkx reads {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    check(
        all(isinstance(d.get("label"), str) and d.get("type") in types for _, d in g.nodes(data=True)),
        "every node has a string label and a known type",
    )
    check(
        all(
            d.get("relation") in relations and isinstance(d.get("articles"), int) and d["articles"] >= 1
            for _, _, d in g.edges(data=True)
        ),
        "every edge has a known relation and an integer count of articles",
    )
    check(all(deg > 0 for _, deg in g.degree()), "no isolated node in the GraphML drawing")

    # GeoJSON: 6-digit adcodes and 12-digit NBS codes that join a province table.
    provinces = {r["adcode"]: r["name"] for r in csv.DictReader(open(HERE / "provinces.csv", encoding="utf-8"))}
    feats = json.loads(files["geojson"].read_text(encoding="utf-8"))["features"]
    check(len(feats) > 0, f"{len(feats)} places in the GeoJSON")
    for f in feats:
        p = f["properties"]
        ok = re.fullmatch(r"\d{12}", p.get("nbsCode", "")) and (
            p.get("adcode") is None or re.fullmatch(r"\d{6}", p["adcode"])
        )
        check(bool(ok), f"{p['name']}: nbsCode {p.get('nbsCode')}, adcode {p.get('adcode')}")
        check(p["nbsCode"][:2] + "0000" in provinces, f"{p['name']} joins the province table")
        if p.get("level") == 1:
            check(provinces.get(p["adcode"]) == p["name"], f"province {p['name']} is {p['adcode']}")

    # No absolute path of this machine in any export.
    local = {str(Path(x).resolve()) for x in (store, ingest_root, os.getcwd(), Path.home())}
    for fmt, path in files.items():
        text = path.read_text(encoding="utf-8")
        leaked = [p for p in local if p in text]
        check(not leaked, f"{fmt} export names no local path")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("all export checks passed")


if __name__ == "__main__":
    main()
