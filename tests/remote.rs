//! A SPARQL server as the store answers as a store folder does. Needs a real server:
//! `.ci/run` starts Virtuoso (Debian's package) and runs this with
//! `TUPU_REMOTE_STORE=http://127.0.0.1:PORT/sparql`; without that variable there is nothing to
//! test against and the test says so.

use assert_cmd::Command;
use std::path::Path;

fn run(args: &[&str], store: &str) -> String {
    let out = Command::cargo_bin("tupu")
        .expect("binary")
        .args(args)
        .args(["--store", store])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "tupu {args:?} --store {store}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn sorted_csv(store: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["query", "--format", "csv"];
    all.extend_from_slice(args);
    let mut rows: Vec<String> = run(&all, store).lines().map(str::to_string).collect();
    rows.sort();
    rows
}

#[test]
fn a_sparql_server_as_the_store_answers_as_the_folder_does() {
    let Ok(server) = std::env::var("TUPU_REMOTE_STORE") else {
        eprintln!("TUPU_REMOTE_STORE not set: no server to test against (.ci/run sets it)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples = root.join("data/articles");
    let samples = samples.to_str().expect("path");
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("store");
    let folder = folder.to_str().expect("path");
    run(&["ingest", samples], folder);
    let first = run(&["ingest", samples], &server);
    assert!(first.contains("articles read: 1"), "{first}");
    // Unchanged the second time: the content hash is read back from the server.
    let again = run(&["ingest", samples], &server);
    assert!(again.contains("unchanged 1"), "{again}");

    assert_eq!(run(&["stats"], &server), run(&["stats"], folder));
    for q in [
        "who-leads-what.rq",
        "delegates.rq",
        "initiatives-by-place.rq",
        "initiatives-by-county.rq",
    ] {
        let file = root.join("ontology/queries").join(q);
        let args = ["--file", file.to_str().expect("path")];
        assert_eq!(sorted_csv(&server, &args), sorted_csv(folder, &args), "{q}");
    }
    let path = root.join("ontology/queries/path-between.rq");
    let args = [
        "--file",
        path.to_str().expect("path"),
        "--bind",
        "from=方琦",
        "--bind",
        "to=浙江省",
    ];
    let paths = sorted_csv(&server, &args);
    assert!(paths.len() > 2, "{paths:?}");
    assert_eq!(paths, sorted_csv(folder, &args));
    assert_eq!(
        run(&["path", "方琦", "浙江省"], &server),
        run(&["path", "方琦", "浙江省"], folder)
    );
    // The merge: each fact once; GRAPH ?g: the articles only.
    let count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    assert_eq!(sorted_csv(&server, &[count]), vec!["1", "n"]);
    let facts = "SELECT (COUNT(*) AS ?n) WHERE { ?s tupu:leads ?o }";
    assert_eq!(sorted_csv(&server, &[facts]), sorted_csv(folder, &[facts]));
    assert_eq!(
        run(&["export", "--format", "graphml"], &server),
        run(&["export", "--format", "graphml"], folder)
    );

    run(&["remove", "zjrb-20220623-liangge-xianxing"], &server);
    let stats = run(&["stats"], &server);
    assert!(stats.starts_with("articles: 0   quads: 0"), "{stats}");
    assert_eq!(
        sorted_csv(&server, &[facts]),
        vec!["0", "n"],
        "the merge is emptied too"
    );
}
