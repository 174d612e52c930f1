//! Stage 7, store: article files on disk, the source of truth, and an index over them in
//! memory, saved as one snapshot so that a store opens with one read.
//!
//! Layout of the store folder:
//! - `articles/<name>.nq`: the N-Quads of one article's named graph, one file per article,
//!   ending in an integrity line `# tupu-integrity sha256=<hex> quads=<n>` over the bytes
//!   before it, so that a file cut anywhere (even at a line end) is known to be damaged.
//!   `<name>` comes from [`crate::article::file_stem`]: the id itself when it is short and
//!   plain ASCII, otherwise a readable prefix and a hash of the id (bounded length, never a
//!   dot first).
//! - A file is written to a temporary `.tupu-tmp-*` beside it (`output::write_file`, the one
//!   writer of every file tupu writes), synced, then renamed over the old one and the folder
//!   synced, so a crash at any moment leaves either the old or the new version, never half
//!   of one. Leftovers are removed by the next writer, under the lock, never by a reader.
//!   An article reported stored is in its file: that is the durability promise.
//! - `index.snapshot`: the index (see `index.rs`, `snapshot.rs`) with a manifest of the file
//!   (name, length, time) each graph came from. Opening reads it, then re-reads only the
//!   article files that differ from the manifest (written since, or by an older tupu, whose
//!   stores have no snapshot: they are migrated by their first open). It is a cache: losing
//!   it costs one slow open, never data. It is saved when the files it does not cover hold
//!   a [`LAG_SHARE`]th of the store (by a writer when it finishes, by a reader that had to
//!   re-read them) and every [`SAVE_EVERY`] articles of a long ingest: a small ingest into
//!   a large store does not rewrite the whole snapshot; the next opens read its few files.
//! - `damaged/`: files `tupu check --repair` moved aside.
//!
//! Writers (`ingest`, `remove`, `check --repair`) hold an exclusive lock on the store folder
//! itself (flock on the directory), so deleting a file cannot let a second writer in.
//! Readers take no lock and delete no article: they read each file whole (a rename replaces
//! it atomically), pass over a file removed while they list the folder, and leave a damaged
//! file out with a warning instead of failing.
//!
//! The default graph is the RDF merge of all graphs and the ontology (a set: a triple stated
//! by three articles is there once), computed as a query reads it (`dataset.rs`), not stored
//! a second time. Queries reach single articles with `GRAPH ?g`, which ranges over articles
//! only: the ontology is in the default graph alone.

mod dataset;
mod index;
mod remote;
mod snapshot;
mod summary;

pub use dataset::Dataset;
pub use remote::RemoteStore;

use oxigraph::sparql::{CancellationToken, QueryResults, Variable};

/// What every store does, whatever holds it: this folder's index ([`Store`]) or a SPARQL
/// server ([`RemoteStore`]). `ingest`, `remove`, `query`, `export`, `stats` and `path` work
/// through it; the folder-only commands (`check`, `serve`) take a [`Store`].
///
/// Each article is one named graph, replaced or removed whole; the default graph answers as
/// the merge of all of them with the ontology (each fact once), and `GRAPH ?g` ranges over
/// the articles' graphs.
pub trait GraphStore: Sync {
    /// The content hash stored with an article, if the article is stored.
    fn content_hash(&self, id: &str) -> Result<Option<String>>;
    /// Stores articles' graphs, whatever they held before; outcomes in their order. A store
    /// may commit them together (the folder: one sync for all), each article whole.
    fn put_batch(&self, graphs: Vec<PreparedGraph>) -> Result<Vec<PutOutcome>>;
    /// Removes an article and every fact only it supported.
    fn remove_article(&self, id: &str) -> Result<()>;
    /// Ids of the stored articles, sorted.
    fn article_ids(&self) -> Result<Vec<String>>;
    /// Number of quads in the article graphs.
    fn len(&self) -> Result<usize>;
    /// True when no article is stored.
    fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
    /// The quads with these terms: of the merged default graph, or with `per_graph` of every
    /// article graph that states them.
    fn quads_matching(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        per_graph: bool,
    ) -> Result<Vec<Quad>>;
    /// Runs a parsed query, each bound variable given the stored literal with that text
    /// (whatever its language tag, Chinese first; a plain string when none is stored).
    fn evaluate(
        &self,
        query: &spargebra::Query,
        binds: &[(Variable, String)],
        token: &CancellationToken,
    ) -> Result<QueryResults<'static>>;
    /// Writes the whole store as N-Quads: the merged default graph, then every article's.
    fn dump_nquads(&self, out: &mut dyn Write) -> Result<()>;
    /// What `tupu stats` says, when the store counts it itself (a server, by aggregate
    /// queries, instead of sending its whole entity graph over the wire); `None`: count it
    /// from the entity graph.
    fn summary(&self) -> Result<Option<Summary>> {
        Ok(None)
    }
}

/// How many entities `tupu stats` lists as the most connected.
pub const MOST_CONNECTED: usize = 10;

/// The counts `tupu stats` prints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub articles: usize,
    pub quads: usize,
    /// Entities (typed and labelled) by type, in [`crate::schema::EntityType::ALL`]'s order.
    pub entities: Vec<(crate::schema::EntityType, usize)>,
    /// By predicate: distinct relations between entities, and the articles' statements of
    /// them (a relation stated by three articles: one relation, three statements).
    pub relations: Vec<(crate::schema::Predicate, usize, usize)>,
    /// The best connected entities, most relations first (then by label): label, type,
    /// number of relations.
    pub most_connected: Vec<(String, crate::schema::EntityType, usize)>,
}

