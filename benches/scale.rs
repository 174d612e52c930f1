//! Benchmark (not a test): how the store grows with an archive. Writes a corpus of
//! TUPU_BENCH_ARTICLES synthetic articles (default 1,000) recombined from the articles that
//! ship with tupu (the sample in `data/articles/` and our own in `tests/heldout*/`): each
//! takes a title and three to five paragraphs from different sources, its people renamed
//! (a family name and a given name drawn per article), so entities vary as in an archive.
//! Then, with the release binary as a user runs it: ingest time and peak memory, store size,
//! `tupu stats` and a simple `tupu query` cold (a fresh process: the store is reopened), a
//! ten-article ingest into the full store, and the saved queries' times.
//!
//! Run: `cargo build --release && TUPU_BENCH_ARTICLES=10000 cargo bench --bench scale`.
//! TUPU_BENCH_KEEP=DIR keeps the corpus and store in DIR (reused when already there).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A small deterministic generator (xorshift): the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

/// Paragraphs of the shipped articles, and the people named in them (from the gold files).
fn sources(root: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut titles = Vec::new();
    let mut paragraphs = Vec::new();
    let mut people = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["data/articles", "tests/heldout", "tests/heldout2"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("sources")
            .flatten()
        {
            files.push(e.path());
        }
    }
    files.sort();
    for f in &files {
        let name = f.to_string_lossy();
        if name.ends_with(".gold.json") {
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(f).expect("gold")).expect("JSON");
            for e in gold["entities"].as_array().into_iter().flatten() {
                if e["type"] == "Person" {
                    people.extend(e["name"].as_str().map(str::to_string));
                }
            }
        } else if name.ends_with(".txt") {
            let text = std::fs::read_to_string(f).expect("article");
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            titles.extend(lines.next().map(str::to_string));
            paragraphs.extend(
                lines
                    .filter(|l| l.chars().count() >= 40 && !l.starts_with("发布时间"))
                    .map(str::to_string),
            );
        }
    }
    people.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    people.dedup();
    (titles, paragraphs, people)
}

const FAMILY: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭陆汪范廖石金贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建国志海文斌波宁辉鹏飞凯云晓春燕雪梅兰松林峰浩宇轩博瑞";

fn corpus(root: &Path, inbox: &Path, n: usize) {
    let (titles, paragraphs, people) = sources(root);
    let family: Vec<char> = FAMILY.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    std::fs::create_dir_all(inbox).expect("inbox");
    for k in 0..n {
        let mut body = String::new();
        for _ in 0..3 + rng.next() % 3 {
            let p: &String = rng.pick(&paragraphs);
            body.push_str(p);
            body.push_str("\n\n");
        }
        // Each person of the sources gets a name of this article's own.
        for p in &people {
            if body.contains(p.as_str()) {
                let name: String = [*rng.pick(&family), *rng.pick(&given), *rng.pick(&given)]
                    .iter()
                    .collect();
                body = body.replace(p.as_str(), &name);
            }
        }
        let day = 1 + k % 28;
        let title: &String = rng.pick(&titles);
        let text = format!(
            "{title}\n发布时间:2024-03-{day:02} 10:00:00\n\n{body}来源:合成新闻  编辑:测试\n",
        );
        std::fs::write(inbox.join(format!("a{k:06}.txt")), text).expect("write");
    }
}

/// Runs the release binary and returns its wall time and peak memory (GNU time's max RSS,
/// read from /proc of the child where that is not available).
fn run(tupu: &Path, args: &[&str]) -> (f64, f64) {
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg(tupu)
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .or_else(|_| {
            Command::new(tupu)
                .args(args)
                .stdout(std::process::Stdio::null())
                .output()
        })
        .expect("tupu runs");
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss_kib: f64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0.0);
    assert!(
        out.status.success() || out.status.code() == Some(1),
        "{args:?} failed: {stderr}"
    );
    (secs, rss_kib / 1024.0 / 1024.0)
}

fn size_of(dir: &Path) -> u64 {
    let mut total = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        total += if p.is_dir() {
            size_of(&p)
        } else {
            e.metadata().map_or(0, |m| m.len())
        };
    }
    total
}

