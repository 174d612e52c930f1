//! Writing through the server (`tupu serve --writable`): SPARQL Update at `/sparql`, the
//! Graph Store Protocol at `/store?graph=IRI` (one article's graph), and `POST /ingest`
//! (article files read, extracted and stored as `tupu ingest` does). The server then holds
//! the store's writer lock for its whole life, as `ingest` holds it for its run: no other
//! process writes meanwhile; writes through the server go one at a time. Every write goes
//! through `Store::put_graph` / `remove_article`, so each article's file is replaced
//! atomically and a crash never leaves half an article.
//!
//! Reading a graph (`GET /store?graph=`) works read-only too.

use super::{header, reply, text};
use crate::error::Error;
use crate::extract::lexicon::Lexicon;
use crate::query::{self, ResultFormat};
use crate::rdf;
use crate::store::{PutOutcome, Store};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::Quad;
use std::io::Read;
use std::sync::Mutex;
use tiny_http::{Method, Request, Response};

/// The largest body a write accepts (a graph or an article file).
pub const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// What a writable server needs: one write at a time, and what ingest reads articles with.
pub struct Writes {
    lock: Mutex<()>,
    lexicon: Lexicon,
    max_article_bytes: u64,
}

impl Writes {
    pub fn new(lexicon: Lexicon, max_article_bytes: u64) -> Writes {
        Writes {
            lock: Mutex::new(()),
            lexicon,
            max_article_bytes,
        }
    }

    fn one_at_a_time(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic in another write left nothing half-done in memory that matters here:
        // every write is stored through the store's own atomic path.
        self.lock.lock().unwrap_or_else(|p| p.into_inner())
    }
}

const READ_ONLY: &str =
    "this server is read-only: start it with `tupu serve --writable` to write through it";

/// Reads a request body up to `MAX_BODY_BYTES`; `None` when it is larger.
fn body_of(request: &mut Request) -> std::io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY_BYTES + 1)
        .read_to_end(&mut body)?;
    Ok((body.len() as u64 <= MAX_BODY_BYTES).then_some(body))
}

/// SPARQL Update (`application/sparql-update`, or a form's `update=`), already read.
pub(super) fn update(
    store: &Store,
    writes: Option<&Writes>,
    request: Request,
    sparql: &str,
) -> std::io::Result<()> {
    let Some(writes) = writes else {
        return text(request, 403, READ_ONLY);
    };
    let (prepared, ids) = match query::update_targets(sparql) {
        Ok(t) => t,
        Err(e) => return text(request, 400, &e.to_string()),
    };
    let _one = writes.one_at_a_time();
    match store.update_articles(&prepared, &ids) {
        Ok(done) => {
            let changed = done.iter().filter(|(_, o)| o.is_some()).count();
            text(
                request,
                200,
                &format!(
                    "updated: {changed} article graph(s) stored ({})",
                    ids.join(", ")
                ),
            )
        }
        Err(e @ Error::Usage(_)) => text(request, 400, &e.to_string()),
        Err(e) => text(request, 500, &e.to_string()),
    }
}

/// The article a `graph=` IRI names.
fn article_of(query_string: &str) -> Result<String, String> {
    let graph = super::sparql::form_value(query_string, "graph")
        .ok_or("give the graph: /store?graph=https://w3id.org/tupu/article/ID")?;
    rdf::article_id_of(&graph)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            format!(
                "<{graph}> is not an article's graph: tupu's graphs are {}ID",
                rdf::article_iri("").as_str()
            )
        })
}

/// The RDF syntax of a request body, by its media type.
fn syntax_of(content_type: &str) -> Option<RdfFormat> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    RdfFormat::from_media_type(media)
}

