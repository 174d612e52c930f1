//! No entity name from an evaluation article appears in `src/` or in `ontology/lexicon/`:
//! rules read general vocabulary, never answers. Names that are general vocabulary too
//! (provinces, national bodies and national policy terms listed in the lexicons, generic
//! words for bodies) are the only ones allowed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Generic words that are also the names of some gold entities (a bare 市委 resolves to one
/// city's committee in an article, but the word is everyone's).
const GENERIC: &[&str] = &[
    "市委",
    "县委",
    "党支部",
    "村党支部",
    "村委会",
    "党总支",
    "党代会",
    "代表团",
    "总商会",
    "自治区",
    "中国",
    "市政府",
    "县政府",
    "本报",
    "市政协",
    "省人大",
    "市党代会",
    "市工商联",
    "市工商联(总商会)",
    "全国人大",
    "二十大",
    "党的二十大",
    "大湾区",
    "长三角",
    "成渝地区",
    "市科委",
    "省党代会",
    "我市",
    "粤港澳大湾区",
];

fn words_of(path: &Path, tsv: bool) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("lexicon")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            if tsv {
                l.split('\t')
                    .next()
                    .map(str::to_string)
                    .into_iter()
                    .collect::<Vec<_>>()
            } else {
                l.split_whitespace().map(str::to_string).collect()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn no_evaluation_article_name_in_src_or_the_lexicons() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/eval/dev");
    if !dev.is_dir() {
        eprintln!("../shared/eval/dev not beside the checkout: nothing to check against");
        return;
    }
    let lexicon = root.join("ontology/lexicon");
    // General vocabulary the lexicons hold for the whole field.
    let mut allowed: BTreeSet<String> = GENERIC.iter().map(|s| s.to_string()).collect();
    for (file, tsv) in [
        ("policy-terms.txt", false),
        ("programme-terms.txt", false),
        ("national-bodies.tsv", true),
    ] {
        allowed.extend(words_of(&lexicon.join(file), tsv));
    }
    let divisions =
        std::fs::read_to_string(root.join("data/gazetteer/divisions.tsv")).expect("gazetteer");
    for line in divisions.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 2 && f[2] == "1" {
            allowed.insert(f[1].to_string());
            let short =
                tupu::gazetteer::short_form(Box::leak(f[1].to_string().into_boxed_str()), 1);
            allowed.extend(short.map(str::to_string));
        }
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    for e in std::fs::read_dir(&dev).expect("dev").flatten() {
        let p = e.path();
        if !p.to_string_lossy().ends_with(".gold.json") {
            continue;
        }
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("gold")).expect("JSON");
        for ent in gold["entities"].as_array().expect("entities") {
            let mut forms = vec![ent["name"].as_str().unwrap_or_default().to_string()];
            forms.extend(
                ent["aliases"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str().map(str::to_string)),
            );
            names.extend(
                forms
                    .into_iter()
                    .filter(|n| n.chars().count() >= 2 && !allowed.contains(n)),
            );
        }
    }
    assert!(names.len() > 100, "the dev set's names were read");
    let mut files = Vec::new();
    files_under(&root.join("src"), &mut files);
    files_under(&lexicon, &mut files);
    let mut found = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            // Only the longest name on a line is reported (富通集团 of 富通集团党委).
            let here: Vec<&String> = names.iter().filter(|w| line.contains(w.as_str())).collect();
            // A name inside an allowed word of the line is that word's (双城经济圈 of
            // 成渝地区双城经济圈).
            let inside_allowed = |w: &str| {
                allowed
                    .iter()
                    .any(|a| a.len() > w.len() && a.contains(w) && line.contains(a.as_str()))
            };
            for w in &here {
                if !here
                    .iter()
                    .any(|o| o.len() > w.len() && o.contains(w.as_str()))
                    && !inside_allowed(w)
                {
                    found.push(format!("{}:{}: {w}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "evaluation-article names in src/ or the lexicons (use names of your own):\n{}",
        found.join("\n")
    );
}
