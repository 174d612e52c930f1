//! End-to-end tests: the real binary on the sample articles, the real store on disk.

use assert_cmd::Command;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const SAMPLE_ID: &str = "zjrb-20220623-liangge-xianxing";

fn tupu() -> Command {
    Command::cargo_bin("tupu").expect("binary built")
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles")
}

fn run_ok(args: &[&str], store: &Path) -> String {
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
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn ingested_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run_ok(&["ingest", samples().to_str().expect("path")], dir.path());
    assert!(out.contains("articles read: 1 (added 1"), "{out}");
    dir
}

fn csv_rows(store: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["query"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let out = run_ok(&all, store);
    out.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn ingest_then_query_finds_the_delegate_and_what_she_leads() {
    let store = ingested_store();
    let rows = csv_rows(
        store.path(),
        &["SELECT ?o WHERE { ?p rdfs:label \"王琴英\"@zh ; tupu:leads ?x . ?x rdfs:label ?o }"],
    );
    assert_eq!(rows, vec![vec!["绍兴市委组织部".to_string()]]);
    // Provenance: the statement node carries the evidence text and the article.
    let rows = csv_rows(
        store.path(),
        &["SELECT ?text ?article WHERE { ?st rdf:predicate tupu:leads ; rdf:subject ?p ; tupu:evidenceText ?text ; prov:wasDerivedFrom ?a . ?p rdfs:label \"王琴英\"@zh . ?a schema:identifier ?article }"],
    );
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].contains("组织部部长王琴英"), "{rows:?}");
    assert_eq!(rows[0][1], SAMPLE_ID);
}

#[test]
fn every_saved_query_answers_on_the_sample_store() {
    let store = ingested_store();
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/queries");
    let expect: HashMap<&str, (&[&str], &str)> = HashMap::from([
        ("initiatives-by-place.rq", (&[][..], "浙江省")),
        ("who-leads-what.rq", (&[][..], "绍兴市委组织部")),
        ("delegates.rq", (&[][..], "富通集团")),
        ("initiatives-by-province.rq", (&[][..], "浙江省")),
        ("initiatives-by-city.rq", (&[][..], "绍兴市")),
        ("initiatives-by-county.rq", (&[][..], "浦江县")),
        (
            "path-between.rq",
            (
                &["--bind", "from=薛孟进", "--bind", "to=浙江省"][..],
                "浙江省第十五次党代会",
            ),
        ),
    ]);
    let mut seen = 0;
    for entry in std::fs::read_dir(&queries).expect("queries folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let (binds, needle) = expect
            .get(name.as_str())
            .unwrap_or_else(|| panic!("no test for {name}"));
        let mut args = vec!["--file", path.to_str().expect("path")];
        args.extend_from_slice(binds);
        let rows = csv_rows(store.path(), &args);
        assert!(!rows.is_empty(), "{name} gave no rows");
        assert!(
            rows.iter().flatten().any(|c| c.contains(needle)),
            "{name}: {needle} not in {rows:?}"
        );
        seen += 1;
    }
    assert_eq!(seen, expect.len());
}

