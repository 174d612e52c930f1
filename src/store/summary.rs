//! `tupu stats` counted on the index itself: term ids instead of the entity graph's strings,
//! labels decoded only for the few entities that may be among the most connected. The
//! counts are those of `graph::from_store` (the entity graph), which a test checks.

use super::dataset::{GraphFilter, Scan};
use super::index::{Id, Index};
use super::{Summary, MOST_CONNECTED};
use crate::rdf;
use crate::schema::{EntityType, Predicate};
use oxigraph::model::vocab::{rdf as rdfv, rdfs};
use oxigraph::model::{NamedNode, Term};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The summary of what `index` holds (`articles` and `quads` as the store counts them).
pub(super) fn summary(index: &Arc<Index>, articles: usize, quads: usize) -> Summary {
    let id = |iri: &str| index.id_of(&Term::NamedNode(NamedNode::new_unchecked(iri)));
    let scan = |pattern: [Option<Id>; 4], graphs| Scan::new(index.clone(), pattern, graphs);
    // An entity: typed (its first type in EntityType::ALL's order) and labelled.
    let mut types: HashMap<Id, EntityType> = HashMap::new();
    let type_id = id(rdfv::TYPE.as_str());
    for t in EntityType::ALL {
        let Some(class) = id(&format!("{}{}", rdf::TUPU, t.as_str())) else {
            continue;
        };
        for q in scan([None, type_id, Some(class), None], GraphFilter::Merged) {
            types.entry(q[0]).or_insert(t);
        }
    }
    let label_id = id(rdfs::LABEL.as_str());
    let labelled: HashSet<Id> = match label_id {
        Some(l) => scan([None, Some(l), None, None], GraphFilter::Merged)
            .map(|q| q[0])
            .filter(|s| types.contains_key(s))
            .collect(),
        None => HashSet::new(),
    };
    types.retain(|e, _| labelled.contains(e));
    let entities = EntityType::ALL
        .into_iter()
        .map(|t| (t, types.values().filter(|&&v| v == t).count()))
        .collect();
    // Relations between entities: distinct (subject, object) per predicate, each stated by
    // the article graphs that hold it.
    let is_iri = |o: Id| index.dict.form(o).is_some_and(|f| f.first() == Some(&b'<'));
    let mut degree: HashMap<Id, usize> = types.keys().map(|&e| (e, 0)).collect();
    let mut relations = Vec::new();
    for p in Predicate::ALL {
        let mut pairs: Vec<(Id, Id)> = match id(&format!("{}{}", rdf::TUPU, p.as_str())) {
            Some(pid) => scan([None, Some(pid), None, None], GraphFilter::Named)
                .filter(|q| is_iri(q[2]) && types.contains_key(&q[0]) && types.contains_key(&q[2]))
                .map(|q| (q[0], q[2]))
                .collect(),
            None => Vec::new(),
        };
        let statements = pairs.len();
        pairs.sort_unstable();
        pairs.dedup();
        for &(s, o) in &pairs {
            *degree.entry(s).or_default() += 1;
            *degree.entry(o).or_default() += 1;
        }
        relations.push((p, pairs.len(), statements));
    }
    // The most connected: every entity with at least the tenth best degree, labelled (the
    // least label, as the entity graph takes it), then ties broken by label.
    let mut degrees: Vec<usize> = degree.values().copied().collect();
    degrees.sort_unstable_by(|a, b| b.cmp(a));
    let tenth = degrees
        .get(MOST_CONNECTED.saturating_sub(1))
        .or(degrees.last())
        .copied()
        .unwrap_or(0);
    let label_of = |e: Id| -> String {
        label_id
            .into_iter()
            .flat_map(|l| scan([Some(e), Some(l), None, None], GraphFilter::Merged))
            .map(|q| match index.dict.term(q[2]) {
                Some(Term::Literal(l)) => l.value().to_string(),
                _ => String::new(),
            })
            .min()
            .unwrap_or_default()
    };
    let mut candidates: Vec<(usize, String, EntityType, String)> = degree
        .iter()
        .filter(|(_, &d)| d >= tenth)
        .map(|(&e, &d)| {
            // The IRI without its brackets, as the entity graph compares them.
            let iri = index
                .dict
                .form(e)
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim_matches(['<', '>'])
                        .to_string()
                })
                .unwrap_or_default();
            (d, label_of(e), types[&e], iri)
        })
        .collect();
    // As the entity graph orders them: degree, label, then type and IRI.
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.as_str().cmp(b.2.as_str()))
            .then_with(|| a.3.cmp(&b.3))
    });
    candidates.truncate(MOST_CONNECTED);
    Summary {
        articles,
        quads,
        entities,
        relations,
        most_connected: candidates
            .into_iter()
            .map(|(d, label, t, _)| (label, t, d))
            .collect(),
    }
}
