//! The store's in-memory index: a term dictionary and every quad once, as four sorted
//! arrays of term ids (SPOG, POSG, OSPG, GSPO).
//!
//! Why arrays and not a tree: the store changes in batches (an ingest, a removal) and is
//! read far more than it is written; sorted arrays of `[u32; 4]` are 16 bytes a quad per
//! order, load from the snapshot as one read, and answer a pattern with two binary searches.
//! A batch of changes is merged in one pass per order (linear in the store's size).
//!
//! The default graph is the RDF merge of the article graphs and the ontology: no quad is
//! stored twice for it. In the three orders that end in G, the quads that state one triple
//! in several graphs are adjacent, so a scan of the default graph skips the repeats as it
//! goes (a triple stated by three articles answers once).

use oxigraph::model::{GraphName, NamedNode, Quad, Term, TermRef};
use std::collections::{HashMap, HashSet};

/// A term's number in the dictionary. 0 is no term: as a graph it stands for the default
/// graph (the ontology's triples are there and in no named graph).
pub type Id = u32;
pub const DEFAULT_GRAPH: Id = 0;

/// The four sort orders: which quad position (S=0, P=1, O=2, G=3) comes at each key place.
pub const ORDERS: [[usize; 4]; 4] = [[0, 1, 2, 3], [1, 2, 0, 3], [2, 0, 1, 3], [3, 0, 1, 2]];
pub const GSPO: usize = 3;

/// Terms by id and ids by term. A term is kept in its N-Triples form (what the article files
/// hold), decoded when a query reads it.
#[derive(Clone, Default)]
pub struct Dictionary {
    /// The N-Triples forms one after the other.
    pub(super) blob: Vec<u8>,
    /// Term `i` (ids from 1) is `blob[offsets[i - 1]..offsets[i]]`; `offsets[0]` is 0.
    pub(super) offsets: Vec<u64>,
    /// (hash of the form, id), sorted: the lookup by term.
    pub(super) by_hash: Vec<(u64, Id)>,
}

/// FNV-1a: a stable hash (the snapshot keeps it), fast on short strings.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

impl Dictionary {
    pub fn new() -> Dictionary {
        Dictionary {
            blob: Vec::new(),
            offsets: vec![0],
            by_hash: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The N-Triples form of term `id`.
    pub fn form(&self, id: Id) -> Option<&[u8]> {
        let i = id as usize;
        if i == 0 || i >= self.offsets.len() {
            return None;
        }
        Some(&self.blob[self.offsets[i - 1] as usize..self.offsets[i] as usize])
    }

    /// The term `id` stands for.
    pub fn term(&self, id: Id) -> Option<Term> {
        let form = std::str::from_utf8(self.form(id)?).ok()?;
        form.parse().ok()
    }

    /// The id of the term with this N-Triples form, if the dictionary has it.
    pub fn lookup(&self, form: &[u8]) -> Option<Id> {
        let h = hash(form);
        let start = self.by_hash.partition_point(|&(x, _)| x < h);
        self.by_hash[start..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, id)| id)
            .find(|&id| self.form(id) == Some(form))
    }

    /// Adds terms not yet known; `fresh` holds the ones added in this batch until
    /// [`Dictionary::seal`] sorts them into the lookup.
    fn intern(&mut self, form: String, fresh: &mut HashMap<String, Id>) -> Id {
        if let Some(id) = self.lookup(form.as_bytes()) {
            return id;
        }
        if let Some(&id) = fresh.get(&form) {
            return id;
        }
        self.blob.extend_from_slice(form.as_bytes());
        self.offsets.push(self.blob.len() as u64);
        let id = self.len() as Id;
        fresh.insert(form, id);
        id
    }

    fn seal(&mut self, fresh: HashMap<String, Id>) {
        if fresh.is_empty() {
            return;
        }
        let mut added: Vec<(u64, Id)> = fresh
            .into_iter()
            .map(|(form, id)| (hash(form.as_bytes()), id))
            .collect();
        added.sort_unstable();
        merge_into(&mut self.by_hash, &added);
    }
}

/// The whole index.
#[derive(Clone)]
pub struct Index {
    pub dict: Dictionary,
    /// `orders[k]` holds every quad with its positions permuted by `ORDERS[k]`, sorted.
    pub orders: [Vec<[Id; 4]>; 4],
}

/// Quads over a small table of their own terms, each N-Triples form once. Made on any thread
/// (the worker that extracted an article, the reader of a file), so that putting them in the
/// index costs one dictionary lookup per distinct term instead of four per quad.
#[derive(Default, Clone)]
pub struct Encoded {
    forms: Vec<String>,
    /// `[s, p, o, g]` as places in `forms`; [`Encoded::DEFAULT`] as g: the default graph.
    quads: Vec<[u32; 4]>,
}

impl Encoded {
    const DEFAULT: u32 = u32::MAX;