fn main() {
    let n: usize = std::env::var("TUPU_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tupu = root.join("target/release/tupu");
    assert!(tupu.exists(), "build first: cargo build --release");
    let temp = tempfile::tempdir().expect("tempdir");
    let base = std::env::var("TUPU_BENCH_KEEP")
        .map(PathBuf::from)
        .unwrap_or_else(|_| temp.path().to_path_buf());
    let inbox = base.join(format!("corpus-{n}"));
    if !inbox.is_dir() {
        let started = Instant::now();
        corpus(root, &inbox, n);
        println!(
            "corpus: {n} articles in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    let store = base.join(format!("store-{n}"));
    let _ = std::fs::remove_dir_all(&store);
    let s = store.to_str().expect("path");
    let i = inbox.to_str().expect("path");
    let (secs, gb) = run(&tupu, &["extract", "--format", "nquads", i]);
    println!("extract {n} articles to N-Quads, no store: {secs:.1}s, peak {gb:.2} GB");
    let (secs, gb) = run(&tupu, &["ingest", i, "--store", s]);
    println!(
        "ingest {n} articles: {secs:.1}s, peak {gb:.2} GB, store {:.0} MB",
        size_of(&store) as f64 / 1e6
    );
    let (secs, gb) = run(&tupu, &["stats", "--store", s]);
    println!("tupu stats (cold): {secs:.2}s, peak {gb:.2} GB");
    let (secs, _) = run(
        &tupu,
        &[
            "query",
            "--store",
            s,
            "SELECT (COUNT(*) AS ?n) WHERE { ?p a tupu:Person }",
        ],
    );
    println!("tupu query, a count (cold): {secs:.2}s");
    for q in [
        "who-leads-what.rq",
        "initiatives-by-place.rq",
        "initiatives-by-province.rq",
        "delegates.rq",
    ] {
        let file = root.join("ontology/queries").join(q);
        let (secs, _) = run(
            &tupu,
            &[
                "query",
                "--store",
                s,
                "--format",
                "csv",
                "--file",
                file.to_str().expect("p"),
            ],
        );
        println!("  {q} (cold, reopen included): {secs:.2}s");
    }
    // A path between a person and the seat of a body they lead (two steps at least).
    let leads = Command::new(&tupu)
        .args(["query", "--store", s, "--format", "csv", "--file"])
        .arg(root.join("ontology/queries/who-leads-what.rq"))
        .output()
        .expect("query");
    let ends = String::from_utf8_lossy(&leads.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .find(|row| row.len() >= 3 && !row[2].is_empty());
    if let Some(row) = ends {
        let file = root.join("ontology/queries/path-between.rq");
        let (from, to) = (format!("from={}", row[0]), format!("to={}", row[2]));
        let (secs, _) = run(
            &tupu,
            &[
                "query",
                "--store",
                s,
                "--file",
                file.to_str().expect("p"),
                "--bind",
                &from,
                "--bind",
                &to,
            ],
        );
        println!("  path-between.rq {from} {to} (cold, reopen included): {secs:.2}s");
    }
    // Ten more articles into the full store.
    let more = base.join(format!("more-{n}"));
    let _ = std::fs::remove_dir_all(&more);
    corpus(root, &more, 10);
    for e in std::fs::read_dir(&more).expect("more").flatten() {
        let p = e.path();
        let renamed = p.with_file_name(format!("more-{}", e.file_name().to_string_lossy()));
        std::fs::rename(&p, renamed).expect("rename");
    }
    let (secs, _) = run(&tupu, &["ingest", more.to_str().expect("p"), "--store", s]);
    println!("ingest 10 more articles into it: {secs:.2}s");

    // The same corpus into a SPARQL server as the store (TUPU_BENCH_REMOTE=its query URL,
    // an empty store: tests/tools/virtuoso.sh starts one).
    if let Ok(url) = std::env::var("TUPU_BENCH_REMOTE") {
        let (secs, gb) = run(&tupu, &["ingest", i, "--store", &url]);
        println!("remote {url}: ingest {n} articles: {secs:.1}s, tupu's peak {gb:.2} GB");
        let (secs, _) = run(&tupu, &["stats", "--store", &url]);
        println!("  tupu stats: {secs:.2}s");
        let (secs, _) = run(
            &tupu,
            &[
                "query",
                "--store",
                &url,
                "SELECT (COUNT(*) AS ?n) WHERE { ?p a tupu:Person }",
            ],
        );
        println!("  tupu query, a count: {secs:.2}s");
        for q in ["who-leads-what.rq", "initiatives-by-province.rq"] {
            let file = root.join("ontology/queries").join(q);
            let (secs, _) = run(
                &tupu,
                &[
                    "query",
                    "--store",
                    &url,
                    "--format",
                    "csv",
                    "--file",
                    file.to_str().expect("p"),
                ],
            );
            println!("  {q}: {secs:.2}s");
        }
        let (secs, _) = run(
            &tupu,
            &["ingest", more.to_str().expect("p"), "--store", &url],
        );
        println!("  ingest 10 more articles: {secs:.2}s");
    }
}
