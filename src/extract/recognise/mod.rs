//! Stage 3, recognise: mentions of places, organisations, people and initiatives in the
//! segmented text. One recogniser per file, each a function over plain data; later
//! recognisers see the mentions of earlier ones (organisations are built on places, names
//! on titles).

pub(crate) mod initiatives;
mod organisations;
mod people;
pub(crate) mod places;

pub use initiatives::{initiatives, strip_quotes};
pub use organisations::organisations;
pub use people::people;
pub use places::places;

use crate::extract::lexicon::{Lexicon, OrgKind};
use crate::extract::segment::Text;
use crate::schema::EntityType;

/// A stretch of text that names something, with what the recogniser learnt about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub entity_type: EntityType,
    pub start: usize,
    pub end: usize,
    /// The name as proposed by the recogniser (quotes dropped, place prefix kept).
    pub name: String,
    pub detail: Detail,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Person {
        /// A family name alone with a title or an honorific (汤局长, 胡老, 郑先生) whose full
        /// name the article does not give: a mention for NER, no entity of its own.
        bare_surname: bool,
    },
    Place {
        /// 1 province … 3 county (gazetteer), 4 town, 5 village.
        level: u8,
        /// Gazetteer divisions the name can mean (empty for towns and villages).
        candidates: Vec<usize>,
    },
    Organisation {
        kind: OrgKind,
        /// Index (into the mention list) of the place the name starts with: its seat.
        seat: Option<usize>,
        /// Index of the body this one is part of (市委 for 市委宣传部).
        parent: Option<usize>,
        /// For a body named by a level word (县委, 村委会, 市党代会, 自治区科协): the place
        /// the context must supply.
        context: Option<LevelContext>,
    },
    Initiative {
        /// A fixed term of national policy (乡村振兴, 中国式现代化): a nationwide goal taken up,
        /// not a programme carried out in the places its sentences name.
        nationwide: bool,
    },
}

impl Mention {
    /// True when this mention lies within `outer`'s span (or is it).
    pub(crate) fn lies_in(&self, outer: &Mention) -> bool {
        outer.start <= self.start && self.end <= outer.end
    }

    /// True when this mention is part of the longer mention `outer` (宁波 of 宁波市委).
    pub(crate) fn part_of(&self, outer: &Mention) -> bool {
        self.lies_in(outer) && outer.end - outer.start > self.end - self.start
    }

    /// A body named whole, with no seat, parent or context to resolve.
    fn body(kind: OrgKind, start: usize, end: usize, name: String) -> Mention {
        Mention {
            entity_type: EntityType::Organisation,
            start,
            end,
            name,
            detail: Detail::Organisation {
                kind,
                seat: None,
                parent: None,
                context: None,
            },
        }
    }
}

/// The place a body named by a level word needs from its context: the level (0: the
/// article's own place, `ZONE`: the development zone it is about) and how many characters
/// the level word takes (市 1, 自治区 3, 经开区 3, none for 村委会 and a bare 管委会, which
/// name no level word).
/// The level of a body whose place is a development zone (经开区管委会, 管委会 alone).
pub const ZONE: u8 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelContext {
    pub level: u8,
    pub word_len: usize,
}

/// Everything the recognisers found, in text order within each type.
pub fn recognise(text: &Text, lex: &Lexicon) -> Vec<Mention> {
    let mut mentions = places(text, lex);
    organisations(text, lex, &mut mentions);
    // A body named whole that starts with a place (泰顺县鳌江中学, 泰顺乡讯报) is seated
    // there; whether that place is also a mention of its own is decided in resolve.
    let seats: Vec<(usize, usize)> = (0..mentions.len())
        .filter_map(|k| {
            let m = &mentions[k];
            let named_whole = matches!(
                m.detail,
                Detail::Organisation {
                    seat: None,
                    parent: None,
                    context: None,
                    kind,
                } if kind.named_whole()
            );
            // Of a chain of places, each within the one before (丰都县某镇某公司, not 丰都县
            // then a town's name as a trade name), the last: the most local.
            let level = |p: usize| match mentions[p].detail {
                Detail::Place { level, .. } => level,
                _ => 0,
            };
            let place_at = |start: usize, below: u8| {
                mentions.iter().position(|p| {
                    p.entity_type == EntityType::Place
                        && p.start == start
                        && p.end < m.end
                        && matches!(p.detail, Detail::Place { level, .. } if level > below)
                })
            };
            let mut at_start = place_at(m.start, 0);
            while let Some(next) = at_start.and_then(|p| place_at(mentions[p].end, level(p))) {
                at_start = Some(next);
            }
            named_whole.then_some(at_start).flatten().map(|p| (k, p))
        })
        .collect();
    for (k, p) in seats {
        if let Detail::Organisation { seat, .. } = &mut mentions[k].detail {
            *seat = Some(p);
        }
    }
    // A foreign name written with a name dot is a person's, whatever gazetteer names it
    // contains (a transliterated name may hold a city's name, 达卡 of 穆罕默德•达卡).
    let dotted = people::dotted_names(text, lex);
    let in_names: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            m.entity_type == EntityType::Place
                && dotted.iter().any(|&(s, e)| m.start < e && s < m.end)
        })
        .collect();
    let mut mentions = without(mentions, &in_names);
    people(text, lex, &mut mentions);
    initiatives(text, lex, &mut mentions);
    // 抓好现代农业产业园建设: a park the gazetteer lists as a town is, where the text speaks
    // of it as a programme, that programme; so is a centre read as a body by its ending
    // (加快建设某某科技创新中心).
    let programmes: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            let centre = matches!(m.detail, Detail::Organisation { kind, .. }
                if matches!(kind, OrgKind::Department | OrgKind::Other));
            (centre || matches!(m.detail, Detail::Place { level: 4.., .. }))
                && mentions.iter().any(|o| {
                    o.entity_type == EntityType::Initiative && o.start == m.start && o.end == m.end
                })
        })
        .collect();
    let mentions = without(mentions, &programmes);
    // A name inside a programme's or a body's name (青溪 of 青溪乡村振兴示范带, 周立人 of
    // 周立人纪念中学) is part of that name.
    let inside: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            m.entity_type == EntityType::Person
                && mentions.iter().any(|o| {
                    matches!(
                        o.entity_type,
                        EntityType::Initiative | EntityType::Organisation
                    ) && m.part_of(o)
                })
        })
        .collect();
    without(mentions, &inside)
}