    /// The quads as they are.
    pub fn new(quads: &[Quad]) -> Encoded {
        Encoded::build(quads, None)
    }

    /// The quads put in `graph` whatever their own, each once, sorted by their N-Quads
    /// lines (a graph is a set; its file the same bytes for the same set).
    pub fn in_graph(quads: &[Quad], graph: &NamedNode) -> Encoded {
        let mut encoded = Encoded::build(quads, Some(graph));
        let forms = &encoded.forms;
        let key = |q: &[u32; 4]| [0, 1, 2].map(|k| forms[q[k] as usize].as_str());
        encoded.quads.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        encoded.quads.dedup();
        encoded
    }

    /// Each distinct term is written out once (the map borrows the quads' terms).
    fn build<'a>(quads: &'a [Quad], graph: Option<&'a NamedNode>) -> Encoded {
        let mut places: HashMap<TermRef<'a>, u32> = HashMap::new();
        let mut forms = Vec::new();
        let mut place = |term: TermRef<'a>| -> u32 {
            *places.entry(term).or_insert_with(|| {
                forms.push(term.to_string());
                (forms.len() - 1) as u32
            })
        };
        let graph = graph.map(|g| place(g.into()));
        let quads = quads
            .iter()
            .map(|q| {
                let g = match (graph, &q.graph_name) {
                    (Some(g), _) => g,
                    (None, GraphName::DefaultGraph) => Encoded::DEFAULT,
                    (None, GraphName::NamedNode(n)) => place(n.into()),
                    (None, GraphName::BlankNode(b)) => place(b.into()),
                };
                [
                    place((&q.subject).into()),
                    place((&q.predicate).into()),
                    place((&q.object).into()),
                    g,
                ]
            })
            .collect();
        Encoded { forms, quads }
    }

    pub fn len(&self) -> usize {
        self.quads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quads.is_empty()
    }

    /// Each quad's subject, predicate and object in N-Triples form, and its graph's (none
    /// for the default graph).
    pub fn lines(&self) -> impl Iterator<Item = ([&str; 3], Option<&str>)> {
        self.quads.iter().map(|q| {
            let form = |place: u32| self.forms[place as usize].as_str();
            (
                [form(q[0]), form(q[1]), form(q[2])],
                (q[3] != Encoded::DEFAULT).then(|| form(q[3])),
            )
        })
    }

    /// The quads as N-Quads, a line each (what oxigraph's serializer writes).
    pub fn nquads(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.forms.iter().map(String::len).sum::<usize>() * 2);
        for ([s, p, o], g) in self.lines() {
            for part in [s, " ", p, " ", o] {
                out.extend_from_slice(part.as_bytes());
            }
            if let Some(g) = g {
                out.push(b' ');
                out.extend_from_slice(g.as_bytes());
            }
            out.extend_from_slice(b" .\n");
        }
        out
    }
}

/// Changes to apply at once: graphs to empty, then quads to add.
#[derive(Default)]
pub struct Changes {
    /// Graph IRIs whose quads go (the default graph's, for the ontology: `None`).
    pub emptied: HashSet<Option<String>>,
    pub added: Vec<Encoded>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.emptied.is_empty() && self.added.iter().all(Encoded::is_empty)
    }
}

impl Default for Index {
    fn default() -> Self {
        Index {
            dict: Dictionary::new(),
            orders: Default::default(),
        }
    }
}

impl Index {
    /// Number of quads (each graph's count; the default graph's merge not counted twice).
    pub fn len(&self) -> usize {
        self.orders[0].len()
    }

    /// The id of a term, if stored.
    pub fn id_of(&self, term: &Term) -> Option<Id> {
        self.dict.lookup(term.to_string().as_bytes())
    }

    /// The id of a graph name, if stored (the default graph is [`DEFAULT_GRAPH`]).
    pub fn graph_id(&self, iri: Option<&str>) -> Option<Id> {
        match iri {
            None => Some(DEFAULT_GRAPH),
            Some(iri) => self.dict.lookup(format!("<{iri}>").as_bytes()),
        }
    }

