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

use crate::error::{Error, Result};
use crate::rdf;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, Term};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

const ONTOLOGY: &str = include_str!("../ontology/tupu.ttl");

pub struct Store {
    dir: PathBuf,
    inner: oxigraph::store::Store,
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
        for path in &files {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            loader
                .load_from_reader(RdfFormat::NQuads, BufReader::new(file))
                .map_err(|e| Error::CorruptStore {
                    path: path.clone(),
                    problem: e.to_string(),
                })?;
        }
        loader.commit()?;
        let ontology = rdf::ONTOLOGY_GRAPH;
        inner
            .load_from_reader(
                RdfParser::from_format(RdfFormat::Turtle)
                    .with_default_graph(NamedNodeRef::new_unchecked(ontology)),
                ONTOLOGY.as_bytes(),
            )
            .map_err(|e| Error::CorruptStore {
                path: PathBuf::from("ontology/tupu.ttl"),
                problem: e.to_string(),
            })?;
        Ok(Store {
            dir: dir.to_path_buf(),
            inner,
        })
    }

    /// The oxigraph store, for queries.
    pub fn inner(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file_of(&self, id: &str) -> PathBuf {
        self.dir.join("articles").join(format!("{}.nq", rdf::segment(id)))
    }

    /// The content hash stored with an article, if the article is stored.
    pub fn content_hash(&self, id: &str) -> Result<Option<String>> {
        let a = rdf::article_iri(id);
        let hash = rdf::tupu("contentHash");
        let found = self
            .inner
            .quads_for_pattern(Some(a.as_ref().into()), Some(hash.as_ref()), None, Some(a.as_ref().into()))
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
            path.file_name().and_then(|n| n.to_str()).unwrap_or("article.nq")
        ));
        let write = || -> std::io::Result<()> {
            let file = File::create(&tmp)?;
            let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(BufWriter::new(file));
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
        let graph = rdf::article_iri(id);
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        tx.extend(quads.iter().map(|q| q.as_ref()));
        tx.commit()?;
        Ok(if old.is_some() { PutOutcome::Replaced } else { PutOutcome::Added })
    }

    /// Removes an article and every fact only it supported (its graph is its facts).
    pub fn remove_article(&self, id: &str) -> Result<()> {
        if self.content_hash(id)?.is_none() {
            return Err(Error::UnknownArticle(id.to_string()));
        }
        let path = self.file_of(id);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        let graph = rdf::article_iri(id);
        self.inner.remove_named_graph(graph.as_ref())?;
        Ok(())
    }

    /// Ids of the stored articles, sorted.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let id = oxigraph::model::NamedNode::new_unchecked(format!("{}identifier", rdf::SCHEMA));
        let mut ids = Vec::new();
        for q in self.inner.quads_for_pattern(None, Some(id.as_ref()), None, None) {
            if let Term::Literal(l) = q?.object {
                ids.push(l.value().to_string());
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Number of quads in the article graphs (the ontology not counted).
    pub fn len(&self) -> Result<usize> {
        let onto = oxigraph::model::NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH);
        let onto_len = self
            .inner
            .quads_for_pattern(None, None, None, Some(onto.as_ref().into()))
            .count();
        Ok(self.inner.len()? - onto_len)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// Writes every article graph as N-Quads.
pub fn dump_nquads(store: &Store, out: &mut dyn Write) -> Result<()> {
    let onto = oxigraph::model::NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH);
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for q in store.inner.iter() {
        let q = q?;
        if q.graph_name == onto.clone().into() {
            continue;
        }
        w.serialize_quad(&q).map_err(|e| Error::io("<output>", e))?;
    }
    w.finish().map_err(|e| Error::io("<output>", e))?;
    Ok(())
}
