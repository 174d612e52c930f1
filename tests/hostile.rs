//! Hostile input: every kind of bad file, path, store and query a user can throw at tupu.
//! Each case runs the real binary under a time limit enforced here (a child still running
//! at its limit is killed and the case fails as a hang: no timing is asserted), and checks
//! the exit code, the message naming the culprit, that nothing panicked, and that every
//! good file was stored.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

const SAMPLE: &str = include_str!("../data/articles/zjrb-20220623-liangge-xianxing.txt");

/// What a run gave.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs tupu with `args`; a run still going after `limit` is a hang and fails the test.
fn run_within(limit: Duration, args: &[&OsStr]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tupu"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tupu starts");
    // Drain the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).ok();
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).ok();
        s
    });
    let status = match child.wait_timeout(limit).expect("wait") {
        Some(s) => s,
        None => {
            child.kill().ok();
            child.wait().ok();
            panic!("tupu {args:?} hung: still running after {limit:?}");
        }
    };
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out_t.join().expect("stdout thread")).into_owned(),
        stderr: String::from_utf8_lossy(&err_t.join().expect("stderr thread")).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "tupu {args:?} panicked: {}",
        run.stderr
    );
    run
}

fn run(args: &[&str]) -> Run {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_within(Duration::from_secs(120), &args)
}