    /// Applies a batch: every quad of the emptied graphs leaves, the added quads come in
    /// (each once). One pass over each order.
    pub fn apply(&mut self, changes: Changes) {
        if changes.is_empty() {
            return;
        }
        let emptied: HashSet<Id> = changes
            .emptied
            .iter()
            .filter_map(|g| self.graph_id(g.as_deref()))
            .collect();
        let mut fresh = HashMap::new();
        let mut added: Vec<[Id; 4]> =
            Vec::with_capacity(changes.added.iter().map(Encoded::len).sum());
        for batch in changes.added {
            let ids: Vec<Id> = batch
                .forms
                .into_iter()
                .map(|form| self.dict.intern(form, &mut fresh))
                .collect();
            let id = |place: u32| match place {
                Encoded::DEFAULT => DEFAULT_GRAPH,
                p => ids[p as usize],
            };
            added.extend(
                batch
                    .quads
                    .iter()
                    .map(|q| [id(q[0]), id(q[1]), id(q[2]), id(q[3])]),
            );
        }
        self.dict.seal(fresh);
        for (k, order) in ORDERS.iter().enumerate() {
            let rows = &mut self.orders[k];
            if !emptied.is_empty() {
                let g = graph_place(order);
                rows.retain(|e| !emptied.contains(&e[g]));
            }
            let mut new: Vec<[Id; 4]> = added.iter().map(|q| permute(q, order)).collect();
            new.sort_unstable();
            new.dedup();
            merge_into(rows, &new);
            // A quad added again (a graph put twice in one batch) is there once.
            rows.dedup();
        }
    }

    /// Quads matching a pattern of ids: the order whose bound key prefix leaves the fewest
    /// entries to look at (two binary searches per order to know), and that range of it.
    /// (A graph and a predicate bound: the graph's few hundred quads, not every quad with
    /// the predicate in every graph.) `pattern[3]`: `Some(g)` one graph (the default graph's
    /// own quads for [`DEFAULT_GRAPH`]), `None` any graph.
    pub fn range(&self, pattern: [Option<Id>; 4]) -> (usize, std::ops::Range<usize>) {
        let mut best: Option<(usize, std::ops::Range<usize>)> = None;
        for (k, order) in ORDERS.iter().enumerate() {
            let bound = order.iter().take_while(|&&p| pattern[p].is_some()).count();
            // The bound prefix of the key (no allocation: this runs for every pattern).
            let mut key = [0; 4];
            for (place, &p) in order[..bound].iter().enumerate() {
                key[place] = pattern[p].unwrap_or(0);
            }
            let key = &key[..bound];
            let rows = &self.orders[k];
            let start = rows.partition_point(|e| &e[..bound] < key);
            let end = start + rows[start..].partition_point(|e| &e[..bound] == key);
            if best.as_ref().is_none_or(|(_, r)| end - start < r.len()) {
                best = Some((k, start..end));
            }
        }
        best.unwrap_or((0, 0..0))
    }
}

/// Where the graph comes in an entry of this order.
pub fn graph_place(order: &[usize; 4]) -> usize {
    order.iter().position(|&p| p == 3).unwrap_or(3)
}

/// A quad `[s, p, o, g]` in the key order `order`.
pub fn permute(q: &[Id; 4], order: &[usize; 4]) -> [Id; 4] {
    [q[order[0]], q[order[1]], q[order[2]], q[order[3]]]
}

/// The quad `[s, p, o, g]` an entry of order `order` holds.
pub fn unpermute(e: &[Id; 4], order: &[usize; 4]) -> [Id; 4] {
    let mut q = [0; 4];
    for (place, &pos) in order.iter().enumerate() {
        q[pos] = e[place];
    }
    q
}