/// The literals a `--bind name=李明华` may stand for, in the order they are tried: labels
/// are `@zh`, Chinese first.
pub fn bind_candidates(value: &str) -> Vec<oxigraph::model::Literal> {
    use oxigraph::model::Literal;
    ["zh", "zh-hans", "zh-cn", "en"]
        .into_iter()
        .filter_map(|tag| Literal::new_language_tagged_literal(value, tag).ok())
        .chain(std::iter::once(Literal::new_simple_literal(value)))
        .collect()
}

impl GraphStore for Store {
    fn content_hash(&self, id: &str) -> Result<Option<String>> {
        Store::content_hash(self, id)
    }
    fn put_batch(&self, graphs: Vec<PreparedGraph>) -> Result<Vec<PutOutcome>> {
        Store::put_batch(self, graphs)
    }
    fn remove_article(&self, id: &str) -> Result<()> {
        Store::remove_article(self, id)
    }
    fn article_ids(&self) -> Result<Vec<String>> {
        Store::article_ids(self)
    }
    fn len(&self) -> Result<usize> {
        Store::len(self)
    }
    fn quads_matching(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        per_graph: bool,
    ) -> Result<Vec<Quad>> {
        Store::quads_matching(self, subject, predicate, object, per_graph)
    }
    fn evaluate(
        &self,
        query: &spargebra::Query,
        binds: &[(Variable, String)],
        token: &CancellationToken,
    ) -> Result<QueryResults<'static>> {
        // The store's default graph is the merge of every article graph (see dataset.rs).
        let evaluator = spareval::QueryEvaluator::new().with_cancellation_token(token.clone());
        let mut prepared = evaluator.prepare(query);
        for (var, value) in binds {
            let candidates = bind_candidates(value);
            let literal = candidates
                .iter()
                .find(|l| self.has_object(&Term::from((*l).clone())))
                .or(candidates.last())
                .cloned()
                .unwrap_or_else(|| oxigraph::model::Literal::new_simple_literal(value));
            prepared = prepared.substitute_variable(var.clone(), literal);
        }
        Ok(prepared.execute(self.dataset())?)
    }
    fn dump_nquads(&self, out: &mut dyn Write) -> Result<()> {
        dump_nquads(self, out)
    }
    /// Counted on the index (100,000 articles: seconds less than building the entity graph).
    fn summary(&self) -> Result<Option<Summary>> {
        let (articles, quads) = (Store::article_ids(self)?.len(), Store::len(self)?);
        Ok(Some(summary::summary(&self.index(), articles, quads)))
    }
}

use crate::error::{Error, Result};
use crate::rdf;
use dataset::{GraphFilter, Scan};
use index::{Changes, Encoded, Index};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Quad, Term};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

const ONTOLOGY: &str = include_str!("../../ontology/tupu.ttl");
const INTEGRITY: &str = "# tupu-integrity ";
/// Written by the first writer of this version: from then on every article file must end in
/// an integrity line (a file without one was cut at a line end).
const FORMAT_FILE: &str = "FORMAT";
const FORMAT: &str = "tupu-store 2: article files end in an integrity line\n";

/// A long ingest saves the snapshot after this many articles, so that a crash costs the
/// next open at most this many files to re-read.
pub const SAVE_EVERY: usize = 20_000;
/// Stored graphs waiting to be merged into the index are merged once they hold this many
/// quads, or a quarter of the index if that is more (or when something reads the index). A
/// merge moves the whole index (in place), so a fixed threshold would make a long ingest
/// quadratic; a share of the index keeps the moving proportional to what is ingested.
const MERGE_AT: usize = 500_000;
/// The snapshot is saved (by a writer when it finishes, by a reader that had to re-read)
/// when the article files it does not cover hold this share of the index: opens re-read at
/// most about a sixteenth of the store.
const LAG_SHARE: usize = 16;

pub struct Store {
    dir: PathBuf,
    state: RwLock<State>,
    /// Article files left out at open because they are damaged.
    damaged: Vec<Damaged>,
    /// Article files written by an older tupu, without an integrity line.
    unchecked: Vec<PathBuf>,
    /// Held while a writer has the store open (a lock on the folder, released on drop).
    _writer_lock: Option<File>,
}

/// An article file that could not be loaded, and why.
#[derive(Debug, Clone)]
pub struct Damaged {
    pub path: PathBuf,
    pub problem: String,
    /// The article's graph IRI, when the file still names it.
    pub graph: Option<String>,
}

/// What putting an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    Replaced,
    Unchanged,
}

/// The file name of an article's graph (see [`crate::article::file_stem`]).
pub fn file_name(id: &str) -> String {
    format!("{}.nq", crate::article::file_stem(id))
}

/// The bytes of an article file: N-Quads, then the integrity line over them.
fn with_integrity(nquads: Vec<u8>, quads: usize) -> Vec<u8> {
    let hash: String = Sha256::digest(&nquads)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut bytes = nquads;
    bytes.extend_from_slice(format!("{INTEGRITY}sha256={hash} quads={quads}\n").as_bytes());
    bytes
}

