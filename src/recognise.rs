//! Stage 3, recognise: mentions of places, organisations, people and initiatives in the
//! segmented text. Each recogniser is its own function over plain data; later recognisers
//! see the mentions of earlier ones (organisations are built on places, names on titles).

use crate::gazetteer::Gazetteer;
use crate::lexicon::{starts_with_at, Lexicon, OrgKind, TitleKind};
use crate::schema::EntityType;
use crate::segment::{is_break, is_han, Text};

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
    Person,
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
        /// For a body named only by level (县委, 村委会, 市党代会): the level of the place
        /// the context must supply.
        context_level: Option<u8>,
    },
    Initiative {
        /// Found only as a repeated fixed term (jieba's nz, said twice): a nationwide slogan taken up, not
        /// a programme carried out in the places its sentences name.
        slogan: bool,
    },
}

impl Mention {
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
                context_level: None,
            },
        }
    }
}

/// Everything the recognisers found, in text order within each type.
pub fn recognise(text: &Text, lex: &Lexicon) -> Vec<Mention> {
    let mut mentions = places(text, lex);
    organisations(text, lex, &mut mentions);
    // A place inside a company's name (江苏宏达食品股份有限公司) is part of the name, not a
    // place the article talks about.
    let inside_names: Vec<usize> = (0..mentions.len())
        .filter(|&k| {
            let m = &mentions[k];
            m.entity_type == EntityType::Place
                && mentions.iter().any(|o| {
                    matches!(o.detail, Detail::Organisation { seat: None, parent: None, context_level: None, kind: OrgKind::Enterprise | OrgKind::School | OrgKind::Other })
                        && o.start <= m.start
                        && m.end < o.end
                })
        })
        .collect();
    let mut mentions = without(mentions, &inside_names);
    people(text, lex, &mut mentions);
    initiatives(text, lex, &mut mentions);
    mentions
}

