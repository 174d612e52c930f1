//! `tupu serve` against the real binary on an ephemeral port: the SPARQL 1.1 Protocol's
//! methods, content negotiation, error codes, CORS and read-only refusal, over plain HTTP/1.1.

use common::start;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

mod common;

/// A running server, stopped when dropped.
struct Served {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn served() -> Served {
    served_with(&[])
}

/// The sample store, served with these extra arguments (e.g. `--writable`).
fn served_with(extra: &[&str]) -> Served {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let ok = Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args([
            "ingest",
            samples.to_str().expect("p"),
            "--store",
            store.to_str().expect("p"),
        ])
        .stdout(Stdio::null())
        .status()
        .expect("ingest runs");
    assert!(ok.success());
    let (child, addr) = start(&store, extra);
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// Any request: method, path with query string, content type (or none), body.
fn send(
    addr: &str,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> (u16, Vec<(String, String)>, String) {
    let ct = content_type.map_or(String::new(), |c| format!("Content-Type: {c}\r\n"));
    exchange(
        addr,
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\n{ct}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn exchange(addr: &str, request: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.write_all(request.as_bytes()).expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// A chunked HTTP/1.1 body (the server chunks large answers) as its bytes.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..end]).expect("chunk size");
        let n = usize::from_str_radix(size.trim(), 16).expect("chunk size");
        if n == 0 {
            break;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + n]);
        rest = &rest[end + 2 + n + 2..];
    }
    out
}

fn get(addr: &str, query: &str, accept: &str) -> (u16, Vec<(String, String)>, String) {
    let q: String =
        percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    exchange(
        addr,
        &format!("GET /sparql?query={q} HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"),
    )
}

fn post(
    addr: &str,
    content_type: &str,
    accept: &str,
    body: &str,
) -> (u16, Vec<(String, String)>, String) {
    exchange(
        addr,
        &format!(
            "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nAccept: {accept}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

const LEADS: &str = "SELECT ?n WHERE { ?p tupu:leads ?b ; rdfs:label ?n } ORDER BY ?n";

#[test]
fn the_sparql_protocol_by_get_and_post_with_negotiated_results() {
    let s = served();
    let (status, headers, body) = get(&s.addr, LEADS, "application/sparql-results+json");
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        header(&headers, "content-type"),
        "application/sparql-results+json"
    );
    assert_eq!(header(&headers, "access-control-allow-origin"), "*");
    let doc: serde_json::Value = serde_json::from_str(&body).expect("JSON results");
    assert!(doc["results"]["bindings"]
        .as_array()
        .is_some_and(|b| !b.is_empty()));
    assert!(body.contains("王琴英"));

    let (status, headers, body) = post(&s.addr, "application/sparql-query", "text/csv", LEADS);
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/csv"));
    assert!(
        body.starts_with("n\r\n") || body.starts_with("n\n"),
        "{body}"
    );

    let form = format!(
        "query={}",
        percent_encoding::utf8_percent_encode(LEADS, percent_encoding::NON_ALPHANUMERIC)
    );
    let (status, headers, body) = post(
        &s.addr,
        "application/x-www-form-urlencoded",
        "application/sparql-results+xml",
        &form,
    );
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        "application/sparql-results+xml"
    );
    assert!(body.contains("<sparql"), "{body}");

    let (status, headers, _) = get(&s.addr, LEADS, "text/tab-separated-values");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/tab-separated-values"));

    let (status, headers, body) = get(
        &s.addr,
        "CONSTRUCT { ?p tupu:leads ?b } WHERE { ?p tupu:leads ?b }",
        "text/turtle",
    );
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/turtle"));
    let triples = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(body.as_bytes())
        .count();
    assert!(triples >= 4, "{body}");
}

#[test]
fn protocol_errors_have_their_codes() {
    let s = served();
    let (status, _, body) = get(&s.addr, "SELEC ?x WHERE { ?x ?p ?o }", "*/*");
    assert_eq!(status, 400);
    assert!(
        body.contains("SELECT, CONSTRUCT, ASK or DESCRIBE"),
        "{body}"
    );
    assert_eq!(get(&s.addr, LEADS, "image/png").0, 406);
    assert_eq!(post(&s.addr, "text/plain", "*/*", LEADS).0, 415);
    assert_eq!(
        post(
            &s.addr,
            "application/sparql-update",
            "*/*",
            "INSERT DATA { <a:b> <a:c> <a:d> }"
        )
        .0,
        403,
        "read-only"
    );
    let unions = format!(
        "SELECT * WHERE {{ {} }}",
        vec!["{ ?s ?p ?o }"; 600].join(" UNION ")
    );
    let (status, _, body) = post(&s.addr, "application/sparql-query", "*/*", &unions);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("UNION"), "{body}");
    // Still serving after all that.
    assert_eq!(get(&s.addr, LEADS, "*/*").0, 200);
    let (status, _, body) = exchange(
        &s.addr,
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    assert!(body.contains("/explorer.js") && body.contains("/vendor/cytoscape.min.js"));
}

#[test]
fn the_explorer_page_and_what_it_loads_are_served_from_the_binary() {
    let s = served();
    let fetch = |path: &str| {
        exchange(
            &s.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        )
    };
    for (path, media, needle) in [
        ("/", "text/html", "tupu"),
        ("/explorer.js", "text/javascript", "/sparql"),
        ("/explorer.css", "text/css", "font-family"),
        ("/vendor/cytoscape.min.js", "text/javascript", "cytoscape"),
        ("/vendor/china.json", "application/json", "UTF8Encoding"),
    ] {
        let (status, headers, body) = fetch(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            headers
                .iter()
                .any(|(k, v)| k == "content-type" && v.starts_with(media)),
            "{path}: {headers:?}"
        );
        assert!(body.contains(needle), "{path}");
    }
    let (status, _, body) = fetch("/queries");
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert!(doc["queries"]
        .as_array()
        .is_some_and(|q| q.iter().any(|q| q["name"] == "who-leads-what")));
    let (status, _, body) = fetch("/places.geojson");
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).expect("GeoJSON");
    let names: Vec<&str> = doc["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str())
        .collect();
    assert!(names.contains(&"绍兴市"), "{names:?}");
    let (status, _, body) = fetch("/nothing-here");
    assert_eq!(status, 404);
    assert!(body.contains("/sparql"));
}

const NOTE: &str = "https://w3id.org/tupu/article/analyst-note-1";

fn triples(turtle: &str) -> std::collections::BTreeSet<String> {
    oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(turtle.as_bytes())
        .map(|q| {
            let q = q.expect("Turtle");
            format!("{} {} {}", q.subject, q.predicate, q.object)
        })
        .collect()
}

fn csv_of(addr: &str, query: &str) -> String {
    get(addr, query, "text/csv").2
}

#[test]
fn a_read_only_server_refuses_every_write() {
    let s = served();
    let path = format!("/store?graph={NOTE}");
    let (status, _, body) = send(
        &s.addr,
        "PUT",
        &path,
        Some("text/turtle"),
        "<a:x> <a:y> <a:z> .",
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--writable"), "{body}");
    assert_eq!(send(&s.addr, "DELETE", &path, None, "").0, 403);
    assert_eq!(
        send(
            &s.addr,
            "POST",
            "/ingest?name=a.txt",
            Some("text/plain"),
            "标题\n\n正文"
        )
        .0,
        403
    );
    // Reading a graph works read-only.
    let seed = "/store?graph=https://w3id.org/tupu/article/zjrb-20220623-liangge-xianxing";
    let (status, _, body) = send(&s.addr, "GET", seed, None, "");
    assert_eq!(status, 200);
    assert!(triples(&body).len() > 100);
}

#[test]
fn the_graph_store_protocol_round_trips_an_article_graph_on_disk() {
    let s = served_with(&["--writable"]);
    let store = s._dir.path().join("store");
    let _ = &store;
    // The server holds the writer's lock, as ingest does.
    let busy = Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args(["remove", "zjrb-20220623-liangge-xianxing", "--store"])
        .arg(&store)
        .output()
        .expect("runs");
    assert!(!busy.status.success());
    assert!(String::from_utf8_lossy(&busy.stderr).contains("another tupu process is writing"));

    let graph = "@prefix person: <https://w3id.org/tupu/person/> .\n\
                 @prefix organisation: <https://w3id.org/tupu/organisation/> .\n\
                 @prefix tupu: <https://w3id.org/tupu/ontology#> .\n\
                 person:林晓 tupu:leads organisation:某县文旅局 ; tupu:memberOf organisation:某县政协 .\n";
    let path = format!("/store?graph={NOTE}");
    let (status, _, body) = send(
        &s.addr,
        "PUT",
        &path,
        Some("text/turtle; charset=utf-8"),
        graph,
    );
    assert_eq!(status, 201, "a new graph is created: {body}");
    let (status, headers, back) = send(&s.addr, "GET", &path, None, "");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/turtle"));
    assert_eq!(
        triples(&back),
        triples(graph),
        "GET gives back what PUT stored"
    );
    assert!(
        csv_of(&s.addr, "SELECT ?b WHERE { person:林晓 tupu:leads ?b }").contains("某县文旅局")
    );

    // SPARQL Update on the named article graph; the default graph follows.
    let (status, _, body) = send(
        &s.addr,
        "POST",
        "/sparql",
        Some("application/sparql-update"),
        &format!("DELETE DATA {{ GRAPH <{NOTE}> {{ person:林晓 tupu:memberOf organisation:某县政协 }} }}"),
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        !csv_of(&s.addr, "SELECT ?b WHERE { person:林晓 tupu:memberOf ?b }").contains("某县政协")
    );
    let (status, _, body) = send(
        &s.addr,
        "POST",
        "/sparql",
        Some("application/sparql-update"),
        "INSERT DATA { person:林晓 tupu:memberOf organisation:某县政协 }",
    );
    assert_eq!(
        status, 400,
        "the default graph is the merge, not written: {body}"
    );

    // What was written is on disk: another server on the same store sees it.
    let mut s = s;
    s.child.kill().ok();
    s.child.wait().ok();
    let (child, addr) = start(&store, &["--writable"]);
    s.child = child;
    s.addr = addr;
    let leads = csv_of(&s.addr, "SELECT ?b WHERE { person:林晓 tupu:leads ?b }");
    assert!(leads.contains("某县文旅局"), "after a restart: {leads}");
    assert!(
        !csv_of(&s.addr, "SELECT ?b WHERE { person:林晓 tupu:memberOf ?b }").contains("某县政协")
    );

    // DELETE removes the article and every fact only it stated.
    assert_eq!(send(&s.addr, "DELETE", &path, None, "").0, 204);
    assert_eq!(send(&s.addr, "GET", &path, None, "").0, 404);
    assert!(!csv_of(&s.addr, "SELECT ?b WHERE { person:林晓 ?p ?b }").contains("某县"));
    assert_eq!(send(&s.addr, "DELETE", &path, None, "").0, 404);
    // Not an article's graph, a bad body type, a graph that does not parse.
    assert_eq!(
        send(
            &s.addr,
            "PUT",
            "/store?graph=http://example.org/g",
            Some("text/turtle"),
            graph
        )
        .0,
        400
    );
    assert_eq!(send(&s.addr, "PUT", &path, Some("image/png"), graph).0, 415);
    assert_eq!(
        send(&s.addr, "PUT", &path, Some("text/turtle"), "<broken").0,
        400
    );
}

/// The article graph's stated size (`void:triples`) and the quads it holds, as CSV.
fn sizes(addr: &str) -> String {
    csv_of(
        addr,
        "SELECT ?stated (COUNT(*) AS ?held) WHERE { GRAPH ?g { ?g void:triples ?stated . ?s ?p ?o } } GROUP BY ?stated",
    )
}

#[test]
fn an_article_graph_states_its_size_and_an_update_keeps_it_right() {
    let s = served_with(&["--writable"]);
    let lines = |csv: String| csv.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    let before = lines(sizes(&s.addr));
    let [row] = before.as_slice() else {
        panic!("one article, one size: {before:?}")
    };
    let (stated, held) = row.split_once(',').expect("two columns");
    assert_eq!(
        stated, held,
        "the size the graph states is the quads it holds"
    );
    // Three statements about the article out of its graph: the size follows.
    let (status, _, body) = send(
        &s.addr,
        "POST",
        "/sparql",
        Some("application/sparql-update"),
        "WITH article:zjrb-20220623-liangge-xianxing \
         DELETE { ?a schema:headline ?h ; schema:identifier ?i ; tupu:sourceFile ?f } \
         WHERE { ?a schema:headline ?h ; schema:identifier ?i ; tupu:sourceFile ?f }",
    );
    assert_eq!(status, 200, "{body}");
    let after = lines(sizes(&s.addr));
    let [row] = after.as_slice() else {
        panic!("{after:?}")
    };
    let (stated, held) = row.split_once(',').expect("two columns");
    assert_eq!(stated, held, "{after:?}");
    assert_eq!(
        held.parse::<usize>().expect("a count") + 3,
        before[0]
            .split_once(',')
            .expect("two")
            .1
            .parse::<usize>()
            .expect("a count")
    );
}

#[test]
fn post_ingest_reads_extracts_and_stores_an_article_and_reports_as_json() {
    let s = served_with(&["--writable"]);
    let article = "某县召开乡村振兴推进会\n\n2024-03-01\n\n\
                   会上，县委书记王建国要求，要深入实施“千村示范、万村整治”工程，推进乡村全面振兴。\n";
    let (status, _, body) = send(
        &s.addr,
        "POST",
        "/ingest?name=county-meeting.txt",
        Some("text/plain; charset=utf-8"),
        article,
    );
    assert_eq!(status, 200, "{body}");
    let report: serde_json::Value = serde_json::from_str(&body).expect("JSON report");
    assert_eq!(report["read"], 1, "{report}");
    assert_eq!(report["added"], 1, "{report}");
    assert!(
        report["extractedPerArticle"]["entities"]["Person"].as_u64() >= Some(1),
        "{report}"
    );
    let people = csv_of(&s.addr, "SELECT ?n WHERE { ?p a tupu:Person ; rdfs:label ?n ; tupu:mentionedIn article:county-meeting }");
    assert!(people.contains("王建国"), "{people}");
    let source = csv_of(
        &s.addr,
        "SELECT ?f WHERE { article:county-meeting tupu:sourceFile ?f }",
    );
    assert!(
        source.contains("county-meeting.txt") && !source.contains('/'),
        "no local path: {source}"
    );
    // The same file again is unchanged; a name with a path is refused.
    let (_, _, body) = send(
        &s.addr,
        "POST",
        "/ingest?name=county-meeting.txt",
        Some("text/plain"),
        article,
    );
    assert!(body.contains("\"unchanged\":1"), "{body}");
    assert_eq!(
        send(
            &s.addr,
            "POST",
            "/ingest?name=../x.txt",
            Some("text/plain"),
            article
        )
        .0,
        400
    );
}

#[test]
fn a_query_past_the_timeout_or_the_row_cap_is_refused_and_says_which() {
    let s = served_with(&["--timeout", "0.5", "--max-rows", "100"]);
    // Every triple with every triple with every triple: far more than half a second.
    let cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (status, _, body) = get(&s.addr, cartesian, "application/sparql-results+json");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("--timeout"), "{body}");
    // Quick to compute, too large to send.
    let (status, _, body) = get(&s.addr, "SELECT * WHERE { ?s ?p ?o }", "text/csv");
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("more than 100 rows") && body.contains("LIMIT"),
        "{body}"
    );
    let (status, _, body) = get(&s.addr, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("more than 100 triples"), "{body}");
    // Under the cap: answered.
    let (status, _, body) = get(
        &s.addr,
        "SELECT * WHERE { ?s ?p ?o } LIMIT 100",
        "application/sparql-results+json",
    );
    assert_eq!(status, 200, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        json["results"]["bindings"].as_array().map(Vec::len),
        Some(100)
    );
}
