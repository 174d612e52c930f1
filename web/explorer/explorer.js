// tupu explorer: a SPARQL client of the server it comes from. Every view is one or a few
// queries to /sparql; nothing is loaded from the internet.
"use strict";

const T = "https://w3id.org/tupu/ontology#";
const TYPES = ["Person", "Organisation", "Place", "Initiative"];
const RELATIONS = ["leads", "memberOf", "represents", "proposes", "locatedIn"];
// The colours of `tupu export --format dot`, so a drawing and the page read alike.
const TYPE_COLOUR = { Person: "#8dd3c7", Organisation: "#fdb462", Place: "#b3de69", Initiative: "#fb8072" };
const RELATION_COLOUR = { leads: "#1b9e77", memberOf: "#d95f02", represents: "#7570b3", proposes: "#e7298a", locatedIn: "#66a61e" };
const LEVELS = { 1: "province", 2: "prefecture-level city", 3: "county", 4: "town", 5: "village" };

const $ = (id) => document.getElementById(id);

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 8000);
}

// ---------------------------------------------------------------- SPARQL over HTTP

async function sparql(query) {
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) {
    const err = new Error(text.trim() || `HTTP ${response.status}`);
    err.status = response.status;
    throw err;
  }
  const doc = JSON.parse(text);
  return { vars: doc.head.vars, rows: doc.results.bindings };
}

