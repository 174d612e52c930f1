//! The entity graph, read from the store into petgraph: nodes are entities (label, type,
//! IRI), edges are relations (predicate, number of articles that support them). Filters
//! by type, by relation and by neighbourhood; degree ranking for `stats`. Knows no file
//! formats: those are `export`'s.

use crate::error::Result;
use crate::query::select;
use crate::schema::{EntityType, Predicate};
use crate::store::GraphStore;
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

/// Reads every entity and relation of the store: entities (typed and labelled) in order of
/// type and label, relations with the number of articles that state each. Read by index
/// scans, not SPARQL: this is the whole store, for `stats` and exports.
pub fn from_store(store: &dyn GraphStore) -> Result<EntityGraph> {
    read_store(store, true)
}

/// The same graph, nodes and edges in the same order, without counting the articles behind
/// each relation (`articles` is 0): it reads the merge's relations only, not every article's
/// statements (for paths; on a server, a tenth of what goes over the wire).
pub fn from_store_uncounted(store: &dyn GraphStore) -> Result<EntityGraph> {
    read_store(store, false)
}

fn read_store(store: &dyn GraphStore, count_articles: bool) -> Result<EntityGraph> {
    use oxigraph::model::vocab::{rdf, rdfs};
    let term = |iri: &str| Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(iri));
    let mut types: HashMap<String, EntityType> = HashMap::new();
    for t in EntityType::ALL {
        let class = term(&format!("{}{}", crate::rdf::TUPU, t.as_str()));
        for q in store.quads_matching(
            None,
            Some(&rdf::TYPE.into_owned().into()),
            Some(&class),
            false,
        )? {
            types.entry(subject_iri(&q)).or_insert(t);
        }
    }
    let mut labels: HashMap<String, String> = HashMap::new();
    for q in store.quads_matching(None, Some(&rdfs::LABEL.into_owned().into()), None, false)? {
        let e = subject_iri(&q);
        if !types.contains_key(&e) {
            continue;
        }
        let l = literal(Some(&q.object));
        let slot = labels.entry(e).or_insert_with(|| l.clone());
        // MIN(STR(?label)): the same label whatever order the store gives them in.
        if l < *slot {
            *slot = l;
        }
    }
    let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
    let alt = term(&format!("{}altLabel", crate::rdf::SKOS));
    for q in store.quads_matching(None, Some(&alt), None, false)? {
        let e = subject_iri(&q);
        if labels.contains_key(&e) {
            aliases.entry(e).or_default().push(literal(Some(&q.object)));
        }
    }
    let mut nodes: Vec<Node> = labels
        .into_iter()
        .filter_map(|(iri, label)| {
            let entity_type = *types.get(&iri)?;
            let mut alts = aliases.remove(&iri).unwrap_or_default();
            alts.sort();
            alts.dedup();
            Some(Node {
                iri,
                label,
                entity_type,
                aliases: alts,
            })
        })
        .collect();
    nodes.sort_by(|a, b| {
        (a.entity_type.as_str(), &a.label, &a.iri).cmp(&(b.entity_type.as_str(), &b.label, &b.iri))
    });
    let mut g = EntityGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    for node in nodes {
        let iri = node.iri.clone();
        index.insert(iri, g.add_node(node));
    }
    // Articles per (subject, predicate, object): the scan gives each graph's statement once.
    let mut support: std::collections::BTreeMap<
        (String, String, String),
        (Predicate, HashSet<String>),
    > = Default::default();
    for p in Predicate::ALL {
        let iri = format!("{}{}", crate::rdf::TUPU, p.as_str());
        for q in store.quads_matching(None, Some(&term(&iri)), None, count_articles)? {
            let Term::NamedNode(o) = &q.object else {
                continue;
            };
            let graphs = &mut support
                .entry((subject_iri(&q), iri.clone(), o.as_str().to_string()))
                .or_insert_with(|| (p, HashSet::new()))
                .1;
            if count_articles {
                graphs.insert(q.graph_name.to_string());
            }
        }
    }
    for ((s, _, o), (predicate, graphs)) in support {
        let (Some(&a), Some(&b)) = (index.get(&s), index.get(&o)) else {
            continue;
        };
        g.add_edge(
            a,
            b,
            Edge {
                predicate,
                articles: graphs.len(),
            },
        );
    }
    Ok(g)
}

