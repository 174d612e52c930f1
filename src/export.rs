//! Writers for the entity graph: Graphviz DOT, GraphML, Turtle, GeoJSON of places.
//! The only module that knows DOT, GraphML and GeoJSON.

use crate::error::{Error, Result};
use crate::graph::EntityGraph;
use crate::rdf::{self, PREFIXES};
use crate::schema::{EntityType, Predicate};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf as rdfv, rdfs};
use oxigraph::model::{Literal, NamedNode, Triple};
use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// GraphML for Gephi, yEd, Cytoscape, networkx.
    Graphml,
    /// The whole store as N-Quads: the merged default graph and every article's graph.
    Nquads,
    /// The (filtered) entity graph as Turtle.
    Turtle,
    /// Places as GeoJSON points with their numbers of initiatives, organisations and
    /// people (QGIS, geojson.io, kepler.gl).
    Geojson,
}

fn colour(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "#8dd3c7",
        EntityType::Organisation => "#fdb462",
        EntityType::Place => "#b3de69",
        EntityType::Initiative => "#fb8072",
    }
}

/// DOT string literal: quotes, backslashes and line breaks escaped (petgraph's `Dot`
/// writes attribute strings raw, so we write DOT ourselves).
fn dot_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One colour per relation (ColorBrewer Dark2, distinct from the node fills), so that edges
/// need no labels piling up around hubs; the legend says which is which.
fn edge_colour(p: Predicate) -> &'static str {
    match p {
        Predicate::Leads => "#1b9e77",
        Predicate::MemberOf => "#d95f02",
        Predicate::Represents => "#7570b3",
        Predicate::Proposes => "#e7298a",
        Predicate::LocatedIn => "#66a61e",
    }
}

/// Graphviz DOT: nodes filled by type, edges coloured by relation (width by the number of
/// articles, the relation and count in the tooltip), parallel edges concentrated, and a
/// legend cluster for the types and relations the graph holds.
pub fn write_dot(g: &EntityGraph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "digraph tupu {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, concentrate=true, fontname=\"Noto Sans CJK SC\", charset=\"UTF-8\"];"
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Noto Sans CJK SC\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];")?;
    for n in g.node_indices() {
        let node = &g[n];
        writeln!(
            out,
            "  n{} [label={}, fillcolor=\"{}\", tooltip={}, type={}];",
            n.index(),
            dot_str(&node.label),
            colour(node.entity_type),
            dot_str(&format!("{} {}", node.entity_type.as_str(), node.iri)),
            dot_str(node.entity_type.as_str())
        )?;
    }
    for e in g.edge_references() {
        let w = e.weight();
        let tip = format!(
            "{} {} {} ({} article{})",
            g[e.source()].label,
            w.predicate,
            g[e.target()].label,
            w.articles,
            if w.articles == 1 { "" } else { "s" }
        );
        writeln!(
            out,
            "  n{} -> n{} [color=\"{}\", penwidth={}, tooltip={}, relation={}];",
            e.source().index(),
            e.target().index(),
            edge_colour(w.predicate),
            1 + w.articles.min(5),
            dot_str(&tip),
            dot_str(w.predicate.as_str())
        )?;
    }
    write_dot_legend(g, out)?;
    writeln!(out, "}}")
}

/// The legend: one swatch per entity type present, one coloured arrow per relation present.
fn write_dot_legend(g: &EntityGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let types: Vec<EntityType> = EntityType::ALL
        .into_iter()
        .filter(|t| g.node_weights().any(|n| n.entity_type == *t))
        .collect();
    let relations: Vec<Predicate> = Predicate::ALL
        .into_iter()
        .filter(|p| g.edge_weights().any(|e| e.predicate == *p))
        .collect();
    if types.is_empty() {
        return Ok(());
    }
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; style=\"rounded,dashed\"; color=\"#999999\"; fontname=\"Noto Sans CJK SC\";"
    )?;
    for t in &types {
        writeln!(
            out,
            "    legend_{t} [label=\"{t}\", fillcolor=\"{}\"];",
            colour(*t),
            t = t.as_str()
        )?;
    }
    for p in &relations {
        writeln!(
            out,
            "    legend_{p}_from [label=\"\", shape=point, width=0.05];\n    legend_{p}_to [label=\"{p}\", shape=plaintext, style=\"\"];\n    legend_{p}_from -> legend_{p}_to [color=\"{}\", penwidth=2];",
            edge_colour(*p),
            p = p.as_str()
        )?;
    }
    writeln!(out, "  }}")
}