#[test]
fn the_nquads_export_answers_elsewhere_as_tupu_does() {
    let store = ingested_store();
    let nq = run_ok(&["export", "--format", "nquads"], store.path());
    // Another SPARQL store, with a plain default graph (as pyoxigraph, rdflib and Jena load it).
    let other = oxigraph::store::Store::new().expect("store");
    other
        .load_from_slice(oxigraph::io::RdfFormat::NQuads, nq.as_bytes())
        .expect("loads");
    let prefixes: String = tupu::rdf::PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
        .collect();
    let queries = Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/queries");
    for name in [
        "who-leads-what.rq",
        "delegates.rq",
        "initiatives-by-place.rq",
    ] {
        let text = std::fs::read_to_string(queries.join(name)).expect("query");
        let ours = csv_rows(
            store.path(),
            &["--file", queries.join(name).to_str().expect("p")],
        );
        let theirs = match oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(&format!("{prefixes}{text}"))
            .expect("parses")
            .on_store(&other)
            .execute()
            .expect("runs")
        {
            oxigraph::sparql::QueryResults::Solutions(s) => s.count(),
            _ => panic!("{name} is a SELECT"),
        };
        assert!(!ours.is_empty(), "{name}");
        assert_eq!(theirs, ours.len(), "{name}: same number of rows elsewhere");
    }
    // GRAPH ?g ranges over articles only.
    let rows = csv_rows(
        store.path(),
        &["SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
    );
    assert_eq!(rows, vec![vec!["1".to_string()]]);
}

#[test]
fn reingest_changes_nothing_and_remove_takes_the_article_out() {
    let store = ingested_store();
    let before = run_ok(&["export", "--format", "nquads"], store.path());
    let out = run_ok(&["ingest", samples().to_str().expect("path")], store.path());
    assert!(out.contains("unchanged 1"), "{out}");
    let after = run_ok(&["export", "--format", "nquads"], store.path());
    let (mut b, mut a): (Vec<&str>, Vec<&str>) =
        (before.lines().collect(), after.lines().collect());
    b.sort();
    a.sort();
    assert_eq!(a, b);
    assert!(a.len() > 100);

    run_ok(&["remove", SAMPLE_ID], store.path());
    let rows = csv_rows(
        store.path(),
        &["SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/tupu/ontology>) }"],
    );
    assert_eq!(
        rows,
        vec![vec!["0".to_string()]],
        "no article facts left after remove"
    );
    let rows = csv_rows(
        store.path(),
        &["SELECT ?p WHERE { ?p rdfs:label \"王琴英\"@zh }"],
    );
    assert!(rows.is_empty(), "{rows:?}");
    // Only the ontology is left: no article graph, no article fact in the default graph.
    let left = run_ok(&["export", "--format", "nquads"], store.path());
    let quads: Vec<oxigraph::model::Quad> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
            .for_slice(left.as_bytes())
            .collect::<Result<_, _>>()
            .expect("N-Quads");
    assert!(quads.iter().all(|q| q.graph_name.is_default_graph()));
    assert!(!left.contains("/article/"), "{left}");
    let out = tupu()
        .args(["remove", SAMPLE_ID])
        .env("TUPU_STORE", store.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(SAMPLE_ID));
}

#[test]
fn a_changed_article_replaces_its_old_facts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let art = dir.path().join("a.txt");
    std::fs::write(
        &art,
        "测试标题\n发布时间:2024-01-02 08:00:00\n\n宁波市委书记李明华说,要推进“三个一号工程”。\n",
    )
    .expect("write");
    run_ok(&["ingest", art.to_str().expect("p")], &store);
    std::fs::write(
        &art,
        "测试标题\n发布时间:2024-01-02 08:00:00\n\n温州市委书记赵国强说,要推进“两个先行”。\n",
    )
    .expect("write");
    let out = run_ok(&["ingest", art.to_str().expect("p")], &store);
    assert!(out.contains("replaced 1"), "{out}");
    let rows = csv_rows(
        &store,
        &["SELECT ?n WHERE { ?p a tupu:Person ; rdfs:label ?n }"],
    );
    assert_eq!(rows, vec![vec!["赵国强".to_string()]]);
}

#[test]
fn exports_write_dot_graphml_and_turtle_that_read_back() {
    let store = ingested_store();
    let dir = tempfile::tempdir().expect("tempdir");
    let graphml = dir.path().join("g.graphml");
    run_ok(
        &[
            "export",
            "--format",
            "graphml",
            "-o",
            graphml.to_str().expect("p"),
        ],
        store.path(),
    );
    let xml = std::fs::read_to_string(&graphml).expect("written");
    let mut reader = Reader::from_str(&xml);
    let mut keys: Vec<(String, String, String)> = Vec::new();
    let mut nodes = 0;
    let mut edges = 0;
    let mut data_keys = std::collections::HashSet::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name.as_bytes())
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    b"key" => keys.push((attr("id"), attr("for"), attr("attr.name"))),
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    b"data" => {
                        data_keys.insert(attr("key"));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let names: Vec<(&str, &str)> = keys.iter().map(|k| (k.1.as_str(), k.2.as_str())).collect();
    for want in [
        ("node", "label"),
        ("node", "type"),
        ("edge", "relation"),
        ("edge", "articles"),
    ] {
        assert!(names.contains(&want), "missing key {want:?} in {names:?}");
    }
    assert!(
        data_keys.iter().all(|k| keys.iter().any(|key| &key.0 == k)),
        "undeclared data key"
    );
    assert!(nodes > 10 && edges > 10, "{nodes} nodes, {edges} edges");
    assert!(xml.contains("王琴英"));

    let dot = run_ok(
        &[
            "export",
            "--format",
            "dot",
            "--type",
            "Person",
            "--type",
            "Organisation",
        ],
        store.path(),
    );
    assert!(dot.starts_with("digraph tupu {") && dot.contains("王琴英") && dot.contains("leads"));
    assert!(
        !dot.contains("Initiative\""),
        "type filter keeps only people and bodies"
    );

    let around = run_ok(
        &[
            "export", "--format", "turtle", "--around", "方琦", "--depth", "1",
        ],
        store.path(),
    );
    assert!(
        around.contains("方琦") && around.contains("富通集团党委"),
        "{around}"
    );
    assert!(
        !around.contains("王琴英"),
        "王琴英 is not within one step of 方琦"
    );

    let proposes = run_ok(
        &["export", "--format", "dot", "--relation", "proposes"],
        store.path(),
    );
    assert!(proposes.contains("relation=\"proposes\"") && !proposes.contains("relation=\"leads\""));
}

