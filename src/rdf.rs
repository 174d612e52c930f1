//! Stage 6, map to RDF: an [`Extraction`] becomes the quads of one named graph, the
//! article's. Vocabulary: `ontology/tupu.ttl`.
//!
//! Every relation is stored twice over, on purpose: as a direct triple (`李明华 tupu:leads
//! 宁波市委宣传部`) so that plain SPARQL and property paths work, and as an `rdf:Statement`
//! node carrying its provenance (article, evidence text and offsets, confidence) so that
//! SPARQL can ask *why* a triple is there. Standard RDF reification is used rather than
//! RDF 1.2 triple terms because every SPARQL 1.1 tool and every export format (N-Quads,
//! Turtle, GraphML via our own writer) understands it today.

use crate::article::Article;
use crate::gazetteer::Gazetteer;
use crate::schema::{EntityType, Extraction, Predicate};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode as Subject, Quad, Term};
use percent_encoding::{percent_encode, AsciiSet, CONTROLS};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

pub const BASE: &str = "https://w3id.org/tupu/";
pub const TUPU: &str = "https://w3id.org/tupu/ontology#";
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/tupu/ontology";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "https://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const GEO: &str = "http://www.opengis.net/ont/geosparql#";
/// VoID: an article's graph states its own size (`void:triples`), so a server counts a
/// store's quads by summing a number per article instead of scanning every quad.
pub const VOID: &str = "http://rdfs.org/ns/void#";
/// The source of facts that come from the gazetteer rather than from an article's text.
pub const GAZETTEER: &str = "https://w3id.org/tupu/source/nbs-2023-divisions";

/// The prefixes every query and Turtle export gets: the vocabularies, then tupu's own
/// namespaces so that `person:李明华` reads as what it is.
pub const PREFIXES: [(&str, &str); 17] = [
    ("tupu", TUPU),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("skos", SKOS),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("org", "http://www.w3.org/ns/org#"),
    ("geo", GEO),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("void", VOID),
    ("person", "https://w3id.org/tupu/person/"),
    ("organisation", "https://w3id.org/tupu/organisation/"),
    ("place", "https://w3id.org/tupu/place/"),
    ("initiative", "https://w3id.org/tupu/initiative/"),
    ("article", "https://w3id.org/tupu/article/"),
];

/// ASCII characters escaped inside IRI path segments (delimiters and what IRIs forbid).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `ucschar` of RFC 3987: the non-ASCII characters an IRI may carry as they are. Chinese
/// names stay readable in every output (`https://w3id.org/tupu/person/李明华`); anything
/// else (private use, non-characters, bidi controls below U+00A0) is percent-encoded.
fn is_ucschar(c: char) -> bool {
    let c = c as u32;
    matches!(c, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
        || ((0x10000..=0xEFFFD).contains(&c) && (c & 0xFFFF) <= 0xFFFD)
}

/// One path segment of an IRI: reserved ASCII and characters outside `ucschar` are
/// percent-encoded as UTF-8; Chinese (and other) letters are kept.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            out.extend(percent_encode(&[c as u8], SEGMENT));
        } else if is_ucschar(c) {
            out.push(c);
        } else {
            out.extend(percent_encode(c.encode_utf8(&mut buf).as_bytes(), SEGMENT));
        }
    }
    out
}

fn node(iri: String) -> NamedNode {
    // Built from a fixed base and percent-encoded segments: always a valid IRI.
    NamedNode::new_unchecked(iri)
}

pub fn tupu(local: &str) -> NamedNode {
    node(format!("{TUPU}{local}"))
}

fn ns(base: &str, local: &str) -> NamedNode {
    node(format!("{base}{local}"))
}

pub fn article_iri(id: &str) -> NamedNode {
    node(format!("{BASE}article/{}", segment(id)))
}

