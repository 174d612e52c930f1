//! Stage 5, relate: the five predicates between resolved entities, each with its evidence
//! span and a confidence. One finder per file:
//! - [`affiliations`]: apposition chains around a name (`宁波市委常委、宣传部部长李明华代表`,
//!   `李明华 党的十九大代表、…村党总支书记`) and bylines give leads / memberOf / represents;
//! - [`proposals`]: report proposals (`报告指出 …` → the body whose report it is) and
//!   people or bodies that push an initiative with a proposal verb in the same sentence;
//! - [`locations`]: address chains, the gazetteer's hierarchy, the seats of bodies and the
//!   places where initiatives are carried out.

use crate::extract::lexicon::Lexicon;
use crate::extract::lexicon::OrgKind;
use crate::extract::recognise::Mention;
use crate::extract::resolve::Resolved;
use crate::extract::segment::Text;
use crate::schema::{EntityType, Predicate, Relation, Span};

mod affiliations;
mod locations;
mod profiles;
mod proposals;

pub use affiliations::affiliations;
pub use locations::locations;
pub use proposals::proposals;

/// Everything the finders need, borrowed, with the mentions indexed by where they start and
/// end so that finders stay linear in the text.
pub struct Context<'a> {
    pub text: &'a Text,
    pub lex: &'a Lexicon,
    pub mentions: &'a [Mention],
    pub resolved: &'a Resolved,
    by_start: Vec<Vec<usize>>,
    by_end: Vec<Vec<usize>>,
    /// Mention indices in text order.
    order: Vec<usize>,
}

impl<'a> Context<'a> {
    pub fn new(
        text: &'a Text,
        lex: &'a Lexicon,
        mentions: &'a [Mention],
        resolved: &'a Resolved,
    ) -> Context<'a> {
        let n = text.chars.len() + 1;
        let (mut by_start, mut by_end) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for (k, m) in mentions.iter().enumerate() {
            by_start[m.start.min(n - 1)].push(k);
            by_end[m.end.min(n - 1)].push(k);
        }
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&k| (mentions[k].start, mentions[k].end));
        Context {
            text,
            lex,
            mentions,
            resolved,
            by_start,
            by_end,
            order,
        }
    }

    /// The mentions lying within `[s, e)`, in text order.
    pub(crate) fn within(&self, s: usize, e: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.order.partition_point(|&k| self.mentions[k].start < s);
        self.order[from..]
            .iter()
            .copied()
            .take_while(move |&k| self.mentions[k].start < e)
            .filter(move |&k| self.mentions[k].end <= e)
    }

    pub(crate) fn entity(&self, mention: usize) -> usize {
        self.resolved.entity_of[mention]
    }
    pub(crate) fn kind(&self, entity: usize) -> Option<OrgKind> {
        self.resolved.info[entity].org_kind
    }
    pub(crate) fn etype(&self, entity: usize) -> EntityType {
        self.resolved.entities[entity].entity_type
    }
    pub(crate) fn mention_ending(&self, t: EntityType, end: usize) -> Option<usize> {
        self.by_end
            .get(end)?
            .iter()
            .rev()
            .copied()
            .find(|&k| self.mentions[k].entity_type == t)
    }
    pub(crate) fn mention_starting(&self, t: EntityType, start: usize) -> Option<usize> {
        self.by_start
            .get(start)?
            .iter()
            .copied()
            .find(|&k| self.mentions[k].entity_type == t)
    }
    /// Every mention starting at `start`.
    pub(crate) fn mentions_starting(&self, start: usize) -> &[usize] {
        self.by_start.get(start).map_or(&[], |v| v.as_slice())
    }
}

/// All relations, deduplicated (the first evidence and the highest confidence kept).
pub fn relate(cx: &Context) -> Vec<Relation> {
    let mut found: Vec<(usize, Predicate, usize, Span, f32)> = Vec::new();
    affiliations(cx, &mut found);
    proposals(cx, &mut found);
    locations(cx, &mut found);
    let mut out: Vec<Relation> = Vec::new();
    for (s, p, o, span, conf) in found {
        if s == o {
            continue;
        }
        let subject = cx.resolved.entities[s].id.clone();
        let object = cx.resolved.entities[o].id.clone();
        if let Some(r) = out
            .iter_mut()
            .find(|r| r.subject == subject && r.predicate == p && r.object == object)
        {
            r.confidence = r.confidence.max(conf);
            continue;
        }
        out.push(Relation {
            subject,
            predicate: p,
            object,
            evidence: Some(span),
            confidence: conf,
        });
    }
    out
}

pub(crate) type Found = Vec<(usize, Predicate, usize, Span, f32)>;

#[cfg(test)]
pub(crate) mod testing {
    use crate::article::parse_text;
    use crate::extract::lexicon::Lexicon;
    use crate::extract::Extractor;

    /// (subject, predicate, object) by entity name, for a body under a dummy headline.
    pub(crate) fn triples(body: &str) -> Vec<(String, String, String)> {
        let a = parse_text("t", &format!("标题\n\n{body}\n")).expect("article");
        let x = Extractor::new(Lexicon::builtin()).extract(&a);
        let name = |id: &str| x.entity(id).map(|e| e.name.clone()).unwrap_or_default();
        x.relations
            .iter()
            .map(|r| {
                (
                    name(&r.subject),
                    r.predicate.as_str().to_string(),
                    name(&r.object),
                )
            })
            .collect()
    }

    pub(crate) fn has(t: &[(String, String, String)], s: &str, p: &str, o: &str) -> bool {
        t.iter().any(|x| x.0 == s && x.1 == p && x.2 == o)
    }
}