/// Merges sorted `b` into sorted `a`, in place: `a` grows at its end and its entries move up
/// into the room, so that adding a few articles to a large index allocates and touches no
/// second copy of it (a reader opening a store whose snapshot lags a few files spent most of
/// its time faulting in fresh pages for that copy). Equal entries end up side by side.
fn merge_into<T: Ord + Copy>(a: &mut Vec<T>, b: &[T]) {
    let (n, m) = (a.len(), b.len());
    if m == 0 {
        return;
    }
    // The room at the end (a large block grows by remapping, not by copying).
    a.extend_from_slice(b);
    let mut end = n; // a[..end]: entries not moved yet
    let mut k = n + m; // a[k..]: merged
    if m * 32 < n {
        // Few: each added entry finds its place by binary search, and the entries above it
        // move up as one block.
        for &x in b.iter().rev() {
            let p = a[..end].partition_point(|y| *y <= x);
            let block = end - p;
            a.copy_within(p..end, k - block);
            k -= block + 1;
            a[k] = x;
            end = p;
        }
    } else {
        // Many: one backward pass over both.
        let mut j = m;
        while j > 0 {
            k -= 1;
            if end > 0 && a[end - 1] > b[j - 1] {
                a[k] = a[end - 1];
                end -= 1;
            } else {
                a[k] = b[j - 1];
                j -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn merging_in_place_gives_the_sorted_union_for_few_and_many() {
        // A deterministic spread of values, with repeats inside and across the two sides.
        let values = |n: u64, step: u64| -> Vec<u64> {
            let mut v: Vec<u64> = (0..n).map(|i| (i * step) % 1000).collect();
            v.sort_unstable();
            v
        };
        for (n, m) in [
            (0, 5),
            (5, 0),
            (1000, 3),
            (1000, 31),
            (1000, 400),
            (10, 10),
            (3, 1000),
        ] {
            let (a, b) = (values(n, 7), values(m, 13));
            let mut want: Vec<u64> = a.iter().chain(&b).copied().collect();
            want.sort_unstable();
            let mut got = a.clone();
            merge_into(&mut got, &b);
            assert_eq!(got, want, "{n} + {m}");
        }
    }

    fn quad(s: &str, o: &str, g: Option<&str>) -> Quad {
        let n = |x: &str| NamedNode::new(format!("http://e/{x}")).unwrap();
        Quad::new(
            n(s),
            n("p"),
            Literal::new_language_tagged_literal(o, "zh").unwrap(),
            g.map_or(GraphName::DefaultGraph, |g| n(g).into()),
        )
    }

    #[test]
    fn a_batch_replaces_a_graph_and_keeps_the_others() {
        let mut index = Index::default();
        index.apply(Changes {
            added: vec![Encoded::new(&[
                quad("a", "甲", Some("g1")),
                quad("a", "甲", Some("g2")),
                quad("b", "乙", Some("g1")),
            ])],
            ..Default::default()
        });
        assert_eq!(index.len(), 3);
        let mut c = Changes::default();
        c.emptied.insert(Some("http://e/g1".into()));
        c.added = vec![Encoded::new(&[quad("c", "丙", Some("g1"))])];
        index.apply(c);
        assert_eq!(index.len(), 2);
        let b = index.id_of(&NamedNode::new("http://e/b").unwrap().into());
        // The term stays in the dictionary; no quad names it any more.
        let (_, r) = index.range([b, None, None, None]);
        assert!(r.is_empty());
        let g2 = index.graph_id(Some("http://e/g2"));
        let (k, r) = index.range([None, None, None, g2]);
        assert_eq!((k, r.len()), (GSPO, 1));
        for order in 0..4 {
            assert!(index.orders[order].windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn encoded_quads_write_the_serializers_n_quads() {
        use oxigraph::io::{RdfFormat, RdfSerializer};
        let g = NamedNode::new("http://e/g").unwrap();
        let quads = [
            quad("b", "乙\t\"x\"", None),
            quad("a", "甲", Some("other")),
            quad("b", "乙\t\"x\"", None),
        ];
        let encoded = Encoded::in_graph(&quads, &g);
        assert_eq!(encoded.len(), 2);
        let mut expected = Vec::new();
        let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut expected);
        for q in &quads[..2] {
            let q = Quad::new(
                q.subject.clone(),
                q.predicate.clone(),
                q.object.clone(),
                g.clone(),
            );
            w.serialize_quad(&q).unwrap();
        }
        w.finish().unwrap();
        // Sorted: a's line before b's.
        let expected = String::from_utf8(expected).unwrap();
        let mut lines: Vec<&str> = expected.lines().collect();
        lines.sort();
        assert_eq!(
            String::from_utf8(encoded.nquads()).unwrap(),
            lines.join("\n") + "\n"
        );
    }

    #[test]
    fn terms_come_back_as_they_went_in() {
        let mut index = Index::default();
        index.apply(Changes {
            added: vec![Encoded::new(&[quad("人", "带\"引号\"\n的", None)])],
            ..Default::default()
        });
        let q = &index.orders[0][0];
        let o = index.dict.term(q[2]).unwrap();
        assert_eq!(
            o,
            Term::from(Literal::new_language_tagged_literal("带\"引号\"\n的", "zh").unwrap())
        );
        assert_eq!(q[3], DEFAULT_GRAPH);
        assert_eq!(index.id_of(&o), Some(q[2]));
    }
}
