//! `tupu serve`: the store as a SPARQL 1.1 Protocol endpoint at `/sparql` and an explorer
//! page at `/`. Routing and HTTP plumbing live here; the protocol in `sparql`, the page and
//! what it loads (built into the binary) in `explorer`.
//!
//! Queries come by GET (`?query=`) or POST (`application/sparql-query`, or a form with
//! `query=`); results are negotiated by `Accept` among the W3C formats (JSON by default, XML,
//! CSV, TSV; Turtle, N-Triples or RDF/XML for CONSTRUCT and DESCRIBE). A query that does not parse is a 400 with
//! the explanation `tupu query` gives; an unacceptable `Accept` a 406; another body type a
//! 415; an update a 403 (the server is read-only); a query past its time or size limit a
//! 503 that says which limit. Every answer allows any origin (CORS), so browser tools on
//! other origins can query. Several threads take requests, so readers run in parallel. The
//! store is read once at start: another process's ingest is seen after a restart.

mod explorer;
mod sparql;
mod writable;

pub use writable::Writes;

use crate::error::{Error, Result};
use crate::query::Limits;
use crate::store::Store;
use std::sync::Arc;
use tiny_http::{Header, Request, Response, Server};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (`127.0.0.1:7878`; port 0 picks a free one).
    pub bind: String,
    pub limits: Limits,
    /// Threads taking requests.
    pub threads: usize,
}

/// Serves until the process ends. `ready` is called with the address once listening.
/// With `writes`, the server also takes SPARQL Update, the Graph Store Protocol's writes and
/// `POST /ingest` (the store must have been opened for writing).
pub fn serve(
    store: Store,
    options: &ServeOptions,
    writes: Option<Writes>,
    ready: impl FnOnce(&str),
) -> Result<()> {
    let server = Server::http(&options.bind)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", options.bind)))?;
    let addr = server
        .server_addr()
        .to_ip()
        .map_or_else(|| options.bind.clone(), |a| a.to_string());
    ready(&addr);
    let server = Arc::new(server);
    let store = Arc::new(store);
    let writes = writes.as_ref();
    let threads = options.threads.max(1);
    {
        // Ctrl-C (or SIGTERM): every thread finishes the request it is on, then stops taking
        // new ones; `serve` returns and the process ends normally.
        let server = Arc::clone(&server);
        ctrlc::set_handler(move || {
            for _ in 0..threads {
                server.unblock();
            }
        })
        .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;
    }
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (server, store) = (Arc::clone(&server), Arc::clone(&store));
            scope.spawn(move || {
                while let Ok(request) = server.recv() {
                    // A client that went away is no error of the server's.
                    let _ = handle(&store, options.limits, writes, request);
                }
            });
        }
    });
    Ok(())
}

pub(crate) fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII constants or checked media types.
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("ASCII header"))
}

pub(crate) fn reply(
    request: Request,
    status: u16,
    media_type: &str,
    body: Vec<u8>,
) -> std::io::Result<()> {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", media_type))
        .with_header(header("Access-Control-Allow-Origin", "*"));
    request.respond(response)
}

pub(crate) fn text(request: Request, status: u16, message: &str) -> std::io::Result<()> {
    reply(
        request,
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    )
}

/// One request: the endpoint, the graph store, ingest, or a file of the explorer page.
fn handle(
    store: &Store,
    limits: Limits,
    writes: Option<&Writes>,
    request: Request,
) -> std::io::Result<()> {
    let url = request.url().to_string();
    let (path, query_string) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let find = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
            .unwrap_or_default()
    };
    match path {
        "/sparql" => return sparql::answer(store, limits, writes, request),
        "/store" => {
            let accept = Some(find("Accept"))
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| "*/*".into());
            let content_type = find("Content-Type");
            return writable::graph_store(
                store,
                writes,
                request,
                query_string,
                &accept,
                &content_type,
            );
        }
        "/ingest" => return writable::ingest(store, writes, request, query_string),
        _ => {}
    }
    match explorer::content(store, path) {
        Some(Ok((media_type, body))) => reply(request, 200, media_type, body),
        Some(Err(e)) => text(request, 500, &e.to_string()),
        None => text(
            request,
            404,
            "not found: the explorer is at /, the SPARQL endpoint at /sparql",
        ),
    }
}