fn subject_iri(q: &oxigraph::model::Quad) -> String {
    match &q.subject {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
        other => other.to_string(),
    }
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
pub fn place_summaries(store: &dyn GraphStore) -> Result<Vec<PlaceSummary>> {
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

/// One step of a path: the relation, whether it points along the path (`from` leads `to`)
/// or against it, and the entity reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub predicate: Predicate,
    pub forward: bool,
    pub to: NodeIndex,
}

/// The entities a name stands for: by label, else by alias.
pub fn named(g: &EntityGraph, name: &str) -> Vec<NodeIndex> {
    let by_label: Vec<NodeIndex> = g.node_indices().filter(|&n| g[n].label == name).collect();
    if !by_label.is_empty() {
        return by_label;
    }
    g.node_indices()
        .filter(|&n| g[n].aliases.iter().any(|a| a == name))
        .collect()
}

/// Simple paths from any of `from` to any of `to` along relations either way, of at most
/// `max_steps` steps, shortest first, at most `limit`. A breadth-first search from the
/// targets bounds the walk: from a node, only neighbours close enough to a target to end in
/// time are followed, so the work grows with the paths found and the ends' neighbourhoods,
/// not with the graph.
pub fn paths(
    g: &EntityGraph,
    from: &[NodeIndex],
    to: &[NodeIndex],
    max_steps: usize,
    limit: usize,
) -> Vec<(NodeIndex, Vec<Step>)> {
    let neighbours = |n: NodeIndex| {
        let out = g
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| Step {
                predicate: e.weight().predicate,
                forward: true,
                to: e.target(),
            });
        let inc = g
            .edges_directed(n, petgraph::Direction::Incoming)
            .map(|e| Step {
                predicate: e.weight().predicate,
                forward: false,
                to: e.source(),
            });
        out.chain(inc)
    };
    // Steps from each node to the nearest target, up to max_steps.
    let mut dist: HashMap<NodeIndex, usize> = to.iter().map(|&t| (t, 0)).collect();
    let mut queue: VecDeque<NodeIndex> = to.iter().copied().collect();
    while let Some(n) = queue.pop_front() {
        let d = dist[&n];
        if d == max_steps {
            continue;
        }
        for s in neighbours(n) {
            if let std::collections::hash_map::Entry::Vacant(e) = dist.entry(s.to) {
                e.insert(d + 1);
                queue.push_back(s.to);
            }
        }
    }
    let targets: HashSet<NodeIndex> = to.iter().copied().collect();
    let mut found = Vec::new();
    // One length at a time: shortest paths come first.
    for length in 1..=max_steps {
        for &start in from {
            let mut path: Vec<Step> = Vec::new();
            let mut on_path: HashSet<NodeIndex> = HashSet::from([start]);
            walk(
                &neighbours,
                &dist,
                &targets,
                start,
                length,
                &mut path,
                &mut on_path,
                &mut |p| {
                    found.push((start, p.to_vec()));
                    found.len() < limit
                },
            );
            if found.len() >= limit {
                return found;
            }
        }
    }
    found
}

/// Depth-first walk of exactly `left` more steps ending on a target; `emit` returns false to
/// stop. Returns false once stopped.
#[allow(clippy::too_many_arguments)]
fn walk<I: Iterator<Item = Step>>(
    neighbours: &dyn Fn(NodeIndex) -> I,
    dist: &HashMap<NodeIndex, usize>,
    targets: &HashSet<NodeIndex>,
    at: NodeIndex,
    left: usize,
    path: &mut Vec<Step>,
    on_path: &mut HashSet<NodeIndex>,
    emit: &mut dyn FnMut(&[Step]) -> bool,
) -> bool {
    if left == 0 {
        return if targets.contains(&at) {
            emit(path)
        } else {
            true
        };
    }
    // A target in the middle ends the path there (it was found at its own length).
    if !path.is_empty() && targets.contains(&at) {
        return true;
    }
    for step in neighbours(at) {
        let close = dist.get(&step.to).is_some_and(|&d| d < left);
        if !close || on_path.contains(&step.to) {
            continue;
        }
        let next = step.to;
        on_path.insert(next);
        path.push(step);
        let go_on = walk(
            neighbours,
            dist,
            targets,
            next,
            left - 1,
            path,
            on_path,
            emit,
        );
        path.pop();
        on_path.remove(&next);
        if !go_on {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod path_tests {
    use super::*;

    fn node(g: &mut EntityGraph, label: &str, t: EntityType) -> NodeIndex {
        g.add_node(Node {
            iri: format!("e:{label}"),
            label: label.into(),
            entity_type: t,
            aliases: vec![],
        })
    }

    #[test]
    fn paths_go_either_way_shortest_first_and_stay_within_bounds() {
        let mut g = EntityGraph::new();
        let chen = node(&mut g, "陈某", EntityType::Person);
        let party = node(&mut g, "某县委", EntityType::Organisation);
        let county = node(&mut g, "某县", EntityType::Place);
        let li = node(&mut g, "李某", EntityType::Person);
        let far = node(&mut g, "远方", EntityType::Place);
        let e = |p| Edge {
            predicate: p,
            articles: 1,
        };
        g.add_edge(chen, party, e(Predicate::Leads));
        g.add_edge(party, county, e(Predicate::LocatedIn));
        g.add_edge(li, party, e(Predicate::MemberOf));
        g.add_edge(li, county, e(Predicate::Represents));
        g.add_edge(county, far, e(Predicate::LocatedIn));
        let found = paths(&g, &[chen], &[li], 3, 10);
        let shapes: Vec<Vec<(Predicate, bool)>> = found
            .iter()
            .map(|(_, p)| p.iter().map(|s| (s.predicate, s.forward)).collect())
            .collect();
        assert_eq!(
            shapes,
            vec![
                // 陈某 leads 某县委, which 李某 is a member of.
                vec![(Predicate::Leads, true), (Predicate::MemberOf, false)],
                vec![
                    (Predicate::Leads, true),
                    (Predicate::LocatedIn, true),
                    (Predicate::Represents, false)
                ],
            ]
        );
        // No path runs through 远方 (it leads nowhere but back), none longer than allowed.
        assert!(paths(&g, &[chen], &[far], 1, 10).is_empty());
        assert_eq!(paths(&g, &[chen], &[far], 3, 10).len(), 1);
        // A fourth step allows the way round through 李某.
        assert_eq!(paths(&g, &[chen], &[far], 4, 10).len(), 2);
        assert_eq!(paths(&g, &[chen], &[far], 4, 1).len(), 1, "the limit holds");
    }
}