/// Node ids (`n12`) declared in a DOT text, and those some edge touches.
fn dot_nodes_and_touched(dot: &str) -> (Vec<String>, std::collections::HashSet<String>) {
    let mut nodes = Vec::new();
    let mut touched = std::collections::HashSet::new();
    for l in dot.lines().map(str::trim) {
        let head = l.split(" [").next().unwrap_or("");
        if let Some((a, b)) = head.split_once(" -> ") {
            touched.insert(a.to_string());
            touched.insert(b.to_string());
        } else if head.starts_with('n') && head[1..].chars().all(|c| c.is_ascii_digit()) {
            nodes.push(head.to_string());
        }
    }
    (nodes, touched)
}

#[test]
fn drawings_leave_out_isolated_entities_colour_edges_and_carry_a_legend() {
    let store = ingested_store();
    let dot = run_ok(&["export", "--format", "dot"], store.path());
    let (nodes, touched) = dot_nodes_and_touched(&dot);
    assert!(nodes.len() > 10);
    assert!(
        nodes.iter().all(|n| touched.contains(n)),
        "no isolated node by default"
    );
    let all = run_ok(&["export", "--format", "dot", "--isolated"], store.path());
    let (all_nodes, all_touched) = dot_nodes_and_touched(&all);
    assert!(
        all_nodes.iter().any(|n| !all_touched.contains(n)),
        "--isolated keeps the entities with no relation"
    );
    assert!(dot.contains("concentrate=true"));
    assert!(
        !dot.lines()
            .any(|l| l.contains(" -> n") && l.contains("label=")),
        "edges are coloured, not labelled"
    );
    for rel in ["leads", "memberOf", "represents", "proposes", "locatedIn"] {
        assert!(
            dot.contains(&format!("legend_{rel}_to [label=\"{rel}\"")),
            "{rel} in legend"
        );
    }
    assert!(
        dot.contains("person/王琴英") && !dot.contains("%E"),
        "IRIs in tooltips keep their Chinese characters"
    );
    let graphml = run_ok(&["export", "--format", "graphml"], store.path());
    assert!(graphml.contains("attr.name=\"colour\"") && graphml.contains("#1b9e77"));
}