/// Checks an article file's bytes: the N-Quads part when whole, or what is wrong. A file
/// without an integrity line is taken as it is only in a store an older tupu wrote
/// (`strict` false), which the next writer upgrades.
fn verified(bytes: &[u8], strict: bool) -> std::result::Result<(&[u8], bool), String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let body_end = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let last = &bytes[body_end..];
    if !last.starts_with(INTEGRITY.as_bytes()) {
        return if bytes
            .windows(INTEGRITY.len())
            .any(|w| w == INTEGRITY.as_bytes())
        {
            Err("data after the integrity line".into())
        } else if strict {
            Err("no integrity line: the file was cut".into())
        } else if bytes.ends_with(b"\n") {
            Ok((bytes, false))
        } else {
            Err("the file ends in the middle of a line".into())
        };
    }
    let line =
        std::str::from_utf8(last).map_err(|_| "the integrity line is not text".to_string())?;
    let want = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("sha256="))
        .ok_or("the integrity line has no checksum")?;
    if !line.ends_with('\n') {
        return Err("the integrity line is cut".into());
    }
    let body = &bytes[..body_end];
    let got: String = Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if got != want {
        return Err("the checksum does not match: the file was cut or changed".into());
    }
    Ok((body, true))
}

/// Parses an article file's quads; each must belong to one named graph.
fn parse_article(path: &Path, bytes: &[u8]) -> std::result::Result<Vec<Quad>, String> {
    let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let Some(first) = quads.first() else {
        return Err("no quads".into());
    };
    if !quads.iter().all(|q| q.graph_name == first.graph_name)
        || first.graph_name.is_default_graph()
    {
        return Err(format!(
            "{}: quads of more than one graph, or of the default graph",
            path.display()
        ));
    }
    Ok(quads)
}

/// The graph IRI a (possibly damaged) article file names on its first line.
fn graph_named_in(bytes: &[u8]) -> Option<String> {
    let line = bytes.split(|&b| b == b'\n').next()?;
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(line)
        .next()?
        .ok()
        .and_then(|q| match q.graph_name {
            GraphName::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
}

/// An article graph ready to be written: its quads (each once, in the article's graph) and
/// the bytes of its file. Made on any thread, so that storing does only the writing.
pub struct PreparedGraph {
    id: String,
    bytes: Vec<u8>,
    /// The quads as the index takes them.
    encoded: Encoded,
    /// The article's content hash (`tupu:contentHash`), if its graph states one.
    hash: Option<String>,
}

/// Puts an article's quads in its graph, each once, and makes the bytes of its file.
pub fn prepare_graph(id: &str, quads: &[Quad]) -> Result<PreparedGraph> {
    let graph = rdf::article_iri(id);
    // A graph is a set: each quad once in the file, all in the article's graph.
    let encoded = Encoded::in_graph(quads, &graph);
    let bytes = with_integrity(encoded.nquads(), encoded.len());
    Ok(PreparedGraph {
        id: id.to_string(),
        hash: content_hash_in(graph.as_str(), quads),
        encoded,
        bytes,
    })
}

/// Where each graph's quads came from: the snapshot's manifest.
#[derive(Serialize, Deserialize, Default, Clone)]
struct Manifest {
    /// Hash of the ontology the index holds (the compiled-in one may be newer).
    ontology: u64,
    /// By graph IRI.
    graphs: BTreeMap<String, Entry>,
}

/// One article file as the index holds it.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
struct Entry {
    /// File name under `articles/`.
    file: String,
    len: u64,
    /// Modification time, nanoseconds since the epoch.
    modified: u64,
    quads: u64,
    /// The article's content hash (`tupu:contentHash`), if its graph states one.
    hash: Option<String>,
}

/// The index and what is waiting to go into it.
struct State {
    index: Arc<Index>,
    manifest: Manifest,
    /// Graphs stored since the index was last merged: their new quads (none: removed).
    pending: BTreeMap<String, Encoded>,
    pending_quads: usize,
    /// Articles stored since the snapshot was last saved.
    unsaved: usize,
    /// Quads of the article files the saved snapshot does not cover (stored, replaced or
    /// removed since): what the next open has to re-read and apply.
    lag_quads: usize,
}

impl State {
    /// Whether the snapshot is worth saving: what it lags behind is at least a
    /// [`LAG_SHARE`]th of the index. Writing a snapshot costs its whole size (seconds at
    /// 100,000 articles) while re-reading a few articles costs milliseconds, so a daily
    /// ingest of ten articles leaves the snapshot as it is and the next opens read the ten
    /// files (the article files are the log the snapshot is behind).
    fn snapshot_lags(&self) -> bool {
        self.lag_quads > 0 && self.lag_quads * LAG_SHARE >= self.index.len() + self.pending_quads
    }
}

/// Length and modification time of a file, as the manifest records them.
fn stamp(meta: &fs::Metadata) -> (u64, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (meta.len(), modified)
}

/// The content hash an article graph states for its article (the graph's own IRI).
fn content_hash_in(graph: &str, quads: &[Quad]) -> Option<String> {
    let hash = rdf::tupu("contentHash");
    quads.iter().find_map(|q| match (&q.subject, &q.object) {
        (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::Literal(l))
            if q.predicate == hash && s.as_str() == graph =>
        {
            Some(l.value().to_string())
        }
        _ => None,
    })
}

/// The ontology's triples, for the default graph.
fn ontology_quads() -> Result<Vec<Quad>> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ONTOLOGY.as_bytes())
        .map(|q| {
            q.map_err(|e| Error::CorruptStore {
                path: PathBuf::from("ontology/tupu.ttl"),
                problem: e.to_string(),
            })
        })
        .collect()
}

