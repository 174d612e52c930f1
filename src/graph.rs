//! The entity graph, read from the store into petgraph: nodes are entities (label, type,
//! IRI), edges are relations (predicate, number of articles that support them). Filters
//! by type, by relation and by neighbourhood; degree ranking for `stats`. Knows no file
//! formats: those are `export`'s.

use crate::error::Result;
use crate::query::select;
use crate::schema::{EntityType, Predicate};
use crate::store::Store;
use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub entity_type: EntityType,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub predicate: Predicate,
    /// How many articles state the relation.
    pub articles: usize,
}

pub type EntityGraph = DiGraph<Node, Edge>;

/// Reads every entity and relation of the store.
pub fn from_store(store: &Store) -> Result<EntityGraph> {
    let mut g = EntityGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let (_, rows) = select(
        store,
        "SELECT ?e ?type (MIN(STR(?l)) AS ?label) (GROUP_CONCAT(DISTINCT STR(?alt); SEPARATOR='\u{1f}') AS ?alts)
         WHERE { ?e a ?type ; rdfs:label ?l .
                 FILTER(?type IN (tupu:Person, tupu:Organisation, tupu:Place, tupu:Initiative))
                 OPTIONAL { ?e skos:altLabel ?alt } }
         GROUP BY ?e ?type ORDER BY ?type ?label",
    )?;
    for row in rows {
        let (Some(Term::NamedNode(e)), Some(Term::NamedNode(t))) = (row.get("e"), row.get("type"))
        else {
            continue;
        };
        let Some(entity_type) = t.as_str().rsplit('#').next().and_then(EntityType::parse) else {
            continue;
        };
        let label = literal(row.get("label"));
        let aliases = literal(row.get("alts"))
            .split('\u{1f}')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        let n = g.add_node(Node {
            iri: e.as_str().to_string(),
            label,
            entity_type,
            aliases,
        });
        index.insert(e.as_str().to_string(), n);
    }
    let (_, rows) = select(
        store,
        "SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n)
         WHERE { GRAPH ?g { ?s ?p ?o }
                 FILTER(?p IN (tupu:leads, tupu:memberOf, tupu:represents, tupu:proposes, tupu:locatedIn)) }
         GROUP BY ?s ?p ?o ORDER BY ?s ?p ?o",
    )?;
    for row in rows {
        let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(Term::NamedNode(o))) =
            (row.get("s"), row.get("p"), row.get("o"))
        else {
            continue;
        };
        let (Some(&a), Some(&b)) = (index.get(s.as_str()), index.get(o.as_str())) else {
            continue;
        };
        let Some(predicate) = p.as_str().rsplit('#').next().and_then(Predicate::parse) else {
            continue;
        };
        let articles = literal(row.get("n")).parse().unwrap_or(1);
        g.add_edge(
            a,
            b,
            Edge {
                predicate,
                articles,
            },
        );
    }
    Ok(g)
}

fn literal(t: Option<&Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        _ => String::new(),
    }
}

/// Which part of the graph to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub types: Vec<EntityType>,
    pub relations: Vec<Predicate>,
    /// Keep only what lies within `depth` steps (either direction) of this entity.
    pub around: Option<(String, usize)>,
    /// Keep entities that have no relation left in the graph (dropped by default: in a
    /// drawing they are noise).
    pub isolated: bool,
}

