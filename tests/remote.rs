//! A SPARQL server as the store answers as a store folder does, whichever way tupu writes to
//! it:
//! - SPARQL Update, tupu keeping the merge of the articles in a graph of its own: against a
//!   real Virtuoso (Debian's package), which `.ci/run` starts and names in
//!   `TUPU_REMOTE_STORE=http://127.0.0.1:PORT/sparql`; without that variable there is nothing
//!   to test against and the test says so;
//! - the Graph Store Protocol (`--gsp-url`), the server's default graph being the merge:
//!   against `tupu serve --writable`, started here on a store folder of its own.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Child;

mod common;

/// Runs tupu with `store` (`--store …` and the options that go with it); its output.
fn run(args: &[&str], store: &[&str]) -> String {
    let out = Command::cargo_bin("tupu")
        .expect("binary")
        .args(args)
        .args(store)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "tupu {args:?} {store:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A query's rows as CSV lines, sorted, and the items of each GROUP_CONCAT (`、`) sorted too:
/// SPARQL leaves both orders to the store.
fn sorted_csv(store: &[&str], args: &[&str]) -> Vec<String> {
    let mut all = vec!["query", "--format", "csv"];
    all.extend_from_slice(args);
    let mut rows: Vec<String> = run(&all, store)
        .lines()
        .map(|row| {
            row.split(',')
                .map(|cell| {
                    let mut items: Vec<&str> = cell.split('、').collect();
                    items.sort();
                    items.join("、")
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    rows.sort();
    rows
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample article and our own held-out articles: several articles that state some of
/// the same facts, so that the merge has something to merge.
fn articles() -> Vec<String> {
    let mut files = vec![root().join("data/articles/zjrb-20220623-liangge-xianxing.txt")];
    let mut heldout: Vec<PathBuf> = std::fs::read_dir(root().join("tests/heldout2"))
        .expect("tests/heldout2")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    heldout.sort();
    files.extend(heldout);
    files
        .iter()
        .map(|p| p.to_str().expect("path").to_string())
        .collect()
}

/// Every answer of the server `remote` equals the folder's, as articles come and go.
fn answers_as_the_folder_does(remote: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("store");
    let folder = ["--store", folder.to_str().expect("path")];
    let files = articles();
    let mut ingest: Vec<&str> = vec!["ingest"];
    ingest.extend(files.iter().map(String::as_str));
    run(&ingest, &folder);
    run(&ingest, remote);
    // Unchanged the second time: the content hashes are read back from the server.
    let again = run(&ingest, remote);
    assert!(
        again.contains(&format!("unchanged {}", files.len())),
        "{again}"
    );

    assert_eq!(run(&["stats"], remote), run(&["stats"], &folder));
    for q in [
        "who-leads-what.rq",
        "delegates.rq",
        "initiatives-by-place.rq",
        "initiatives-by-county.rq",
    ] {
        let file = root().join("ontology/queries").join(q);
        let args = ["--file", file.to_str().expect("path")];
        assert_eq!(sorted_csv(remote, &args), sorted_csv(&folder, &args), "{q}");
    }
    let path = root().join("ontology/queries/path-between.rq");
    let args = [
        "--file",
        path.to_str().expect("path"),
        "--bind",
        "from=方琦",
        "--bind",
        "to=浙江省",
    ];
    let paths = sorted_csv(remote, &args);
    assert!(paths.len() > 2, "{paths:?}");
    assert_eq!(paths, sorted_csv(&folder, &args));
    assert_eq!(
        run(&["path", "方琦", "浙江省"], remote),
        run(&["path", "方琦", "浙江省"], &folder)
    );
    // The merge: each fact once, however many articles state it; GRAPH ?g: the articles only.
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let n = files.len().to_string();
    assert_eq!(sorted_csv(remote, &[graphs]), vec![n.as_str(), "n"]);
    let facts = "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?o }";
    let stated = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s rdfs:label ?o } }";
    assert_ne!(
        sorted_csv(&folder, &[facts]),
        sorted_csv(&folder, &[stated]),
        "some entity is named by several articles"
    );
    for q in [facts, stated] {
        assert_eq!(sorted_csv(remote, &[q]), sorted_csv(&folder, &[q]), "{q}");
    }
    assert_eq!(
        run(&["export", "--format", "graphml"], remote),
        run(&["export", "--format", "graphml"], &folder)
    );

    // One article out: what the others state stays in the merge.
    let gone = ["remove", "zjrb-20220623-liangge-xianxing"];
    run(&gone, remote);
    run(&gone, &folder);
    assert_eq!(run(&["stats"], remote), run(&["stats"], &folder));
    assert_eq!(
        sorted_csv(remote, &[facts]),
        sorted_csv(&folder, &[facts]),
        "the merge keeps what the other articles state"
    );
    for f in &files[1..] {
        let id = Path::new(f)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("id");
        run(&["remove", id], remote);
    }
    let stats = run(&["stats"], remote);
    assert!(stats.starts_with("articles: 0   quads: 0"), "{stats}");
    let located = "SELECT (COUNT(*) AS ?n) WHERE { ?s tupu:locatedIn ?o }";
    assert_eq!(
        sorted_csv(remote, &[located]),
        vec!["0", "n"],
        "the merge is emptied too"
    );
}

#[test]
fn a_sparql_server_written_by_update_answers_as_the_folder_does() {
    let Ok(server) = std::env::var("TUPU_REMOTE_STORE") else {
        eprintln!("TUPU_REMOTE_STORE not set: no server to test against (.ci/run sets it)");
        return;
    };
    answers_as_the_folder_does(&["--store", &server]);
}

/// `tupu serve --writable`, stopped when dropped.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

#[test]
fn a_server_written_by_the_graph_store_protocol_answers_as_the_folder_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("served");
    let store = store.to_str().expect("path");
    // A server needs a store to serve: one with an article of its own, replaced below.
    let seed = articles().remove(0);
    run(&["ingest", &seed], &["--store", store]);
    let (child, addr) = common::start(Path::new(store), &["--writable"]);
    let served = Served(child);
    let base = format!("http://{addr}");
    let (query, gsp) = (format!("{base}/sparql"), format!("{base}/store"));
    let remote = ["--store", query.as_str(), "--gsp-url", gsp.as_str()];
    answers_as_the_folder_does(&remote);
    // A graph of the user's own, which states no size as tupu's graphs do: the server's quads
    // are counted one by one instead, the same count.
    let note = "https://w3id.org/tupu/article/analyst-note";
    let response = ureq::put(format!("{gsp}?graph={note}"))
        .header("Content-Type", "text/turtle")
        .send(format!(
            "<{note}> a <https://w3id.org/tupu/ontology#Article> ; <http://purl.org/dc/terms/title> \"a note\" ."
        ))
        .expect("PUT");
    assert!(response.status().is_success());
    let stats = run(&["stats"], &remote);
    assert!(stats.starts_with("articles: 1   quads: 2"), "{stats}");
    assert_eq!(stats, run(&["stats"], &["--store", store]));
    run(&["remove", "analyst-note"], &remote);
    drop(served);
    // What the server stored is a store folder like any other: empty now.
    let stats = run(&["stats"], &["--store", store]);
    assert!(stats.starts_with("articles: 0   quads: 0"), "{stats}");
}

#[test]
fn server_options_on_a_folder_are_refused() {
    let out = Command::cargo_bin("tupu")
        .expect("binary")
        .args([
            "stats",
            "--store",
            "some-folder",
            "--gsp-url",
            "http://h/store",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--gsp-url"), "{err}");
}
