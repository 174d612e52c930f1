//! The store's snapshot is a cache of the article files: whatever happens to it (missing,
//! cut, stale, from an older store), the answers are the article files' answers.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn tupu() -> Command {
    Command::cargo_bin("tupu").expect("binary built")
}

fn sample() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/articles/zjrb-20220623-liangge-xianxing.txt");
    std::fs::read_to_string(p).expect("sample")
}

/// Runs tupu on `store`; stdout, stderr.
fn run(args: &[&str], store: &Path) -> (String, String) {
    let out = tupu()
        .args(args)
        .env("TUPU_STORE", store)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "tupu {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

/// The store's answer to a question that touches every article and the merge.
fn answers(store: &Path) -> (String, String) {
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    let per_graph = run(&["query", q, "--format", "csv"], store).0;
    let merged = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let merged = run(&["query", merged, "--format", "csv"], store).0;
    (per_graph, merged)
}

fn store_of(articles: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    for (name, text) in articles {
        std::fs::write(inbox.join(format!("{name}.txt")), text).expect("write");
    }
    let store = dir.path().join("store");
    run(&["ingest", inbox.to_str().expect("p")], &store);
    (dir, store)
}

#[test]
fn the_snapshot_is_a_cache_whatever_happens_to_it() {
    let text = sample();
    let (_dir, store) = store_of(&[("one", text.clone()), ("two", format!("{text}\n另一篇。"))]);
    let snapshot = store.join("index.snapshot");
    assert!(snapshot.is_file(), "a writer saves the snapshot");
    let first = answers(&store);
    assert!(
        first.0.lines().count() == 3,
        "two article graphs: {}",
        first.0
    );

    // Gone: the files are read again, and the reader saves it for the next one.
    std::fs::remove_file(&snapshot).expect("rm");
    assert_eq!(answers(&store), first);
    assert!(
        snapshot.is_file(),
        "the first open of a store without one saves it"
    );

    // Cut short: a warning, the files, the same answers.
    let bytes = std::fs::read(&snapshot).expect("read");
    std::fs::write(&snapshot, &bytes[..bytes.len() / 2]).expect("cut");
    let (_, warning) = run(&["stats"], &store);
    assert!(warning.contains("index.snapshot"), "{warning}");
    assert_eq!(answers(&store), first);

    // Stale: an article file removed by hand is no longer answered; one copied in is.
    let articles = store.join("articles");
    let mut files: Vec<_> = std::fs::read_dir(&articles)
        .expect("ls")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let aside = store.join("aside.nq");
    std::fs::rename(&files[0], &aside).expect("mv");
    let without = answers(&store);
    assert_eq!(without.0.lines().count(), 2, "{}", without.0);
    std::fs::rename(&aside, &files[0]).expect("mv back");
    assert_eq!(answers(&store), first);
}

#[test]
fn a_store_written_before_snapshots_opens_and_is_migrated() {
    let (_dir, store) = store_of(&[("one", sample())]);
    let before = answers(&store);
    // A store of an older tupu: article files only (and, older still, no integrity lines,
    // which the hostile suite covers).
    std::fs::remove_file(store.join("index.snapshot")).expect("rm");
    let (stats, _) = run(&["stats"], &store);
    assert!(stats.contains("articles: 1"), "{stats}");
    assert!(store.join("index.snapshot").is_file());
    assert_eq!(answers(&store), before);
    // A writer after it: the removal is seen at once and the snapshot follows.
    run(&["remove", "one"], &store);
    let (stats, _) = run(&["stats"], &store);
    assert!(stats.contains("articles: 0"), "{stats}");
}

#[test]
fn a_small_ingest_into_a_large_store_leaves_the_snapshot_and_is_read_from_its_files() {
    let text = sample();
    let articles: Vec<(String, String)> = (0..20)
        .map(|i| (format!("a{i:02}"), format!("{text}\n第{i}篇。")))
        .collect();
    let named: Vec<(&str, String)> = articles
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    let (dir, store) = store_of(&named);
    let snapshot = store.join("index.snapshot");
    let saved = std::fs::read(&snapshot).expect("a writer of 20 articles saves the snapshot");

    // One article more is a twentieth of the store: the snapshot stays as it was (writing it
    // whole would cost more than the next opens re-reading one file), and every open
    // answers with the new article all the same.
    let inbox = dir.path().join("more");
    std::fs::create_dir(&inbox).expect("mkdir");
    std::fs::write(inbox.join("b00.txt"), format!("{text}\n又一篇。")).expect("write");
    run(&["ingest", inbox.to_str().expect("p")], &store);
    assert_eq!(std::fs::read(&snapshot).expect("read"), saved);
    let (per_graph, _) = answers(&store);
    assert_eq!(
        per_graph.lines().count(),
        22,
        "21 article graphs: {per_graph}"
    );
    assert_eq!(
        std::fs::read(&snapshot).expect("read"),
        saved,
        "nor does a reader"
    );

    // Removed, it is gone from the answers.
    run(&["remove", "b00"], &store);
    assert_eq!(answers(&store).0.lines().count(), 21);
    let saved = std::fs::read(&snapshot).expect("read");

    // Enough new articles that re-reading them costs more: the writer saves it.
    for i in 1..4 {
        std::fs::write(
            inbox.join(format!("b{i:02}.txt")),
            format!("{text}\n再{i}篇。"),
        )
        .expect("write");
    }
    run(&["ingest", inbox.to_str().expect("p")], &store);
    assert_ne!(std::fs::read(&snapshot).expect("read"), saved);
    assert_eq!(
        answers(&store).0.lines().count(),
        25,
        "24 article graphs (b00 again)"
    );
}

#[test]
fn the_stats_counted_on_the_index_are_the_entity_graphs() {
    use tupu::store::GraphStore;
    // Real articles of many kinds: the sample and, where CI has them, the dev set's.
    let mut articles = vec![("sample".to_string(), sample())];
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev");
    if let Ok(entries) = std::fs::read_dir(&dev) {
        for e in entries.filter_map(|e| e.ok()) {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "txt") {
                let name = path
                    .file_stem()
                    .expect("stem")
                    .to_string_lossy()
                    .into_owned();
                articles.push((name, std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    let named: Vec<(&str, String)> = articles
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    let (_dir, store_dir) = store_of(&named);
    let store = tupu::store::Store::open(&store_dir).expect("opens");
    let counted = store
        .summary()
        .expect("summary")
        .expect("the folder counts");
    let from_graph = tupu::app::summary_of_graph(&store).expect("entity graph");
    assert_eq!(counted, from_graph);
    assert_eq!(counted.articles, articles.len());
    assert!(counted.most_connected.len() == 10, "{counted:?}");
    assert!(counted
        .relations
        .iter()
        .all(|(_, edges, statements)| statements >= edges));
}

#[test]
fn the_uncounted_entity_graph_has_the_counted_ones_nodes_and_edges_in_order() {
    let text = sample();
    let (_dir, store_dir) =
        store_of(&[("one", text.clone()), ("two", format!("{text}\n另一篇。"))]);
    let store = tupu::store::Store::open(&store_dir).expect("opens");
    let counted = tupu::graph::from_store(&store).expect("graph");
    let uncounted = tupu::graph::from_store_uncounted(&store).expect("graph");
    let nodes = |g: &tupu::graph::EntityGraph| -> Vec<String> {
        g.node_weights().map(|n| n.iri.clone()).collect()
    };
    let edges = |g: &tupu::graph::EntityGraph| -> Vec<(usize, usize, String)> {
        g.raw_edges()
            .iter()
            .map(|e| {
                (
                    e.source().index(),
                    e.target().index(),
                    e.weight.predicate.as_str().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(nodes(&counted), nodes(&uncounted));
    assert_eq!(edges(&counted), edges(&uncounted));
    assert!(counted.edge_count() > 10);
    // Both articles state the sample's relations; the uncounted graph does not count them.
    assert!(counted.edge_weights().any(|e| e.articles == 2));
    assert!(uncounted.edge_weights().all(|e| e.articles == 0));
}