#[test]
fn tables_fit_the_terminal_and_paths_say_their_direction() {
    let store = ingested_store();
    let out = tupu()
        .args([
            "query",
            "SELECT ?e WHERE { ?s tupu:evidenceText ?e } LIMIT 3",
        ])
        .env("TUPU_STORE", store.path())
        .env("COLUMNS", "40")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).expect("utf-8");
    // Display width: CJK and full-width punctuation take two columns.
    let width = |l: &str| -> usize {
        l.chars()
            .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
            .sum()
    };
    assert!(table.lines().count() > 6, "long evidence wraps: {table}");
    assert!(table.lines().all(|l| width(l) <= 40), "{table}");

    let rows = csv_rows(
        store.path(),
        &[
            "--file",
            "ontology/queries/path-between.rq",
            "--bind",
            "from=方琦",
            "--bind",
            "to=富通集团党委",
        ],
    );
    assert!(
        rows.iter()
            .any(|r| r[1] == "—leads→" && r[6] == "富通集团党委"),
        "方琦 leads 富通集团党委, read left to right: {rows:?}"
    );
    let back = csv_rows(
        store.path(),
        &[
            "--file",
            "ontology/queries/path-between.rq",
            "--bind",
            "from=富通集团党委",
            "--bind",
            "to=方琦",
        ],
    );
    assert!(back.iter().any(|r| r[1] == "←leads—"), "{back:?}");

    // `tupu path`: the same search by petgraph, shortest first, each step with its way.
    let paths = run_ok(&["path", "富通集团党委", "方琦"], store.path());
    assert_eq!(
        paths.lines().next(),
        Some("富通集团党委 ←leads— 方琦"),
        "{paths}"
    );
    assert!(paths
        .lines()
        .all(|l| l.starts_with("富通集团党委 ") && l.ends_with(" 方琦")));
    let sql_paths = |from: &str, to: &str| {
        csv_rows(
            store.path(),
            &[
                "--file",
                "ontology/queries/path-between.rq",
                "--bind",
                &format!("from={from}"),
                "--bind",
                &format!("to={to}"),
            ],
        )
        .len()
    };
    let three = run_ok(
        &["path", "方琦", "浙江省", "--max-steps", "3"],
        store.path(),
    );
    assert_eq!(
        three.lines().count(),
        sql_paths("方琦", "浙江省"),
        "{three}"
    );
    let none = tupu()
        .args(["path", "方琦", "没有这个人"])
        .env("TUPU_STORE", store.path())
        .output()
        .expect("runs");
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有这个人"));
}

#[test]
fn extract_writes_schema_json_with_offsets_into_the_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let art = samples().join(format!("{SAMPLE_ID}.txt"));
    run_ok(
        &[
            "extract",
            "--format",
            "json",
            "--out-dir",
            dir.path().to_str().expect("p"),
            art.to_str().expect("p"),
        ],
        dir.path(),
    );
    let json =
        std::fs::read_to_string(dir.path().join(format!("{SAMPLE_ID}.json"))).expect("written");
    let doc: tupu::schema::Extraction = serde_json::from_str(&json).expect("SCHEMA JSON");
    assert_eq!(
        doc.article.published.as_deref(),
        Some("2022-06-23T07:48:04+08:00")
    );
    assert_eq!(doc.article.authors, ["陆乐"]);
    let body: Vec<char> = std::fs::read_to_string(&art)
        .expect("read")
        .chars()
        .collect();
    let person = doc
        .entities
        .iter()
        .find(|e| e.name == "方琦")
        .expect("方琦 found");
    for m in &person.mentions {
        let s: String = body[m.start..m.end].iter().collect();
        assert_eq!(s, "方琦");
    }
}

#[test]
fn bad_inputs_are_named_and_good_files_still_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    std::fs::write(inbox.join("empty.txt"), "").expect("write");
    std::fs::write(
        inbox.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255],
    )
    .expect("write");
    std::fs::write(
        inbox.join("broken.txt"),
        [0xe6u8, 0xb5, 0x99, 0xff, 0xfe, 0x41, 0x0a, 0xc3],
    )
    .expect("write");
    std::fs::write(
        inbox.join("feed.jsonl"),
        "{\"id\":\"good-1\",\"title\":\"标题\",\"body\":\"宁波市委书记李明华说,要推进“三个一号工程”。\"}\n{not json\n",
    )
    .expect("write");
    let (gbk, _, _) = encoding_rs::GBK
        .encode("国标编码的标题\n发布时间:2023-05-06\n\n杭州市委书记张三说,要打造数字经济高地。\n");
    std::fs::write(inbox.join("gbk.txt"), &gbk).expect("write");
    std::fs::write(
        inbox.join("page.html"),
        "<html><head><title>网页标题</title><meta name=\"pubdate\" content=\"2023-07-08 10:00\"></head><body><p>温州市委书记赵国强表示,要推进“两个先行”。</p></body></html>",
    )
    .expect("write");
    let store = dir.path().join("store");
    let out = tupu()
        .args(["ingest", inbox.to_str().expect("p")])
        .env("TUPU_STORE", &store)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "partial success exits 1");
    // Each skipped input is named on stderr; stdout has the summary only.
    let stderr = String::from_utf8_lossy(&out.stderr);
    for name in ["empty.txt", "binary.txt", "broken.txt", "feed.jsonl:2"] {
        assert!(stderr.contains(name), "{name} not named in: {stderr}");
    }
    assert!(stderr.contains("empty file") && stderr.contains("binary"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("skipped: 4"));
    let rows = csv_rows(
        &store,
        &["SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id"],
    );
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["gbk", "good-1", "page"]);
    let rows = csv_rows(
        &store,
        &["SELECT ?t WHERE { ?a schema:identifier \"gbk\" ; schema:headline ?t }"],
    );
    assert_eq!(rows, vec![vec!["国标编码的标题".to_string()]]);
}