// A string as a SPARQL literal: JSON's escapes are SPARQL's.
const literal = (s) => JSON.stringify(s);
// An IRI from the store (always valid) as a SPARQL term.
const iriTerm = (iri) => `<${iri}>`;
const value = (row, name) => (row[name] ? row[name].value : "");
const local = (iri) => iri.slice(iri.lastIndexOf("#") + 1);
const typeOf = (iri) => (iri.startsWith(T) ? local(iri) : "");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "onclick") node.addEventListener("click", v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function entityLink(iri, label) {
  return el("a", { class: "entity", href: `#/entity/${encodeURIComponent(iri)}` }, label || iri);
}

// ---------------------------------------------------------------- search

let searchSeq = 0;
async function search(text) {
  const seq = ++searchSeq;
  const q = text.trim();
  const list = $("results");
  if (!q) { list.replaceChildren(); return; }
  const { rows } = await sparql(`
SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?t) AS ?type) (SAMPLE(?hit) AS ?matched) WHERE {
  VALUES ?t { tupu:Person tupu:Organisation tupu:Place tupu:Initiative }
  ?e a ?t ; rdfs:label|skos:altLabel ?hit .
  FILTER(CONTAINS(LCASE(STR(?hit)), LCASE(${literal(q)})))
  ?e rdfs:label ?label .
} GROUP BY ?e LIMIT 200`);
  if (seq !== searchSeq) return; // a newer keystroke won
  // Exact names first, then shorter names (the most specific match), then by name.
  rows.sort((a, b) => {
    const ea = value(a, "name") === q || value(a, "matched") === q ? 0 : 1;
    const eb = value(b, "name") === q || value(b, "matched") === q ? 0 : 1;
    return ea - eb || value(a, "name").length - value(b, "name").length || value(a, "name").localeCompare(value(b, "name"), "zh");
  });
  list.replaceChildren(...rows.slice(0, 30).map((r) => {
    const type = typeOf(value(r, "type"));
    const li = el("li", { "data-iri": value(r, "e") },
      el("span", { class: `badge ${type}` }, type),
      el("span", { class: "name" }, value(r, "name")));
    if (value(r, "matched") !== value(r, "name")) li.append(el("span", { class: "alias" }, `(${value(r, "matched")})`));
    li.addEventListener("click", () => go(value(r, "e")));
    return li;
  }));
  if (rows.length === 0) list.replaceChildren(el("li", { class: "none" }, `nothing named like “${q}”`));
}

function go(iri) {
  location.hash = `#/entity/${encodeURIComponent(iri)}`;
}

// ---------------------------------------------------------------- entity page

async function openEntity(iri) {
  $("results").replaceChildren();
  $("welcome").hidden = true;
  const e = iriTerm(iri);
  const [facts, edges, evidence] = await Promise.all([
    sparql(`SELECT ?p ?o WHERE { ${e} ?p ?o
      FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel, tupu:adcode, tupu:nbsCode, tupu:adminLevel)) }`),
    sparql(`
SELECT ?s ?p ?o ?sl ?ol ?st ?ot WHERE {
  VALUES ?p { tupu:leads tupu:memberOf tupu:represents tupu:proposes tupu:locatedIn }
  { ${e} ?p ?o BIND(${e} AS ?s) } UNION { ?s ?p ${e} BIND(${e} AS ?o) }
  ?s rdfs:label ?sl ; a ?st . ?o rdfs:label ?ol ; a ?ot .
  FILTER(STRSTARTS(STR(?st), STR(tupu:)) && STRSTARTS(STR(?ot), STR(tupu:)))
} LIMIT 400`),
    sparql(`
SELECT ?s ?p ?o ?text ?conf ?article ?headline ?date WHERE {
  { ?st rdf:subject ${e} } UNION { ?st rdf:object ${e} }
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; tupu:evidenceText ?text ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?st tupu:confidence ?conf }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:datePublished ?date }
} LIMIT 1000`),
  ]);
  const info = { iri, labels: [], aliases: [], type: "" };
  for (const r of facts.rows) {
    const p = value(r, "p"), o = value(r, "o");
    if (p.endsWith("#type") && typeOf(o)) info.type = typeOf(o);
    else if (p.endsWith("rdf-schema#label")) info.labels.push(o);
    else if (p.endsWith("core#altLabel")) info.aliases.push(o);
    else info[local(p)] = o;
  }
  if (!info.type && info.labels.length === 0) {
    showError(`No entity ${iri} in this store.`);
    return;
  }
  $("entity").hidden = false;
  $("entity-name").textContent = info.labels[0] || iri;
  $("entity-type").textContent = info.type;
  $("entity-type").className = `badge ${info.type}`;
  document.title = `${info.labels[0]} · tupu explorer`;
  renderFacts(info);
  renderGraph(info, edges.rows);
  renderRelations(edges.rows, evidence.rows);
  await renderInitiativesAndMap(info);
}

function renderFacts(info) {
  const dl = $("entity-facts");
  const items = [["IRI", info.iri]];
  if (info.aliases.length) items.push(["also called", info.aliases.join("、")]);
  if (info.adminLevel) items.push(["division level", `${info.adminLevel} (${LEVELS[info.adminLevel] || "?"})`]);
  if (info.adcode) items.push(["adcode (GB/T 2260)", info.adcode]);
  if (info.nbsCode) items.push(["NBS code", info.nbsCode]);
  dl.replaceChildren(...items.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

let cy = null;
function renderGraph(info, rows) {
  const nodes = new Map([[info.iri, { id: info.iri, label: info.labels[0], type: info.type, focus: 1 }]]);
  const edges = new Map();
  for (const r of rows) {
    for (const [iri, label, type] of [[value(r, "s"), value(r, "sl"), typeOf(value(r, "st"))], [value(r, "o"), value(r, "ol"), typeOf(value(r, "ot"))]]) {
      if (!nodes.has(iri) && TYPES.includes(type)) nodes.set(iri, { id: iri, label, type, focus: 0 });
    }
    const rel = local(value(r, "p"));
    const id = `${value(r, "s")} ${rel} ${value(r, "o")}`;
    if (nodes.has(value(r, "s")) && nodes.has(value(r, "o"))) {
      edges.set(id, { id, source: value(r, "s"), target: value(r, "o"), relation: rel });
    }
  }
  const elements = [
    ...[...nodes.values()].map((d) => ({ data: { ...d, colour: TYPE_COLOUR[d.type] || "#ccc" } })),
    ...[...edges.values()].map((d) => ({ data: { ...d, colour: RELATION_COLOUR[d.relation] } })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $("graph"),
    elements,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", "font-size": 12,
        "font-family": getComputedStyle(document.body).fontFamily,
        "text-valign": "bottom", "text-margin-y": 4, width: 26, height: 26,
        "border-width": 1, "border-color": "#777" } },
      { selector: "node[focus = 1]", style: { width: 40, height: 40, "border-width": 3, "border-color": "#243447", "font-weight": "bold" } },
      { selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle",
        "curve-style": "bezier", width: 2, label: "data(relation)", "font-size": 9, color: "#555",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
    ],
    layout: { name: nodes.size > 2 ? "concentric" : "grid", concentric: (n) => n.data("focus") * 10 + 1, levelWidth: () => 1, minNodeSpacing: 30, animate: false },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (ev) => { if (!ev.target.data("focus")) go(ev.target.id()); });
  const legend = $("legend");
  const presentTypes = TYPES.filter((t) => [...nodes.values()].some((n) => n.type === t));
  const presentRelations = RELATIONS.filter((r) => [...edges.values()].some((e) => e.relation === r));
  legend.replaceChildren(
    ...presentTypes.map((t) => el("div", {}, el("span", { class: "swatch", style: `background:${TYPE_COLOUR[t]}` }), t)),
    ...presentRelations.map((r) => el("div", {}, el("span", { class: "line", style: `background:${RELATION_COLOUR[r]}` }), r)),
  );
}

// The sentence with the subject's and object's names marked.
function evidenceCell(text, names) {
  const td = el("td", { class: "evidence" });
  const found = names.filter(Boolean).sort((a, b) => b.length - a.length);
  let rest = text;
  while (rest) {
    let best = -1, name = "";
    for (const n of found) {
      const i = rest.indexOf(n);
      if (i >= 0 && (best < 0 || i < best)) { best = i; name = n; }
    }
    if (best < 0) { td.append(rest); break; }
    td.append(rest.slice(0, best), el("mark", {}, name));
    rest = rest.slice(best + name.length);
  }
  return td;
}

function renderRelations(edgeRows, evidenceRows) {
  const byFact = new Map();
  for (const r of evidenceRows) {
    const key = `${value(r, "s")} ${value(r, "p")} ${value(r, "o")}`;
    if (!byFact.has(key)) byFact.set(key, []);
    byFact.get(key).push(r);
  }
  const body = $("relations").tBodies[0];
  const lines = [];
  const seen = new Set();
  for (const r of edgeRows) {
    const key = `${value(r, "s")} ${value(r, "p")} ${value(r, "o")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const head = () => [
      el("td", {}, entityLink(value(r, "s"), value(r, "sl"))),
      el("td", {}, el("span", { style: `color:${RELATION_COLOUR[local(value(r, "p"))]}` }, local(value(r, "p")))),
      el("td", {}, entityLink(value(r, "o"), value(r, "ol"))),
    ];
    const sources = byFact.get(key) || [];
    if (sources.length === 0) {
      // Not said by any article: the gazetteer's containment of divisions.
      lines.push(el("tr", { class: "gazetteer" }, ...head(),
        el("td", { class: "evidence", colspan: 4 }, local(value(r, "p")) === "locatedIn" ? "from the gazetteer of administrative divisions (no article states it)" : "no evidence stored")));
      continue;
    }
    for (const s of sources) {
      const article = value(s, "article");
      const id = decodeURIComponent(article.slice(article.lastIndexOf("/") + 1));
      lines.push(el("tr", {}, ...head(),
        evidenceCell(value(s, "text"), [value(r, "sl"), value(r, "ol")]),
        el("td", {}, value(s, "headline") || id),
        el("td", { title: value(s, "date") }, value(s, "date").slice(0, 10)),
        el("td", {}, value(s, "conf") ? Number(value(s, "conf")).toFixed(2) : "")));
    }
  }
  body.replaceChildren(...lines);
}

// ---------------------------------------------------------------- initiatives and map

async function renderInitiativesAndMap(info) {
  const section = $("initiatives-section");
  const mapSection = $("map-section");
  section.hidden = true;
  mapSection.hidden = true;
  const e = iriTerm(info.iri);
  let lit = new Set();
  if (info.type === "Place") {
    const { rows } = await sparql(`
SELECT ?i ?name ?where ?whereName (GROUP_CONCAT(DISTINCT STR(?who); SEPARATOR="、") AS ?by) WHERE {
  ?i a tupu:Initiative ; rdfs:label ?name ; tupu:locatedIn ?where .
  ?where tupu:locatedIn* ${e} ; rdfs:label ?whereName .
  OPTIONAL { ?p tupu:proposes ?i ; rdfs:label ?who }
} GROUP BY ?i ?name ?where ?whereName ORDER BY ?name LIMIT 500`);
    $("initiatives-title").textContent = `Initiatives in ${info.labels[0]} (with the places inside it)`;
    fillTable("initiatives", ["initiative", "carried out in", "proposed by"], rows.map((r) => [
      entityLink(value(r, "i"), value(r, "name")), entityLink(value(r, "where"), value(r, "whereName")), value(r, "by"),
    ]));
    section.hidden = false;
    lit = new Set([info.iri, ...rows.map((r) => value(r, "where"))]);
    $("map-title").textContent = `${info.labels[0]} and where its initiatives are carried out`;
  } else if (info.type === "Initiative") {
    const { rows } = await sparql(`
SELECT ?where ?whereName ?level ?code WHERE {
  ${e} tupu:locatedIn ?where . ?where rdfs:label ?whereName .
  OPTIONAL { ?where tupu:adminLevel ?level } OPTIONAL { ?where tupu:nbsCode ?code }
} ORDER BY ?level LIMIT 500`);
    $("initiatives-title").textContent = `Places of ${info.labels[0]}`;
    fillTable("initiatives", ["place", "level", "NBS code"], rows.map((r) => [
      entityLink(value(r, "where"), value(r, "whereName")), LEVELS[value(r, "level")] || "", value(r, "code"),
    ]));
    section.hidden = false;
    lit = new Set(rows.map((r) => value(r, "where")));
    $("map-title").textContent = `Where ${info.labels[0]} is carried out`;
  } else {
    return;
  }
  await drawMap(lit);
  mapSection.hidden = false;
}

function fillTable(id, heads, rows) {
  const table = $(id);
  table.tHead.replaceChildren(el("tr", {}, ...heads.map((h) => el("th", {}, h))));
  table.tBodies[0].replaceChildren(...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c)))));
  if (rows.length === 0) table.tBodies[0].replaceChildren(el("tr", {}, el("td", { colspan: heads.length }, "none found")));
}

// echarts' compressed GeoJSON (zigzag-delta coded, one character per coordinate step).
function decodeRing(ring, offsets, scale) {
  const out = [];
  let x = offsets[0], y = offsets[1];
  for (let i = 0; i < ring.length; i += 2) {
    let dx = ring.charCodeAt(i) - 64, dy = ring.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx; y += dy;
    out.push([x / scale, y / scale]);
  }
  return out;
}

function provinceRings(feature, scale) {
  const g = feature.geometry;
  if (g.type === "Polygon") return g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale));
  return g.coordinates.flatMap((poly, i) => poly.map((r, j) => decodeRing(r, g.encodeOffsets[i][j], scale)));
}

let mapData = null;
async function loadMapData() {
  if (!mapData) {
    const [outline, places] = await Promise.all([
      fetch("/vendor/china.json").then((r) => r.json()),
      fetch("/places.geojson").then((r) => r.json()),
    ]);
    const scale = outline.UTF8Scale || 1024;
    mapData = {
      provinces: outline.features.map((f) => ({ id: f.properties.id, name: f.properties.name, rings: provinceRings(f, scale) })),
      places: places.features,
    };
  }
  return mapData;
}

// Equirectangular, x shrunk by cos(36°N) so that China keeps its shape.
const project = ([lon, lat]) => [(lon - 73) * 0.81 * 10, (54 - lat) * 10];

async function drawMap(lit) {
  const { provinces, places } = await loadMapData();
  const litProvinces = new Set(places.filter((p) => lit.has(p.properties.iri)).map((p) => `${p.properties.nbsCode.slice(0, 2)}0000`));
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 520 520");
  svg.setAttribute("role", "img");
  for (const p of provinces) {
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", p.rings.map((r) => `M${r.map((pt) => project(pt).map((v) => v.toFixed(1)).join(",")).join("L")}Z`).join(""));
    path.setAttribute("class", litProvinces.has(p.id) ? "province lit" : "province");
    const title = document.createElementNS(NS, "title");
    title.textContent = p.name;
    path.append(title);
    svg.append(path);
  }
  // Unlit points first, so the lit ones are drawn on top.
  const sorted = [...places].sort((a, b) => lit.has(a.properties.iri) - lit.has(b.properties.iri));
  for (const f of sorted) {
    const [x, y] = project(f.geometry.coordinates);
    const on = lit.has(f.properties.iri);
    const c = document.createElementNS(NS, "circle");
    c.setAttribute("cx", x.toFixed(1));
    c.setAttribute("cy", y.toFixed(1));
    c.setAttribute("r", on ? 4 : 2.2);
    c.setAttribute("class", on ? "point lit" : "point");
    c.style.cursor = "pointer";
    c.addEventListener("click", () => go(f.properties.iri));
    const title = document.createElementNS(NS, "title");
    title.textContent = `${f.properties.name} · ${f.properties.initiatives} initiatives${f.properties.approximate ? " (at its county's point)" : ""}`;
    c.append(title);
    svg.append(c);
    if (on) {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", (x + 5).toFixed(1));
      t.setAttribute("y", (y - 4).toFixed(1));
      t.textContent = f.properties.name;
      svg.append(t);
    }
  }
  $("map").replaceChildren(svg);
}

// ---------------------------------------------------------------- SPARQL tab

async function setUpSparqlTab() {
  const info = await fetch("/queries").then((r) => r.json());
  $("prefix-list").textContent = info.prefixes.map((p) => p[0]).join(" ");
  $("saved-queries").replaceChildren(...info.queries.map((q) => {
    const b = el("button", { title: q.comment }, q.name);
    b.addEventListener("click", () => {
      let text = q.text;
      if (q.binds.length) {
        text += `\n# Put the names here:\nVALUES (${q.binds.map((b) => `?${b}`).join(" ")}) { (${q.binds.map(() => '"名字"@zh').join(" ")}) }\n`;
      }
      $("query").value = text;
    });
    return b;
  }));
}

