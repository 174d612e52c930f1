//! The lexicons in `ontology/lexicon/`: titles, organisation endings, initiative cues,
//! speech and report verbs, family names. They are data, compiled in as defaults; a user
//! adds their own with `--lexicon DIR` (same file names, same format, entries added).

use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
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

impl OrgKind {
    /// Kinds of body named by a name of their own (宁波日报, 宏达集团), not by their place and
    /// level: not public authorities, so their seats say where they work, not what they
    /// govern.
    pub fn named_whole(self) -> bool {
        matches!(
            self,
            OrgKind::Enterprise | OrgKind::School | OrgKind::Media | OrgKind::Other
        )
    }

    /// Bodies that a place's name plus the ending makes (镇政府, 村委会, 镇党委): after a town
    /// the gazetteer does not know, they confirm it is a town.
    pub fn seated_in_place(self) -> bool {
        matches!(
            self,
            OrgKind::Party | OrgKind::Government | OrgKind::Community | OrgKind::Congress
        )
    }

    /// The kind named in a lexicon file.
    pub fn parse(s: &str) -> Option<OrgKind> {
        Some(match s {
            "party" => OrgKind::Party,
            "community" => OrgKind::Community,
            "government" => OrgKind::Government,
            "congress" => OrgKind::Congress,
            "delegation" => OrgKind::Delegation,
            "department" => OrgKind::Department,
            "enterprise" => OrgKind::Enterprise,
            "media" => OrgKind::Media,
            "school" => OrgKind::School,
            "other" => OrgKind::Other,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub word: String,
    pub kind: TitleKind,
    /// The body a bare title implies (村委会主任 → 村委会; 镇长 → 政府: the government of
    /// the place the title is held in), if any.
    pub implied_body: Option<String>,
}

/// A title as written in a text, by the title grammar: modifiers (专职, 驻村, 第一, 三级),
/// a deputy mark (副, 常务副) and a core title from `titles.tsv` (书记, 站长, 调研员).
/// A deputy never leads: 副站长 is a member's post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    pub start: usize,
    pub end: usize,
    /// The whole title as written (专职副书记).
    pub word: String,
    pub kind: TitleKind,
    /// The core title (书记).
    pub core: String,
    pub implied_body: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Longest first, so that 党委书记 is tried before 书记.
    pub titles: Vec<Title>,
    titles_index: CharIndex,
    /// Longest first.
    pub org_suffixes: Vec<(String, OrgKind)>,
    org_suffixes_index: CharIndex,
    pub initiative_heads: Words,
    /// Fixed terms of the policy vocabulary, longest first: national goals (乡村振兴, 共同
    /// 富裕) and programmes carried out in places (山海协作工程).
    pub policy_terms: Words,
    /// Which of `policy_terms` are national goals (located only in a country).
    pub national_goals: HashSet<String>,
    pub proposal_verbs: Words,
    pub speech_verbs: Words,
    pub report_verbs: Words,
    pub surnames: HashSet<String>,
    /// Japanese family names in Chinese writing (桥本, 小渊, 佐藤).
    pub japanese_family_names: HashSet<String>,
    pub not_names: HashSet<String>,
    /// Loanwords in transliteration characters that are no person (尼古丁, 摩托罗拉).
    pub loanwords: HashSet<String>,
    pub generic_modifiers: HashSet<String>,
    /// Words written before a title that do not change what it says (专职, 驻村, 第一).
    pub title_modifiers: Words,
    /// Characters of transliterated foreign names (埃, 德, 加, 伦, 古 …).
    pub transliteration: HashSet<char>,
    /// Characters common in Chinese given names (伟, 芳, 丽 …).
    pub given_name_chars: HashSet<char>,
    /// Bodies known by a fixed name (国务院, 外交部, 九三学社, 新华社), longest first.
    pub national_bodies: Vec<(String, OrgKind)>,
    national_bodies_index: CharIndex,
    /// One-character names of countries and places (美 → 美国, 京 → 北京市).
    pub place_abbreviations: std::collections::HashMap<char, String>,
}

const FILES: [(&str, &str); 18] = [
    (
        "titles.tsv",
        include_str!("../../ontology/lexicon/titles.tsv"),
    ),
    (
        "org-suffixes.tsv",
        include_str!("../../ontology/lexicon/org-suffixes.tsv"),
    ),
    (
        "initiative-heads.txt",
        include_str!("../../ontology/lexicon/initiative-heads.txt"),
    ),
    (
        "proposal-verbs.txt",
        include_str!("../../ontology/lexicon/proposal-verbs.txt"),
    ),
    (
        "speech-verbs.txt",
        include_str!("../../ontology/lexicon/speech-verbs.txt"),
    ),
    (
        "report-verbs.txt",
        include_str!("../../ontology/lexicon/report-verbs.txt"),
    ),
    (
        "surnames.txt",
        include_str!("../../ontology/lexicon/surnames.txt"),
    ),
    (
        "japanese-family-names.txt",
        include_str!("../../ontology/lexicon/japanese-family-names.txt"),
    ),
    (
        "not-names.txt",
        include_str!("../../ontology/lexicon/not-names.txt"),
    ),
    (
        "loanwords.txt",
        include_str!("../../ontology/lexicon/loanwords.txt"),
    ),
    (
        "generic-modifiers.txt",
        include_str!("../../ontology/lexicon/generic-modifiers.txt"),
    ),
    (
        "title-modifiers.txt",
        include_str!("../../ontology/lexicon/title-modifiers.txt"),
    ),
    (
        "transliteration.txt",
        include_str!("../../ontology/lexicon/transliteration.txt"),
    ),
    (
        "given-name-chars.txt",
        include_str!("../../ontology/lexicon/given-name-chars.txt"),
    ),
    (
        "national-bodies.tsv",
        include_str!("../../ontology/lexicon/national-bodies.tsv"),
    ),
    (
        "policy-terms.txt",
        include_str!("../../ontology/lexicon/policy-terms.txt"),
    ),
    (
        "programme-terms.txt",
        include_str!("../../ontology/lexicon/programme-terms.txt"),
    ),
    (
        "place-abbreviations.tsv",
        include_str!("../../ontology/lexicon/place-abbreviations.tsv"),
    ),
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
            return Err(Error::Usage(format!(
                "{}: lexicon folder not found",
                dir.display()
            )));
        }
        // A file with a name tupu does not read (title.tsv for titles.tsv) is a mistake to
        // say, not to pass over.
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_file() && !name.starts_with('.') && !FILES.iter().any(|(f, _)| *f == name) {
                let known: Vec<&str> = FILES.iter().map(|(f, _)| *f).collect();
                return Err(Error::Usage(format!(
                    "{}: not a lexicon file tupu reads; the names are: {}",
                    path.display(),
                    known.join(", ")
                )));
            }
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
            titles_index: CharIndex::default(),
            org_suffixes: Vec::new(),
            org_suffixes_index: CharIndex::default(),
            initiative_heads: Words::default(),
            policy_terms: Words::default(),
            national_goals: HashSet::new(),
            proposal_verbs: Words::default(),
            speech_verbs: Words::default(),
            report_verbs: Words::default(),
            surnames: HashSet::new(),
            japanese_family_names: HashSet::new(),
            not_names: HashSet::new(),
            loanwords: HashSet::new(),
            generic_modifiers: HashSet::new(),
            title_modifiers: Words::default(),
            transliteration: HashSet::new(),
            given_name_chars: HashSet::new(),
            national_bodies: Vec::new(),
            national_bodies_index: CharIndex::default(),
            place_abbreviations: std::collections::HashMap::new(),
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
                        _ => {
                            return Err(bad(
                                "expected: title<TAB>head|member|delegate|press[<TAB>body]",
                            ))
                        }
                    };
                    self.titles.push(Title {
                        word: fields[0].to_string(),
                        kind,
                        implied_body: fields
                            .get(2)
                            .filter(|b| !b.is_empty())
                            .map(|b| b.to_string()),
                    });
                }
                "place-abbreviations.tsv" => {
                    let (Some(abbr), Some(full)) = (
                        fields[0]
                            .chars()
                            .next()
                            .filter(|_| fields[0].chars().count() == 1),
                        fields.get(1),
                    ) else {
                        return Err(bad("expected: one character<TAB>full name"));
                    };
                    self.place_abbreviations.insert(abbr, full.to_string());
                }
                "org-suffixes.tsv" | "national-bodies.tsv" => {
                    let kind = fields.get(1).and_then(|k| OrgKind::parse(k)).ok_or_else(|| {
                        bad("expected: name<TAB>kind (party, community, government, congress, delegation, department, enterprise, media, school, other)")
                    })?;
                    let list = if name == "org-suffixes.tsv" {
                        &mut self.org_suffixes
                    } else {
                        &mut self.national_bodies
                    };
                    list.push((fields[0].to_string(), kind));
                }
                _ => {
                    let words = line.split_whitespace().map(str::to_string);
                    let list = match name {
                        "initiative-heads.txt" => &mut self.initiative_heads,
                        "policy-terms.txt" => {
                            let words: Vec<String> = words.collect();
                            self.national_goals.extend(words.iter().cloned());
                            self.policy_terms.extend(words);
                            continue;
                        }
                        "programme-terms.txt" => &mut self.policy_terms,
                        "proposal-verbs.txt" => &mut self.proposal_verbs,
                        "speech-verbs.txt" => &mut self.speech_verbs,
                        "report-verbs.txt" => &mut self.report_verbs,
                        "title-modifiers.txt" => &mut self.title_modifiers,
                        "surnames.txt" => {
                            self.surnames.extend(words);
                            continue;
                        }
                        "japanese-family-names.txt" => {
                            self.japanese_family_names.extend(words);
                            continue;
                        }
                        "transliteration.txt" => {
                            self.transliteration
                                .extend(line.chars().filter(|c| !c.is_whitespace()));
                            continue;
                        }
                        "given-name-chars.txt" => {
                            self.given_name_chars
                                .extend(line.chars().filter(|c| !c.is_whitespace()));
                            continue;
                        }
                        "loanwords.txt" => {
                            self.loanwords.extend(words);
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
        fn by_len_desc<T>(v: &mut [T], key: impl Fn(&T) -> &str) {
            v.sort_by_key(|a| std::cmp::Reverse(key(a).chars().count()));
        }
        by_len_desc(&mut self.titles, |t| &t.word);
        self.titles.dedup_by(|a, b| a.word == b.word);
        self.titles_index = CharIndex::of(self.titles.iter().map(|t| t.word.as_str()));
        by_len_desc(&mut self.org_suffixes, |s| &s.0);
        self.org_suffixes_index = CharIndex::of(self.org_suffixes.iter().map(|s| s.0.as_str()));
        by_len_desc(&mut self.national_bodies, |s| &s.0);
        self.national_bodies_index =
            CharIndex::of(self.national_bodies.iter().map(|s| s.0.as_str()));
        for list in [
            &mut self.initiative_heads,
            &mut self.policy_terms,
            &mut self.proposal_verbs,
            &mut self.speech_verbs,
            &mut self.report_verbs,
            &mut self.title_modifiers,
        ] {
            list.finish();
        }
    }

    /// The longest core title (from `titles.tsv`) that starts at `chars[i]`.
    fn core_title_at(&self, chars: &[char], i: usize) -> Option<&Title> {
        let k = self
            .titles_index
            .at(chars, i, |k| self.titles[k].word.as_str())?;
        Some(&self.titles[k])
    }

    /// The longest core title that ends just before `chars[end]`.
    fn core_title_ending_at(&self, chars: &[char], end: usize) -> Option<&Title> {
        let k = self
            .titles_index
            .ending_at(chars, end, |k| self.titles[k].word.as_str())?;
        Some(&self.titles[k])
    }

    /// The title written from `chars[i]` on, by the title grammar: modifiers, a deputy
    /// mark, then a core title (专职副书记, 驻村第一书记, 副站长).
    pub fn title_at(&self, chars: &[char], i: usize) -> Option<TitleMatch> {
        let mut k = i;
        for _ in 0..4 {
            // A core title wins over a modifier it starts with (总经理 is not 总 + 经理).
            if let Some(core) = self.core_title_at(chars, k) {
                return Some(self.title_match(chars, i, k, core, false));
            }
            if let Some(d) = DEPUTY_MARKS.iter().find(|d| starts_with_at(chars, k, d)) {
                let n = d.chars().count();
                let core = self.core_title_at(chars, k + n)?;
                return Some(self.title_match(chars, i, k + n, core, true));
            }
            k += self.modifier_at(chars, k)?;
        }
        None
    }

    /// The title written just before `chars[end]`, by the title grammar (see [`Self::title_at`]).
    pub fn title_ending_at(&self, chars: &[char], end: usize) -> Option<TitleMatch> {
        let core = self.core_title_ending_at(chars, end)?;
        let core_start = end - core.word.chars().count();
        let mut start = core_start;
        let deputy = !core.word.starts_with('副')
            && DEPUTY_MARKS
                .iter()
                .find(|d| ends_with_at(chars, start, d))
                .inspect(|d| start -= d.chars().count())
                .is_some();
        for _ in 0..3 {
            match self.modifier_ending_at(chars, start) {
                Some(n) => start -= n,
                None => break,
            }
        }
        Some(self.title_match(chars, start, core_start, core, deputy))
    }

    fn title_match(
        &self,
        chars: &[char],
        start: usize,
        core_start: usize,
        core: &Title,
        deputy: bool,
    ) -> TitleMatch {
        let end = core_start + core.word.chars().count();
        TitleMatch {
            start,
            end,
            word: chars[start..end].iter().collect(),
            kind: if deputy && core.kind == TitleKind::Head {
                TitleKind::Member
            } else {
                core.kind
            },
            core: core.word.clone(),
            implied_body: core.implied_body.clone(),
        }
    }

    /// The length of a title modifier at `chars[i]`: a listed word or a grade (三级, 一级).
    fn modifier_at(&self, chars: &[char], i: usize) -> Option<usize> {
        if let Some(w) = self.title_modifiers.at(chars, i) {
            return Some(w.chars().count());
        }
        let grade = chars
            .get(i)
            .is_some_and(|c| "一二三四五六七八九十".contains(*c))
            && chars.get(i + 1) == Some(&'级');
        grade.then_some(2)
    }

    fn modifier_ending_at(&self, chars: &[char], end: usize) -> Option<usize> {
        if let Some(w) = self.title_modifiers.ending_at(chars, end) {
            return Some(w.chars().count());
        }
        let grade =
            end >= 2 && chars[end - 1] == '级' && "一二三四五六七八九十".contains(chars[end - 2]);
        grade.then_some(2)
    }

    /// The longest organisation ending that starts at `chars[i]`.
    pub fn org_suffix_at(&self, chars: &[char], i: usize) -> Option<&(String, OrgKind)> {
        let k = self
            .org_suffixes_index
            .at(chars, i, |k| self.org_suffixes[k].0.as_str())?;
        Some(&self.org_suffixes[k])
    }

    /// The longest body known by a fixed name that starts at `chars[i]`.
    pub fn national_body_at(&self, chars: &[char], i: usize) -> Option<(&str, OrgKind)> {
        let k = self
            .national_bodies_index
            .at(chars, i, |k| self.national_bodies[k].0.as_str())?;
        let (n, kind) = &self.national_bodies[k];
        Some((n.as_str(), *kind))
    }

    /// Every word the segmenter should keep whole.
    pub fn segmenter_words(&self) -> impl Iterator<Item = &str> {
        self.titles
            .iter()
            .map(|t| t.word.as_str())
            .chain(self.org_suffixes.iter().map(|s| s.0.as_str()))
            .chain(self.initiative_heads.iter().map(String::as_str))
            .chain(self.proposal_verbs.iter().map(String::as_str))
            .chain(
                self.policy_terms
                    .iter()
                    .map(String::as_str)
                    .filter(|w| w.chars().all(|c| c > '\u{2fff}' && c != '、')),
            )
            .chain(self.national_bodies.iter().map(|b| b.0.as_str()))
    }
}

/// Positions in a longest-first word list by first and by last character (longest first
/// within each), so that a lookup at a character tries only the words that can match there:
/// the recognisers look words up at every character of a text.
#[derive(Debug, Clone, Default)]
struct CharIndex {
    by_first: HashMap<char, Vec<usize>>,
    by_last: HashMap<char, Vec<usize>>,
}

impl CharIndex {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> CharIndex {
        let mut index = CharIndex::default();
        for (k, w) in words.enumerate() {
            if let (Some(first), Some(last)) = (w.chars().next(), w.chars().last()) {
                index.by_first.entry(first).or_default().push(k);
                index.by_last.entry(last).or_default().push(k);
            }
        }
        index
    }

    /// The position of the longest word (`word(k)`) that starts at `chars[i]`.
    fn at<'w>(&self, chars: &[char], i: usize, word: impl Fn(usize) -> &'w str) -> Option<usize> {
        self.by_first
            .get(chars.get(i)?)?
            .iter()
            .copied()
            .find(|&k| starts_with_at(chars, i, word(k)))
    }

    /// The position of the longest word that ends just before `chars[end]`.
    fn ending_at<'w>(
        &self,
        chars: &[char],
        end: usize,
        word: impl Fn(usize) -> &'w str,
    ) -> Option<usize> {
        self.by_last
            .get(chars.get(end.checked_sub(1)?)?)?
            .iter()
            .copied()
            .find(|&k| ends_with_at(chars, end, word(k)))
    }
}