#[test]
fn a_bind_matches_a_label_whatever_its_language_tag() {
    let store = ingested_store();
    let rows = csv_rows(
        store.path(),
        &[
            "SELECT ?name ?body WHERE { ?p rdfs:label ?name ; tupu:leads ?b . ?b rdfs:label ?body }",
            "--bind",
            "name=方琦",
        ],
    );
    assert_eq!(
        rows,
        vec![vec!["方琦".to_string(), "富通集团党委".to_string()]]
    );
}

#[test]
fn authors_editors_and_publishers_are_people_and_bodies_not_strings() {
    let store = ingested_store();
    let rows = csv_rows(
        store.path(),
        &["SELECT ?role ?type WHERE { ?a a tupu:Article ; ?role ?x . ?x a ?type FILTER(?role IN (schema:author, schema:editor, schema:publisher)) } ORDER BY ?role"],
    );
    let rows: Vec<(String, String)> = rows
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert!(
        rows.contains(&(
            "https://schema.org/author".into(),
            "https://w3id.org/tupu/ontology#Person".into()
        )),
        "{rows:?}"
    );
    assert!(
        rows.contains(&(
            "https://schema.org/publisher".into(),
            "https://w3id.org/tupu/ontology#Organisation".into()
        )),
        "{rows:?}"
    );
    let literals = csv_rows(
        store.path(),
        &["SELECT ?x WHERE { ?a schema:author|schema:editor|schema:publisher ?x FILTER(isLiteral(?x)) }"],
    );
    assert!(literals.is_empty(), "{literals:?}");
}

#[test]
fn construct_honours_the_format() {
    let store = ingested_store();
    let q = "CONSTRUCT { ?p tupu:leads ?b } WHERE { ?p tupu:leads ?b }";
    let nt = run_ok(&["query", q, "--format", "ntriples"], store.path());
    let n = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NTriples)
        .for_slice(nt.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("N-Triples")
        .len();
    assert_eq!(n, 4);
    let xml = run_ok(&["query", q, "--format", "rdfxml"], store.path());
    let n = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::RdfXml)
        .for_slice(xml.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("RDF/XML")
        .len();
    assert_eq!(n, 4);
    let jsonld = run_ok(&["query", q, "--format", "jsonld"], store.path());
    let n = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::JsonLd {
        profile: oxigraph::io::JsonLdProfileSet::empty(),
    })
    .for_slice(jsonld.as_bytes())
    .collect::<Result<Vec<_>, _>>()
    .expect("JSON-LD")
    .len();
    assert_eq!(n, 4);
    let ttl = run_ok(&["query", q], store.path());
    assert!(
        ttl.contains("person:王琴英 tupu:leads organisation:绍兴市委组织部"),
        "prefixed names with the Chinese characters as they are: {ttl}"
    );
    assert!(!ttl.contains('%'), "nothing percent-encoded: {ttl}");
}

