//! `tupu eval` agrees with ../shared/eval/score.py on the dev set, number for number.

use assert_cmd::Command;
use std::path::Path;

#[test]
fn eval_agrees_with_score_py_on_the_dev_set() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !shared.join("dev").is_dir() {
        eprintln!("../shared/eval/dev not beside the checkout: nothing to compare against");
        return;
    }
    let dev = shared.join("dev");
    let pred = tempfile::tempdir().expect("tempdir");
    let mut txts: Vec<String> = std::fs::read_dir(&dev)
        .expect("dev")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    txts.sort();
    let mut extract = Command::cargo_bin("tupu").expect("binary");
    extract
        .args([
            "extract",
            "--format",
            "json",
            "--out-dir",
            pred.path().to_str().expect("p"),
        ])
        .args(&txts);
    assert!(extract.output().expect("runs").status.success());
    let py = std::process::Command::new("python3")
        .arg(shared.join("score.py"))
        .args([
            dev.to_str().expect("p"),
            pred.path().to_str().expect("p"),
            "--json",
        ])
        .output()
        .expect("python3 runs score.py");
    let text = String::from_utf8(py.stdout).expect("utf-8");
    let mut de = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    let expected = de.next().expect("a JSON document").expect("valid JSON");
    let ours = Command::cargo_bin("tupu")
        .expect("binary")
        .args(["eval", dev.to_str().expect("p"), "--json"])
        .output()
        .expect("runs");
    assert!(ours.status.success());
    let actual: serde_json::Value = serde_json::from_slice(&ours.stdout).expect("JSON");
    for group in ["entities", "relations"] {
        let (e, a) = (&expected[group], &actual[group]);
        let keys: Vec<&String> = e.as_object().expect("object").keys().collect();
        assert!(!keys.is_empty());
        for k in keys {
            for field in ["tp", "fp", "fn", "f1", "precision", "recall"] {
                assert_eq!(e[k][field], a[k][field], "{group}/{k}/{field}");
            }
        }
    }
    assert_eq!(expected["articles"], actual["articles"]);
}
