//! Stage 7, store: an in-memory oxigraph store made durable by tupu itself.
//!
//! Layout of the store folder:
//! - `articles/<id>.nq`: the N-Quads of one article's named graph, one file per article.
//!   A file is written to a temporary name, synced, then renamed over the old one, so a
//!   crash at any moment leaves either the old or the new version, never half of one.
//! - `.tmp-*` files are leftovers of an interrupted write and are removed on open.
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
use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Quad, QuadRef, Term};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

const ONTOLOGY: &str = include_str!("../ontology/tupu.ttl");

pub struct Store {
    dir: PathBuf,
    inner: oxigraph::store::Store,
    /// Held while a writer has the store open (`LOCK` in the folder, released on drop).
    _writer_lock: Option<File>,
}

/// What putting an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    Replaced,
    Unchanged,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` and loads every stored article.
    pub fn open(dir: &Path) -> Result<Store> {
        let articles = dir.join("articles");
        fs::create_dir_all(&articles).map_err(|e| Error::io(&articles, e))?;
        let inner = oxigraph::store::Store::new()?;
        let mut files = Vec::new();
        for entry in fs::read_dir(&articles).map_err(|e| Error::io(&articles, e))? {
            let path = entry.map_err(|e| Error::io(&articles, e))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with(".tmp-") {
                // An interrupted write: the previous version (if any) is still in place.
                let _ = fs::remove_file(&path);
            } else if name.ends_with(".nq") {
                files.push(path);
            }
        }
        files.sort();
        let mut loader = inner.bulk_loader();
        let mut batch: Vec<Quad> = Vec::with_capacity(2 * 4096);
        let ontology = NamedNodeRef::new_unchecked(rdf::ONTOLOGY_GRAPH);
        let sources = files
            .iter()
            .map(|path| -> Result<(PathBuf, Box<dyn std::io::Read>)> {
                let file = File::open(path).map_err(|e| Error::io(path, e))?;
                Ok((path.clone(), Box::new(BufReader::new(file))))
            })
            .chain(std::iter::once(Ok((
                PathBuf::from("ontology/tupu.ttl"),
                Box::new(ONTOLOGY.as_bytes()) as Box<dyn std::io::Read>,
            ))));
        for source in sources {
            let (path, reader) = source?;
            let is_ontology = path.extension().is_some_and(|e| e == "ttl");
            let parser = if is_ontology {
                RdfParser::from_format(RdfFormat::Turtle).with_default_graph(ontology)
            } else {
                RdfParser::from_format(RdfFormat::NQuads)
            };
            for quad in parser.for_reader(reader) {
                let quad = quad.map_err(|e| Error::CorruptStore {
                    path: path.clone(),
                    problem: e.to_string(),
                })?;
                // Every stated triple also goes into the merged default graph.
                batch.push(Quad::new(
                    quad.subject.clone(),
                    quad.predicate.clone(),
                    quad.object.clone(),
                    GraphName::DefaultGraph,
                ));
                batch.push(quad);
                if batch.len() >= 8192 {
                    loader.load_quads(batch.drain(..))?;
                }
            }
        }
        loader.load_quads(batch.drain(..))?;
        loader.commit()?;
        Ok(Store {
            dir: dir.to_path_buf(),
            inner,
            _writer_lock: None,
        })
    }

    /// Opens the store to write: only one writer at a time (another `ingest` or `remove`
    /// on the same folder gets a clear error instead of racing). Readers need no lock:
    /// every article file is replaced atomically.
    pub fn open_for_writing(dir: &Path) -> Result<Store> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let lock_path = dir.join("LOCK");
        let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Usage(format!(
                    "{}: another tupu process is writing to this store; try again when it is done",
                    dir.display()
                )))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
        let mut store = Store::open(dir)?;
        store._writer_lock = Some(lock);
        Ok(store)
    }

    /// The oxigraph store, for queries.
    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file_of(&self, id: &str) -> PathBuf {
        self.dir
            .join("articles")
            .join(format!("{}.nq", rdf::segment(id)))
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
        let old = self.content_hash(id)?;
        if old.as_deref() == Some(hash) {
            return Ok(PutOutcome::Unchanged);
        }
        let path = self.file_of(id);
        let tmp = path.with_file_name(format!(
            ".tmp-{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("article.nq")
        ));
        let write = || -> std::io::Result<()> {
            let file = File::create(&tmp)?;
            let mut w =
                RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(file));
            for q in quads {
                w.serialize_quad(q)?;
            }
            let file = w.finish()?.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            fs::rename(&tmp, &path)?;
            // The rename itself must reach the disk too.
            File::open(path.parent().unwrap_or(Path::new(".")))?.sync_all()
        };
        write().map_err(|e| {
            let _ = fs::remove_file(&tmp);
            Error::io(&path, e)
        })?;
        self.replace_graph(id, quads)?;
        Ok(if old.is_some() {
            PutOutcome::Replaced
        } else {
            PutOutcome::Added
        })
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
                .any(|x| !x.graph_name.is_default_graph());
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
        if self.content_hash(id)?.is_none() {
            return Err(Error::UnknownArticle(id.to_string()));
        }
        let path = self.file_of(id);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
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

/// Writes every article graph as N-Quads.
pub fn dump_nquads(store: &Store, out: &mut dyn Write) -> Result<()> {
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for q in store.inner.iter() {
        let q = q?;
        if !is_article_quad(&q) {
            continue;
        }
        w.serialize_quad(&q).map_err(|e| Error::io("<output>", e))?;
    }
    w.finish().map_err(|e| Error::io("<output>", e))?;
    Ok(())
}
