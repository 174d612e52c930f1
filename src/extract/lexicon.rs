//! The lexicons in `ontology/lexicon/`: titles, organisation endings, initiative cues,
//! speech and report verbs, family names. They are data, compiled in as defaults; a user
//! adds their own with `--lexicon DIR` (same file names, same format, entries added).

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::path::Path;

/// What holding a title says about a person and the body it is a title in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleKind {
    Head,
    Member,
    Delegate,
    Press,
}

/// The kind of body an organisation ending makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    Party,
    Community,
    Government,
    Congress,
    Delegation,
    Department,
    Enterprise,
    Media,
    School,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub word: String,
    pub kind: TitleKind,
    /// The body a bare title implies (村委会主任 → 村委会), if any.
    pub implied_body: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Longest first, so that 党委书记 is tried before 书记.
    pub titles: Vec<Title>,
    /// Longest first.
    pub org_suffixes: Vec<(String, OrgKind)>,
    pub initiative_heads: Vec<String>,
    pub proposal_verbs: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub report_verbs: Vec<String>,
    pub surnames: HashSet<String>,
    pub not_names: HashSet<String>,
    pub generic_modifiers: HashSet<String>,
}

const FILES: [(&str, &str); 9] = [
    ("titles.tsv", include_str!("../../ontology/lexicon/titles.tsv")),
    ("org-suffixes.tsv", include_str!("../../ontology/lexicon/org-suffixes.tsv")),
    ("initiative-heads.txt", include_str!("../../ontology/lexicon/initiative-heads.txt")),
    ("proposal-verbs.txt", include_str!("../../ontology/lexicon/proposal-verbs.txt")),
    ("speech-verbs.txt", include_str!("../../ontology/lexicon/speech-verbs.txt")),
    ("report-verbs.txt", include_str!("../../ontology/lexicon/report-verbs.txt")),
    ("surnames.txt", include_str!("../../ontology/lexicon/surnames.txt")),
    ("not-names.txt", include_str!("../../ontology/lexicon/not-names.txt")),
    ("generic-modifiers.txt", include_str!("../../ontology/lexicon/generic-modifiers.txt")),
];