/// The mention list without the given indices, seat and parent references renumbered.
fn without(mentions: Vec<Mention>, drop: &[usize]) -> Vec<Mention> {
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

const PLACE_SUFFIXES: [(&str, u8); 6] = [("街道", 4), ("社区", 5), ("镇", 4), ("乡", 4), ("村", 5), ("县", 3)];

/// Chars that never stand inside a place or person name.
fn is_function_char(c: char) -> bool {
    "的了在是和与及或也都就把被从向对为以之其这那个些每各本全该此于将又还并而即我你他她您".contains(c)
}

/// Places: gazetteer names (full, or short where the segmenter agrees it is a word) and
/// towns and villages by their suffix (递铺街道, 鲁家村), chained or alone.
pub fn places(text: &Text, lex: &Lexicon) -> Vec<Mention> {
    let g = Gazetteer::get();
    let body: String = text.chars.iter().collect();
    let mut out: Vec<Mention> = Vec::new();
    for hit in g.find(&body) {
        if lex.not_names.contains(&hit.form) {
            continue;
        }
        let level = hit.candidates.iter().map(|&c| g.divisions[c].level).min().unwrap_or(3);
        // A town name must start a word: 铺镇 inside 递铺镇 is not the town 铺镇.
        if level >= 4 {
            let before = hit.start.checked_sub(1).map(|k| text.chars[k]);
            let clean_start = before.is_none_or(|c| !is_han(c) || is_function_char(c))
                || out.iter().any(|m| m.end == hit.start);
            if !text.is_boundary(hit.start) || hit.end - hit.start <= 2 && !clean_start {
                continue;
            }
        }
        if !hit.full {
            let aligned = text.is_boundary(hit.start) && text.is_boundary(hit.end);
            let before_body = lex.org_suffix_at(&text.chars, hit.end).is_some_and(|s| s.0.chars().count() > 1);
            let tag_ok = level < 3
                || text
                    .token_starting(hit.start)
                    .is_some_and(|t| t.end == hit.end && t.tag.starts_with("ns"));
            if !(aligned && tag_ok || before_body) {
                continue;
            }
        }
        out.push(Mention {
            entity_type: EntityType::Place,
            start: hit.start,
            end: hit.end,
            name: hit.form.clone(),
            detail: Detail::Place {
                level,
                candidates: hit.candidates.clone(),
            },
        });
    }
    // A county named only by its short form (安吉) counts when the article names a place
    // above it; otherwise an ordinary word (振兴, 新城) is taken for a far-away district.
    let named: Vec<usize> = out
        .iter()
        .filter_map(|m| match &m.detail {
            Detail::Place { candidates, .. } => Some(candidates.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    out.retain(|m| match &m.detail {
        Detail::Place { level, candidates } if *level >= 3 && !g.lookup(&m.name).is_empty() && !candidates.iter().any(|&c| g.divisions[c].name == m.name) => {
            candidates.iter().any(|&c| {
                g.ancestors(c).iter().any(|a| named.contains(a))
                    || body.contains(g.divisions[c].name)
            })
        }
        _ => true,
    });
    // Towns and villages: a word ending in a level suffix, or a word followed by one.
    let chars = &text.chars;
    let mut i = 0;
    while i < chars.len() {
        let Some((suffix, level)) = PLACE_SUFFIXES.iter().find(|(s, _)| starts_with_at(chars, i, s)) else {
            i += 1;
            continue;
        };
        let end = i + suffix.chars().count();
        let covered = out.iter().any(|m| m.start < end && i < m.end);
        let start = if covered { None } else { place_name_start(text, lex, &out, i, end) };
        // A town or village the gazetteer does not know needs its shape confirmed: in an
        // address chain, or closed by punctuation, a body or a title (距离镇中心 is no town).
        let confirmed = |start: usize, known: bool| {
            known
                || out.iter().any(|m| m.end == start)
                || end >= chars.len()
                || !is_han(chars[end])
                || lex.org_suffix_at(chars, end).is_some()
                || lex.title_at(chars, end).is_some()
                || "和与及、".contains(chars[end])
        };
        if let Some(start) = start {
            let name: String = text.slice(start, end);
            // Towns and villages the gazetteer knows by this name (any number, or none:
            // 草塔镇 was merged away and stays a place without a code).
            let candidates: Vec<usize> = g
                .lookup(&name)
                .into_iter()
                .filter(|&c| g.divisions[c].level == *level || *level >= 4 && g.divisions[c].level >= 4)
                .collect();
            if !confirmed(start, !candidates.is_empty()) {
                i = end;
                continue;
            }
            out.push(Mention {
                entity_type: EntityType::Place,
                start,
                end,
                name,
                detail: Detail::Place {
                    level: *level,
                    candidates,
                },
            });
        }
        i = end;
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Where the name of a town or village whose suffix is at `[i, end)` starts, if it is one.
fn place_name_start(text: &Text, lex: &Lexicon, found: &[Mention], i: usize, end: usize) -> Option<usize> {
    let chars = &text.chars;
    // The suffix must close a word: 村委会 and 乡村 are not villages.
    let tail_ok = text.is_boundary(end)
        || lex.org_suffix_at(chars, end).is_some()
        || lex.title_at(chars, end).is_some()
        || end < chars.len() && (is_break(chars[end]) || chars[end] == '和');
    // Directly after another place (安吉县递铺街道鲁家村), the name runs back to it.
    let this_level = PLACE_SUFFIXES.iter().find(|(s, _)| starts_with_at(chars, i, s)).map_or(5, |p| p.1);
    let chained = found
        .iter()
        .filter(|m| m.end <= i && i - m.end >= 2 && i - m.end <= 4)
        .filter(|m| matches!(m.detail, Detail::Place { level, .. } if level < this_level))
        .max_by_key(|m| m.end);
    if !tail_ok && chained.is_none() || lex.org_suffix_at(chars, i).is_some_and(|s| s.0.chars().count() > 1) {
        return None;
    }
    let start = if let Some(prev) = chained.filter(|m| (m.end..i).all(|k| is_han(chars[k]))) {
        prev.end
    } else {
        // A common word ending in the suffix (农村, 山村) is no place; a longer word that
        // jieba knows as a whole (某家村) is one.
        let holder = &text.tokens[text.token_at[i]];
        if holder.start < i && lex.not_names.contains(&text.slice(holder.start, holder.end)) {
            // 农民农村 is no place; a town cut as X/全镇 is one.
            let before = holder.start.checked_sub(1).map(|k| &text.tokens[text.token_at[k]]);
            if !before.is_some_and(|b| b.end - b.start == 1 && is_han(chars[b.start]) && !is_function_char(chars[b.start])) {
                return None;
            }
        }
        // Otherwise take the word(s) before the suffix: 2-3 chars, no function words.
        let tok = text.token_ending(end).filter(|t| t.end - t.start >= end - i + 2);
        match tok {
            Some(t) if t.end - t.start <= end - i + 3 => t.start,
            _ => {
                let ok = |len: usize| {
                    i >= len
                        && (i - len..i).all(|k| is_han(chars[k]) && !is_function_char(chars[k]))
                        && text.is_boundary(i - len)
                        && (i - len..i).all(|k| {
                            let tag = text.tokens[text.token_at[k]].tag.as_str();
                            !(tag.starts_with('v') || matches!(tag, "a" | "ad" | "d" | "p" | "m" | "t"))
                        })
                        && !(i > len && chars[i - len - 1].is_ascii_digit())
                };
                match [3, 2].into_iter().find(|&l| ok(l)) {
                    Some(l) => i - l,
                    None => return None,
                }
            }
        }
    };
    let name_len = i - start;
    if !(2..=4).contains(&name_len) {
        return None;
    }
    let stem: String = text.slice(start, i);
    let word: String = text.slice(start, end);
    let first = chars[start];
    if stem.chars().any(|c| !is_han(c) || is_function_char(c))
        || lex.not_names.contains(&word)
        || lex.not_names.contains(&stem)
        || word.ends_with("乡村")
        || "一二三四五六七八九十两多几".contains(first)
        || lex.title_ending_at(chars, i).is_some()
        || start > 0 && "个座"
            .contains(chars[start - 1])
    {
        return None;
    }
    Some(start)
}

/// Organisations: a place, a body or a level word followed by an organisation ending
/// (宁波市委, 市委宣传部, 村委会), named enterprises and media (…集团, …日报), congresses
/// (党的十九大, 市党代会), the credited source and `X记者` press bodies.
pub fn organisations(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut i = 0;
    while i < chars.len() {
        if let Some(m) = congress_at(text, i) {
            i = m.end;
            mentions.push(m);
            continue;
        }
        let Some((suffix, kind)) = lex.org_suffix_at(chars, i).cloned() else {
            i += 1;
            continue;
        };
        let end = i + suffix.chars().count();
        let closes = text.is_boundary(end)
            || lex.title_at(chars, end).is_some()
            || lex.org_suffix_at(chars, end).is_some()
            || end < chars.len() && is_break(chars[end]);
        // 村委会办公室里: an office followed by a locative is a room, not a body.
        let room = suffix == "办公室" && text.token_starting(end).is_some_and(|t| t.tag == "f");
        if !closes || room {
            i += 1;
            continue;
        }
        let single = suffix.chars().count() == 1;
        let prev_org = mentions
            .iter()
            .rposition(|m| m.entity_type == EntityType::Organisation && m.end == i);
        // An ordinal may stand between the place and the ending: 宁波市第十四次党代会.
        let before_ordinal = ordinal_start(chars, i).unwrap_or(i);
        let prev_place = mentions
            .iter()
            .rposition(|m| m.entity_type == EntityType::Place && m.end == before_ordinal);
        let mention = if let Some(p) = prev_org.filter(|_| sub_body(kind)) {
            Some(Mention {
                entity_type: EntityType::Organisation,
                start: mentions[p].start,
                end,
                name: format!("{}{}", mentions[p].name, suffix),
                detail: Detail::Organisation {
                    kind,
                    seat: None,
                    parent: Some(p),
                    context_level: None,
                },
            })
        } else if let Some(p) = prev_place {
            Some(Mention {
                entity_type: EntityType::Organisation,
                start: mentions[p].start,
                end,
                name: format!("{}{}", mentions[p].name, text.slice(before_ordinal, end)),
                detail: Detail::Organisation {
                    kind,
                    seat: Some(p),
                    parent: None,
                    context_level: None,
                },
            })
        } else if kind == OrgKind::Congress && i >= 2 && starts_with_at(chars, i - 2, "全国") {
            // National bodies: 全国人大, 全国政协.
            Some(Mention::body(kind, i - 2, end, text.slice(i - 2, end)))
        } else if let Some((start, level)) = level_word_before(text, i, &suffix) {
            Some(Mention {
                entity_type: EntityType::Organisation,
                start,
                end,
                name: text.slice(start, end),
                detail: Detail::Organisation {
                    kind,
                    seat: None,
                    parent: None,
                    context_level: Some(level),
                },
            })
        } else if let Some(p) = listed_body_before(text, lex, mentions, i).filter(|_| sub_body(kind)) {
            // 市委常委、组织部部长: a bare department in an apposition list belongs to the
            // body named in the item before it.
            Some(Mention {
                entity_type: EntityType::Organisation,
                start: i,
                end,
                name: format!("{}{}", mentions[p].name, suffix),
                detail: Detail::Organisation {
                    kind,
                    seat: None,
                    parent: Some(p),
                    context_level: None,
                },
            })
        } else if !single && named_kind(kind) {
            named_prefix(text, lex, i).map(|start| Mention::body(kind, start, end, strip_quotes(&text.slice(start, end))))
        } else {
            None
        };
        match mention {
            Some(m) => {
                i = end;
                mentions.push(m);
            }
            None => i += 1,
        }
    }
    press_bodies(text, lex, mentions);
}

/// In `A常委、组织部部长`, the body (A) of the list item before position `i`.
fn listed_body_before(text: &Text, lex: &Lexicon, mentions: &[Mention], i: usize) -> Option<usize> {
    let chars = &text.chars;
    if i == 0 || chars[i - 1] != '、' {
        return None;
    }
    let title = lex.title_ending_at(chars, i - 1)?;
    let t_start = i - 1 - title.word.chars().count();
    mentions
        .iter()
        .rposition(|m| m.entity_type == EntityType::Organisation && m.end == t_start)
}

/// Kinds of ending that can hang off another body (市委 + 组织部, 集团 + 党委).
fn sub_body(kind: OrgKind) -> bool {
    matches!(kind, OrgKind::Party | OrgKind::Department | OrgKind::Delegation)
}

/// Kinds that can be named by a plain word before the ending (宏达 + 集团).
fn named_kind(kind: OrgKind) -> bool {
    matches!(
        kind,
        OrgKind::Enterprise | OrgKind::Media | OrgKind::School | OrgKind::Other | OrgKind::Party
    )
}

/// `村委会`, `县委`, `市第十四次党代会`, `村党支部`: a level word (and an ordinal) before
/// the ending; returns where the name starts and the level of place it needs.
fn level_word_before(text: &Text, i: usize, suffix: &str) -> Option<(usize, u8)> {
    let chars = &text.chars;
    let level_of = |c: char| match c {
        '省' => Some(1),
        '市' => Some(2),
        '县' | '区' => Some(3),
        '镇' | '乡' => Some(4),
        '村' => Some(5),
        _ => None,
    };
    if matches!(suffix, "村委会" | "村民委员会") {
        return Some((i, 5));
    }
    if matches!(suffix, "居委会" | "居民委员会") {
        return Some((i, 5));
    }
    // An ordinal between the level word and the ending: 市第十四次党代会.
    let k = ordinal_start(chars, i).unwrap_or(i);
    let c = *chars.get(k.checked_sub(1)?)?;
    let level = level_of(c)?;
    // The level word must stand alone (县委, 任村党支部书记), not end a name (安吉县委, which
    // the place rule takes): the segmenter cuts before it.
    if k >= 2 && is_han(chars[k - 2]) && !is_function_char(chars[k - 2]) && !text.is_boundary(k - 1) {
        return None;
    }
    Some((k - 1, level))
}

/// Where `第…次` ending just before `i` starts, if it does.
fn ordinal_start(chars: &[char], i: usize) -> Option<usize> {
    if i < 3 || chars[i - 1] != '次' {
        return None;
    }
    let mut s = i - 1;
    while s > 0 && "一二三四五六七八九十百".contains(chars[s - 1]) {
        s -= 1;
    }
    (s > 0 && chars[s - 1] == '第' && s < i - 1).then(|| s - 1)
}

/// The start of a name written as plain words before an ending (宏达集团, 江苏宏达食品股份
/// 有限公司, “红旗”乡镇联合党委): nouns back to a verb, a function word or a break.
fn named_prefix(text: &Text, lex: &Lexicon, i: usize) -> Option<usize> {
    let chars = &text.chars;
    let mut start = i;
    let mut words = 0;
    while start > 0 && words < 4 && i - start < 10 {
        let c = chars[start - 1];
        if c == '”' || c == '"' {
            // A quoted name part: take it whole.
            let open = (0..start - 1).rev().take(12).find(|&k| chars[k] == '“' || chars[k] == '"')?;
            start = open;
            words += 1;
            continue;
        }
        if !is_han(c) && !c.is_ascii_alphanumeric() {
            break;
        }
        let t = &text.tokens[text.token_at[start - 1]];
        let word = text.slice(t.start, start);
        let numeral = word.chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几".contains(c));
        let nounish = !numeral
            && (!t.tag.starts_with('v') || t.tag == "vn")
            && !["p", "c", "u", "uj", "ul", "d", "r", "q", "f", "y", "e", "o", "w", "a", "ad"].contains(&t.tag.as_str());
        // A brand after a place is often cut as a verb (江苏/宏达/食品): keep it.
        let brand_after_place = t.tag.starts_with('v')
            && t.start > 0
            && text.tokens[text.token_at[t.start - 1]].tag == "ns"
            && Lexicon::word_at(&lex.proposal_verbs, chars, t.start).is_none();
        if !(nounish || brand_after_place) || word.chars().any(is_function_char) || lex.not_names.contains(&word) {
            break;
        }
        if lex.title_ending_at(chars, start).is_some() || lex.org_suffix_at(chars, t.start).is_some_and(|s| s.0.chars().count() > 1) {
            break;
        }
        start = t.start;
        words += 1;
    }
    let name = text.slice(start, i);
    let han = name.chars().filter(|&c| is_han(c)).count();
    (han >= 2 && !lex.not_names.contains(&name)).then_some(start)
}

/// Congresses named by number: 党的十九大, 中共十九大, 十九大 (before 代表), and in full:
/// 中国共产党第十九次全国代表大会 (→ 党的十九大).
fn congress_at(text: &Text, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    if let Some(m) = full_congress_at(text, i).or_else(|| session_at(text, i)) {
        return Some(m);
    }
    let numerals = "一二三四五六七八九十";
    if !numerals.contains(*chars.get(i)?) || i > 0 && numerals.contains(chars[i - 1]) {
        return None;
    }
    let mut k = i;
    while k < chars.len() && numerals.contains(chars[k]) {
        k += 1;
    }
    if k - i < 2 || chars.get(k) != Some(&'大') {
        return None;
    }
    let end = k + 1;
    let number: String = text.slice(i, k);
    let start = if i >= 2 && (starts_with_at(chars, i - 2, "党的") || starts_with_at(chars, i - 2, "中共")) {
        i - 2
    } else if starts_with_at(chars, end, "代表") {
        i
    } else {
        return None;
    };
    Some(Mention::body(OrgKind::Congress, start, end, format!("党的{number}大")))
}

/// `中国共产党第十九次全国代表大会`, `中共第十九次全国代表大会`: the party's national congress in full.
fn full_congress_at(text: &Text, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    let party = ["中国共产党", "中共"].into_iter().find(|p| starts_with_at(chars, i, p))?;
    let mut k = i + party.chars().count();
    if !starts_with_at(chars, k, "第") {
        return None;
    }
    k += 1;
    let n_start = k;
    while k < chars.len() && "一二三四五六七八九十".contains(chars[k]) {
        k += 1;
    }
    if k == n_start || !starts_with_at(chars, k, "次全国代表大会") {
        return None;
    }
    let number = text.slice(n_start, k);
    Some(Mention::body(OrgKind::Congress, i, k + "次全国代表大会".chars().count(), format!("党的{number}大")))
}

/// A session of a national congress: 十四届全国人大二次会议, 十四届全国政协二次会议.
fn session_at(text: &Text, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    let numerals = "一二三四五六七八九十";
    let run = |mut k: usize| {
        let s = k;
        while k < chars.len() && numerals.contains(chars[k]) {
            k += 1;
        }
        (k > s).then_some(k)
    };
    if i > 0 && numerals.contains(chars[i - 1]) {
        return None;
    }
    let k = run(i)?;
    if chars.get(k) != Some(&'届') {
        return None;
    }
    let body = ["全国人民代表大会", "全国人大", "全国政协"].into_iter().find(|b| starts_with_at(chars, k + 1, b))?;
    let k = run(k + 1 + body.chars().count())?;
    if !starts_with_at(chars, k, "次会议") {
        return None;
    }
    let end = k + 3;
    Some(Mention::body(OrgKind::Congress, i, end, text.slice(i, end).replace("全国人民代表大会", "全国人大")))
}

/// The credited source (`来源:宁波日报`) and `X记者` bodies (中新社记者) are media.
fn press_bodies(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found = Vec::new();
    // The text is width-folded, so the full-width colon reads as ':'.
    {
        let label = "来源:";
        let label_chars: Vec<char> = label.chars().collect();
        for i in 0..chars.len().saturating_sub(label_chars.len()) {
            if chars[i..i + label_chars.len()] != label_chars[..] {
                continue;
            }
            let start = i + label_chars.len();
            let mut end = start;
            while end < chars.len() && !chars[end].is_whitespace() && !is_break(chars[end]) {
                end += 1;
            }
            if end - start >= 2 {
                found.push((start, end));
            }
        }
    }
    for i in 0..chars.len() {
        if !starts_with_at(chars, i, "记者") {
            continue;
        }
        // The press body is the word right before 记者 when it ends like one (社, 报, 网, 台).
        if let Some(t) = text.token_ending(i) {
            let word = text.slice(t.start, t.end);
            let ends_like_press = word.ends_with('社') || word.ends_with('报') || word.ends_with('台') || word.ends_with('网');
            if ends_like_press && word.chars().count() >= 2 && !lex.not_names.contains(&word) {
                found.push((t.start, t.end));
            }
        }
    }
    // Datelines: 中新社南京5月9日电 — a press word, a place, a date.
    for m in mentions.iter().filter(|m| m.entity_type == EntityType::Place) {
        if let Some(t) = text.token_ending(m.start) {
            let word = text.slice(t.start, t.end);
            let press = word.ends_with('社') || word.ends_with('报') || word.ends_with('台');
            if press && word.chars().count() >= 2 && chars.get(m.end).is_some_and(|c| c.is_ascii_digit()) {
                found.push((t.start, t.end));
            }
        }
    }
    for (start, end) in found {
        if mentions.iter().any(|m| m.start < end && start < m.end && m.entity_type == EntityType::Organisation) {
            continue;
        }
        mentions.push(Mention::body(OrgKind::Media, start, end, text.slice(start, end)));
    }
}

/// People: names next to titles (before or after, with 代表 and 同志), before verbs of
/// saying, in bylines and in lists after one of those (`记者刘大海、孙丽`).
pub fn people(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<(usize, usize)> = Vec::new();
    let taken = |mentions: &Vec<Mention>, s: usize, e: usize| {
        mentions.iter().any(|m| m.start < e && s < m.end && m.entity_type != EntityType::Person)
    };
    for i in 0..chars.len() {
        // After a title (and an optional colon or space): 部长李明华, 记者 周小明, 编辑:孙丽.
        if lex.title_ending_at(chars, i).is_some() {
            let mut s = i;
            while s < chars.len() && (chars[s] == ' ' || chars[s] == ':') {
                s += 1;
            }
            if let Some(len) = name_after(text, lex, s) {
                found.push((s, s + len));
            }
        }
        // Before a title, 同志 or a verb of saying: 李明华代表, 张三同志, 赵国强说.
        let follows = lex.title_at(chars, i).map(|t| t.word.chars().count())
            .or_else(|| starts_with_at(chars, i, "同志").then_some(2))
            .or_else(|| Lexicon::word_at(&lex.speech_verbs, chars, i).map(|w| w.chars().count()));
        if follows.is_some() {
            for len in [3, 2, 4] {
                if i < len {
                    continue;
                }
                let s = i - len;
                let left_ok = s == 0 || is_break(chars[s - 1]) || !is_han(chars[s - 1]) || text.is_boundary(s)
                    && (lex.title_ending_at(chars, s).is_some() || is_function_char(chars[s - 1]) || "在据对".contains(chars[s - 1]));
                if left_ok && is_name(text, lex, s, i) && name_token_ok(text, s, i) {
                    found.push((s, i));
                    break;
                }
            }
        }
    }
    // Names jieba tags as personal names (nr), when they also pass the name rules: a family
    // name, three Han characters, no function words, no title or locative inside, and a word
    // boundary after them. jieba's tag alone is not trusted (从严治党/nr).
    for t in &text.tokens {
        let len = t.end - t.start;
        // Three characters only: two-character nr tags are mostly words (田园, 雷同).
        if !(t.tag == "nr" || t.tag == "nrfg") || len != 3 {
            continue;
        }
        let next_ok = t.end >= chars.len()
            || !is_han(chars[t.end])
            || text.token_starting(t.end).is_some_and(|n| !(n.tag == "f" || n.tag.starts_with('n') && n.end - n.start == 1));
        if next_ok && is_name(text, lex, t.start, t.end) && !found.contains(&(t.start, t.end)) {
            found.push((t.start, t.end));
        }
    }
    // Lists: a name, then 、 and another name.
    let mut k = 0;
    while k < found.len() {
        let (_, e) = found[k];
        if e < chars.len() && chars[e] == '、' {
            if let Some(len) = name_after(text, lex, e + 1) {
                if !found.contains(&(e + 1, e + 1 + len)) {
                    found.push((e + 1, e + 1 + len));
                }
            }
        }
        k += 1;
    }
    // Bylines: 记者 李攀 周小明 — names separated by spaces after a press title.
    let snapshot = found.clone();
    for (_, e) in snapshot {
        let mut s = e;
        while s < chars.len() && chars[s] == ' ' {
            s += 1;
        }
        if s > e && s < chars.len() {
            if let Some(len) = name_after(text, lex, s) {
                let before_title = (e..s).all(|k| chars[k] == ' ');
                if before_title && !found.contains(&(s, s + len)) && lex.title_at(chars, s).is_none() {
                    found.push((s, s + len));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    for (s, e) in found {
        if taken(mentions, s, e) || mentions.iter().any(|m| m.entity_type == EntityType::Person && m.start < e && s < m.end) {
            continue;
        }
        mentions.push(Mention {
            entity_type: EntityType::Person,
            start: s,
            end: e,
            name: text.slice(s, e),
            detail: Detail::Person,
        });
    }
    // A family name with a title (王部长, 李书记) is the one person of that family name.
    let people_found: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
        .map(|m| m.name.clone())
        .collect();
    for i in 0..chars.len() {
        let Some(title) = lex.title_at(chars, i + 1) else { continue };
        if title.kind == TitleKind::Press || title.word == "代表" {
            continue;
        }
        let family = chars[i].to_string();
        let mut same: Vec<&String> = people_found.iter().filter(|n| n.starts_with(&family)).collect();
        same.sort();
        same.dedup();
        let end = i + 1 + title.word.chars().count();
        let free = !mentions.iter().any(|m| m.start < end && i < m.end);
        let left_ok = i == 0 || !is_han(chars[i - 1]) || text.is_boundary(i);
        if let ([name], true, true) = (same.as_slice(), free, left_ok) {
            mentions.push(Mention {
                entity_type: EntityType::Person,
                start: i,
                end,
                name: (*name).clone(),
                detail: Detail::Person,
            });
        }
    }
    // Every later bare occurrence of a found name is a mention too.
    let names: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Person)
        .map(|m| m.name.clone())
        .collect();
    for name in names {
        let n: Vec<char> = name.chars().collect();
        for i in 0..chars.len().saturating_sub(n.len() - 1) {
            if chars[i..i + n.len()] == n[..]
                && !mentions.iter().any(|m| m.start < i + n.len() && i < m.end)
                && !(i > 0 && is_han(chars[i - 1]) && !text.is_boundary(i))
            {
                mentions.push(Mention {
                    entity_type: EntityType::Person,
                    start: i,
                    end: i + n.len(),
                    name: name.clone(),
                    detail: Detail::Person,
                });
            }
        }
    }
}

/// The length of a personal name starting at `s`, if one does: 3 chars, then 2 (4 for a
/// compound family name), the one whose end falls where a name can end.
fn name_after(text: &Text, lex: &Lexicon, s: usize) -> Option<usize> {
    let chars = &text.chars;
    for len in [3, 2, 4] {
        let e = s + len;
        if e > chars.len() || !is_name(text, lex, s, e) {
            continue;
        }
        // 总书记关怀下: a word before a locative is not a name.
        if text.token_starting(e).is_some_and(|t| t.tag == "f" && t.end == e + 1) {
            continue;
        }
        // 赵国强参加: jieba leaves the last given-name character on its own.
        let loose_third = len == 3
            && text.is_boundary(e)
            && text.tokens[text.token_at[e - 1]].end - text.tokens[text.token_at[e - 1]].start == 1
            && text.tokens[text.token_at[e - 1]].start == e - 1;
        // After a title, a verb closes the name (委员张海洋提交), however jieba cut the name.
        let verb_follows = text.is_boundary(e) && text.token_starting(e).is_some_and(|t| t.tag.starts_with('v'));
        let ends = e == chars.len()
            || loose_third
            || verb_follows && len == 3
            || is_break(chars[e])
            || !is_han(chars[e])
            || lex.title_at(chars, e).is_some()
            || starts_with_at(chars, e, "同志")
            || Lexicon::word_at(&lex.speech_verbs, chars, e).is_some()
            || "率向在和与等也又还就是到对带讲".contains(chars[e]) && text.is_boundary(e)
            || text.is_boundary(e) && text.token_starting(s).is_some_and(|t| t.end == e && t.tag.starts_with("nr"));
        if ends && (len != 2 || name_token_ok(text, s, e) || e == chars.len() || is_break(chars[e]) || lex.title_at(chars, e).is_some() || Lexicon::word_at(&lex.speech_verbs, chars, e).is_some()) {
            return Some(len);
        }
    }
    None
}

/// A name must not split a longer word jieba is sure of (a 2-char "name" inside 赵国强).
fn name_token_ok(text: &Text, _s: usize, e: usize) -> bool {
    text.tokens[text.token_at[e - 1]].end <= e || !text.tokens[text.token_at[e - 1]].tag.starts_with("nr")
}

/// `[s, e)` looks like a personal name: a family name, Han characters, no function words.
fn is_name(text: &Text, lex: &Lexicon, s: usize, e: usize) -> bool {
    let chars = &text.chars;
    if e > chars.len() || e - s < 2 || e - s > 4 {
        return false;
    }
    let name: String = text.slice(s, e);
    let family_len = if e - s >= 3 && lex.surnames.contains(&text.slice(s, s + 2)) {
        2
    } else if lex.surnames.contains(&text.slice(s, s + 1)) {
        1
    } else {
        return false;
    };
    if e - s == 4 && family_len != 2 {
        return false;
    }
    if s > 0 && chars[s - 1].is_ascii_digit() {
        return false;
    }
    // A verb jieba is sure of (强调, 关怀) is no name.
    let first_token = &text.tokens[text.token_at[s]];
    if first_token.start == s && first_token.end - first_token.start >= 2 && first_token.end < e && first_token.tag.starts_with('v') {
        return false;
    }
    if Lexicon::word_at(&lex.speech_verbs, chars, s).is_some() || Lexicon::word_at(&lex.proposal_verbs, chars, s).is_some() {
        return false;
    }
    // Names do not end in a locative (关怀下, 会上).
    if "下上中里内外前后时".contains(chars[e - 1]) {
        return false;
    }
    let given = &chars[s + family_len..e];
    !name.chars().any(|c| !is_han(c) || is_function_char(c))
        && !lex.not_names.contains(&name)
        && !given.iter().any(|&c| "省市县区镇乡村委会党部局厅处科社报网团队组说讲表示".contains(c))
        && (s + 1..e).all(|k| lex.title_at(chars, k).is_none())
        && lex.org_suffix_at(chars, s).is_none()
}

/// Initiatives: quoted names that a programme word follows or a proposal verb precedes
/// (推进“三个一号工程”, “智慧村社”应用), and programme noun phrases after a proposal verb
/// (构建…的现代产业体系).
pub fn initiatives(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    // Quoted names.
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '“' {
            i += 1;
            continue;
        }
        let Some(close) = (i + 1..chars.len().min(i + 16)).find(|&k| chars[k] == '”') else {
            i += 1;
            continue;
        };
        let inner: String = text.slice(i + 1, close);
        let inner_chars: Vec<char> = inner.chars().collect();
        let plain = inner_chars.len() >= 2
            && inner_chars.iter().all(|&c| !matches!(c, ',' | '。' | '!' | '?' | ';' | ':' | '、'));
        let head_after = Lexicon::word_at(&lex.initiative_heads, chars, close + 1);
        // “幸福家园”建设: a quoted name being built is a programme too.
        let built = starts_with_at(chars, close + 1, "建设");
        // After a verb, the quote must be the whole object (推进“三个一号工程”,), not the start of
        // a longer phrase (健全“两新”组织…机制), which the phrase rule takes.
        let whole_object = chars.get(close + 1).is_none_or(|&c| !is_han(c) || "的和与及".contains(c));
        let verb_before = whole_object
            && (Lexicon::word_ending_at(&lex.proposal_verbs, chars, i).is_some()
                || i >= 1 && Lexicon::word_ending_at(&lex.proposal_verbs, chars, i - 1).is_some() && chars[i - 1] == '了');
        let org_after = lex.org_suffix_at(chars, close + 1).is_some()
            || mentions.iter().any(|m| m.entity_type == EntityType::Organisation && m.start <= i && m.end > close);
        if plain && !org_after && (head_after.is_some() || verb_before || built) {
            let mut name = strip_verbs(lex, &inner);
            // The head belongs to the name when the quote alone says little (“141”体系).
            let bare = name.chars().count() <= 2 || name.chars().all(|c| c.is_ascii_alphanumeric());
            if let Some(h) = head_after.filter(|h| *h == "模式" || *h == "工程" || bare) {
                name.push_str(h);
            }
            if name.chars().count() >= 2 {
                let end = close + 1 + head_after.map_or(0, |h| h.chars().count());
                found.push((i, end, name));
            }
        } else if plain && !org_after && inner_chars.len() >= 4 {
            // A quoted verb phrase: “大力实施科教兴国战略” names what it implements.
            if let Some(name) = programme_in_quote(lex, &inner) {
                found.push((i, close + 1, name));
            }
        }
        i = close + 1;
    }
    // Programme noun phrases after a proposal verb.
    for i in 0..chars.len() {
        let Some(head) = Lexicon::word_at(&lex.initiative_heads, chars, i) else {
            continue;
        };
        let end = i + head.chars().count();
        if end < chars.len() && is_han(chars[end]) && !text.is_boundary(end) {
            continue;
        }
        // The phrase must end here: 联盟模式 ends at 模式, 项目投资 is no programme.
        if Lexicon::word_at(&lex.initiative_heads, chars, end).is_some()
            || end < chars.len() && is_han(chars[end]) && !"的和与及建等".contains(chars[end])
        {
            continue;
        }
        if found.iter().any(|f| f.0 < end && i < f.1) {
            continue;
        }
        if let Some(start) = phrase_start(text, lex, mentions, i) {
            let name = strip_quotes(&text.slice(start, end));
            // 重要经营战略, 重大项目: a generic modifier makes a category, not a name.
            let first_word = text.tokens[text.token_at[start]].clone();
            if lex.generic_modifiers.contains(&text.slice(first_word.start, first_word.end)) {
                continue;
            }
            if name.chars().count() > head.chars().count() + 1 {
                found.push((start, end, name));
            }
        }
    }
    // Fixed phrases the segmenter knows as proper terms (tag nz, four characters or more)
    // that the article repeats: slogans and policies written without quotes.
    let pattern_found = found.len();
    let mut terms: std::collections::HashMap<String, Vec<(usize, usize)>> = std::collections::HashMap::new();
    for t in &text.tokens {
        let word = text.slice(t.start, t.end);
        if t.tag == "nz"
            && t.end - t.start >= 4
            && word.chars().all(is_han)
            && lex.titles.iter().all(|x| !word.ends_with(x.word.as_str()))
            && lex.org_suffix_at(chars, t.end - 1).is_none()
            && !mentions.iter().any(|m| m.start <= t.start && t.end <= m.end)
        {
            terms.entry(word).or_default().push((t.start, t.end));
        }
    }
    for (word, spans) in terms {
        if spans.len() >= 2 {
            for (s, e) in spans {
                if !found.iter().any(|f| f.0 < e && s < f.1) {
                    found.push((s, e, word.clone()));
                }
            }
        }
    }
    let slogans: Vec<String> = found[pattern_found..].iter().map(|f| f.2.clone()).collect();
    found.sort();
    found.dedup_by(|b, a| b.0 < a.1);
    for (start, end, name) in found {
        let slogan = slogans.contains(&name);
        mentions.push(Mention {
            entity_type: EntityType::Initiative,
            start,
            end,
            name,
            detail: Detail::Initiative { slogan },
        });
    }
}

/// Where the programme phrase ending at `head` starts: after the nearest proposal verb in
/// the same clause, past modifiers joined by 、 and 的 (构建A、B的现代产业体系 →
/// 现代产业体系). None when no proposal verb governs it.
fn phrase_start(text: &Text, lex: &Lexicon, mentions: &[Mention], head: usize) -> Option<usize> {
    let chars = &text.chars;
    let mut k = head;
    let mut start: Option<usize> = None;
    let mut in_quote = false;
    while k > 0 && head - k < 40 {
        let c = chars[k - 1];
        match c {
            '”' => in_quote = true,
            '“' => in_quote = false,
            _ => {}
        }
        if !in_quote {
            if Lexicon::word_ending_at(&lex.proposal_verbs, chars, k).is_some() {
                let mut s = start.unwrap_or(k);
                // Aspect particles after the verb (组建了, 探索好) are not part of the name.
                while s < head && "了着好起出过".contains(chars[s]) {
                    s += 1;
                }
                // A verb inside the name (文化建设高地) is not the one that governs it.
                if head - s >= 2 {
                    return Some(s);
                }
            }
            if matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '(' | ')') {
                return None;
            }
            // Modifiers joined by 的 or 、 and coordinated phrases (A和B) stay outside the name.
            if start.is_none() && matches!(c, '的' | '、' | '和' | '及' | '与') {
                start = Some(k);
            }
            if start.is_some_and(|s| s - k > 24) {
                return None;
            }
            if mentions.iter().any(|m| m.end == k && m.entity_type == EntityType::Organisation) {
                return None;
            }
        }
        k -= 1;
    }
    None
}

/// `大力实施科教兴国战略` → 科教兴国战略: the programme a quoted verb phrase names.
fn programme_in_quote(lex: &Lexicon, inner: &str) -> Option<String> {
    let chars: Vec<char> = inner.chars().collect();
    lex.initiative_heads.iter().find(|h| inner.ends_with(h.as_str()))?;
    (0..chars.len()).find_map(|k| {
        Lexicon::word_ending_at(&lex.proposal_verbs, &chars, k + 1)
            .map(|_| chars[k + 1..].iter().collect::<String>())
            .filter(|rest| rest.chars().count() >= 4)
    })
}

/// Drops leading proposal verbs and adverbs from a quoted name.
fn strip_verbs(lex: &Lexicon, inner: &str) -> String {
    let chars: Vec<char> = inner.chars().collect();
    let mut s = 0;
    for adverb in ["大力", "全面", "深入", "加快", "持续", "积极"] {
        if starts_with_at(&chars, s, adverb) && chars.len() > s + 4 {
            s += 2;
        }
    }
    if let Some(v) = Lexicon::word_at(&lex.proposal_verbs, &chars, s) {
        if chars.len() - s - v.chars().count() >= 2 {
            s += v.chars().count();
        }
    }
    chars[s..].iter().collect()
}

/// The name without quotation marks.
pub fn strip_quotes(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '《' | '》'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    fn run(s: &str) -> Vec<(EntityType, String)> {
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

    fn has(v: &[(EntityType, String)], t: EntityType, name: &str) -> bool {
        v.iter().any(|(tt, n)| *tt == t && n == name)
    }

    #[test]
    fn person_after_title_and_before_delegate() {
        let v = run("宁波市委常委、宣传部部长李明华代表说,要抓落实。");
        assert!(has(&v, EntityType::Person, "李明华"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "宁波市委"), "{v:?}");
        assert!(!has(&v, EntityType::Person, "李明"), "{v:?}");
    }

    #[test]
    fn byline_names_in_a_list() {
        let v = run("(记者 张小青 刘大海)本报讯");
        assert!(has(&v, EntityType::Person, "张小青"), "{v:?}");
        assert!(has(&v, EntityType::Person, "刘大海"), "{v:?}");
    }

    #[test]
    fn no_person_from_plain_words() {
        let v = run("全面深化改革永远在路上,各级党组织要深有体会。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Person), "{v:?}");
    }

    #[test]
    fn chained_address_gives_town_and_village() {
        let v = run("他来自安吉县递铺镇鲁家村。");
        assert!(has(&v, EntityType::Place, "安吉县"), "{v:?}");
        assert!(has(&v, EntityType::Place, "递铺镇"), "{v:?}");
        assert!(has(&v, EntityType::Place, "鲁家村"), "{v:?}");
    }

    #[test]
    fn generic_village_words_are_not_places() {
        let v = run("农村和乡村都要发展,全村人一起干。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Place), "{v:?}");
    }

    #[test]
    fn enterprise_and_party_committee() {
        let v = run("走进宏达集团党委,看看宏达集团的车间。");
        assert!(has(&v, EntityType::Organisation, "宏达集团"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "宏达集团党委"), "{v:?}");
    }

    #[test]
    fn quoted_and_phrase_initiatives() {
        let v = run("会议提出,加快推进“三个一号工程”,构建开放协同的现代产业体系。");
        assert!(has(&v, EntityType::Initiative, "三个一号工程"), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "现代产业体系"), "{v:?}");
        let v = run("交流机制不断完善。");
        assert!(v.iter().all(|(t, _)| *t != EntityType::Initiative), "{v:?}");
    }

    #[test]
    fn dateline_press_and_full_congress_names() {
        let v = run("中新社武汉6月1日电 会议精神传达到基层。");
        assert!(has(&v, EntityType::Organisation, "中新社"), "{v:?}");
        let v = run("中国共产党第十九次全国代表大会召开。");
        assert!(has(&v, EntityType::Organisation, "党的十九大"), "{v:?}");
    }

    #[test]
    fn repeated_fixed_terms_are_slogans_but_single_ones_are_not() {
        // jieba knows 伟大事业 as a proper term (nz).
        let v = run("要推进伟大事业。伟大事业要坚持。");
        assert!(has(&v, EntityType::Initiative, "伟大事业"), "{v:?}");
        let v = run("要推进伟大事业。");
        assert!(!has(&v, EntityType::Initiative, "伟大事业"), "{v:?}");
    }

    #[test]
    fn family_name_and_title_is_the_person_met_before() {
        let lex = Lexicon::builtin();
        let text = Segmenter::new(&lex).segment("宁波市委宣传部部长李明华说,要抓落实。李部长还表示,要推进改革。");
        let people: Vec<(usize, String)> = recognise(&text, &lex)
            .into_iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| (m.start, m.name))
            .collect();
        assert!(people.iter().any(|(s, n)| n == "李明华" && text.slice(*s, s + 3) == "李部长"), "{people:?}");
    }

    #[test]
    fn national_bodies() {
        let v = run("全国政协委员张海洋提交了提案。");
        assert!(has(&v, EntityType::Organisation, "全国政协"), "{v:?}");
        assert!(has(&v, EntityType::Person, "张海洋"), "{v:?}");
    }

    #[test]
    fn congress_sessions() {
        let v = run("十四届全国人大二次会议在北京开幕。");
        assert!(has(&v, EntityType::Organisation, "十四届全国人大二次会议"), "{v:?}");
    }

    #[test]
    fn numbered_congress() {
        let v = run("他是党的十九大代表。");
        assert!(has(&v, EntityType::Organisation, "党的十九大"), "{v:?}");
    }
}
