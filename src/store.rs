//! Stage 7, store: an in-memory oxigraph store made durable by tupu itself.
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
//! - `damaged/`: files `tupu check --repair` moved aside.
//!
//! Writers (`ingest`, `remove`, `check --repair`) hold an exclusive lock on the store folder
//! itself (flock on the directory), so deleting a file cannot let a second writer in.
//! Readers take no lock and delete nothing: they read each file whole (a rename replaces
//! it atomically), pass over a file removed while they list the folder, and leave a damaged
//! file out with a warning instead of failing.
//!
//! Opening loads every article file with oxigraph's bulk loader (and the ontology, compiled
//! in, into its own graph). oxigraph is built without `rocksdb` (see Cargo.toml), so this
//! layer is what makes the store persistent.
//!
//! The default graph is kept as the RDF merge of all graphs (a set: a triple stated by
//! three articles is there once), maintained on every put and remove. Queries run on it,
//! so `SELECT ?s ?p ?o` gives each fact once, and reach single articles with `GRAPH ?g`.
//! (oxigraph's union-default-graph option gives a bag: one solution per graph.)

use crate::error::{Error, Result};
use crate::rdf;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Quad, QuadRef, Term};
use sha2::{Digest, Sha256};

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const ONTOLOGY: &str = include_str!("../ontology/tupu.ttl");
const INTEGRITY: &str = "# tupu-integrity ";
/// Written by the first writer of this version: from then on every article file must end in
/// an integrity line (a file without one was cut at a line end).
const FORMAT_FILE: &str = "FORMAT";
const FORMAT: &str = "tupu-store 2: article files end in an integrity line\n";

pub struct Store {
    dir: PathBuf,
    inner: oxigraph::store::Store,
    /// The file each stored article was loaded from or written to, by graph IRI.
    files: Mutex<HashMap<String, PathBuf>>,
    /// The ontology's triples (in the default graph): never removed with an article.
    ontology: std::collections::HashSet<Quad>,
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

impl Store {
    /// Opens an existing store in `dir` to read, and loads every stored article. A folder
    /// that is not a store is an error: only writers create stores.
    pub fn open(dir: &Path) -> Result<Store> {
        if !dir.join("articles").is_dir() {
            return Err(Error::NotAStore(dir.to_path_buf()));
        }
        Store::load(dir)
    }