/// What reading one article file gave.
enum Read {
    Article {
        graph: String,
        entry: Entry,
        quads: Encoded,
        checked: bool,
    },
    Gone,
    Damaged(Damaged),
}

/// Reads and checks one article file; the stamp is taken from the open file, so that it
/// is the stamp of the bytes read.
fn read_article(path: &Path, name: &str, strict: bool) -> Result<Read> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        // Removed by a writer since the folder was listed: no longer stored.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Read::Gone),
        Err(e) => return Err(Error::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| Error::io(path, e))?;
    let mut checked = false;
    let quads = verified(&bytes, strict).and_then(|(body, c)| {
        checked = c;
        parse_article(path, body)
    });
    Ok(match quads {
        Err(problem) => Read::Damaged(Damaged {
            graph: graph_named_in(&bytes),
            path: path.to_path_buf(),
            problem,
        }),
        Ok(quads) => {
            let graph = match &quads[0].graph_name {
                GraphName::NamedNode(g) => g.as_str().to_string(),
                _ => String::new(),
            };
            let (len, modified) = stamp(&meta);
            Read::Article {
                entry: Entry {
                    file: name.to_string(),
                    len,
                    modified,
                    quads: quads.len() as u64,
                    hash: content_hash_in(&graph, &quads),
                },
                graph,
                quads: Encoded::new(&quads),
                checked,
            }
        }
    })
}

impl Store {
    /// Opens an existing store in `dir` to read. A folder that is not a store is an error:
    /// only writers create stores.
    pub fn open(dir: &Path) -> Result<Store> {
        if !dir.join("articles").is_dir() {
            return Err(Error::NotAStore(dir.to_path_buf()));
        }
        Store::load(dir, false)
    }