/// The Graph Store Protocol on one article's graph.
pub(super) fn graph_store(
    store: &Store,
    writes: Option<&Writes>,
    mut request: Request,
    query_string: &str,
    accept: &str,
    content_type: &str,
) -> std::io::Result<()> {
    let id = match article_of(query_string) {
        Ok(id) => id,
        Err(e) => return text(request, 400, &e),
    };
    let method = request.method().clone();
    if method == Method::Get || method == Method::Head {
        if !store.has_article(&id) {
            return text(request, 404, &format!("no graph for the article {id}"));
        }
        let Some((format, media)) = super::sparql::negotiate(accept, true) else {
            return text(request, 406, "graphs are served as text/turtle, application/n-triples, application/rdf+xml or application/ld+json");
        };
        return match graph_bytes(store, &id, format) {
            Ok(body) => reply(request, 200, media, body),
            Err(e) => text(request, 500, &e.to_string()),
        };
    }
    let Some(writes) = writes else {
        return text(request, 403, READ_ONLY);
    };
    let outcome = match method {
        Method::Delete => {
            let _one = writes.one_at_a_time();
            if !store.has_article(&id) {
                return text(request, 404, &format!("no graph for the article {id}"));
            }
            store.remove_article(&id).map(|()| None)
        }
        Method::Put | Method::Post => {
            let Some(syntax) = syntax_of(content_type) else {
                return text(request, 415, &format!("unsupported graph syntax {content_type:?}: send text/turtle, application/n-triples, application/n-quads, application/rdf+xml or application/ld+json"));
            };
            let Some(body) = body_of(&mut request)? else {
                return text(
                    request,
                    413,
                    &format!("the graph is over {MAX_BODY_BYTES} bytes"),
                );
            };
            let base = rdf::article_iri(&id);
            let parsed: Result<Vec<Quad>, _> = RdfParser::from_format(syntax)
                .with_base_iri(base.as_str())
                .map_err(|e| e.to_string())
                .and_then(|p| {
                    p.for_slice(&body)
                        .map(|q| q.map_err(|e| e.to_string()))
                        .collect()
                });
            let mut quads = match parsed {
                Ok(q) => q,
                Err(e) => return text(request, 400, &format!("the graph does not parse: {e}")),
            };
            let _one = writes.one_at_a_time();
            if method == Method::Post {
                // POST merges into the graph; PUT replaces it.
                match store.article_graph(&id) {
                    Ok(old) => quads.extend(old),
                    Err(e) => return text(request, 500, &e.to_string()),
                }
            }
            if quads.is_empty() {
                return text(
                    request,
                    400,
                    "an empty graph: DELETE the graph to remove the article",
                );
            }
            store.put_graph(&id, &quads).map(Some)
        }
        Method::Options => return reply(request, 204, "text/plain", Vec::new()),
        _ => return text(request, 405, "use GET, PUT, POST or DELETE"),
    };
    match outcome {
        Ok(Some(PutOutcome::Added)) => reply(
            request,
            201,
            "text/plain; charset=utf-8",
            format!("stored the graph of {id}\n").into_bytes(),
        ),
        Ok(_) => request
            .respond(Response::empty(204).with_header(header("Access-Control-Allow-Origin", "*"))),
        Err(e) => text(request, 500, &e.to_string()),
    }
}

fn graph_bytes(store: &Store, id: &str, format: ResultFormat) -> crate::error::Result<Vec<u8>> {
    let mut ser = RdfSerializer::from_format(format.graph_syntax());
    for (p, iri) in rdf::PREFIXES {
        ser = ser
            .with_prefix(p, iri)
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    let mut out = Vec::new();
    let io = |e| Error::io("<response>", e);
    let mut w = ser.for_writer(&mut out);
    for q in store.article_graph(id)? {
        w.serialize_triple(oxigraph::model::TripleRef::from(q.as_ref()))
            .map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(out)
}

/// `POST /ingest?name=FILE.txt`: the body is one article file (text, HTML or JSON Lines, by
/// the name's extension; a JSON Lines file may hold many articles), read, extracted and
/// stored as `tupu ingest` does; the answer is ingest's report as JSON.
pub(super) fn ingest(
    store: &Store,
    writes: Option<&Writes>,
    mut request: Request,
    query_string: &str,
) -> std::io::Result<()> {
    let Some(writes) = writes else {
        return text(request, 403, READ_ONLY);
    };
    if request.method() != &Method::Post {
        return text(
            request,
            405,
            "POST an article file to /ingest?name=FILE.txt",
        );
    }
    let name = super::sparql::form_value(query_string, "name").unwrap_or_default();
    // Only a plain file name: it becomes the article's id and source, never a path.
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && std::path::Path::new(&name).extension().is_some();
    if !plain {
        return text(request, 400, "give the file's name with its extension: /ingest?name=article.txt (.txt, .html or .jsonl)");
    }
    let Some(body) = body_of(&mut request)? else {
        return text(
            request,
            413,
            &format!("the file is over {MAX_BODY_BYTES} bytes"),
        );
    };
    let report = (|| -> crate::error::Result<crate::app::IngestReport> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("<temporary folder>", e))?;
        let path = dir.path().join(&name);
        std::fs::write(&path, &body).map_err(|e| Error::io(&path, e))?;
        let _one = writes.one_at_a_time();
        crate::app::ingest(
            store,
            &[path],
            writes.lexicon.clone(),
            writes.max_article_bytes,
        )
    })();
    match report {
        Ok(r) => {
            let status = if r.read == 0 && !r.skipped.is_empty() {
                400
            } else {
                200
            };
            let mut json = r.to_json();
            // Skipped files are named by the temporary path they were written to: say the name.
            if let Some(list) = json.get_mut("skipped").and_then(|s| s.as_array_mut()) {
                for item in list {
                    if let Some(s) = item.as_str() {
                        let cut = s.find(name.as_str()).unwrap_or(0);
                        *item = s[cut..].into();
                    }
                }
            }
            reply(
                request,
                status,
                "application/json",
                format!("{json}\n").into_bytes(),
            )
        }
        Err(e) => text(request, 500, &e.to_string()),
    }
}
