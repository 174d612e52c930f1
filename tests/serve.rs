//! `tupu serve` against the real binary on an ephemeral port: the SPARQL 1.1 Protocol's
//! methods, content negotiation, error codes, CORS and read-only refusal, over plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--store",
            store.to_str().expect("p"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("serving … at http://ADDR/sparql")
        .to_string();
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// One HTTP/1.1 exchange: status, headers (lower-cased names), body.
fn exchange(addr: &str, request: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.write_all(request.as_bytes()).expect("sends");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
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