    fn load(dir: &Path) -> Result<Store> {
        let articles = dir.join("articles");
        let inner = oxigraph::store::Store::new()?;
        let mut paths = Vec::new();
        for entry in fs::read_dir(&articles).map_err(|e| Error::io(&articles, e))? {
            let path = entry.map_err(|e| Error::io(&articles, e))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Temporary files of a writer at work (or of one killed) are not articles.
            if !name.starts_with('.') && name.ends_with(".nq") {
                paths.push(path);
            }
        }
        paths.sort();
        let mut files = HashMap::new();
        let mut damaged = Vec::new();
        let mut unchecked = Vec::new();
        let strict = dir.join(FORMAT_FILE).exists();
        let mut loader = inner.bulk_loader();
        let mut batch: Vec<Quad> = Vec::with_capacity(2 * 8192);
        for path in paths {
            let bytes = match fs::read(&path) {
                Ok(b) => b,
                // Removed by a writer since the folder was listed: no longer stored.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(&path, e)),
            };
            let quads = verified(&bytes, strict).and_then(|(body, checked)| {
                if !checked {
                    unchecked.push(path.clone());
                }
                parse_article(&path, body)
            });
            let quads = match quads {
                Ok(q) => q,
                Err(problem) => {
                    damaged.push(Damaged {
                        graph: graph_named_in(&bytes),
                        path,
                        problem,
                    });
                    continue;
                }
            };
            if let GraphName::NamedNode(g) = &quads[0].graph_name {
                files.insert(g.as_str().to_string(), path.clone());
            }
            for quad in quads {
                // Every stated triple also goes into the merged default graph.
                batch.push(Quad::new(
                    quad.subject.clone(),
                    quad.predicate.clone(),
                    quad.object.clone(),
                    GraphName::DefaultGraph,
                ));
                batch.push(quad);
            }
            if batch.len() >= 16384 {
                loader.load_quads(batch.drain(..))?;
            }
        }
        // The ontology goes into the default graph with the merged facts: `GRAPH ?g` ranges
        // over articles only, and an export's default graph answers as tupu does.
        let mut ontology = std::collections::HashSet::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(ONTOLOGY.as_bytes()) {
            let quad = quad.map_err(|e| Error::CorruptStore {
                path: PathBuf::from("ontology/tupu.ttl"),
                problem: e.to_string(),
            })?;
            ontology.insert(quad.clone());
            batch.push(quad);
        }
        loader.load_quads(batch.drain(..))?;
        loader.commit()?;
        Ok(Store {
            dir: dir.to_path_buf(),
            inner,
            files: Mutex::new(files),
            ontology,
            damaged,
            unchecked,
            _writer_lock: None,
        })
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
        // previous version, if any, is in place. Only tupu writes in this folder.
        for entry in fs::read_dir(&articles).map_err(|e| Error::io(&articles, e))? {
            let path = entry.map_err(|e| Error::io(&articles, e))?.path();
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".tupu-tmp-") || n.starts_with(".tmp-"))
            {
                fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        let mut store = Store::load(dir)?;
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

    /// The oxigraph store, for queries.
    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where an article's file is written: its canonical name under `articles/`.
    fn file_of(&self, id: &str) -> PathBuf {
        self.dir.join("articles").join(file_name(id))
    }

    fn files(&self) -> std::sync::MutexGuard<'_, HashMap<String, PathBuf>> {
        // A panic elsewhere while holding the map leaves it consistent (single inserts).
        self.files.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The content hash stored with an article, if the article is stored.
    pub fn content_hash(&self, id: &str) -> Result<Option<String>> {
        let a = rdf::article_iri(id);
        let hash = rdf::tupu("contentHash");
        let found = self
            .inner
            .quads_for_pattern(
                Some(a.as_ref().into()),
                Some(hash.as_ref()),
                None,
                Some(a.as_ref().into()),
            )
            .next()
            .transpose()?;
        Ok(found.and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        }))
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
    /// Protocol's PUT, a SPARQL Update's result): durably on disk first, then in memory.
    pub fn put_graph(&self, id: &str, quads: &[Quad]) -> Result<PutOutcome> {
        let existed = self.has_article(id);
        let graph = rdf::article_iri(id);
        // A graph is a set: each quad once in the file, all in the article's graph.
        let mut quads: Vec<Quad> = quads
            .iter()
            .map(|q| {
                Quad::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    q.object.clone(),
                    graph.clone(),
                )
            })
            .collect();
        quads.sort_by_cached_key(|q| q.to_string());
        quads.dedup();
        let path = self.file_of(id);
        let mut nquads = Vec::new();
        let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut nquads);
        for q in &quads {
            w.serialize_quad(q).map_err(|e| Error::io(&path, e))?;
        }
        w.finish().map_err(|e| Error::io(&path, e))?;
        crate::output::write_file(&path, &with_integrity(nquads, quads.len()))?;
        let previous = self.files().insert(graph.into_string(), path.clone());
        // An article stored under an older naming scheme: its old file goes.
        if let Some(prev) = previous.filter(|p| *p != path) {
            fs::remove_file(&prev).map_err(|e| Error::io(&prev, e))?;
        }
        self.replace_graph(id, &quads)?;
        Ok(if existed {
            PutOutcome::Replaced
        } else {
            PutOutcome::Added
        })
    }

    /// True when the store holds a graph for the article `id`.
    pub fn has_article(&self, id: &str) -> bool {
        self.files().contains_key(rdf::article_iri(id).as_str())
    }

    /// The quads of the article `id`'s graph (empty when there is none).
    pub fn article_graph(&self, id: &str) -> Result<Vec<Quad>> {
        let graph = rdf::article_iri(id);
        Ok(self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Runs a SPARQL Update that writes only into the graphs of the articles `ids` (the
    /// caller checked that, see `query::update_targets`), and stores each changed graph as
    /// `put_graph` does: the update runs in memory, its result is read off, the graphs are
    /// put back as they were and then stored through the one path that writes files and keeps
    /// the merged default graph in step. A graph the update empties is removed.
    pub fn update_articles(
        &self,
        update: oxigraph::sparql::PreparedSparqlUpdate,
        ids: &[String],
    ) -> Result<Vec<(String, Option<PutOutcome>)>> {
        let before: Vec<Vec<Quad>> = ids
            .iter()
            .map(|id| self.article_graph(id))
            .collect::<Result<_>>()?;
        update
            .on_store(&self.inner)
            .execute()
            .map_err(|e| Error::Usage(format!("the update failed: {e}")))?;
        let mut done = Vec::new();
        for (id, old) in ids.iter().zip(before) {
            let new = self.article_graph(id)?;
            let graph = rdf::article_iri(id);
            let graph_ref = GraphNameRef::NamedNode(graph.as_ref());
            let mut tx = self.inner.start_transaction()?;
            tx.clear_graph(graph_ref)?;
            for q in &old {
                tx.insert(q.as_ref());
            }
            tx.commit()?;
            let same = new.len() == old.len() && {
                let old: std::collections::HashSet<&Quad> = old.iter().collect();
                new.iter().all(|q| old.contains(q))
            };
            if same {
                done.push((id.clone(), None));
            } else if new.is_empty() {
                if self.has_article(id) {
                    self.remove_article(id)?;
                }
                done.push((id.clone(), None));
            } else {
                done.push((id.clone(), Some(self.put_graph(id, &new)?)));
            }
        }
        Ok(done)
    }

    /// Replaces an article's graph in memory (an empty `quads` removes it) and keeps the
    /// merged default graph in step: a triple leaves it when no graph states it any more.
    fn replace_graph(&self, id: &str, quads: &[Quad]) -> Result<()> {
        let graph = rdf::article_iri(id);
        let graph_ref = GraphNameRef::NamedNode(graph.as_ref());
        let mut tx = self.inner.start_transaction()?;
        let old: Vec<Quad> = tx
            .quads_for_pattern(None, None, None, Some(graph_ref))
            .collect::<std::result::Result<_, _>>()?;
        tx.clear_graph(graph_ref)?;
        for q in quads {
            tx.insert(q.as_ref());
            tx.insert(QuadRef::new(
                &q.subject,
                &q.predicate,
                &q.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        for q in &old {
            let still_stated = tx
                .quads_for_pattern(
                    Some(q.subject.as_ref()),
                    Some(q.predicate.as_ref()),
                    Some(q.object.as_ref()),
                    None,
                )
                .filter_map(|x| x.ok())
                .any(|x| !x.graph_name.is_default_graph())
                || self.ontology.contains(&Quad::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    q.object.clone(),
                    GraphName::DefaultGraph,
                ));
            if !still_stated {
                tx.remove(QuadRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                    GraphNameRef::DefaultGraph,
                ));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes an article and every fact only it supported (its graph is its facts).
    pub fn remove_article(&self, id: &str) -> Result<()> {
        if !self.has_article(id) {
            return Err(Error::UnknownArticle(id.to_string()));
        }
        let graph = rdf::article_iri(id).into_string();
        let path = self
            .files()
            .remove(&graph)
            .unwrap_or_else(|| self.file_of(id));
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        let articles = self.dir.join("articles");
        sync_dir(&articles).map_err(|e| Error::io(&articles, e))?;
        self.replace_graph(id, &[])?;
        self.inner
            .remove_named_graph(rdf::article_iri(id).as_ref())?;
        Ok(())
    }

    /// Ids of the stored articles, sorted.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let id = oxigraph::model::NamedNode::new_unchecked(format!("{}identifier", rdf::SCHEMA));
        let mut ids = Vec::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(id.as_ref()), None, None)
        {
            if let Term::Literal(l) = q?.object {
                ids.push(l.value().to_string());
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Number of quads in the article graphs (the ontology and the merged default graph
    /// not counted).
    pub fn len(&self) -> Result<usize> {
        let mut n = 0;
        for q in self.inner.iter() {
            if is_article_quad(&q?) {
                n += 1;
            }
        }
        Ok(n)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// A quad of an article's graph (not the ontology, not the merged default graph).
fn is_article_quad(q: &Quad) -> bool {
    match &q.graph_name {
        GraphName::NamedNode(g) => g.as_str() != rdf::ONTOLOGY_GRAPH,
        _ => false,
    }
}

/// Writes the whole store as N-Quads: the default graph (the merge of every article, each
/// fact once, and the ontology) and every article's named graph. Loaded with a plain default
/// graph (pyoxigraph's default, rdflib's `Dataset()`, Jena's TDB without unionDefaultGraph),
/// tupu's saved queries give tupu's answers; `GRAPH ?g` reaches each article.
pub fn dump_nquads(store: &Store, out: &mut dyn Write) -> Result<()> {
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for q in store.inner.iter() {
        w.serialize_quad(&q?)
            .map_err(|e| Error::io("<output>", e))?;
    }
    w.finish().map_err(|e| Error::io("<output>", e))?;
    Ok(())
}

/// Makes a folder's entries (a rename, a removal) durable.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}