/// Where mentions start and end, by character: the lookups recognisers make at every
/// character stay constant-time however many mentions an article has.
pub(crate) struct Positions {
    starts: Vec<Vec<usize>>,
    ends: Vec<Vec<usize>>,
}

impl Positions {
    pub(crate) fn of(mentions: &[Mention], len: usize) -> Positions {
        let mut p = Positions {
            starts: vec![Vec::new(); len + 1],
            ends: vec![Vec::new(); len + 1],
        };
        for (k, m) in mentions.iter().enumerate() {
            p.add(k, m);
        }
        p
    }

    /// Records mention `k` (pushed last).
    pub(crate) fn add(&mut self, k: usize, m: &Mention) {
        if let Some(v) = self.starts.get_mut(m.start) {
            v.push(k);
        }
        if let Some(v) = self.ends.get_mut(m.end) {
            v.push(k);
        }
    }

    /// The mention of type `t` ending at `end` that was added last.
    pub(crate) fn ending(&self, mentions: &[Mention], end: usize, t: EntityType) -> Option<usize> {
        self.ends
            .get(end)?
            .iter()
            .rev()
            .copied()
            .find(|&k| mentions[k].entity_type == t)
    }

    /// Of an address chain of places that opens with place `p` (泉州市丰泽区), the last:
    /// the most local.
    pub(crate) fn chain_end(&self, mentions: &[Mention], p: usize) -> usize {
        let mut p = p;
        while let Some(q) = self.starting(mentions, mentions[p].end, EntityType::Place) {
            p = q;
        }
        p
    }

    /// The mention of type `t` starting at `start` that was added first.
    pub(crate) fn starting(
        &self,
        mentions: &[Mention],
        start: usize,
        t: EntityType,
    ) -> Option<usize> {
        self.starts
            .get(start)?
            .iter()
            .copied()
            .find(|&k| mentions[k].entity_type == t)
    }

    /// Every mention ending at `end`.
    pub(crate) fn all_ending(&self, end: usize) -> &[usize] {
        self.ends.get(end).map_or(&[], Vec::as_slice)
    }
}

/// Every occurrence of any of `names` in `chars`, leftmost-longest, as char offsets.
pub(crate) fn occurrences(chars: &[char], names: &[String]) -> Vec<(usize, usize, String)> {
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(names)
    else {
        return Vec::new();
    };
    let text: String = chars.iter().collect();
    let mut char_at = vec![0usize; text.len() + 1];
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        char_at[bi] = ci;
    }
    char_at[text.len()] = chars.len();
    automaton
        .find_iter(&text)
        .map(|m| {
            (
                char_at[m.start()],
                char_at[m.end()],
                names[m.pattern().as_usize()].clone(),
            )
        })
        .collect()
}

/// The mention list without the given indices, seat and parent references renumbered.
pub(super) fn without(mentions: Vec<Mention>, drop: &[usize]) -> Vec<Mention> {
    if drop.is_empty() {
        return mentions;
    }
    let mut new_index = Vec::with_capacity(mentions.len());
    let mut next = 0;
    for k in 0..mentions.len() {
        if drop.contains(&k) {
            new_index.push(None);
        } else {
            new_index.push(Some(next));
            next += 1;
        }
    }
    mentions
        .into_iter()
        .enumerate()
        .filter(|(k, _)| new_index[*k].is_some())
        .map(|(_, mut m)| {
            if let Detail::Organisation { seat, parent, .. } = &mut m.detail {
                *seat = seat.and_then(|s| new_index[s]);
                *parent = parent.and_then(|p| new_index[p]);
            }
            m
        })
        .collect()
}

/// Chars that never stand inside a place or person name.
/// The level a one-character level word names: 省 1, 市 2, 县/区/旗 3 (旗, a banner, is
/// Inner Mongolia's county), 镇/乡 4, 村 5.
pub(crate) fn level_of_word(c: char) -> Option<u8> {
    match c {
        '省' => Some(1),
        '市' => Some(2),
        '县' | '区' | '旗' => Some(3),
        '镇' | '乡' => Some(4),
        '村' => Some(5),
        _ => None,
    }
}

pub(crate) fn is_function_char(c: char) -> bool {
    "的了在是和与及或也都就把被从向对为以之其这那个些每各本全该此于将又还并而即我你他她您由到等"
        .contains(c)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::recognise;
    use crate::extract::lexicon::Lexicon;
    use crate::extract::segment::Segmenter;
    use crate::schema::EntityType;

    /// The (type, name) of every mention in `s`, sorted and without repeats.
    pub(crate) fn run(s: &str) -> Vec<(EntityType, String)> {
        let lex = Lexicon::builtin();
        let text = Segmenter::new(&lex).segment(s);
        let mut v: Vec<(EntityType, String)> = recognise(&text, &lex)
            .into_iter()
            .map(|m| (m.entity_type, m.name))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    pub(crate) fn has(v: &[(EntityType, String)], t: EntityType, name: &str) -> bool {
        v.iter().any(|(tt, n)| *tt == t && n == name)
    }
}
