//! `tupu eval`: scores extractions against gold annotations exactly as
//! `../shared/eval/score.py` does — NFKC folding, white space and quotation marks dropped,
//! optional gold items neither rewarded nor penalised, a second prediction for one gold
//! entity a false hit, and `locatedIn` links implied by chaining gold links ignored.

use crate::schema::{EntityType, Extraction, Predicate};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

const QUOTES: &str = "“”‘’「」『』《》\"'〈〉";

/// Name folding of the scorer.
pub fn norm(name: &str) -> String {
    name.nfkc()
        .filter(|c| !c.is_whitespace() && !QUOTES.contains(*c))
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct Gold {
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Deserialize)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    #[serde(default)]
    pub optional: bool,
}

/// True positives, false positives and false negatives per key.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    counts: BTreeMap<String, (usize, usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Tally {
    fn add(&mut self, key: &str, tp: usize, fp: usize, fn_: usize) {
        let c = self.counts.entry(key.to_string()).or_default();
        c.0 += tp;
        c.1 += fp;
        c.2 += fn_;
    }

    pub fn prf(&self, keys: &[&str]) -> Prf {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for k in keys {
            if let Some(c) = self.counts.get(*k) {
                tp += c.0;
                fp += c.1;
                fn_ += c.2;
            }
        }
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            tp,
            fp,
            fn_,
            precision: round4(p),
            recall: round4(r),
            f1: round4(f),
        }
    }
}

/// Rounds to four decimals as Python's `round(x, 4)` does: the exact binary value,
/// ties to even (0.78125 → 0.7812). `x * 10000` then `round()` would round that tie up
/// (and lose exactness first); formatting is correctly rounded ties-to-even like Python.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// The scores of a set of articles.
#[derive(Debug, Default)]
pub struct Scores {
    pub articles: usize,
    pub entities: Tally,
    pub relations: Tally,
    /// Per article: misses and false hits, as score.py --verbose prints them.
    pub log: Vec<(String, Vec<String>)>,
}

impl Scores {
    pub fn entity(&self, t: Option<EntityType>) -> Prf {
        match t {
            Some(t) => self.entities.prf(&[t.as_str()]),
            None => self.entities.prf(&EntityType::ALL.map(EntityType::as_str)),
        }
    }

    pub fn relation(&self, p: Option<Predicate>) -> Prf {
        match p {
            Some(p) => self.relations.prf(&[p.as_str()]),
            None => self.relations.prf(&Predicate::ALL.map(Predicate::as_str)),
        }
    }