#[test]
fn a_bad_query_is_an_error_with_its_position() {
    let store = ingested_store();
    let out = tupu()
        .args(["query", "SELECT ?x WHERE { ?x ?y }"])
        .env("TUPU_STORE", store.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 1, column"), "{err}");
}

#[test]
fn a_killed_ingest_leaves_a_store_that_opens_and_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    let sample =
        std::fs::read_to_string(samples().join(format!("{SAMPLE_ID}.txt"))).expect("sample");
    for k in 0..120 {
        std::fs::write(
            inbox.join(format!("copy-{k:03}.txt")),
            format!("{sample}\n第{k}份。"),
        )
        .expect("write");
    }
    let store = dir.path().join("store");
    let bin = assert_cmd::cargo::cargo_bin("tupu");
    let mut child = std::process::Command::new(&bin)
        .args([
            "ingest",
            inbox.to_str().expect("p"),
            "--store",
            store.to_str().expect("p"),
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    // Kill it once the first articles are on disk (wherever that falls, the store must stay
    // usable and keep what it wrote).
    let articles = store.join("articles");
    for _ in 0..600 {
        let written = std::fs::read_dir(&articles).map(|d| d.count()).unwrap_or(0);
        if written >= 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let rows = csv_rows(
        &store,
        &["SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a tupu:Article }"],
    );
    let partial: usize = rows[0][0].parse().expect("a count");
    assert!(partial <= 120);
    let out = run_ok(&["ingest", inbox.to_str().expect("p")], &store);
    assert!(out.contains("articles read: 120"), "{out}");
    assert!(
        out.contains(&format!("unchanged {partial}")),
        "articles stored before the kill stay: {out}"
    );
    let rows = csv_rows(
        &store,
        &["SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a tupu:Article }"],
    );
    assert_eq!(rows, vec![vec!["120".to_string()]]);
}

#[test]
fn a_fact_stated_by_two_articles_is_one_fact_until_both_are_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample =
        std::fs::read_to_string(samples().join(format!("{SAMPLE_ID}.txt"))).expect("sample");
    for name in ["one", "two"] {
        std::fs::write(dir.path().join(format!("{name}.txt")), &sample).expect("write");
    }
    let store = dir.path().join("store");
    run_ok(
        &[
            "ingest",
            dir.path().join("one.txt").to_str().expect("p"),
            dir.path().join("two.txt").to_str().expect("p"),
        ],
        &store,
    );
    let leads =
        "SELECT ?o WHERE { ?p rdfs:label \"王琴英\"@zh ; tupu:leads ?x . ?x rdfs:label ?o }";
    assert_eq!(
        csv_rows(&store, &[leads]).len(),
        1,
        "the default graph is a set"
    );
    let per_graph = "SELECT ?g WHERE { GRAPH ?g { ?p rdfs:label \"王琴英\"@zh ; tupu:leads ?x } }";
    assert_eq!(
        csv_rows(&store, &[per_graph]).len(),
        2,
        "each article states it"
    );
    run_ok(&["remove", "one"], &store);
    assert_eq!(
        csv_rows(&store, &[leads]).len(),
        1,
        "still stated by the other article"
    );
    run_ok(&["remove", "two"], &store);
    assert!(csv_rows(&store, &[leads]).is_empty());
}

#[test]
fn places_carry_codes_chains_and_points_and_export_as_geojson() {
    let store = ingested_store();
    // 浦江县 is 330726, under 金华市 (gazetteer knowledge, not in the text) under 浙江省.
    let rows = csv_rows(
        store.path(),
        &["SELECT ?city ?province WHERE { ?p tupu:adcode \"330726\" ; tupu:nbsCode \"330726000000\" ; tupu:locatedIn ?c . ?c rdfs:label ?city ; tupu:locatedIn ?v . ?v rdfs:label ?province ; tupu:adminLevel 1 }"],
    );
    assert_eq!(rows, vec![vec!["金华市".to_string(), "浙江省".to_string()]]);
    let rows = csv_rows(
        store.path(),
        &["SELECT ?src WHERE { ?st rdf:subject ?p ; rdf:predicate tupu:locatedIn ; prov:wasDerivedFrom ?src . ?p tupu:adcode \"330726\" . ?st rdf:object/tupu:adcode \"330700\" }"],
    );
    assert_eq!(
        rows,
        vec![vec![
            "https://w3id.org/tupu/source/nbs-2023-divisions".to_string()
        ]]
    );
    // What the gazetteer says is the gazetteer's: no article statement (with evidence and a
    // confidence) for 浦江县 in 金华市, and no link that skips a level.
    let rows = csv_rows(
        store.path(),
        &["SELECT ?st WHERE { ?st rdf:subject ?p ; rdf:predicate tupu:locatedIn ; prov:wasDerivedFrom ?a . ?a a tupu:Article . ?p tupu:adcode \"330726\" }"],
    );
    assert!(rows.is_empty(), "{rows:?}");
    let rows = csv_rows(
        store.path(),
        &["SELECT ?x ?y WHERE { ?x tupu:locatedIn ?y ; tupu:adminLevel ?lx . ?y tupu:adminLevel ?ly FILTER(?ly > 0 && ?lx - ?ly > 1) }"],
    );
    assert!(rows.is_empty(), "level-skipping links: {rows:?}");
    // A body in a village rolls up to the province.
    let rows = csv_rows(store.path(), &["SELECT ?p WHERE { ?o rdfs:label \"薛家村党支部\"@zh ; tupu:locatedIn+ ?p . ?p tupu:adcode \"330000\" }"]);
    assert_eq!(rows.len(), 1, "{rows:?}");

    let geo = run_ok(&["export", "--format", "geojson"], store.path());
    let doc: serde_json::Value = serde_json::from_str(&geo).expect("GeoJSON is JSON");
    assert_eq!(doc["type"], "FeatureCollection");
    let features = doc["features"].as_array().expect("features");
    let find = |name: &str| {
        features
            .iter()
            .find(|f| f["properties"]["name"] == name)
            .cloned()
    };
    let county = find("浦江县").expect("浦江县 on the map");
    let lon = county["geometry"]["coordinates"][0].as_f64().expect("lon");
    let lat = county["geometry"]["coordinates"][1].as_f64().expect("lat");
    assert!(
        (119.0..121.0).contains(&lon) && (29.0..30.0).contains(&lat),
        "{lon} {lat}"
    );
    assert_eq!(county["properties"]["approximate"], false);
    let village = find("薛家村").expect("薛家村 on the map");
    assert_eq!(village["properties"]["approximate"], true);
    assert_eq!(
        village["geometry"], county["geometry"],
        "a village sits at its county's point"
    );
    // Codes a map layer joins on: 6-digit adcode for levels 1–3, 12-digit NBS for all.
    assert_eq!(county["properties"]["adcode"], "330726");
    assert_eq!(county["properties"]["nbsCode"], "330726000000");
    assert_eq!(
        village["properties"]["nbsCode"].as_str().map(str::len),
        Some(12)
    );
    assert!(village["properties"]["adcode"].is_null());
    let province = find("浙江省").expect("浙江省");
    assert!(
        province["properties"]["initiatives"]
            .as_u64()
            .expect("count")
            >= 3
    );
    assert!(province["properties"]["people"].as_u64().expect("count") >= 3);
}

#[test]
fn a_second_writer_is_refused_while_one_is_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    std::fs::create_dir_all(store.join("articles")).expect("mkdir");
    // The writer's lock is on the folder itself.
    let lock = std::fs::File::open(&store).expect("the folder");
    lock.try_lock().expect("this test holds the writer lock");
    let out = tupu()
        .args(["ingest", samples().to_str().expect("p")])
        .env("TUPU_STORE", &store)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another tupu process is writing"));
    // Readers are not blocked.
    let out = tupu()
        .args(["stats"])
        .env("TUPU_STORE", &store)
        .output()
        .expect("runs");
    assert!(out.status.success());
    drop(lock);
    run_ok(&["ingest", samples().to_str().expect("p")], &store);
}

#[test]
fn ner_reads_lines_from_stdin_and_files_and_writes_spans_and_bio() {
    let out = tupu()
        .args(["ner"])
        .write_stdin("宁波市委书记李明华在象山县调研。\n中美关系稳定。\n")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per text"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 0);
    assert_eq!(lines[1]["id"], 1);
    let spans = lines[0]["spans"].as_array().expect("spans");
    assert!(
        spans.contains(&serde_json::json!([6, 9, "PER"])),
        "{spans:?}"
    );
    assert!(
        spans.contains(&serde_json::json!([10, 13, "LOC"])),
        "{spans:?}"
    );

    // BIO from a file, with a missing file named and skipped (exit 1), the good one written.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("texts.txt");
    std::fs::write(&file, "记者李明华报道。\n").expect("write");
    let missing = dir.path().join("missing.txt");
    let out = tupu()
        .args([
            "ner",
            "--format",
            "bio",
            missing.to_str().expect("p"),
            file.to_str().expect("p"),
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
    let bio = String::from_utf8(out.stdout).expect("utf-8");
    let tags: Vec<&str> = bio.lines().take(5).collect();
    assert_eq!(tags, ["记 O", "者 O", "李 B-PER", "明 I-PER", "华 I-PER"]);
    assert!(bio.ends_with("\n\n"), "a blank line closes each text");
}