fn stored_ids(store: &Path) -> Vec<String> {
    let r = run(&[
        "query",
        "--store",
        store.to_str().expect("utf-8 path"),
        "--format",
        "tsv",
        "SELECT ?id WHERE { ?a schema:identifier ?id } ORDER BY ?id",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
        .lines()
        .skip(1)
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).expect("write test input");
}

/// A short good article with a body of its own.
fn good(n: usize) -> String {
    format!(
        "好文章{n}\n发布时间:2023-05-06\n\n宁波市委书记李明华说,要推进“三个一号工程”。第{n}篇。\n"
    )
}

/// A store of `n` short good articles `a0`…, with the folder they came from.
fn ingested(n: usize) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    for k in 0..n {
        write(&inbox.join(format!("a{k}.txt")), good(k));
    }
    let store = dir.path().join("store");
    let r = run(&[
        "ingest",
        inbox.to_str().expect("p"),
        "--store",
        store.to_str().expect("p"),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    (dir, inbox, store)
}

#[test]
fn every_kind_of_bad_file_is_named_and_every_good_file_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    let mut good_ids: Vec<String> = Vec::new();
    let mut bad_names: Vec<String> = Vec::new();
    let bad = |bad_names: &mut Vec<String>, name: &str, bytes: &[u8]| {
        write(&inbox.join(name), bytes);
        bad_names.push(name.to_string());
    };
    bad(&mut bad_names, "empty.txt", b"");
    bad(&mut bad_names, "spaces.txt", b"   \n\t\n  ");
    bad(
        &mut bad_names,
        "binary.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255],
    );
    bad(
        &mut bad_names,
        "png.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    bad(
        &mut bad_names,
        "elf.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    bad(&mut bad_names, "zeros.html", &[0u8; 4096]);
    bad(&mut bad_names, "script-only.html", "<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>".as_bytes());
    bad(
        &mut bad_names,
        "no-text.html",
        b"<html><body><img src=x></body></html>",
    );
    bad(
        &mut bad_names,
        "nul-inside.txt",
        "标题\n\n正文\0正文".as_bytes(),
    );
    bad(
        &mut bad_names,
        "null-body.jsonl",
        br#"{"id":"n1","title":"t","body":null}"#,
    );
    bad(
        &mut bad_names,
        "number-body.jsonl",
        br#"{"id":"n2","title":"t","body":42}"#,
    );
    bad(
        &mut bad_names,
        "no-body.jsonl",
        br#"{"id":"n3","title":"t"}"#,
    );
    bad(&mut bad_names, "not-json.jsonl", b"{this is not json\n");
    bad(&mut bad_names, "array.jsonl", b"[1,2,3]\n");
    // Files that read fine.
    let good_file = |good_ids: &mut Vec<String>, name: &str, bytes: Vec<u8>, id: &str| {
        write(&inbox.join(name), bytes);
        good_ids.push(id.to_string());
    };
    good_file(&mut good_ids, "plain.txt", good(1).into_bytes(), "plain");
    let gbk_text = good(2);
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_text);
    good_file(&mut good_ids, "gbk.txt", gbk.into_owned(), "gbk");
    let utf16: Vec<u8> = [0xFFu8, 0xFE]
        .into_iter()
        .chain(good(3).encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    // UTF-16 with a BOM is not one of the encodings read: it is named, not guessed.
    write(&inbox.join("utf16.txt"), &utf16);
    let mut broken_utf8 = good(4).into_bytes();
    broken_utf8.extend_from_slice(&[0xe6, 0xb5, 0xff, 0xfe, 0x0a]);
    write(&inbox.join("broken-utf8.txt"), &broken_utf8);
    // A one-line article that mentions 来源 and 作者 in its prose is an article.
    good_file(
        &mut good_ids,
        "one-line.txt",
        "宁波市委书记李明华说,报道的来源和作者都要核实,要推进“三个一号工程”。"
            .as_bytes()
            .to_vec(),
        "one-line",
    );
    good_file(
        &mut good_ids,
        "feed.jsonl",
        format!(
            "{}\n{}\n{{broken\n",
            serde_json::json!({"id": ".tmp-sneaky", "title": "t", "body": good(5)}),
            serde_json::json!({"id": "长".repeat(300), "title": "t", "body": good(6)})
        )
        .into_bytes(),
        ".tmp-sneaky",
    );
    good_ids.push("长".repeat(300));
    bad_names.push("feed.jsonl:3".into());
    // A 28-character Chinese file name (over 255 bytes percent-encoded).
    let long_name = format!(
        "{}.txt",
        "浙江省人民代表大会常务委员会关于促进共同富裕示范区建设条例"
    );
    good_file(
        &mut good_ids,
        &long_name,
        good(7).into_bytes(),
        long_name.trim_end_matches(".txt"),
    );
    // Names that are not UTF-8: two that differ only in their undecodable bytes.
    for (k, raw) in [b"bad-\xff.txt".as_slice(), b"bad-\xfe.txt".as_slice()]
        .into_iter()
        .enumerate()
    {
        write(&inbox.join(OsStr::from_bytes(raw)), good(10 + k));
    }
    // A newline in a file name.
    good_file(
        &mut good_ids,
        "line\nbreak.txt",
        good(8).into_bytes(),
        "line-break",
    );
    // Deeply nested HTML.
    good_file(
        &mut good_ids,
        "nested.html",
        format!(
            "<html><head><title>深</title></head><body>{}<p>宁波市委书记李明华说。</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .into_bytes(),
        "nested",
    );
    // Over the size limit given below.
    bad(
        &mut bad_names,
        "huge.txt",
        good(9).repeat(40_000).as_bytes(),
    );
    // A folder named like an article, a FIFO, a dangling link, links that loop.
    std::fs::create_dir(inbox.join("folder.txt")).expect("mkdir");
    let fifo = inbox.join("fifo.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    bad_names.push("fifo.txt".into());
    symlink(inbox.join("nowhere.txt"), inbox.join("dangling.txt")).expect("symlink");
    bad_names.push("dangling.txt".into());
    symlink(&inbox, inbox.join("loop-a")).expect("symlink");
    symlink(dir.path(), inbox.join("loop-b")).expect("symlink");

    let store = dir.path().join("store");
    let r = run_within(
        Duration::from_secs(300),
        &[
            OsStr::new("ingest"),
            inbox.as_os_str(),
            OsStr::new("--store"),
            store.as_os_str(),
            OsStr::new("--max-article-size"),
            OsStr::new("2MB"),
            OsStr::new("missing-folder"),
        ],
    );
    assert_eq!(
        r.code,
        Some(1),
        "partial success: {}\n{}",
        r.stdout,
        r.stderr
    );
    for name in bad_names
        .iter()
        .chain([&"missing-folder".to_string(), &"utf16.txt".to_string()])
    {
        assert!(
            r.stderr.contains(name.as_str()),
            "{name} not named: {}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    assert!(r.stderr.contains("article size limit"), "{}", r.stderr);
    // Of the two names that decode alike, one is stored and the other named as a repeat.
    assert!(r.stderr.contains("is already used by"), "{}", r.stderr);
    let ids = stored_ids(&store);
    for id in &good_ids {
        assert!(ids.contains(id), "{id} not stored: {ids:?}");
    }
    assert!(ids.iter().any(|i| i.starts_with("bad-")), "{ids:?}");
    // No article file is hidden or too long a name, and the store reopens with all of them.
    for entry in std::fs::read_dir(store.join("articles")).expect("articles") {
        let name = entry.expect("entry").file_name();
        assert!(!name.as_bytes().starts_with(b"."), "{name:?}");
        assert!(name.len() <= 255, "{name:?}");
    }
    let again = run(&[
        "ingest",
        inbox.to_str().expect("p"),
        "--store",
        store.to_str().expect("p"),
        "--max-article-size",
        "2MB",
    ]);
    assert_eq!(again.code, Some(1));
    assert_eq!(
        stored_ids(&store),
        ids,
        "a second run keeps every article, .tmp- ids too"
    );
    assert!(
        again.stdout.contains("added 0, replaced 0"),
        "{}",
        again.stdout
    );
}

#[test]
fn read_commands_on_a_folder_that_is_no_store_fail_and_create_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let typo = dir.path().join("typo-dir");
    let t = typo.to_str().expect("p");
    for args in [
        vec!["stats", "--store", t],
        vec!["query", "--store", t, "SELECT * WHERE { ?s ?p ?o }"],
        vec!["export", "--format", "dot", "--store", t],
        vec!["check", "--store", t],
        vec!["check", "--repair", "--store", t],
        vec!["remove", "x", "--store", t],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("not a tupu store"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!typo.exists(), "{args:?} created the folder");
    }
}

#[test]
fn damaged_article_files_are_left_out_named_and_repaired() {
    let (_dir, inbox, store) = ingested(4);
    let s = store.to_str().expect("p");
    let articles = store.join("articles");
    // Cut at a line end (no trace but the missing integrity line), cut mid-line, garbage,
    // and empty.
    let text = std::fs::read_to_string(articles.join("a0.nq")).expect("a0");
    let lines: Vec<&str> = text.lines().collect();
    write(
        &articles.join("a0.nq"),
        lines[..lines.len() / 2].join("\n") + "\n",
    );
    let bytes = std::fs::read(articles.join("a1.nq")).expect("a1");
    write(&articles.join("a1.nq"), &bytes[..bytes.len() / 3]);
    write(&articles.join("a2.nq"), b"\x00\x01garbage\xff");
    write(&articles.join("zz-empty.nq"), b"");
    // Readers keep serving the whole article and name each damaged file.
    let r = run(&["stats", "--store", s]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for name in ["a0.nq", "a1.nq", "a2.nq", "zz-empty.nq"] {
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
    }
    assert_eq!(stored_ids(&store), ["a3"]);
    let r = run(&["check", "--store", s]);
    assert_eq!(r.code, Some(1));
    assert!(r.stdout.contains("4 damaged"), "{}", r.stdout);
    let r = run(&["check", "--repair", "--store", s]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("article a0") && r.stdout.contains("article a1"),
        "{}",
        r.stdout
    );
    assert!(store.join("damaged/a0.nq").exists());
    let r = run(&["check", "--store", s]);
    assert_eq!(r.code, Some(0), "{}", r.stdout);
    assert!(r.stdout.contains("0 damaged"));
    // Ingesting again brings the damaged articles back.
    let r = run(&["ingest", inbox.to_str().expect("p"), "--store", s]);
    assert!(r.stdout.contains("added 3"), "{}", r.stdout);
    assert_eq!(stored_ids(&store), ["a0", "a1", "a2", "a3"]);
}

#[test]
fn a_failed_export_leaves_the_old_file_as_it_was() {
    let (dir, _, store) = ingested(1);
    let s = store.to_str().expect("p");
    let target = dir.path().join("graph.dot");
    write(&target, "old contents");
    let t = target.to_str().expect("p");
    for args in [
        vec![
            "export", "--format", "nquads", "--type", "Person", "-o", t, "--store", s,
        ],
        vec![
            "export",
            "--format",
            "dot",
            "--around",
            "没有这个人",
            "-o",
            t,
            "--store",
            s,
        ],
    ] {
        let r = run(&args);
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_eq!(
            std::fs::read_to_string(&target).expect("target"),
            "old contents"
        );
    }
    assert_eq!(
        run(&["export", "--format", "dot", "-o", t, "--store", s]).code,
        Some(0)
    );
    assert!(std::fs::read_to_string(&target)
        .expect("target")
        .contains("digraph"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().as_bytes().starts_with(b".tupu-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn hostile_queries_end_in_a_clear_error_not_a_crash() {
    let (_dir, _, store) = ingested(3);
    let s = store.to_str().expect("p");
    let unions = format!(
        "SELECT * WHERE {{ {} }}",
        vec!["{ ?s ?p ?o }"; 5000].join(" UNION ")
    );
    let parens = format!(
        "SELECT * WHERE {{ FILTER({}1{}) }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let groups = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(10_000),
        "}".repeat(10_000)
    );
    for q in [&unions, &parens, &groups] {
        let r = run(&["query", "--store", s, q]);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stderr.contains("query refused"), "{}", r.stderr);
    }
    let product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let r = run(&["query", "--store", s, "--timeout", "1", count]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("stopped after 1 s"), "{}", r.stderr);
    let r = run(&["query", "--store", s, product]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("rows for a table"), "{}", r.stderr);
}

#[test]
fn readers_and_removals_never_break_a_running_ingest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    for k in 0..80 {
        write(
            &inbox.join(format!("a{k:03}.txt")),
            format!("{SAMPLE}\n第{k}份。"),
        );
    }
    let store = dir.path().join("store");
    let s = store.to_str().expect("p").to_string();
    write(&dir.path().join("seed.txt"), good(0));
    assert_eq!(
        run(&[
            "ingest",
            dir.path().join("seed.txt").to_str().expect("p"),
            "--store",
            &s
        ])
        .code,
        Some(0)
    );
    let writer = {
        let (inbox, s) = (inbox.clone(), s.clone());
        std::thread::spawn(move || run(&["ingest", inbox.to_str().expect("p"), "--store", &s]))
    };
    // Readers all the while: none fails, none deletes what the writer is writing.
    let mut reads = 0;
    while !writer.is_finished() {
        let r = run(&["stats", "--store", &s]);
        assert_eq!(
            r.code,
            Some(0),
            "a reader failed during ingest: {}",
            r.stderr
        );
        reads += 1;
    }
    let w = writer.join().expect("writer");
    assert_eq!(w.code, Some(0), "the ingest failed: {}", w.stderr);
    assert!(w.stdout.contains("added 80"), "{}", w.stdout);
    assert!(reads > 0);
    // Queries while articles are removed one by one.
    let remover = {
        let s = s.clone();
        std::thread::spawn(move || {
            (0..40)
                .map(|k| run(&["remove", &format!("a{k:03}"), "--store", &s]).code)
                .collect::<Vec<_>>()
        })
    };
    while !remover.is_finished() {
        let r = run(&[
            "query",
            "--store",
            &s,
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        ]);
        assert_eq!(
            r.code,
            Some(0),
            "a query failed during removals: {}",
            r.stderr
        );
    }
    assert!(remover
        .join()
        .expect("remover")
        .iter()
        .all(|c| *c == Some(0)));
    assert_eq!(stored_ids(&store).len(), 41);
}

#[test]
fn kill_nine_at_random_moments_with_readers_leaves_every_file_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("mkdir");
    for k in 0..60 {
        write(
            &inbox.join(format!("a{k:03}.txt")),
            format!("{SAMPLE}\n第{k}份。"),
        );
    }
    let store = dir.path().join("store");
    let s = store.to_str().expect("p").to_string();
    // A fixed pseudo-random sequence of moments (ms), so a failure can be replayed.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let moment = Duration::from_millis(200 + seed % 1500);
        // Each round changes every article, so the writer has work to be killed in.
        for k in 0..60 {
            write(
                &inbox.join(format!("a{k:03}.txt")),
                format!("{SAMPLE}\n第{k}份,第{round}轮。"),
            );
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_tupu"))
            .args(["ingest", inbox.to_str().expect("p"), "--store", &s])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ingest starts");
        let started = std::time::Instant::now();
        while started.elapsed() < moment {
            if store.join("articles").is_dir() {
                let r = run(&["stats", "--store", &s]);
                assert_eq!(r.code, Some(0), "a reader failed: {}", r.stderr);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        child.kill().ok(); // SIGKILL
        child.wait().ok();
        if !store.join("articles").is_dir() {
            continue;
        }
        let r = run(&["check", "--store", &s]);
        assert_eq!(
            r.code,
            Some(0),
            "round {round}: damaged after kill -9: {}",
            r.stdout
        );
        assert!(r.stdout.contains(" 0 damaged"), "{}", r.stdout);
    }
    // The next ingest completes; what was stored before stays stored.
    let before = stored_ids(&store).len();
    let r = run(&["ingest", inbox.to_str().expect("p"), "--store", &s]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(stored_ids(&store).len() >= before);
    assert_eq!(stored_ids(&store).len(), 60);
}