    fn load(dir: &Path, writer: bool) -> Result<Store> {
        let articles = dir.join("articles");
        let mut listed: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for entry in fs::read_dir(&articles).map_err(|e| Error::io(&articles, e))? {
            let entry = entry.map_err(|e| Error::io(&articles, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Temporary files of a writer at work (or of one killed) are not articles.
            if name.starts_with('.') || !name.ends_with(".nq") {
                continue;
            }
            match entry.metadata() {
                Ok(meta) => {
                    listed.insert(name, stamp(&meta));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(entry.path(), e)),
            }
        }
        let snapshot_path = dir.join(snapshot::FILE);
        let (mut manifest, mut index) = match snapshot::read::<Manifest>(&snapshot_path) {
            Ok(Some(found)) => found,
            Ok(None) => (Manifest::default(), Index::default()),
            Err(problem) => {
                eprintln!(
                    "tupu: warning: {}: {problem}; reading the article files instead",
                    snapshot_path.display()
                );
                (Manifest::default(), Index::default())
            }
        };
        let had_snapshot = !manifest.graphs.is_empty() || index.len() > 0;
        let mut changes = Changes::default();
        // Graphs whose file is gone or changed leave; changed and new files are read.
        let by_file: HashMap<&str, &Entry> = manifest
            .graphs
            .values()
            .map(|e| (e.file.as_str(), e))
            .collect();
        let to_read: Vec<&String> = listed
            .iter()
            .filter(|(name, &(len, modified))| {
                !by_file
                    .get(name.as_str())
                    .is_some_and(|e| e.len == len && e.modified == modified)
            })
            .map(|(name, _)| name)
            .collect();
        let stale: Vec<String> = manifest
            .graphs
            .iter()
            .filter(|(_, e)| {
                listed
                    .get(&e.file)
                    .is_none_or(|&(len, modified)| e.len != len || e.modified != modified)
            })
            .map(|(g, _)| g.clone())
            .collect();
        // What the snapshot lags behind (files gone, changed or new since it was saved).
        let (mut unsaved, mut lag_quads) = (0, 0);
        for g in stale {
            if let Some(e) = manifest.graphs.remove(&g) {
                (unsaved, lag_quads) = (unsaved + 1, lag_quads + e.quads as usize);
            }
            changes.emptied.insert(Some(g));
        }
        let strict = dir.join(FORMAT_FILE).exists();
        let read: Vec<Result<Read>> = to_read
            .par_iter()
            .map(|name| read_article(&articles.join(name), name, strict))
            .collect();
        let mut damaged = Vec::new();
        let mut unchecked = Vec::new();
        for r in read {
            match r? {
                Read::Gone => {}
                Read::Damaged(d) => damaged.push(d),
                Read::Article {
                    graph,
                    entry,
                    quads,
                    checked,
                } => {
                    if !checked {
                        unchecked.push(articles.join(&entry.file));
                    }
                    (unsaved, lag_quads) = (unsaved + 1, lag_quads + quads.len());
                    changes.emptied.insert(Some(graph.clone()));
                    changes.added.push(quads);
                    manifest.graphs.insert(graph, entry);
                }
            }
        }
        damaged.sort_by(|a: &Damaged, b: &Damaged| a.path.cmp(&b.path));
        // The ontology goes into the default graph alone: `GRAPH ?g` ranges over articles
        // only, and an export's default graph answers as tupu does.
        let ontology_hash = index::hash(ONTOLOGY.as_bytes());
        if manifest.ontology != ontology_hash || !had_snapshot {
            let ontology = Encoded::new(&ontology_quads()?);
            (unsaved, lag_quads) = (unsaved + 1, lag_quads + ontology.len());
            changes.emptied.insert(None);
            changes.added.push(ontology);
            manifest.ontology = ontology_hash;
        }
        index.apply(changes);
        let store = Store {
            dir: dir.to_path_buf(),
            state: RwLock::new(State {
                index: Arc::new(index),
                manifest,
                pending: BTreeMap::new(),
                pending_quads: 0,
                unsaved,
                lag_quads,
            }),
            damaged,
            unchecked,
            _writer_lock: None,
        };
        if !writer && store.state().snapshot_lags() {
            // Best effort: a store on a read-only disk is read the slow way every time.
            let _ = store.save();
        }
        Ok(store)
    }

    /// Opens the store to write, creating it if needed: only one writer at a time (another
    /// `ingest` or `remove` on the same folder gets a clear error instead of racing). The
    /// lock is on the folder itself, so no file can be deleted to get around it.
    pub fn open_for_writing(dir: &Path) -> Result<Store> {
        let articles = dir.join("articles");
        fs::create_dir_all(&articles).map_err(|e| Error::io(&articles, e))?;
        let lock = File::open(dir).map_err(|e| Error::io(dir, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Usage(format!(
                    "{}: another tupu process is writing to this store; try again when it is done",
                    dir.display()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(dir, e)),
        }
        // Leftovers of an interrupted write (`.tupu-tmp-*`; `.tmp-*` of older versions): the
        // previous version, if any, is in place. Only tupu writes in these folders.
        for folder in [&articles, &dir.to_path_buf()] {
            for entry in fs::read_dir(folder).map_err(|e| Error::io(folder, e))? {
                let path = entry.map_err(|e| Error::io(folder, e))?.path();
                if path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(".tupu-tmp-") || n.starts_with(".tmp-"))
                {
                    fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                }
            }
        }
        let mut store = Store::load(dir, true)?;
        store._writer_lock = Some(lock);
        store.upgrade()?;
        Ok(store)
    }

    /// Gives every article file of an older store its integrity line, then marks the store
    /// as one where every file has one.
    fn upgrade(&mut self) -> Result<()> {
        let format = self.dir.join(FORMAT_FILE);
        if format.exists() {
            return Ok(());
        }
        for path in std::mem::take(&mut self.unchecked) {
            let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let quads = bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count();
            crate::output::write_file(&path, &with_integrity(bytes, quads))?;
            // The file changed: the manifest follows it.
            if let Ok(meta) = fs::metadata(&path) {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let mut state = self.state_mut();
                for e in state.manifest.graphs.values_mut() {
                    if Some(&e.file) == name.as_ref() {
                        (e.len, e.modified) = stamp(&meta);
                    }
                }
                state.unsaved += 1;
                state.lag_quads += quads;
            }
        }
        crate::output::write_file(&format, FORMAT.as_bytes())
    }

    /// Article files left out because they are damaged (see `tupu check`).
    pub fn damaged(&self) -> &[Damaged] {
        &self.damaged
    }

    /// How many article files have no integrity line (written by an older tupu; they get
    /// one when their article is next replaced).
    pub fn unchecked_files(&self) -> usize {
        self.unchecked.len()
    }

    /// Moves the damaged article files into `damaged/` (a writer only), so that the store
    /// opens clean and their articles can be ingested again. Returns where each went.
    pub fn move_damaged_aside(&mut self) -> Result<Vec<(Damaged, PathBuf)>> {
        if self._writer_lock.is_none() {
            return Err(Error::Usage(
                "repairing needs the store opened for writing".into(),
            ));
        }
        let aside = self.dir.join("damaged");
        fs::create_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
        let mut moved = Vec::new();
        for d in std::mem::take(&mut self.damaged) {
            let name = d.path.file_name().map(PathBuf::from).unwrap_or_default();
            let mut to = aside.join(&name);
            let mut k = 1;
            while to.exists() {
                to = aside.join(format!("{}.{k}", name.display()));
                k += 1;
            }
            fs::rename(&d.path, &to).map_err(|e| Error::io(&d.path, e))?;
            moved.push((d, to));
        }
        sync_dir(&self.dir.join("articles"))
            .map_err(|e| Error::io(self.dir.join("articles"), e))?;
        Ok(moved)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn state(&self) -> std::sync::RwLockReadGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves the state whole (see `merge`).
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn state_mut(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    /// The index with every stored graph merged in.
    fn index(&self) -> Arc<Index> {
        {
            let state = self.state();
            if state.pending.is_empty() {
                return state.index.clone();
            }
        }
        let mut state = self.state_mut();
        merge(&mut state);
        state.index.clone()
    }

    /// The store as spareval reads it (a view of this moment: later writes are not in it).
    pub fn dataset(&self) -> Dataset {
        Dataset {
            index: self.index(),
        }
    }

    /// True when some graph states a triple with this object (`--bind` looks up labels).
    pub fn has_object(&self, object: &Term) -> bool {
        let index = self.index();
        index
            .id_of(object)
            .is_some_and(|o| !index.range([None, None, Some(o), None]).1.is_empty())
    }

    /// The quads with these terms (any where `None`): of the merged default graph (each
    /// triple once, ontology included), or with `per_graph` of every article graph that
    /// states them. For code that reads the whole store (the entity graph), faster than SPARQL.
    pub fn quads_matching(
        &self,
        subject: Option<&Term>,
        predicate: Option<&Term>,
        object: Option<&Term>,
        per_graph: bool,
    ) -> Result<Vec<Quad>> {
        let index = self.index();
        let mut pattern = [None; 4];
        for (k, t) in [subject, predicate, object].into_iter().enumerate() {
            if let Some(t) = t {
                match index.id_of(t) {
                    Some(id) => pattern[k] = Some(id),
                    None => return Ok(Vec::new()),
                }
            }
        }
        let graphs = if per_graph {
            GraphFilter::Named
        } else {
            GraphFilter::Merged
        };
        Scan::new(index.clone(), pattern, graphs)
            .map(|q| decode(&index, &q))
            .collect()
    }

    /// Saves the snapshot, so that the next open reads one file (writers do it when they
    /// finish; see the module's notes).
    pub fn save(&self) -> Result<()> {
        let mut state = self.state_mut();
        merge(&mut state);
        let path = self.dir.join(snapshot::FILE);
        snapshot::write(&path, &state.manifest, &state.index)?;
        state.unsaved = 0;
        state.lag_quads = 0;
        Ok(())
    }

    /// Where an article's file is written: its canonical name under `articles/`.
    fn file_of(&self, id: &str) -> PathBuf {
        self.dir.join("articles").join(file_name(id))
    }

    /// The content hash stored with an article, if the article is stored.
    pub fn content_hash(&self, id: &str) -> Result<Option<String>> {
        let graph = rdf::article_iri(id);
        Ok(self
            .state()
            .manifest
            .graphs
            .get(graph.as_str())
            .and_then(|e| e.hash.clone()))
    }

    /// Stores an article's graph: durably on disk first, then in memory. An article whose
    /// content hash is already stored is left as it is.
    pub fn put_article(&self, id: &str, hash: &str, quads: &[Quad]) -> Result<PutOutcome> {
        if self.content_hash(id)?.as_deref() == Some(hash) {
            return Ok(PutOutcome::Unchanged);
        }
        self.put_graph(id, quads)
    }

    /// Stores a graph as the article `id`'s whatever it held before (the Graph Store
    /// Protocol's PUT, a SPARQL Update's result): durably on disk first, then in memory. A
    /// graph that states its size, as tupu's do, has it made right (`rdf::sized`) after an
    /// update; a graph of the user's own is stored as it came.
    pub fn put_graph(&self, id: &str, quads: &[Quad]) -> Result<PutOutcome> {
        let article = rdf::article_iri(id);
        if rdf::states_size(&article, quads) {
            let quads = rdf::sized(&article, quads.to_vec());
            return self.put_prepared(prepare_graph(id, &quads)?);
        }
        self.put_prepared(prepare_graph(id, quads)?)
    }

    /// Stores a graph [`prepare_graph`] made ready (the writing half of `put_graph`).
    pub fn put_prepared(&self, prepared: PreparedGraph) -> Result<PutOutcome> {
        let outcomes = self.put_batch(vec![prepared])?;
        Ok(outcomes.into_iter().next().unwrap_or(PutOutcome::Unchanged))
    }

    /// Stores graphs [`prepare_graph`] made ready, as one group commit: every file written
    /// and synced, then renamed into place, the folder synced once, and only then the graphs
    /// are in the index. (Per article, the two syncs cost an ingest more than its storing.)
    /// Outcomes in the order of `graphs`.
    pub fn put_batch(&self, graphs: Vec<PreparedGraph>) -> Result<Vec<PutOutcome>> {
        let paths: Vec<PathBuf> = graphs.iter().map(|g| self.file_of(&g.id)).collect();
        let mut files = Vec::with_capacity(graphs.len());
        for (g, path) in graphs.iter().zip(&paths) {
            let mut f = crate::output::AtomicFile::create(path)?;
            f.write_all(&g.bytes).map_err(|e| Error::io(path, e))?;
            files.push(f);
        }
        crate::output::commit_all(files)?;
        let mut entries = Vec::with_capacity(graphs.len());
        for (g, path) in graphs.iter().zip(&paths) {
            let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
            let (len, modified) = stamp(&meta);
            entries.push(Entry {
                file: file_name(&g.id),
                len,
                modified,
                quads: g.encoded.len() as u64,
                hash: g.hash.clone(),
            });
        }
        let mut outcomes = Vec::with_capacity(graphs.len());
        let save = {
            let mut state = self.state_mut();
            for (PreparedGraph { id, encoded, .. }, entry) in graphs.into_iter().zip(entries) {
                let graph = rdf::article_iri(&id);
                let previous = state
                    .manifest
                    .graphs
                    .insert(graph.as_str().to_string(), entry);
                // An article stored under an older naming scheme: its old file goes.
                if let Some(prev) = previous.as_ref().filter(|p| p.file != file_name(&id)) {
                    let old = self.dir.join("articles").join(&prev.file);
                    fs::remove_file(&old).map_err(|e| Error::io(&old, e))?;
                }
                state.pending_quads += encoded.len();
                state.lag_quads += encoded.len();
                state.pending.insert(graph.into_string(), encoded);
                state.unsaved += 1;
                if state.pending_quads >= MERGE_AT.max(state.index.len() / 4) {
                    merge(&mut state);
                }
                outcomes.push(if previous.is_some() {
                    PutOutcome::Replaced
                } else {
                    PutOutcome::Added
                });
            }
            state.unsaved >= SAVE_EVERY
        };
        if save {
            self.save()?;
        }
        Ok(outcomes)
    }

    /// True when the store holds a graph for the article `id`.
    pub fn has_article(&self, id: &str) -> bool {
        self.state()
            .manifest
            .graphs
            .contains_key(rdf::article_iri(id).as_str())
    }

    /// The quads of the article `id`'s graph (empty when there is none).
    pub fn article_graph(&self, id: &str) -> Result<Vec<Quad>> {
        let index = self.index();
        let Some(g) = index.graph_id(Some(rdf::article_iri(id).as_str())) else {
            return Ok(Vec::new());
        };
        let scan = Scan::new(index.clone(), [None; 4], GraphFilter::One(g));
        scan.map(|q| decode(&index, &q)).collect()
    }

    /// Runs a SPARQL Update that writes only into the graphs of the articles `ids` (the
    /// caller checked that, see `query::update_targets`). Each operation reads the store as
    /// the ones before it left it, and each graph it changes is stored as `put_graph` does,
    /// through the one path that writes files; a graph the update empties is removed.
    /// Returns, per article, what storing it did (`None`: in the end unchanged or removed).
    pub fn update_articles(
        &self,
        update: &spargebra::Update,
        ids: &[String],
    ) -> Result<Vec<(String, Option<PutOutcome>)>> {
        use spargebra::GraphUpdateOperation as Op;
        let failed = |e: &dyn std::fmt::Display| Error::Usage(format!("the update failed: {e}"));
        let before: Vec<Vec<Quad>> = ids
            .iter()
            .map(|id| self.article_graph(id))
            .collect::<Result<_>>()?;
        let mut outcome: HashMap<String, PutOutcome> = HashMap::new();
        for op in &update.operations {
            // What this operation deletes and inserts, by graph IRI.
            let mut deleted: Vec<Quad> = Vec::new();
            let mut inserted: Vec<Quad> = Vec::new();
            let mut emptied: Vec<String> = Vec::new();
            match op {
                Op::InsertData { data } => {
                    let mut fresh: HashMap<String, oxigraph::model::BlankNode> = HashMap::new();
                    let mut renamed = |t: &oxigraph::model::BlankNode| {
                        fresh.entry(t.as_str().to_string()).or_default().clone()
                    };
                    for q in data {
                        let graph = match &q.graph_name {
                            spargebra::term::GraphName::NamedNode(n) => GraphName::from(n.clone()),
                            spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
                        };
                        let subject = match &q.subject {
                            oxigraph::model::NamedOrBlankNode::BlankNode(b) => renamed(b).into(),
                            s => s.clone(),
                        };
                        let object = match &q.object {
                            Term::BlankNode(b) => renamed(b).into(),
                            o => o.clone(),
                        };
                        inserted.push(Quad::new(subject, q.predicate.clone(), object, graph));
                    }
                }
                Op::DeleteData { data } => {
                    for q in data {
                        let graph = match &q.graph_name {
                            spargebra::term::GraphName::NamedNode(n) => GraphName::from(n.clone()),
                            spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
                        };
                        deleted.push(Quad::new(
                            q.subject.clone(),
                            q.predicate.clone(),
                            Term::from(q.object.clone()),
                            graph,
                        ));
                    }
                }
                Op::DeleteInsert {
                    delete,
                    insert,
                    using,
                    pattern,
                } => {
                    let evaluator = spareval::QueryEvaluator::new();
                    let changes = evaluator
                        .prepare_delete_insert(
                            delete.clone(),
                            insert.clone(),
                            update.base_iri.clone(),
                            using.clone(),
                            pattern,
                        )
                        .execute(self.dataset())
                        .map_err(|e| failed(&e))?;
                    for change in changes {
                        match change.map_err(|e| failed(&e))? {
                            spareval::DeleteInsertQuad::Delete(q) => deleted.push(q),
                            spareval::DeleteInsertQuad::Insert(q) => inserted.push(q),
                        }
                    }
                }
                Op::Clear { graph, .. } | Op::Drop { graph, .. } => {
                    if let spargebra::algebra::GraphTarget::NamedNode(n) = graph {
                        emptied.push(n.as_str().to_string());
                    }
                }
                Op::Create { .. } => {}
                Op::Load { .. } => return Err(failed(&"tupu loads nothing from the web")),
            }
            // Only the graphs the caller was told of are written (update_targets checked).
            for id in ids {
                let iri = rdf::article_iri(id);
                let name = GraphName::from(iri.clone());
                let touched = emptied.iter().any(|e| e == iri.as_str())
                    || deleted
                        .iter()
                        .chain(&inserted)
                        .any(|q| q.graph_name == name);
                if !touched {
                    continue;
                }
                let mut graph: std::collections::HashSet<Quad> =
                    if emptied.iter().any(|e| e == iri.as_str()) {
                        Default::default()
                    } else {
                        self.article_graph(id)?.into_iter().collect()
                    };
                for q in deleted.iter().filter(|q| q.graph_name == name) {
                    graph.remove(q);
                }
                graph.extend(inserted.iter().filter(|q| q.graph_name == name).cloned());
                let graph: Vec<Quad> = graph.into_iter().collect();
                if graph.is_empty() {
                    if self.has_article(id) {
                        self.remove_article(id)?;
                    }
                } else {
                    let done = self.put_graph(id, &graph)?;
                    outcome.entry(id.clone()).or_insert(done);
                }
            }
        }
        let mut done = Vec::new();
        for (id, old) in ids.iter().zip(before) {
            let new = self.article_graph(id)?;
            let same = new.len() == old.len() && {
                let old: std::collections::HashSet<&Quad> = old.iter().collect();
                new.iter().all(|q| old.contains(q))
            };
            let result = if same || new.is_empty() {
                None
            } else {
                outcome.get(id).copied()
            };
            done.push((id.clone(), result));
        }
        Ok(done)
    }

    /// Removes an article and every fact only it supported (its graph is its facts).
    pub fn remove_article(&self, id: &str) -> Result<()> {
        let graph = rdf::article_iri(id).into_string();
        let entry = self.state_mut().manifest.graphs.remove(&graph);
        let Some(entry) = entry else {
            return Err(Error::UnknownArticle(id.to_string()));
        };
        let path = self.dir.join("articles").join(&entry.file);
        if let Err(e) = fs::remove_file(&path) {
            // Nothing changed: the article is still stored.
            self.state_mut().manifest.graphs.insert(graph, entry);
            return Err(Error::io(&path, e));
        }
        let articles = self.dir.join("articles");
        sync_dir(&articles).map_err(|e| Error::io(&articles, e))?;
        let mut state = self.state_mut();
        state.pending.insert(graph, Encoded::default());
        state.unsaved += 1;
        state.lag_quads += entry.quads as usize;
        Ok(())
    }

    /// Ids of the stored articles, sorted.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let mut ids: Vec<String> = self
            .state()
            .manifest
            .graphs
            .keys()
            .filter_map(|g| rdf::article_id_of(g))
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Number of quads in the article graphs (the ontology and the merged default graph
    /// not counted).
    pub fn len(&self) -> Result<usize> {
        Ok(self
            .state()
            .manifest
            .graphs
            .values()
            .map(|e| e.quads as usize)
            .sum())
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

impl Drop for Store {
    /// A writer saves the snapshot on its way out when it lags enough behind the article
    /// files (an error here only makes the next open slower: the files are already on disk).
    fn drop(&mut self) {
        if self._writer_lock.is_some() && self.state().snapshot_lags() {
            if let Err(e) = self.save() {
                eprintln!("tupu: warning: the store's snapshot was not saved: {e}");
            }
        }
    }
}

/// Merges the stored graphs waiting in `state.pending` into the index.
fn merge(state: &mut State) {
    if state.pending.is_empty() {
        return;
    }
    let mut changes = Changes::default();
    for (graph, quads) in std::mem::take(&mut state.pending) {
        changes.emptied.insert(Some(graph));
        changes.added.push(quads);
    }
    state.pending_quads = 0;
    // A query holding the old index keeps it; this one is changed (or copied, if held).
    Arc::make_mut(&mut state.index).apply(changes);
}

/// A quad of ids as a quad of terms.
fn decode(index: &Index, q: &[index::Id; 4]) -> Result<Quad> {
    let term = |id| {
        index.dict.term(id).ok_or_else(|| Error::CorruptStore {
            path: PathBuf::from(snapshot::FILE),
            problem: format!("term number {id} is missing"),
        })
    };
    let subject = match term(q[0])? {
        Term::NamedNode(n) => oxigraph::model::NamedOrBlankNode::from(n),
        Term::BlankNode(b) => b.into(),
        other => {
            return Err(Error::CorruptStore {
                path: PathBuf::from(snapshot::FILE),
                problem: format!("{other} as a subject"),
            })
        }
    };
    let Term::NamedNode(predicate) = term(q[1])? else {
        return Err(Error::CorruptStore {
            path: PathBuf::from(snapshot::FILE),
            problem: format!("term number {} as a predicate", q[1]),
        });
    };
    let graph = match q[3] {
        index::DEFAULT_GRAPH | dataset::MERGED => GraphName::DefaultGraph,
        g => match term(g)? {
            Term::NamedNode(n) => GraphName::from(n),
            Term::BlankNode(b) => GraphName::from(b),
            other => {
                return Err(Error::CorruptStore {
                    path: PathBuf::from(snapshot::FILE),
                    problem: format!("{other} as a graph"),
                })
            }
        },
    };
    Ok(Quad::new(subject, predicate, term(q[2])?, graph))
}

/// Writes the whole store as N-Quads: the default graph (the merge of every article, each
/// fact once, and the ontology) and every article's named graph. Loaded with a plain default
/// graph (pyoxigraph's default, rdflib's `Dataset()`, Jena's TDB without unionDefaultGraph),
/// tupu's saved queries give tupu's answers; `GRAPH ?g` reaches each article.
///
/// The dictionary holds each term in its N-Triples form, which is what N-Quads writes: the
/// lines are put together from the forms, nothing parsed and written again.
pub fn dump_nquads(store: &Store, out: &mut dyn Write) -> Result<()> {
    let index = store.index();
    let form = |id| {
        index.dict.form(id).ok_or_else(|| Error::CorruptStore {
            path: PathBuf::from(snapshot::FILE),
            problem: format!("term number {id} is missing"),
        })
    };
    let io = |e| Error::io("<output>", e);
    let merged = Scan::new(index.clone(), [None; 4], GraphFilter::Merged);
    let named = Scan::new(index.clone(), [None; 4], GraphFilter::Named);
    for q in merged.chain(named) {
        for part in [form(q[0])?, b" ", form(q[1])?, b" ", form(q[2])?] {
            out.write_all(part).map_err(io)?;
        }
        if !matches!(q[3], index::DEFAULT_GRAPH | dataset::MERGED) {
            out.write_all(b" ").map_err(io)?;
            out.write_all(form(q[3])?).map_err(io)?;
        }
        out.write_all(b" .\n").map_err(io)?;
    }
    Ok(())
}

/// Makes a folder's entries (a rename, a removal) durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}