/// The subgraph the filter keeps. `--around` names an entity by label or alias.
pub fn filtered(g: &EntityGraph, f: &Filter) -> std::result::Result<EntityGraph, String> {
    let mut keep_node: HashSet<NodeIndex> = g
        .node_indices()
        .filter(|&n| f.types.is_empty() || f.types.contains(&g[n].entity_type))
        .collect();
    let edge_ok = |e: &petgraph::graph::EdgeReference<Edge>| {
        (f.relations.is_empty() || f.relations.contains(&e.weight().predicate))
            && keep_node.contains(&e.source())
            && keep_node.contains(&e.target())
    };
    let mut keep_edge: HashSet<_> = g
        .edge_references()
        .filter(|e| edge_ok(e))
        .map(|e| e.id())
        .collect();
    if let Some((name, depth)) = &f.around {
        let starts: Vec<NodeIndex> = g
            .node_indices()
            .filter(|&n| {
                keep_node.contains(&n) && (g[n].label == *name || g[n].aliases.contains(name))
            })
            .collect();
        if starts.is_empty() {
            return Err(format!(
                "no entity named {name} in the store (after the type filter)"
            ));
        }
        let mut dist: HashMap<NodeIndex, usize> = starts.iter().map(|&s| (s, 0)).collect();
        let mut queue: VecDeque<NodeIndex> = starts.into_iter().collect();
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d == *depth {
                continue;
            }
            for e in g
                .edges_directed(n, petgraph::Direction::Outgoing)
                .chain(g.edges_directed(n, petgraph::Direction::Incoming))
            {
                if !keep_edge.contains(&e.id()) {
                    continue;
                }
                let other = if e.source() == n {
                    e.target()
                } else {
                    e.source()
                };
                if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(other) {
                    v.insert(d + 1);
                    queue.push_back(other);
                }
            }
        }
        keep_node.retain(|n| dist.contains_key(n));
        keep_edge.retain(|&e| {
            let (a, b) = g.edge_endpoints(e).expect("edge exists");
            keep_node.contains(&a) && keep_node.contains(&b)
        });
    } else if !f.relations.is_empty() || !f.isolated {
        // Nodes without any (of the asked) relations are noise unless asked for.
        let touched: HashSet<NodeIndex> = keep_edge
            .iter()
            .flat_map(|&e| {
                let (a, b) = g.edge_endpoints(e).expect("edge exists");
                [a, b]
            })
            .collect();
        keep_node.retain(|n| touched.contains(n));
    }
    let mut out = EntityGraph::new();
    let mut map = HashMap::new();
    for n in g.node_indices().filter(|n| keep_node.contains(n)) {
        map.insert(n, out.add_node(g[n].clone()));
    }
    for e in g.edge_references().filter(|e| keep_edge.contains(&e.id())) {
        out.add_edge(map[&e.source()], map[&e.target()], e.weight().clone());
    }
    Ok(out)
}

/// Entities by number of relations (both directions), most connected first.
pub fn most_connected(g: &EntityGraph, n: usize) -> Vec<(&Node, usize)> {
    let mut v: Vec<(&Node, usize)> = g
        .node_indices()
        .map(|i| {
            (
                &g[i],
                g.edges_directed(i, petgraph::Direction::Outgoing).count()
                    + g.edges_directed(i, petgraph::Direction::Incoming).count(),
            )
        })
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.label.cmp(&b.0.label)));
    v.truncate(n);
    v
}

/// A place with what happens there, for maps.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceSummary {
    pub iri: String,
    pub label: String,
    /// The 12-digit NBS code.
    pub code: Option<String>,
    pub level: Option<u8>,
    /// Longitude, latitude.
    pub point: (f64, f64),
    /// True when the point is that of a containing division (towns and villages).
    pub approximate: bool,
    /// Initiatives, organisations and people located in the place or anywhere inside it.
    pub initiatives: usize,
    pub organisations: usize,
    pub people: usize,
}

impl PlaceSummary {
    /// The 6-digit GB/T 2260 code map layers join on, for provinces, prefectures and counties.
    pub fn adcode(&self) -> Option<String> {
        let code = self.code.as_deref()?;
        (self.level.is_some_and(|l| (1..=3).contains(&l)) && code.len() >= 6)
            .then(|| code[..6].to_string())
    }
}

fn parse_point(wkt: &str) -> Option<(f64, f64)> {
    let inner = wkt.trim().strip_prefix("POINT(")?.strip_suffix(')')?;
    let mut it = inner.split_whitespace().map(|x| x.parse::<f64>());
    Some((it.next()?.ok()?, it.next()?.ok()?))
}