/// XML 1.0 cannot hold most control characters, escaped or not: drop them.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// GraphML with declared, typed keys in a fixed order; node and edge attributes have
/// distinct ids so that tools never confuse them.
pub fn write_graphml(g: &EntityGraph, out: &mut dyn Write) -> Result<()> {
    let xml_err = |e: std::io::Error| Error::io("<output>", e);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let keys: [(&str, &str, &str, &str); 8] = [
        ("d0", "node", "label", "string"),
        ("d1", "node", "type", "string"),
        ("d2", "node", "iri", "string"),
        ("d3", "edge", "relation", "string"),
        ("d4", "edge", "articles", "int"),
        ("d5", "edge", "label", "string"),
        // The DOT export's colours, so that a tool can style by them (and say so in a legend).
        ("d6", "node", "colour", "string"),
        ("d7", "edge", "colour", "string"),
    ];
    (|| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
        root.push_attribute((
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ));
        w.write_event(Event::Start(root))?;
        for (id, domain, name, ty) in keys {
            let mut k = BytesStart::new("key");
            k.push_attribute(("id", id));
            k.push_attribute(("for", domain));
            k.push_attribute(("attr.name", name));
            k.push_attribute(("attr.type", ty));
            w.write_event(Event::Empty(k))?;
        }
        let mut graph = BytesStart::new("graph");
        graph.push_attribute(("id", "tupu"));
        graph.push_attribute(("edgedefault", "directed"));
        w.write_event(Event::Start(graph))?;
        let data = |w: &mut Writer<&mut dyn Write>, key: &str, value: &str| -> std::io::Result<()> {
            let mut d = BytesStart::new("data");
            d.push_attribute(("key", key));
            w.write_event(Event::Start(d))?;
            w.write_event(Event::Text(BytesText::new(&xml_text(value))))?;
            w.write_event(Event::End(BytesEnd::new("data")))
        };
        for n in g.node_indices() {
            let node = &g[n];
            let id = format!("n{}", n.index());
            let mut el = BytesStart::new("node");
            el.push_attribute(("id", id.as_str()));
            w.write_event(Event::Start(el))?;
            data(&mut w, "d0", &node.label)?;
            data(&mut w, "d1", node.entity_type.as_str())?;
            data(&mut w, "d2", &node.iri)?;
            data(&mut w, "d6", colour(node.entity_type))?;
            w.write_event(Event::End(BytesEnd::new("node")))?;
        }
        for e in g.edge_references() {
            let (id, s, t) = (
                format!("e{}", e.id().index()),
                format!("n{}", e.source().index()),
                format!("n{}", e.target().index()),
            );
            let mut el = BytesStart::new("edge");
            el.push_attribute(("id", id.as_str()));
            el.push_attribute(("source", s.as_str()));
            el.push_attribute(("target", t.as_str()));
            w.write_event(Event::Start(el))?;
            data(&mut w, "d3", e.weight().predicate.as_str())?;
            data(&mut w, "d4", &e.weight().articles.to_string())?;
            data(&mut w, "d5", e.weight().predicate.as_str())?;
            data(&mut w, "d7", edge_colour(e.weight().predicate))?;
            w.write_event(Event::End(BytesEnd::new("edge")))?;
        }
        w.write_event(Event::End(BytesEnd::new("graph")))?;
        w.write_event(Event::End(BytesEnd::new("graphml")))?;
        w.get_mut().write_all(b"\n")
    })()
    .map_err(xml_err)
}

