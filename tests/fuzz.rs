//! Property tests (fuzzing that runs in `cargo test`): the readers on arbitrary bytes and
//! the extractor on arbitrary Unicode never panic, and what they return points inside the
//! text. Cases per property: PROPTEST_CASES (default 256; the extractor's 64).

use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use tupu::article::{parse_text, read_bytes};
use tupu::extract::{sections, Extractor, Lexicon};

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::new(Lexicon::builtin()))
}

/// Unicode weighted towards what news text is made of: Han characters, Chinese and ASCII
/// punctuation, digits, letters, line breaks, and now and then anything at all.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::char::range('\u{4e00}', '\u{9fa5}'),
        2 => proptest::sample::select(vec!['，', '。', '、', '“', '”', '：', '（', '）', '·', '\n', ' ', ',', '"', '《', '》']),
        1 => proptest::char::range('0', 'z'),
        1 => any::<char>(),
    ];
    proptest::collection::vec(piece, 0..400).prop_map(|v| v.into_iter().collect())
}

/// Words the recognisers react to, strung together at random: titles, endings, cues.
fn cue_soup() -> impl Strategy<Value = String> {
    let words = vec![
        "市委",
        "书记",
        "代表",
        "宁波市",
        "县",
        "镇",
        "村",
        "人大",
        "政协",
        "委员",
        "提出",
        "工程",
        "“",
        "”",
        "有限公司",
        "集团",
        "·",
        "李",
        "明华",
        "说",
        "、",
        "。",
        "\n",
        "第十五次",
        "党代会",
        "全国",
        "副",
        "主任",
        "表示",
        "建议",
        "提案",
        "位于",
        "开发区",
        "管委会",
        "记者",
        "摄",
        "来源:",
        "作者:",
    ];
    proptest::collection::vec(proptest::sample::select(words), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn readers_take_any_bytes_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        for name in ["x.txt", "x.html", "x.jsonl"] {
            let out = read_bytes(Path::new(name), &bytes);
            for a in &out.articles {
                prop_assert!(!a.id.is_empty());
            }
        }
    }

    #[test]
    fn readers_take_any_text_without_panicking(text in newsish()) {
        for name in ["x.txt", "x.html", "x.jsonl"] {
            read_bytes(Path::new(name), text.as_bytes());
        }
    }

    #[test]
    fn query_shape_check_takes_any_text(text in any::<String>()) {
        let _ = tupu::query::check_shape(&text);
    }

    #[test]
    fn sections_cover_any_text_exactly(text in newsish(), max in 2usize..50) {
        let parts = sections(&text, max);
        let joined: String = parts.iter().map(|(_, p)| *p).collect();
        prop_assert_eq!(joined, text.clone());
        let mut at = 0;
        for (offset, p) in &parts {
            prop_assert_eq!(*offset, at);
            prop_assert!(p.chars().count() <= max);
            at += p.chars().count();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn extraction_of_any_text_points_inside_it(text in prop_oneof![newsish(), cue_soup()]) {
        let body = format!("标题\n\n{text}");
        let Some(article) = parse_text("fuzz", &body) else { return Ok(()); };
        let n = body.chars().count();
        let ex = extractor().extract(&article);
        let ids: Vec<&str> = ex.entities.iter().map(|e| e.id.as_str()).collect();
        for e in &ex.entities {
            prop_assert!(!e.name.is_empty());
            for m in &e.mentions {
                prop_assert!(m.start < m.end && m.end <= n, "{:?} in {} chars", m, n);
            }
        }
        for r in &ex.relations {
            prop_assert!(ids.contains(&r.subject.as_str()) && ids.contains(&r.object.as_str()));
            if let Some(ev) = r.evidence {
                prop_assert!(ev.start <= ev.end && ev.end <= n);
            }
        }
        for s in extractor().named_entities(&text) {
            prop_assert!(s.start < s.end && s.end <= text.chars().count());
        }
    }
}

/// Inputs the property tests once found a panic with, kept as plain cases.
#[test]
fn inputs_that_once_panicked_extract() {
    for text in ["覃易 ", "覃易"] {
        let body = format!("标题\n\n{text}");
        if let Some(article) = parse_text("regression", &body) {
            extractor().extract(&article);
        }
    }
}