/// A word list of a lexicon file (proposal verbs, initiative heads …), longest first, looked
/// up where its words start or end in a text through a [`CharIndex`]; read as a slice for
/// everything else.
#[derive(Debug, Clone, Default)]
pub struct Words {
    list: Vec<String>,
    index: CharIndex,
}

impl Words {
    /// The longest word that starts at `chars[i]`.
    pub fn at(&self, chars: &[char], i: usize) -> Option<&str> {
        let k = self.index.at(chars, i, |k| self.list[k].as_str())?;
        Some(&self.list[k])
    }

    /// The longest word that ends just before `chars[end]`.
    pub fn ending_at(&self, chars: &[char], end: usize) -> Option<&str> {
        let k = self
            .index
            .ending_at(chars, end, |k| self.list[k].as_str())?;
        Some(&self.list[k])
    }

    /// Longest first, each word once, indexed: after the files are read.
    fn finish(&mut self) {
        self.list
            .sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        self.list.dedup();
        self.index = CharIndex::of(self.list.iter().map(String::as_str));
    }
}

impl std::ops::Deref for Words {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.list
    }
}

impl Extend<String> for Words {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        self.list.extend(words);
    }
}

/// Marks that make a head's title a deputy's (副站长, 常务副主任), longest first.
const DEPUTY_MARKS: [&str; 3] = ["常务副", "第一副", "副"];