/// Places as a GeoJSON FeatureCollection (RFC 7946: longitude first, WGS 84).
pub fn write_geojson(places: &[crate::graph::PlaceSummary], out: &mut dyn Write) -> Result<()> {
    let features: Vec<serde_json::Value> = places
        .iter()
        .map(|p| {
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.point.0, p.point.1]},
                "properties": {
                    "name": p.label,
                    "nbsCode": p.code,
                    "adcode": p.adcode(),
                    "level": p.level,
                    "iri": p.iri,
                    "initiatives": p.initiatives,
                    "organisations": p.organisations,
                    "people": p.people,
                    "approximate": p.approximate,
                }
            })
        })
        .collect();
    let doc = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(|e| Error::io("<output>", e.into()))?;
    out.write_all(b"\n").map_err(|e| Error::io("<output>", e))
}

/// The entity graph as Turtle: types, labels and relations of the kept entities.
pub fn write_turtle(g: &EntityGraph, out: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
    for (p, iri) in PREFIXES {
        ser = ser
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    let mut w = ser.for_writer(out);
    for n in g.node_indices() {
        let node = &g[n];
        let s = NamedNode::new_unchecked(node.iri.clone());
        w.serialize_triple(&Triple::new(
            s.clone(),
            rdfv::TYPE,
            rdf::class_iri(node.entity_type),
        ))
        .map_err(io)?;
        w.serialize_triple(&Triple::new(
            s,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(node.label.clone(), "zh"),
        ))
        .map_err(io)?;
    }
    for e in g.edge_references() {
        w.serialize_triple(&Triple::new(
            NamedNode::new_unchecked(g[e.source()].iri.clone()),
            rdf::predicate_iri(e.weight().predicate),
            NamedNode::new_unchecked(g[e.target()].iri.clone()),
        ))
        .map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node};

    fn tiny() -> EntityGraph {
        let mut g = EntityGraph::new();
        let a = g.add_node(Node {
            iri: "https://w3id.org/tupu/person/张\"三".into(),
            label: "张\"三\u{1}".into(),
            entity_type: EntityType::Person,
            aliases: vec![],
        });
        let b = g.add_node(Node {
            iri: "https://w3id.org/tupu/organisation/某<委>".into(),
            label: "某<委>&".into(),
            entity_type: EntityType::Organisation,
            aliases: vec![],
        });
        g.add_edge(
            a,
            b,
            Edge {
                predicate: Predicate::Leads,
                articles: 2,
            },
        );
        g
    }

    #[test]
    fn dot_escapes_quotes_and_keeps_chinese() {
        let mut out = Vec::new();
        write_dot(&tiny(), &mut out).expect("writes");
        let s = String::from_utf8(out).expect("utf8");
        assert!(s.contains(r#"label="张\"三""#), "{s}");
        assert!(s.contains("leads 某<委>& (2 articles)"), "{s}");
        assert!(s.contains("color=\"#1b9e77\""), "leads has its colour: {s}");
        assert!(
            s.contains("cluster_legend")
                && s.contains("legend_Person")
                && s.contains("legend_leads_to"),
            "legend names the types and relations present: {s}"
        );
        assert!(
            !s.contains("legend_Place"),
            "absent types stay out of the legend"
        );
    }

    #[test]
    fn graphml_is_escaped_and_free_of_control_chars() {
        let mut out = Vec::new();
        write_graphml(&tiny(), &mut out).expect("writes");
        let s = String::from_utf8(out).expect("utf8");
        assert!(s.contains("某&lt;委&gt;&amp;"), "{s}");
        assert!(!s.contains('\u{1}'));
        assert!(s.find("id=\"d0\"") < s.find("id=\"d5\""));
    }
}
