//! SPARQL over the index: spareval (oxigraph's own evaluator) reads the store through this
//! `QueryableDataset`. The default graph is the merge of every graph: a scan of it skips a
//! triple's repeats in other graphs (they are adjacent in the orders that end in G), so each
//! fact answers once without a second copy of the quads.

use super::index::{graph_place, unpermute, Id, Index, DEFAULT_GRAPH, GSPO, ORDERS};
use oxigraph::model::Term;
use spareval::{InternalQuad, QueryableDataset};
use std::sync::Arc;

/// A read-only view of the index at one moment (writers replace the index, never change
/// one that a query holds).
#[derive(Clone)]
pub struct Dataset {
    pub(super) index: Arc<Index>,
}

/// A term as the evaluator holds it: a stored term by its id; one the store does not hold
/// (a query's constant, a computed value) as itself.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum InternalTerm {
    Stored(Id),
    Other(Arc<Term>),
}

#[derive(Debug, thiserror::Error)]
#[error("the store's index names a term it does not hold (number {0}); `tupu check` rebuilds it")]
pub struct MissingTerm(Id);

impl Dataset {
    fn id(t: Option<&InternalTerm>) -> Result<Option<Id>, ()> {
        match t {
            None => Ok(None),
            Some(InternalTerm::Stored(id)) => Ok(Some(*id)),
            // Not stored: no quad has it.
            Some(InternalTerm::Other(_)) => Err(()),
        }
    }
}

impl<'a> QueryableDataset<'a> for Dataset {
    type InternalTerm = InternalTerm;
    type Error = MissingTerm;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&InternalTerm>,
        predicate: Option<&InternalTerm>,
        object: Option<&InternalTerm>,
        graph_name: Option<Option<&InternalTerm>>,
    ) -> impl Iterator<Item = Result<InternalQuad<InternalTerm>, MissingTerm>> + use<'a> {
        let graph = match graph_name {
            None => Ok(GraphFilter::Named),
            Some(None) => Ok(GraphFilter::Merged),
            Some(Some(g)) => match Self::id(Some(g)) {
                Ok(Some(DEFAULT_GRAPH)) | Err(()) => Err(()),
                Ok(g) => Ok(GraphFilter::One(g.unwrap_or(DEFAULT_GRAPH))),
            },
        };
        let pattern = (|| -> Result<_, ()> {
            let g = graph?;
            Ok((
                [
                    Self::id(subject)?,
                    Self::id(predicate)?,
                    Self::id(object)?,
                    match g {
                        GraphFilter::One(g) => Some(g),
                        _ => None,
                    },
                ],
                g,
            ))
        })();
        let scan = pattern
            .ok()
            .map(|(pattern, graph)| Scan::new(self.index.clone(), pattern, graph));
        scan.into_iter().flatten().map(|q| {
            Ok(InternalQuad {
                subject: InternalTerm::Stored(q[0]),
                predicate: InternalTerm::Stored(q[1]),
                object: InternalTerm::Stored(q[2]),
                graph_name: (q[3] != DEFAULT_GRAPH && q[3] != MERGED)
                    .then_some(InternalTerm::Stored(q[3])),
            })
        })
    }

    fn internal_named_graphs(
        &self,
    ) -> impl Iterator<Item = Result<InternalTerm, MissingTerm>> + use<'a> {
        let gspo = &self.index.orders[GSPO];
        let mut graphs = Vec::new();
        let mut i = 0;
        while i < gspo.len() {
            let g = gspo[i][0];
            if g != DEFAULT_GRAPH {
                graphs.push(Ok(InternalTerm::Stored(g)));
            }
            i += gspo[i..].partition_point(|e| e[0] == g);
        }
        graphs.into_iter()
    }

    fn contains_internal_graph_name(&self, graph_name: &InternalTerm) -> Result<bool, MissingTerm> {
        Ok(match graph_name {
            InternalTerm::Stored(g) if *g != DEFAULT_GRAPH => {
                !self.index.range([None, None, None, Some(*g)]).1.is_empty()
            }
            _ => false,
        })
    }

    fn internalize_term(&self, term: Term) -> Result<InternalTerm, MissingTerm> {
        Ok(match self.index.id_of(&term) {
            Some(id) => InternalTerm::Stored(id),
            None => InternalTerm::Other(Arc::new(term)),
        })
    }

    fn externalize_term(&self, term: InternalTerm) -> Result<Term, MissingTerm> {
        match term {
            InternalTerm::Stored(id) => self.index.dict.term(id).ok_or(MissingTerm(id)),
            InternalTerm::Other(t) => Ok(Arc::unwrap_or_clone(t)),
        }
    }
}

/// Which graphs a scan reads.
#[derive(Clone, Copy, PartialEq)]
pub enum GraphFilter {
    /// The default graph: the merge of all (each triple once).
    Merged,
    /// Every named graph (not the ontology's default-graph-only triples).
    Named,
    /// One graph.
    One(Id),
}

/// Graph number of a merged triple (it belongs to no one graph).
pub const MERGED: Id = Id::MAX;

/// The quads `[s, p, o, g]` of a pattern, in index order.
pub struct Scan {
    index: Arc<Index>,
    order: usize,
    at: usize,
    end: usize,
    pattern: [Option<Id>; 4],
    graphs: GraphFilter,
}

impl Scan {
    pub fn new(index: Arc<Index>, mut pattern: [Option<Id>; 4], graphs: GraphFilter) -> Scan {
        if let GraphFilter::One(g) = graphs {
            pattern[3] = Some(g);
        }
        let (mut order, mut range) = index.range(pattern);
        // The merge skips repeats only where they are adjacent: in an order that ends in G.
        if graphs == GraphFilter::Merged && order == GSPO {
            order = 0;
            range = 0..index.orders[0].len();
        }
        Scan {
            index,
            order,
            at: range.start,
            end: range.end,
            pattern,
            graphs,
        }
    }
}

impl Iterator for Scan {
    type Item = [Id; 4];

    fn next(&mut self) -> Option<[Id; 4]> {
        let order = &ORDERS[self.order];
        let g_place = graph_place(order);
        let rows = &self.index.orders[self.order];
        while self.at < self.end {
            let e = rows[self.at];
            self.at += 1;
            if self.graphs == GraphFilter::Named && e[g_place] == DEFAULT_GRAPH {
                continue;
            }
            let q = unpermute(&e, order);
            if !q
                .iter()
                .zip(&self.pattern)
                .all(|(v, p)| p.is_none_or(|p| p == *v))
            {
                continue;
            }
            if self.graphs == GraphFilter::Merged {
                // The other graphs' copies of this triple follow it: jump past them all at
                // once (a fact restated by thousands of articles costs a binary search, not
                // thousands of steps).
                let run = &rows[self.at..self.end];
                self.at += run.partition_point(|x| x[..3] == e[..3]);
                return Some([q[0], q[1], q[2], MERGED]);
            }
            return Some(q);
        }
        None
    }
}