/// Every place that has a point (its own, or its nearest containing division's), with the
/// numbers of initiatives, organisations and people located in it, rolled up the hierarchy.
pub fn place_summaries(store: &Store) -> Result<Vec<PlaceSummary>> {
    let text = |row: &oxigraph::sparql::QuerySolution, v: &str| literal(row.get(v));
    let iri = |row: &oxigraph::sparql::QuerySolution, v: &str| match row.get(v) {
        Some(Term::NamedNode(n)) => n.as_str().to_string(),
        _ => String::new(),
    };
    let (_, rows) = select(
        store,
        "SELECT ?p (MIN(STR(?l)) AS ?label) (SAMPLE(?c) AS ?code) (SAMPLE(?lv) AS ?level) (SAMPLE(?w) AS ?wkt)
         WHERE { ?p a tupu:Place ; rdfs:label ?l .
                 OPTIONAL { ?p tupu:nbsCode ?c } OPTIONAL { ?p tupu:adminLevel ?lv }
                 OPTIONAL { ?p geo:hasGeometry/geo:asWKT ?w } }
         GROUP BY ?p",
    )?;
    let mut places: Vec<PlaceSummary> = Vec::new();
    let mut own_point: HashMap<String, (f64, f64)> = HashMap::new();
    for row in &rows {
        let p = iri(row, "p");
        if let Some(pt) = parse_point(&text(row, "wkt")) {
            own_point.insert(p.clone(), pt);
        }
        places.push(PlaceSummary {
            iri: p,
            label: text(row, "label"),
            code: Some(text(row, "code")).filter(|c| !c.is_empty()),
            level: text(row, "level").parse().ok(),
            point: (0.0, 0.0),
            approximate: false,
            initiatives: 0,
            organisations: 0,
            people: 0,
        });
    }
    let (_, rows) = select(
        store,
        "SELECT DISTINCT ?a ?b WHERE { ?a a tupu:Place ; tupu:locatedIn ?b . ?b a tupu:Place }",
    )?;
    let mut parents: HashMap<String, Vec<String>> = HashMap::new();
    for row in &rows {
        parents
            .entry(iri(row, "a"))
            .or_default()
            .push(iri(row, "b"));
    }
    let mut counts: HashMap<(String, &str), usize> = HashMap::new();
    for (kind, q) in [
        ("initiatives", "SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a tupu:Initiative ; tupu:locatedIn+ ?p . ?p a tupu:Place } GROUP BY ?p"),
        ("organisations", "SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a tupu:Organisation ; tupu:locatedIn+ ?p . ?p a tupu:Place } GROUP BY ?p"),
        ("people", "SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a tupu:Person . { ?x tupu:represents ?p } UNION { ?x tupu:leads|tupu:memberOf|tupu:represents ?u . ?u a tupu:Organisation ; tupu:locatedIn+ ?p } ?p a tupu:Place } GROUP BY ?p"),
    ] {
        let (_, rows) = select(store, q)?;
        for row in &rows {
            counts.insert((iri(row, "p"), kind), text(row, "n").parse().unwrap_or(0));
        }
    }
    let level_of: HashMap<String, u8> = places
        .iter()
        .filter_map(|p| Some((p.iri.clone(), p.level?)))
        .collect();
    let mut out = Vec::new();
    for mut place in places {
        // The place's own point, else the nearest containing place's (breadth first; at
        // equal distance the most specific division: the county before the province).
        let mut frontier = vec![place.iri.clone()];
        let mut seen: HashSet<String> = HashSet::new();
        let mut found = None;
        while !frontier.is_empty() && found.is_none() {
            found = frontier
                .iter()
                .filter_map(|p| {
                    own_point
                        .get(p)
                        .map(|pt| (level_of.get(p).copied().unwrap_or(0), *pt))
                })
                .max_by_key(|(level, _)| *level)
                .map(|(_, pt)| pt);
            let mut next = Vec::new();
            for p in frontier {
                if seen.insert(p.clone()) {
                    next.extend(parents.get(&p).cloned().unwrap_or_default());
                }
            }
            frontier = next;
        }
        let Some(point) = found else { continue };
        place.approximate = !own_point.contains_key(&place.iri);
        place.point = point;
        place.initiatives = counts
            .get(&(place.iri.clone(), "initiatives"))
            .copied()
            .unwrap_or(0);
        place.organisations = counts
            .get(&(place.iri.clone(), "organisations"))
            .copied()
            .unwrap_or(0);
        place.people = counts
            .get(&(place.iri.clone(), "people"))
            .copied()
            .unwrap_or(0);
        out.push(place);
    }
    out.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.label.cmp(&b.label)));
    Ok(out)
}