    /// The scores as score.py --json prints them.
    pub fn to_json(&self) -> String {
        let prf = |v: Prf| serde_json::json!({"tp": v.tp, "fp": v.fp, "fn": v.fn_, "precision": v.precision, "recall": v.recall, "f1": v.f1});
        let mut entities = serde_json::Map::new();
        for t in EntityType::ALL {
            entities.insert(t.as_str().to_string(), prf(self.entity(Some(t))));
        }
        entities.insert("all".to_string(), prf(self.entity(None)));
        let mut relations = serde_json::Map::new();
        for p in Predicate::ALL {
            relations.insert(p.as_str().to_string(), prf(self.relation(Some(p))));
        }
        relations.insert("all".to_string(), prf(self.relation(None)));
        let doc = serde_json::json!({"articles": self.articles, "entities": entities, "relations": relations});
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// The table score.py prints.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:14}{:>7}{:>7}{:>7}{:>5}{:>5}{:>5}\n",
            "", "P", "R", "F1", "tp", "fp", "fn"
        );
        let row = |name: &str, v: Prf| {
            format!(
                "  {name:12}{:7.3}{:7.3}{:7.3}{:5}{:5}{:5}\n",
                v.precision, v.recall, v.f1, v.tp, v.fp, v.fn_
            )
        };
        s.push_str("entities\n");
        for t in EntityType::ALL {
            s.push_str(&row(t.as_str(), self.entity(Some(t))));
        }
        s.push_str(&row("all", self.entity(None)));
        s.push_str("relations\n");
        for p in Predicate::ALL {
            s.push_str(&row(p.as_str(), self.relation(Some(p))));
        }
        s.push_str(&row("all", self.relation(None)));
        s.push_str(&format!(
            "entity F1 {:.3}  relation F1 {:.3}\n",
            self.entity(None).f1,
            self.relation(None).f1
        ));
        s
    }

    /// Scores one article's prediction against its gold annotation.
    pub fn add_article(&mut self, name: &str, gold: &Gold, pred: &Extraction) {
        self.articles += 1;
        let mut log = Vec::new();
        let mut index: HashMap<(String, String), HashSet<String>> = HashMap::new();
        for e in &gold.entities {
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                index
                    .entry((e.entity_type.clone(), norm(form)))
                    .or_default()
                    .insert(e.id.clone());
            }
        }
        let optional: HashSet<&str> = gold
            .entities
            .iter()
            .filter(|e| e.optional)
            .map(|e| e.id.as_str())
            .collect();
        let mut matched: HashMap<&str, HashSet<String>> = HashMap::new();
        let mut found: HashSet<String> = HashSet::new();
        for e in &pred.entities {
            let t = e.entity_type.as_str();
            let ids = index
                .get(&(t.to_string(), norm(&e.name)))
                .cloned()
                .unwrap_or_default();
            matched.insert(e.id.as_str(), ids.clone());
            if !ids.is_empty() && ids.iter().all(|i| optional.contains(i.as_str())) {
                continue;
            }
            let ids: HashSet<String> = ids
                .into_iter()
                .filter(|i| !optional.contains(i.as_str()))
                .collect();
            if !ids.is_empty() && ids.is_disjoint(&found) {
                self.entities.add(t, 1, 0, 0);
                found.extend(ids);
            } else if !ids.is_empty() {
                self.entities.add(t, 0, 1, 0);
                log.push(format!("  FP duplicate entity {t} {}", e.name));
            } else {
                self.entities.add(t, 0, 1, 0);
                log.push(format!("  FP entity {t} {}", e.name));
            }
        }
        for e in gold.entities.iter().filter(|e| !e.optional) {
            if !found.contains(&e.id) {
                self.entities.add(&e.entity_type, 0, 0, 1);
                log.push(format!("  FN entity {} {}", e.entity_type, e.name));
            }
        }

        let mut all: HashMap<(String, String, String), bool> = HashMap::new();
        for r in &gold.relations {
            let opt = r.optional
                || optional.contains(r.subject.as_str())
                || optional.contains(r.object.as_str());
            all.insert(
                (r.subject.clone(), r.predicate.clone(), r.object.clone()),
                opt,
            );
        }
        let gold_rels: HashSet<&(String, String, String)> =
            all.iter().filter(|(_, o)| !**o).map(|(k, _)| k).collect();
        let optional_rels: HashSet<&(String, String, String)> =
            all.iter().filter(|(_, o)| **o).map(|(k, _)| k).collect();
        let located = closure(
            all.keys()
                .filter(|k| k.1 == "locatedIn")
                .map(|k| (k.0.clone(), k.2.clone()))
                .collect(),
        );
        let names: HashMap<&str, &str> = gold
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let pnames: HashMap<&str, &str> = pred
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        let empty = HashSet::new();
        let mut hit: HashSet<(String, String, String)> = HashSet::new();
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        for r in &pred.relations {
            let p = r.predicate.as_str();
            let subs = matched.get(r.subject.as_str()).unwrap_or(&empty);
            let objs = matched.get(r.object.as_str()).unwrap_or(&empty);
            let cands: Vec<(String, String, String)> = subs
                .iter()
                .flat_map(|s| {
                    objs.iter()
                        .map(move |o| (s.clone(), p.to_string(), o.clone()))
                })
                .collect();
            let mut good: Vec<&(String, String, String)> =
                cands.iter().filter(|c| gold_rels.contains(c)).collect();
            if !good.is_empty() {
                good.sort();
                if hit.insert(good[0].clone()) {
                    self.relations.add(p, 1, 0, 0);
                }
                continue;
            }
            if cands.iter().any(|c| optional_rels.contains(c)) {
                continue;
            }
            let all_optional = |ids: &HashSet<String>| {
                !ids.is_empty() && ids.iter().all(|i| optional.contains(i.as_str()))
            };
            if all_optional(subs) || all_optional(objs) {
                continue;
            }
            if p == "locatedIn"
                && subs.iter().any(|s| {
                    objs.iter()
                        .any(|o| located.contains(&(s.clone(), o.clone())))
                })
            {
                continue;
            }
            if !seen.insert((r.subject.clone(), p.to_string(), r.object.clone())) {
                continue;
            }
            self.relations.add(p, 0, 1, 0);
            log.push(format!(
                "  FP relation {} {p} {}",
                pnames.get(r.subject.as_str()).unwrap_or(&""),
                pnames.get(r.object.as_str()).unwrap_or(&"")
            ));
        }
        let mut missed: Vec<&&(String, String, String)> =
            gold_rels.iter().filter(|k| !hit.contains(**k)).collect();
        missed.sort();
        for k in missed {
            self.relations.add(&k.1, 0, 0, 1);
            log.push(format!(
                "  FN relation {} {} {}",
                names.get(k.0.as_str()).unwrap_or(&""),
                k.1,
                names.get(k.2.as_str()).unwrap_or(&"")
            ));
        }
        self.log.push((name.to_string(), log));
    }
}

/// Transitive closure of `locatedIn` pairs.
fn closure(edges: HashSet<(String, String)>) -> HashSet<(String, String)> {
    let mut out = edges;
    loop {
        let mut added = Vec::new();
        for (a, b) in &out {
            for (c, d) in &out {
                if b == c && !out.contains(&(a.clone(), d.clone())) {
                    added.push((a.clone(), d.clone()));
                }
            }
        }
        if added.is_empty() {
            return out;
        }
        out.extend(added);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_the_scorer() {
        assert_eq!(norm("“三个 一号”"), "三个一号");
        assert_eq!(norm("ABC"), "ABC");
    }

    #[test]
    fn rounding_matches_python_round() {
        // Python: round(0.78125, 4) == 0.7812 (a tie, to even); round(0.34375, 4) == 0.3438.
        assert_eq!(round4(0.78125), 0.7812);
        assert_eq!(round4(0.34375), 0.3438);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(0.0), 0.0);
    }
}
