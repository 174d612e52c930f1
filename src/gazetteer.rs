//! China's administrative divisions (`data/gazetteer/divisions.tsv`, NBS 2023 codes):
//! names with and without their level suffix, codes, parents. Built once per process.

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    /// Full name with the level suffix: 浙江省, 绍兴市, 浦江县.
    pub name: String,
    /// 1 province, 2 prefecture, 3 county.
    pub level: u8,
    pub parent: Option<usize>,
}

pub struct Gazetteer {
    pub divisions: Vec<Division>,
    /// Surface form → divisions it can mean, and whether the form is the full name.
    forms: HashMap<String, Vec<(usize, bool)>>,
    form_list: Vec<String>,
    automaton: AhoCorasick,
}

/// A gazetteer name found in a text (char offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub form: String,
    /// True when the text has the full name with its suffix.
    pub full: bool,
    pub candidates: Vec<usize>,
}

const DATA: &str = include_str!("../data/gazetteer/divisions.tsv");

/// Level suffixes, longest first, stripped to get the short form (绍兴市 → 绍兴).
const SUFFIXES: [&str; 11] = [
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "旗",
];

impl Gazetteer {
    /// The process-wide gazetteer, parsed and its automaton built on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(DATA))
    }

    fn parse(data: &str) -> Gazetteer {
        let mut divisions = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        let mut parents = Vec::new();
        for line in data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            by_code.insert(f[0].to_string(), divisions.len());
            parents.push(f[3].to_string());
            divisions.push(Division {
                code: f[0].to_string(),
                name: f[1].to_string(),
                level: f[2].parse().unwrap_or(3),
                parent: None,
            });
        }
        for (d, p) in divisions.iter_mut().zip(&parents) {
            d.parent = by_code.get(p).copied();
        }
        let mut forms: HashMap<String, Vec<(usize, bool)>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            forms.entry(d.name.clone()).or_default().push((i, true));
            if let Some(short) = short_form(&d.name, d.level) {
                forms.entry(short).or_default().push((i, false));
            }
        }
        let form_list: Vec<String> = forms.keys().cloned().collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&form_list)
            .expect("gazetteer automaton builds");
        Gazetteer {
            divisions,
            forms,
            form_list,
            automaton,
        }
    }

    /// Every gazetteer name in `text`, leftmost-longest, as char offsets.
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let mut byte_to_char = vec![0usize; text.len() + 1];
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            byte_to_char[bi] = ci;
        }
        byte_to_char[text.len()] = text.chars().count();
        self.automaton
            .find_iter(text)
            .filter_map(|m| {
                let form = &self.form_list[m.pattern().as_usize()];
                let cands = self.forms.get(form)?;
                Some(NameHit {
                    start: byte_to_char[m.start()],
                    end: byte_to_char[m.end()],
                    form: form.clone(),
                    full: cands.iter().any(|c| c.1),
                    candidates: cands.iter().map(|c| c.0).collect(),
                })
            })
            .collect()
    }

    /// Divisions a surface form can mean.
    pub fn lookup(&self, form: &str) -> Vec<usize> {
        self.forms
            .get(form)
            .map(|v| v.iter().map(|c| c.0).collect())
            .unwrap_or_default()
    }

    /// The division's ancestors, nearest first.
    pub fn ancestors(&self, mut i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        while let Some(p) = self.divisions[i].parent {
            out.push(p);
            i = p;
        }
        out
    }
}

/// The name without its level suffix, when that leaves at least two characters.
pub fn short_form(name: &str, level: u8) -> Option<String> {
    let n = name.chars().count();
    if level == 1 && name.ends_with("自治区") {
        // 广西壮族自治区 → 广西, 内蒙古自治区 → 内蒙古
        let k = if name.starts_with("内蒙古") || name.starts_with("黑龙江") { 3 } else { 2 };
        return Some(name.chars().take(k).collect());
    }
    if name.contains("自治") {
        return None;
    }
    let suffix = SUFFIXES.iter().find(|s| name.ends_with(*s))?;
    let keep = n - suffix.chars().count();
    (keep >= 2).then(|| name.chars().take(keep).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_full_forms_resolve_to_the_same_division() {
        let g = Gazetteer::get();
        let full = g.lookup("浦江县");
        assert_eq!(full.len(), 1);
        assert_eq!(g.divisions[full[0]].code, "330726");
        assert!(g.lookup("浦江").contains(&full[0]));
        let chain: Vec<&str> = g.ancestors(full[0]).iter().map(|&a| g.divisions[a].name.as_str()).collect();
        assert_eq!(chain, ["金华市", "浙江省"]);
    }

    #[test]
    fn finds_names_in_text_with_char_offsets() {
        let g = Gazetteer::get();
        let hits = g.find("我在杭州市西湖区工作");
        let forms: Vec<(&str, usize)> = hits.iter().map(|h| (h.form.as_str(), h.start)).collect();
        assert_eq!(forms, [("杭州市", 2), ("西湖区", 5)]);
        assert!(hits[1].candidates.len() > 1, "西湖区 is ambiguous on its own");
    }
}