impl Lexicon {
    /// The lexicons shipped in `ontology/lexicon/`.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::empty();
        for (name, text) in FILES {
            // The built-in files are tested; a failure here is a bug, not bad input.
            lex.add_file(Path::new(name), name, text)
                .expect("built-in lexicon parses");
        }
        lex.finish();
        lex
    }

    /// The built-in lexicons plus every known file found in `dir`.
    pub fn with_user_dir(dir: &Path) -> Result<Lexicon> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!("{}: lexicon folder not found", dir.display())));
        }
        let mut lex = Lexicon::builtin();
        for (name, _) in FILES {
            let path = dir.join(name);
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                lex.add_file(&path, name, &text)?;
            }
        }
        lex.finish();
        Ok(lex)
    }

    fn empty() -> Lexicon {
        Lexicon {
            titles: Vec::new(),
            org_suffixes: Vec::new(),
            initiative_heads: Vec::new(),
            proposal_verbs: Vec::new(),
            speech_verbs: Vec::new(),
            report_verbs: Vec::new(),
            surnames: HashSet::new(),
            not_names: HashSet::new(),
            generic_modifiers: HashSet::new(),
        }
    }

    fn add_file(&mut self, path: &Path, name: &str, text: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |problem: &str| Error::BadLexicon {
                path: path.to_path_buf(),
                line: n + 1,
                problem: problem.to_string(),
            };
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            match name {
                "titles.tsv" => {
                    let kind = match fields.get(1).copied() {
                        Some("head") => TitleKind::Head,
                        Some("member") => TitleKind::Member,
                        Some("delegate") => TitleKind::Delegate,
                        Some("press") => TitleKind::Press,
                        _ => return Err(bad("expected: title<TAB>head|member|delegate|press[<TAB>body]")),
                    };
                    self.titles.push(Title {
                        word: fields[0].to_string(),
                        kind,
                        implied_body: fields.get(2).filter(|b| !b.is_empty()).map(|b| b.to_string()),
                    });
                }
                "org-suffixes.tsv" => {
                    let kind = match fields.get(1).copied() {
                        Some("party") => OrgKind::Party,
                        Some("community") => OrgKind::Community,
                        Some("government") => OrgKind::Government,
                        Some("congress") => OrgKind::Congress,
                        Some("delegation") => OrgKind::Delegation,
                        Some("department") => OrgKind::Department,
                        Some("enterprise") => OrgKind::Enterprise,
                        Some("media") => OrgKind::Media,
                        Some("school") => OrgKind::School,
                        Some("other") => OrgKind::Other,
                        _ => return Err(bad("expected: suffix<TAB>kind (party, community, government, congress, delegation, department, enterprise, media, school, other)")),
                    };
                    self.org_suffixes.push((fields[0].to_string(), kind));
                }
                _ => {
                    let words = line.split_whitespace().map(str::to_string);
                    let list = match name {
                        "initiative-heads.txt" => &mut self.initiative_heads,
                        "proposal-verbs.txt" => &mut self.proposal_verbs,
                        "speech-verbs.txt" => &mut self.speech_verbs,
                        "report-verbs.txt" => &mut self.report_verbs,
                        "surnames.txt" => {
                            self.surnames.extend(words);
                            continue;
                        }
                        "generic-modifiers.txt" => {
                            self.generic_modifiers.extend(words);
                            continue;
                        }
                        _ => {
                            self.not_names.extend(words);
                            continue;
                        }
                    };
                    list.extend(words);
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self) {
        fn by_len_desc<T>(v: &mut Vec<T>, key: impl Fn(&T) -> &str) {
            v.sort_by(|a, b| key(b).chars().count().cmp(&key(a).chars().count()));
        }
        by_len_desc(&mut self.titles, |t| &t.word);
        self.titles.dedup_by(|a, b| a.word == b.word);
        by_len_desc(&mut self.org_suffixes, |s| &s.0);
        for list in [
            &mut self.initiative_heads,
            &mut self.proposal_verbs,
            &mut self.speech_verbs,
            &mut self.report_verbs,
        ] {
            by_len_desc(list, |s| s);
            list.dedup();
        }
    }

    /// The longest title that starts at `chars[i]`.
    pub fn title_at(&self, chars: &[char], i: usize) -> Option<&Title> {
        self.titles.iter().find(|t| starts_with_at(chars, i, &t.word))
    }

    /// The longest title that ends just before `chars[end]`.
    pub fn title_ending_at(&self, chars: &[char], end: usize) -> Option<&Title> {
        self.titles.iter().find(|t| ends_with_at(chars, end, &t.word))
    }

    /// The longest organisation ending that starts at `chars[i]`.
    pub fn org_suffix_at(&self, chars: &[char], i: usize) -> Option<&(String, OrgKind)> {
        self.org_suffixes.iter().find(|s| starts_with_at(chars, i, &s.0))
    }

    /// The longest word of `list` that starts at `chars[i]`.
    pub fn word_at<'a>(list: &'a [String], chars: &[char], i: usize) -> Option<&'a str> {
        list.iter().find(|w| starts_with_at(chars, i, w)).map(String::as_str)
    }

    /// The longest word of `list` that ends just before `chars[end]`.
    pub fn word_ending_at<'a>(list: &'a [String], chars: &[char], end: usize) -> Option<&'a str> {
        list.iter().find(|w| ends_with_at(chars, end, w)).map(String::as_str)
    }

    /// Every word the segmenter should keep whole.
    pub fn segmenter_words(&self) -> impl Iterator<Item = &str> {
        self.titles
            .iter()
            .map(|t| t.word.as_str())
            .chain(self.org_suffixes.iter().map(|s| s.0.as_str()))
            .chain(self.initiative_heads.iter().map(String::as_str))
            .chain(self.proposal_verbs.iter().map(String::as_str))
    }
}

/// True when `word` occurs in `chars` starting at `i`.
pub fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let mut k = i;
    for c in word.chars() {
        if chars.get(k) != Some(&c) {
            return false;
        }
        k += 1;
    }
    true
}

/// True when `word` occurs in `chars` ending just before `end`.
pub fn ends_with_at(chars: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && starts_with_at(chars, end - n, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_load_and_prefer_longer_titles() {
        let lex = Lexicon::builtin();
        let chars: Vec<char> = "副书记张某".chars().collect();
        let t = lex.title_at(&chars, 0).expect("title");
        assert_eq!(t.word, "副书记");
        assert_eq!(t.kind, TitleKind::Member, "a deputy does not lead");
        assert!(lex.surnames.contains("欧阳"));
    }

    #[test]
    fn user_lexicon_adds_titles_and_reports_bad_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("titles.tsv"), "馆长\thead\n").expect("write");
        let lex = Lexicon::with_user_dir(dir.path()).expect("loads");
        assert!(lex.titles.iter().any(|t| t.word == "馆长"));
        std::fs::write(dir.path().join("titles.tsv"), "馆长\tboss\n").expect("write");
        let err = Lexicon::with_user_dir(dir.path()).expect_err("bad kind");
        assert!(err.to_string().contains("titles.tsv:1"), "{err}");
    }
}