/// True when `word` occurs in `chars` starting at `i`.
pub fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    (i..)
        .zip(word.chars())
        .all(|(k, c)| chars.get(k) == Some(&c))
}

/// True when `word` occurs in `chars` ending just before `end` (compared from the end, so
/// most words fail at their last character without being counted).
pub fn ends_with_at(chars: &[char], end: usize, word: &str) -> bool {
    let mut k = end;
    for c in word.chars().rev() {
        if k == 0 || chars[k - 1] != c {
            return false;
        }
        k -= 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_lexicon_file_is_an_error_that_lists_the_names() {
        let dir = std::env::temp_dir().join(format!("tupu-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("title.tsv"), "站长\thead\n").expect("write");
        let err = Lexicon::with_user_dir(&dir)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            err.contains("title.tsv") && err.contains("titles.tsv"),
            "{err}"
        );
    }

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
    fn title_grammar_reads_deputies_and_modifiers() {
        let lex = Lexicon::builtin();
        let read = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let before = lex
                .title_ending_at(&chars, chars.len())
                .map(|t| (t.word, t.kind, t.core));
            let after = lex.title_at(&chars, 0).map(|t| (t.word, t.kind, t.core));
            (before, after)
        };
        // A head's title with a deputy mark is a member's: 副站长 was never listed.
        let (b, a) = read("副站长");
        assert_eq!(b, Some(("副站长".into(), TitleKind::Member, "站长".into())));
        assert_eq!(a, b);
        let (b, _) = read("常务副主任");
        assert_eq!(b.map(|t| t.1), Some(TitleKind::Member));
        // Modifiers are read over: 驻村第一书记 is a 书记, 专职副书记 a deputy, 三级调研员 a staff rank.
        let (b, a) = read("驻村第一书记");
        assert_eq!(
            b,
            Some(("驻村第一书记".into(), TitleKind::Head, "书记".into()))
        );
        assert_eq!(a, b);
        assert_eq!(read("专职副书记").0.map(|t| t.1), Some(TitleKind::Member));
        assert_eq!(read("三级调研员").0.map(|t| t.0), Some("三级调研员".into()));
        // A listed title wins over a modifier it starts with; a modifier alone is no title.
        assert_eq!(read("总经理").1.map(|t| t.1), Some(TitleKind::Head));
        assert_eq!(read("驻村").1, None);
        assert_eq!(read("主任委员").0.map(|t| t.1), Some(TitleKind::Head));
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

    #[test]
    fn word_lists_find_their_longest_word_where_it_starts_or_ends() {
        let lex = Lexicon::builtin();
        let chars: Vec<char> = "要深入推进改革".chars().collect();
        assert_eq!(lex.proposal_verbs.at(&chars, 1), Some("深入推进"));
        assert_eq!(lex.proposal_verbs.at(&chars, 3), Some("推进"));
        assert_eq!(lex.proposal_verbs.at(&chars, 0), None);
        assert_eq!(lex.proposal_verbs.ending_at(&chars, 5), Some("深入推进"));
        assert_eq!(lex.proposal_verbs.ending_at(&chars, 7), None);
        assert_eq!(lex.proposal_verbs.at(&chars, 99), None, "past the end");
        let chars: Vec<char> = "宁波市委宣传部".chars().collect();
        assert_eq!(
            lex.org_suffix_at(&chars, 4).map(|s| s.0.as_str()),
            Some("宣传部")
        );
    }
}