/// The article id an article IRI was made from, if it is one.
pub fn article_id_of(iri: &str) -> Option<String> {
    let seg = iri.strip_prefix(&format!("{BASE}article/"))?;
    percent_encoding::percent_decode_str(seg)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// The same name and type give the same IRI in every article and every run; a place the
/// gazetteer resolved is named by its division code instead, so that 西湖区 of one city and 西湖区
/// of 南昌 stay apart.
pub fn entity_iri(t: EntityType, name: &str, code: Option<&str>) -> NamedNode {
    let kind = match t {
        EntityType::Person => "person",
        EntityType::Organisation => "organisation",
        EntityType::Place => "place",
        EntityType::Initiative => "initiative",
    };
    match code {
        Some(code) if t == EntityType::Place => place_iri(code),
        _ => node(format!("{BASE}{kind}/{}", segment(name))),
    }
}

/// A division's IRI: its NBS code.
pub fn place_iri(code: &str) -> NamedNode {
    node(format!("{BASE}place/{}", segment(code)))
}

pub fn class_iri(t: EntityType) -> NamedNode {
    tupu(t.as_str())
}

pub fn predicate_iri(p: Predicate) -> NamedNode {
    tupu(p.as_str())
}

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "zh")
}

/// The quads of one article's named graph.
pub fn article_quads(article: &Article, extraction: &Extraction) -> Vec<Quad> {
    let a = article_iri(&article.id);
    let g = GraphName::NamedNode(a.clone());
    let mut quads = Vec::new();
    let mut add = |s: Subject, p: NamedNode, o: Term| quads.push(Quad::new(s, p, o, g.clone()));
    let sa: Subject = a.clone().into();
    add(sa.clone(), rdf::TYPE.into_owned(), tupu("Article").into());
    add(
        sa.clone(),
        ns(SCHEMA, "identifier"),
        Literal::new_simple_literal(&article.id).into(),
    );
    add(
        sa.clone(),
        ns(SCHEMA, "headline"),
        zh(&article.title).into(),
    );
    if let Some(p) = &article.published {
        let dt = if p.contains('T') {
            xsd::DATE_TIME
        } else {
            xsd::DATE
        };
        add(
            sa.clone(),
            ns(SCHEMA, "datePublished"),
            Literal::new_typed_literal(p, dt).into(),
        );
    }
    // schema.org's author, editor and publisher are a Person or an Organization: the same
    // nodes the extractor gives people and bodies of that name (typed and labelled here for
    // the ones the text itself does not name).
    let credits = article
        .source
        .iter()
        .map(|s| ("publisher", EntityType::Organisation, s))
        .chain(
            article
                .authors
                .iter()
                .map(|a| ("author", EntityType::Person, a)),
        )
        .chain(
            article
                .editors
                .iter()
                .map(|e| ("editor", EntityType::Person, e)),
        );
    for (role, t, name) in credits {
        let node = entity_iri(t, name, None);
        add(sa.clone(), ns(SCHEMA, role), node.clone().into());
        let named = extraction
            .entities
            .iter()
            .any(|e| e.entity_type == t && e.name == *name);
        if !named {
            add(
                node.clone().into(),
                rdf::TYPE.into_owned(),
                class_iri(t).into(),
            );
            add(node.into(), rdfs::LABEL.into_owned(), zh(name).into());
        }
    }
    add(
        sa.clone(),
        tupu("contentHash"),
        Literal::new_simple_literal(article.content_hash()).into(),
    );
    add(
        sa.clone(),
        tupu("extractorVersion"),
        Literal::new_simple_literal(crate::EXTRACTOR_VERSION).into(),
    );
    add(
        sa.clone(),
        tupu("sourceFile"),
        Literal::new_simple_literal(article.source_name()).into(),
    );

    let chars: Vec<char> = article.body.chars().collect();
    let iri_of = |id: &str| {
        extraction
            .entity(id)
            .map(|e| entity_iri(e.entity_type, &e.name, e.code.as_deref()))
    };
    for e in &extraction.entities {
        let s: Subject = entity_iri(e.entity_type, &e.name, e.code.as_deref()).into();
        add(
            s.clone(),
            rdf::TYPE.into_owned(),
            class_iri(e.entity_type).into(),
        );
        add(s.clone(), rdfs::LABEL.into_owned(), zh(&e.name).into());
        for alias in &e.aliases {
            add(s.clone(), ns(SKOS, "altLabel"), zh(alias).into());
        }
        if let Some(d) = e.code.as_deref().and_then(|c| Gazetteer::get().by_code(c)) {
            add_codes(&mut add, &s, &Gazetteer::get().divisions[d]);
        }
        add(s.clone(), tupu("mentionedIn"), a.clone().into());
    }
    // Gazetteer knowledge about every resolved place: its level, point, and the chain of
    // divisions above it up to the province, each link a statement derived from the
    // gazetteer (not from the text), so that `tupu:locatedIn+` rolls anything up to its province.
    let g = Gazetteer::get();
    let mut described: HashSet<usize> = HashSet::new();
    for e in extraction
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Place)
    {
        let Some(d) = e.code.as_deref().and_then(|c| g.by_code(c)) else {
            continue;
        };
        let mut chain = vec![d];
        // Up to the province: places without an NBS code (中国 above the provinces) are not
        // the gazetteer's divisions.
        chain.extend(
            g.ancestors(d)
                .into_iter()
                .take_while(|&a| g.divisions[a].code != 0),
        );
        for (k, &x) in chain.iter().enumerate() {
            let div = &g.divisions[x];
            let Some(code) = div.nbs_code() else { continue };
            let s: Subject = place_iri(&code).into();
            if described.insert(x) {
                if k > 0 {
                    add(
                        s.clone(),
                        rdf::TYPE.into_owned(),
                        class_iri(EntityType::Place).into(),
                    );
                    add(s.clone(), rdfs::LABEL.into_owned(), zh(div.name).into());
                    add_codes(&mut add, &s, div);
                }
                add(
                    s.clone(),
                    tupu("adminLevel"),
                    Literal::from(i64::from(div.level)).into(),
                );
                if let Some((lon, lat)) = div.point {
                    let geom = node(format!("{BASE}place/{code}/geometry"));
                    add(s.clone(), ns(GEO, "hasGeometry"), geom.clone().into());
                    add(
                        geom.into(),
                        ns(GEO, "asWKT"),
                        Literal::new_typed_literal(
                            format!("POINT({lon} {lat})"),
                            ns(GEO, "wktLiteral"),
                        )
                        .into(),
                    );
                }
            }
            if let Some(parent) = chain.get(k + 1).and_then(|&p| g.divisions[p].nbs_code()) {
                let o = place_iri(&parent);
                let p = predicate_iri(Predicate::LocatedIn);
                add(s.clone(), p.clone(), o.clone().into());
                let st: Subject = node(format!(
                    "{BASE}statement/{}/gazetteer-{}",
                    segment(&article.id),
                    code
                ))
                .into();
                add(
                    st.clone(),
                    rdf::TYPE.into_owned(),
                    rdf::STATEMENT.into_owned().into(),
                );
                add(st.clone(), rdf::SUBJECT.into_owned(), s.clone().into());
                add(st.clone(), rdf::PREDICATE.into_owned(), p.into());
                add(st.clone(), rdf::OBJECT.into_owned(), o.into());
                add(
                    st.clone(),
                    ns(PROV, "wasDerivedFrom"),
                    node(GAZETTEER.to_string()).into(),
                );
                add(st, tupu("confidence"), confidence(1.0).into());
            }
        }
    }
    // A place inside another by the gazetteer is the gazetteer's fact, stated above along
    // its chain of parents with the gazetteer as source: the article does not restate it
    // (with made-up evidence), nor skip levels (鄞江镇 → 浙江省 would hide 海曙区, 宁波市).
    let division_of = |id: &str| {
        extraction
            .entities
            .iter()
            .find(|e| e.id == id && e.entity_type == EntityType::Place)
            .and_then(|e| e.code.as_deref())
            .and_then(|c| g.by_code(c))
    };
    let gazetteer_fact = |r: &crate::schema::Relation| {
        r.predicate == Predicate::LocatedIn
            && match (division_of(&r.subject), division_of(&r.object)) {
                (Some(s), Some(o)) => g.ancestors(s).contains(&o),
                _ => false,
            }
    };
    for r in &extraction.relations {
        if gazetteer_fact(r) {
            continue;
        }
        let (Some(s), Some(o)) = (iri_of(&r.subject), iri_of(&r.object)) else {
            continue;
        };
        let p = predicate_iri(r.predicate);
        add(s.clone().into(), p.clone(), o.clone().into());
        let mut h = Sha256::new();
        h.update(format!("{} {} {}", s.as_str(), p.as_str(), o.as_str()));
        let hash: String = h
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let st: Subject = node(format!("{BASE}statement/{}/{hash}", segment(&article.id))).into();
        add(
            st.clone(),
            rdf::TYPE.into_owned(),
            rdf::STATEMENT.into_owned().into(),
        );
        add(st.clone(), rdf::SUBJECT.into_owned(), s.into());
        add(st.clone(), rdf::PREDICATE.into_owned(), p.into());
        add(st.clone(), rdf::OBJECT.into_owned(), o.into());
        add(st.clone(), ns(PROV, "wasDerivedFrom"), a.clone().into());
        add(
            st.clone(),
            tupu("confidence"),
            confidence(f64::from(r.confidence)).into(),
        );
        if let Some(ev) = r.evidence {
            let text: String = chars[ev.start.min(chars.len())..ev.end.min(chars.len())]
                .iter()
                .collect();
            add(st.clone(), tupu("evidenceText"), zh(&text).into());
            add(
                st.clone(),
                tupu("evidenceStart"),
                Literal::from(ev.start as i64).into(),
            );
            add(
                st.clone(),
                tupu("evidenceEnd"),
                Literal::from(ev.end as i64).into(),
            );
        }
    }
    sized(&a, quads)
}