async function runQuery() {
  const status = $("query-status");
  const out = $("query-results");
  status.textContent = "running…";
  const started = performance.now();
  try {
    const { vars, rows } = await sparql($("query").value);
    status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms`;
    const table = el("table", {}, el("thead", {}, el("tr", {}, ...vars.map((v) => el("th", {}, v)))), el("tbody"));
    table.tBodies[0].append(...rows.map((r) => el("tr", {}, ...vars.map((v) => {
      const t = r[v];
      if (!t) return el("td");
      if (t.type === "uri" && /^https:\/\/w3id\.org\/tupu\/(person|organisation|place|initiative)\//.test(t.value)) {
        return el("td", {}, entityLink(t.value, decodeURIComponent(t.value.slice(t.value.lastIndexOf("/") + 1))));
      }
      return el("td", {}, t.value);
    }))));
    out.replaceChildren(table);
  } catch (err) {
    status.textContent = "";
    out.replaceChildren(el("pre", { class: "query-error" }, err.message));
  }
}

// ---------------------------------------------------------------- wiring

function showTab(name) {
  for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.dataset.tab === name);
  $("explore").hidden = name !== "explore";
  $("sparql").hidden = name !== "sparql";
}

async function route() {
  const m = location.hash.match(/^#\/entity\/(.+)$/);
  if (m) {
    showTab("explore");
    await openEntity(decodeURIComponent(m[1]));
  } else if (location.hash === "#/sparql") {
    showTab("sparql");
  }
}

async function summary() {
  const { rows } = await sparql(`SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?e) AS ?entities) WHERE {
    { ?a schema:headline ?h } UNION { VALUES ?t { tupu:Person tupu:Organisation tupu:Place tupu:Initiative } ?e a ?t } }`);
  $("store-summary").textContent = `${value(rows[0], "articles")} articles · ${value(rows[0], "entities")} entities`;
}

function guard(promise) {
  promise.catch((err) => showError(err.message));
}

window.addEventListener("DOMContentLoaded", () => {
  let timer = null;
  $("search").addEventListener("input", (ev) => {
    clearTimeout(timer);
    timer = setTimeout(() => guard(search(ev.target.value)), 150);
  });
  $("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = $("results").querySelector("li[data-iri]");
      if (first) go(first.dataset.iri);
    }
  });
  for (const t of document.querySelectorAll(".tab")) {
    t.addEventListener("click", () => {
      if (t.dataset.tab === "sparql") location.hash = "#/sparql";
      else showTab("explore");
    });
  }
  $("run").addEventListener("click", () => guard(runQuery()));
  $("query").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) guard(runQuery());
  });
  window.addEventListener("hashchange", () => guard(route()));
  guard(summary());
  guard(setUpSparqlTab());
  guard(route());
});