/// An article's graph as it is stored: each triple once, then the graph's size as the graph
/// states it (`<article> void:triples N`, itself counted; one stated before is replaced), so
/// that the size is right however the graph was written (extracted, PUT, updated). The
/// quads' graph names are not looked at: all of them go into the article's graph.
pub fn sized(article: &NamedNode, quads: Vec<Quad>) -> Vec<Quad> {
    let mut seen = HashSet::new();
    let mut quads: Vec<Quad> = quads
        .into_iter()
        .filter(|q| !is_size_of(article, q))
        .map(|q| Quad::new(q.subject, q.predicate, q.object, article.clone()))
        .filter(|q| seen.insert(q.clone()))
        .collect();
    if !quads.is_empty() {
        let size = Literal::from(quads.len() as i64 + 1);
        quads.push(Quad::new(
            article.clone(),
            ns(VOID, "triples"),
            size,
            article.clone(),
        ));
    }
    quads
}

/// Whether `q` is the article's statement of its graph's size.
fn is_size_of(article: &NamedNode, q: &Quad) -> bool {
    q.predicate.as_str().strip_prefix(VOID) == Some("triples")
        && q.subject.as_ref() == article.as_ref().into()
}

/// Whether the graph states its size, as the graphs tupu makes do.
pub fn states_size(article: &NamedNode, quads: &[Quad]) -> bool {
    quads.iter().any(|q| is_size_of(article, q))
}

/// A division's codes: `tupu:nbsCode` (12 digits, every level) and `tupu:adcode` (6 digits,
/// levels 1–3), as the NBS tables and map layers write them.
fn add_codes(
    add: &mut impl FnMut(Subject, NamedNode, Term),
    s: &Subject,
    div: &crate::gazetteer::Division,
) {
    if let Some(code) = div.nbs_code() {
        add(
            s.clone(),
            tupu("nbsCode"),
            Literal::new_simple_literal(code).into(),
        );
    }
    if let Some(code) = div.adcode() {
        add(
            s.clone(),
            tupu("adcode"),
            Literal::new_simple_literal(code).into(),
        );
    }
}

/// A confidence as an `xsd:decimal` in its canonical form (`0.7`, `1`): the form every
/// store and tool writes back, so that the same value is the same term everywhere.
fn confidence(x: f64) -> Literal {
    let two = format!("{x:.2}");
    let trimmed = two.trim_end_matches('0');
    // XSD 1.1's canonical decimal: no trailing zeros, no point without a fraction.
    Literal::new_typed_literal(trimmed.trim_end_matches('.'), xsd::DECIMAL)
}

#[cfg(test)]
mod confidence_tests {
    #[test]
    fn confidences_are_canonical_decimals() {
        for (x, want) in [(0.7, "0.7"), (1.0, "1"), (0.85, "0.85"), (0.0, "0")] {
            assert_eq!(super::confidence(x).value(), want);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_states_its_size_once_and_right() {
        let a = article_iri("note");
        let q = |p: &str, o: Term| Quad::new(a.clone(), tupu(p), o, a.clone());
        let title = q("title", Literal::new_simple_literal("t").into());
        let stale = Quad::new(a.clone(), ns(VOID, "triples"), Literal::from(99), a.clone());
        let graph = sized(&a, vec![title.clone(), stale, title.clone()]);
        // The title once, then the size, counting itself.
        assert_eq!(graph.len(), 2);
        assert_eq!(graph[0], title);
        assert_eq!(graph[1].object, Literal::from(2).into());
        assert!(states_size(&a, &graph));
        assert!(!states_size(&a, &graph[..1]));
        assert!(sized(&a, Vec::new()).is_empty(), "no graph, no size");
    }
}
