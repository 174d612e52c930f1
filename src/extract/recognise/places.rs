//! Places: gazetteer names and towns and villages by their level suffix.

use super::{is_function_char, Detail, Mention};
use crate::extract::lexicon::{starts_with_at, Lexicon, OrgKind};
use crate::extract::segment::{is_break, is_han, Text};
use crate::gazetteer::Gazetteer;
use crate::schema::EntityType;

const PLACE_SUFFIXES: [(&str, u8); 7] = [
    ("街道", 4),
    ("社区", 5),
    // A housing estate, only in an address chain (某街道某某花园小区): 老旧小区 is none.
    ("小区", 5),
    ("镇", 4),
    ("乡", 4),
    ("村", 5),
    ("县", 3),
];

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
        let level = hit
            .candidates
            .iter()
            .map(|&c| g.divisions[c].level)
            .min()
            .unwrap_or(3);
        // A town name must start a word: 铺镇 inside 递铺镇 is not the town 铺镇.
        if level >= 4 {
            let before = hit.start.checked_sub(1).map(|k| text.chars[k]);
            let clean_start = before.is_none_or(|c| !is_han(c) || is_function_char(c))
                || out.iter().any(|m| m.end == hit.start);
            // 中共谋道镇…: the party's name before a town, which the segmenter may cut into.
            let after_party = ["中共", "共产党"].iter().any(|p| {
                hit.start >= 2 && starts_with_at(&text.chars, hit.start - p.chars().count(), p)
            });
            // 为星/村镇: a preposition jieba glued to a town written in full.
            let glued_after_function = hit.full
                && hit.start > 0
                && is_function_char(text.chars[hit.start - 1])
                && text.token_starting(hit.start - 1).is_some();
            if !(text.is_boundary(hit.start) || after_party || glued_after_function)
                || hit.end - hit.start <= 2 && !clean_start && !after_party
            {
                continue;
            }
            // 发展乡村旅游: a town's name does not end inside a word of the dictionary (乡村);
            // the segmenter's guesses (罗阳/镇洲岭/村) prove nothing.
            let ends_inside_word = text
                .token_at
                .get(hit.end)
                .is_some_and(|&t| text.tokens[t].start < hit.end && text.tokens[t].known);
            if !text.is_boundary(hit.end) && ends_inside_word {
                continue;
            }
        }
        // 书记黄海昆说: after a title, a sea's or a region's name is a person's name's start
        // (a country's is the country's: 代表亚美尼亚政府).
        let feature = hit
            .candidates
            .iter()
            .all(|&c| g.divisions[c].kind == crate::gazetteer::PlaceKind::Region);
        // (代表 is a verb too: 分别代表亚洲、欧洲.)
        if feature
            && lex
                .title_ending_at(&text.chars, hit.start)
                .is_some_and(|t| !t.word.ends_with("代表"))
        {
            continue;
        }
        // “工业兴县”: a county's full name inside quotes, after words of the quote, ends a
        // slogan.
        let quoted_after_words = level == 3
            && hit.full
            && hit.start >= 2
            && is_han(text.chars[hit.start - 1])
            && !is_function_char(text.chars[hit.start - 1])
            && (hit.start.saturating_sub(8)..hit.start)
                .rev()
                .find(|&q| matches!(text.chars[q], '“' | '”' | '。'))
                .is_some_and(|q| text.chars[q] == '“' && q + 1 < hit.start)
            && text.chars.get(hit.end) == Some(&'”');
        if quoted_after_words {
            continue;
        }
        // A region's name after a character standing alone is part of a longer name: 东北 of
        // 闽东北, 西南 of 浙西南 (a province's part); 振兴东北 and 在东北 are the region.
        let region = hit
            .candidates
            .iter()
            .all(|&c| g.divisions[c].kind == crate::gazetteer::PlaceKind::Region);
        if region && hit.start > 0 {
            let before = text.chars[hit.start - 1];
            let alone = text.is_boundary(hit.start - 1);
            let joined = out.iter().any(|m| m.end == hit.start);
            if is_han(before) && !is_function_char(before) && alone && !joined {
                continue;
            }
        }
        // A county's full name starts a word too, unless a place runs into it: 南山区 inside
        // 皖南山区 (皖南 + 山区) is no district; 深圳南山区 is.
        if level == 3 && hit.full && !text.is_boundary(hit.start) {
            let before = hit.start.checked_sub(1).map(|k| text.chars[k]);
            let joined = out.iter().any(|m| m.end == hit.start);
            if before.is_some_and(|c| is_han(c) && !is_function_char(c)) && !joined {
                continue;
            }
        }
        if !hit.full {
            let aligned = text.is_boundary(hit.start) && text.is_boundary(hit.end);
            let before_body = lex
                .org_suffix_at(&text.chars, hit.end)
                .is_some_and(|s| s.0.chars().count() > 1);
            // (Or the article writes the place in full too: 安化县 … 安化/v.)
            let tag_ok = level < 3
                || text
                    .token_starting(hit.start)
                    .is_some_and(|t| t.end == hit.end && t.tag.starts_with("ns"))
                || hit
                    .candidates
                    .iter()
                    .any(|&c| body.contains(g.divisions[c].name));
            // 宁波鄞州: a county's short name right after its city's name is that county.
            let after_parent = out
                .last()
                .filter(|m| m.end == hit.start)
                .is_some_and(|m| match &m.detail {
                    Detail::Place {
                        candidates: parents,
                        ..
                    } => hit.candidates.iter().any(|&c| {
                        g.divisions[c]
                            .parent
                            .is_some_and(|p| parents.contains(&(p as usize)))
                    }),
                    _ => false,
                });
            if !(aligned && tag_ok || before_body || after_parent) {
                continue;
            }
        }
        // 中国华润·青溪湾: a name joined to another by a name dot is a brand, not the place;
        // 宁波东站: a city's name before a direction and 站 names a station.
        let chars = &text.chars;
        // (哈萨克斯坦的阿·德米特里延科: a function word between them parts the two.)
        let dot_follows = (hit.end..chars.len().min(hit.end + 5))
            .find(|&k| !is_han(chars[k]) || is_function_char(chars[k]))
            .is_some_and(|k| super::people::NAME_DOTS.contains(&chars[k]));
        let station = chars.get(hit.end).is_some_and(|c| "东南西北".contains(*c))
            && chars.get(hit.end + 1) == Some(&'站');
        if dot_follows || station {
            continue;
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
    // A local paper named after its county (来源:泰顺乡讯报) names the county too.
    let names_a_medium = |m: &Mention| {
        starts_with_at(&text.chars, m.start.saturating_sub(3), "来源:")
            || (m.end..text.chars.len().min(m.end + 5)).any(|k| {
                lex.org_suffix_at(&text.chars, k)
                    .is_some_and(|s| s.1 == OrgKind::Media)
            })
    };
    out.retain(|m| match &m.detail {
        Detail::Place { level, candidates }
            if *level >= 3
                && !g.lookup(&m.name).is_empty()
                && !candidates.iter().any(|&c| g.divisions[c].name == m.name) =>
        {
            names_a_medium(m)
                || candidates.iter().any(|&c| {
                    g.ancestors(c)
                        .iter()
                        .any(|a| g.divisions[*a].level > 0 && named.contains(a))
                        || body.contains(g.divisions[c].name)
                })
        }
        _ => true,
    });
    // Towns and villages: a word ending in a level suffix, or a word followed by one.
    let chars = &text.chars;
    let mut i = 0;
    while i < chars.len() {
        let Some((suffix, level)) = PLACE_SUFFIXES
            .iter()
            .find(|(s, _)| starts_with_at(chars, i, s))
        else {
            i += 1;
            continue;
        };
        let end = i + suffix.chars().count();
        // 孙村镇, 李村乡: a village's suffix that runs on into a town's names the town.
        if *level == 5 && ["镇", "乡"].iter().any(|s| starts_with_at(chars, end, s)) {
            i = end;
            continue;
        }
        let covered = out.iter().any(|m| m.start < end && i < m.end);
        let start = if covered {
            None
        } else {
            place_name_start(text, lex, &out, i, end)
        };
        // A town or village the gazetteer does not know needs its shape confirmed: in an
        // address chain, or closed by punctuation, a body or a title (距离镇中心 is no town).
        let confirmed = |start: usize, known: bool| {
            known
                || out.iter().any(|m| m.end == start)
                || end >= chars.len()
                || !is_han(chars[end])
                || lex.org_suffix_at(chars, end).is_some_and(|s| {
                    s.1.seated_in_place() && text.is_boundary(end + s.0.chars().count())
                })
                || lex.title_at(chars, end).is_some()
                || "和与及、".contains(chars[end])
        };
        // “工业强县、旅游活县”: a goal that ends in the level word (强县, 示范县) is no place.
        let goal = start.is_some_and(|st| {
            (st..i).any(|k| {
                lex.initiative_heads
                    .at(chars, k)
                    .is_some_and(|h| k + h.chars().count() == end)
            })
        });
        if goal {
            i = end;
            continue;
        }
        // 派出所社区民警: a body's ending before the level word names no place.
        let after_body = start.is_some_and(|st| {
            (st..i).any(|k| {
                lex.org_suffix_at(chars, k)
                    .is_some_and(|s| k + s.0.chars().count() == i && s.0.chars().count() > 1)
            })
        });
        if after_body {
            i = end;
            continue;
        }
        if let Some(start) = start {
            let name: String = text.slice(start, end);
            // Towns and villages the gazetteer knows by this name (any number, or none:
            // 草塔镇 was merged away and stays a place without a code).
            let candidates: Vec<usize> = g
                .lookup(&name)
                .into_iter()
                .filter(|&c| {
                    g.divisions[c].level == *level || *level >= 4 && g.divisions[c].level >= 4
                })
                .collect();
            if !confirmed(start, !candidates.is_empty()) {
                i = end;
                continue;
            }
            // “茶旅兴镇”, “竹旅富镇”目标: inside quotes, a name the gazetteer does not know is
            // a slogan's end, not a place.
            let in_slogan = (start.saturating_sub(12)..start + 1)
                .rev()
                .find(|&q| matches!(chars[q], '“' | '”' | '。' | '\n'))
                .is_some_and(|q| chars[q] == '“');
            if in_slogan && candidates.is_empty() {
                i = end;
                continue;
            }
            // (玉林 of 玉林北路社区: a place inside the name is the road's, no place.)
            out.retain(|m| !(start <= m.start && m.end <= i));
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
    written_again(text, &mut out);
    zones(text, &mut out);
    named_after_another_place(&mut out);
    trade_zone_areas(text, &mut out);
    abbreviations(text, lex, &mut out);
    out.sort_by_key(|m| m.start);
    out
}

/// What may follow a pair of one-character country names: 中美关系, 印巴两国, 日俄首脑.
const PAIR_FOLLOWERS: [&str; 28] = [
    "关系",
    "两国",
    "三国",
    "四国",
    "双方",
    "之间",
    "首脑",
    "高层",
    "领导人",
    "会谈",
    "会晤",
    "谈判",
    "合作",
    "友好",
    "建交",
    "联合",
    "战略",
    "贸易",
    "经贸",
    "边境",
    "和约",
    "三个",
    "峰会",
    "对话",
    "友谊",
    "和平",
    "加强",
    "两个",
];
/// Verbs of coming, going and dealing before a one-character place: 访华, 驻华大使, 在京会见.
const ABBREVIATION_VERBS: &str = "访来驻对在赴离进抵返回援助侵旅";

/// One-character names of countries and places: in a pair or list of them before a word of
/// relations (中美关系, 印巴两国, 中、阿建交), or after a verb of coming and going (访华,
/// 驻华大使, 在京会见) where the segmenter starts a new word after them.
fn abbreviations(text: &Text, lex: &Lexicon, out: &mut Vec<Mention>) {
    let g = Gazetteer::get();
    let chars = &text.chars;
    let abbr = |c: char| lex.place_abbreviations.get(&c);
    let free = |out: &Vec<Mention>, k: usize| !out.iter().any(|m| m.start <= k && k < m.end);
    let mut found: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // A run of abbreviations, perhaps joined by 、: 中美, 中美俄, 中、阿.
        let mut run = vec![];
        let mut k = i;
        while k < chars.len() && abbr(chars[k]).is_some() && free(out, k) {
            run.push(k);
            k += 1;
            if k + 1 < chars.len() && chars[k] == '、' && abbr(chars[k + 1]).is_some() {
                k += 1;
            }
        }
        let distinct = run.windows(2).all(|w| chars[w[0]] != chars[w[1]]);
        if run.len() >= 2
            && distinct
            && PAIR_FOLLOWERS.iter().any(|f| starts_with_at(chars, k, f))
            && (i == 0 || !is_han(chars[i - 1]) || text.is_boundary(i))
        {
            found.extend(&run);
            i = k;
            continue;
        }
        // After a verb of coming and going, the abbreviation ends a word.
        let c = chars[i];
        if c != '中'
            && abbr(c).is_some()
            && free(out, i)
            && i > 0
            && ABBREVIATION_VERBS.contains(chars[i - 1])
            // The verb is a word of its own (访华), not the end of one (推进新时代).
            && text.is_boundary(i - 1)
            && text.is_boundary(i + 1)
            && chars.get(i + 1).is_some_and(|n| is_han(*n))
        {
            found.push(i);
        }
        i += 1;
    }
    for k in found {
        let Some(full) = abbr(chars[k]) else { continue };
        let candidates = g.lookup(full);
        let level = candidates
            .iter()
            .map(|&c| g.divisions[c].level)
            .min()
            .unwrap_or(0);
        out.push(Mention {
            entity_type: EntityType::Place,
            start: k,
            end: k + 1,
            name: full.clone(),
            detail: Detail::Place { level, candidates },
        });
    }
}

/// Endings of development zones and parks, longest first.
pub(crate) const ZONE_SUFFIXES: [&str; 15] = [
    "高新技术产业开发区",
    "经济技术开发区",
    "高新技术开发区",
    "自由贸易试验区",
    "综合保税区",
    "经济开发区",
    "工业园区",
    "产业园区",
    "高新区",
    "经开区",
    "开发区",
    "保税区",
    "自贸区",
    "新区",
    "片区",
];

/// Development zones named after their place: 宁波 + 经济技术开发区, 安吉 + 经济开发区. The
/// zone is a place of its own (with its 管委会), inside the place its name starts with.
fn zones(text: &Text, out: &mut Vec<Mention>) {
    let g = Gazetteer::get();
    let chars = &text.chars;
    let mut i = 0;
    while i < chars.len() {
        let Some(suffix) = ZONE_SUFFIXES.iter().find(|s| starts_with_at(chars, i, s)) else {
            i += 1;
            continue;
        };
        let end = i + suffix.chars().count();
        // The place before: a mention ending here, or a county's or city's short name.
        let prefix = out
            .iter()
            .filter(|m| m.end == i && matches!(m.detail, Detail::Place { level: 1..=4, .. }))
            .map(|m| (m.start, m.name.clone()))
            .next()
            .or_else(|| {
                (2..=3).filter(|&l| i >= l).find_map(|l| {
                    let form = text.slice(i - l, i);
                    let known = g
                        .lookup(&form)
                        .iter()
                        .any(|&d| (1..=3).contains(&g.divisions[d].level));
                    (known && text.is_boundary(i - l)).then_some((i - l, form))
                })
            });
        if let Some((start, _)) = prefix {
            // The bare ending the gazetteer may have taken as a town (经济技术开发区) goes.
            out.retain(|m| !(m.start == i && m.end <= end));
            let name = text.slice(start, end);
            let candidates = g.lookup(&name);
            out.push(Mention {
                entity_type: EntityType::Place,
                start,
                end,
                name,
                detail: Detail::Place {
                    level: 4,
                    candidates,
                },
            });
            // A county named by its short name before the zone is that county.
            if !out.iter().any(|m| m.start == start && m.end < end) {
                let form = text.slice(start, i);
                let candidates = g.lookup(&form);
                if !candidates.is_empty() {
                    let level = candidates
                        .iter()
                        .map(|&c| g.divisions[c].level)
                        .min()
                        .unwrap_or(3);
                    out.push(Mention {
                        entity_type: EntityType::Place,
                        start,
                        end: i,
                        name: form,
                        detail: Detail::Place { level, candidates },
                    });
                }
            }
        }
        i = end;
    }
}

/// `某街道锦绣花园小区 … 锦绣花园小区党支部`: a housing estate, which only an address chain
/// vouches for, is that place wherever the article writes its name again.
fn written_again(text: &Text, out: &mut Vec<Mention>) {
    let chars = &text.chars;
    let found: Vec<Mention> = out
        .iter()
        .filter(|m| matches!(m.detail, Detail::Place { level: 5, .. }) && m.name.ends_with("小区"))
        .cloned()
        .collect();
    let names: Vec<String> = found.iter().map(|m| m.name.clone()).collect();
    for (start, end, name) in super::occurrences(chars, &names) {
        let free = !out.iter().any(|m| m.start < end && start < m.end);
        let opens = start == 0 || !is_han(chars[start - 1]) || text.is_boundary(start);
        if free && opens {
            if let Some(m) = found.iter().find(|m| m.name == name) {
                out.push(Mention {
                    start,
                    end,
                    ..m.clone()
                });
            }
        }
    }
}

/// `井冈山经济技术开发区` lies in 吉安县, not in the city 井冈山: where the gazetteer knows a
/// zone and the place its name opens with is none of the zone's ancestors, that place,
/// written only at the head of the zone's names (its short form 井冈山经开区 too), is the
/// name's, not a place of the article. A place found twice over one span (a zone by the
/// gazetteer and by the zone rule) is one mention.
fn named_after_another_place(out: &mut Vec<Mention>) {
    let g = Gazetteer::get();
    let mut seen = std::collections::HashSet::new();
    out.retain(|m| m.entity_type != EntityType::Place || seen.insert((m.start, m.end)));
    let foreign: Vec<String> = out
        .iter()
        .filter_map(|m| match &m.detail {
            Detail::Place { candidates, .. } if !candidates.is_empty() => {
                let suffix = ZONE_SUFFIXES.iter().find(|z| m.name.ends_with(*z))?;
                let head = m.name.strip_suffix(suffix)?;
                let ancestors: Vec<usize> =
                    candidates.iter().flat_map(|&c| g.ancestors(c)).collect();
                let theirs = g.lookup(head).iter().any(|c| ancestors.contains(c))
                    || ancestors
                        .iter()
                        .any(|&a| g.divisions[a].name.starts_with(head));
                (!theirs).then(|| head.to_string())
            }
            _ => None,
        })
        .collect();
    if foreign.is_empty() {
        return;
    }
    let zones: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| ZONE_SUFFIXES.iter().any(|z| m.name.ends_with(z)))
        .map(|m| (m.start, m.end))
        .collect();
    out.retain(|m| {
        !(foreign.contains(&m.name) && zones.iter().any(|&(s, e)| s == m.start && m.end < e))
    });
}

/// The areas of a free-trade zone: 中国(广西)自由贸易试验区钦州港片区, then 钦州港片区 —
/// an area named by a place word of its own (a port, a district) before 片区, with the zone
/// it belongs to before it when the text writes it. The places inside the zone's name are
/// part of it.
fn trade_zone_areas(text: &Text, out: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found = Vec::new();
    for i in 0..chars.len() {
        if !starts_with_at(chars, i, "片区") {
            continue;
        }
        let Some(t) = text.tokens.get(text.token_at[i.saturating_sub(1)]) else {
            continue;
        };
        // (A place the gazetteer knows stands, whatever jieba tagged it: 崇左/nrt.)
        let known_place = out
            .iter()
            .any(|m| m.start == t.start && m.end == i && m.entity_type == EntityType::Place);
        if i == 0
            || t.end != i
            || !(matches!(t.tag.as_str(), "ns" | "nz") || known_place)
            || i - t.start < 2
        {
            continue;
        }
        let mut start = t.start;
        if let Some(zone) = ["自由贸易试验区", "自贸试验区"].iter().find(|z| {
            start >= z.chars().count() && starts_with_at(chars, start - z.chars().count(), z)
        }) {
            start -= zone.chars().count();
            // 中国(广西): the country and the province the zone is named with.
            if start >= 1 && chars[start - 1] == ')' {
                if let Some(open) = (start.saturating_sub(8)..start - 1)
                    .rev()
                    .find(|&q| chars[q] == '(')
                {
                    if open >= 2 && starts_with_at(chars, open - 2, "中国") {
                        start = open - 2;
                    }
                }
            }
        }
        found.push((start, i + 2));
    }
    for (start, end) in found {
        out.retain(|m| !(m.start >= start && m.end <= end));
        out.push(Mention {
            entity_type: EntityType::Place,
            start,
            end,
            name: text.slice(start, end),
            detail: Detail::Place {
                level: 4,
                candidates: Vec::new(),
            },
        });
    }
}

/// Where a village named right after its town starts (天荒坪镇 + 余村): the gazetteer lists a
/// village of that name under one of the town's divisions.
fn known_village_after_town(text: &Text, found: &[Mention], i: usize, end: usize) -> Option<usize> {
    let g = Gazetteer::get();
    let town = found
        .iter()
        .filter(|m| m.end <= i && i - m.end <= 3)
        .max_by_key(|m| m.end)?;
    let Detail::Place {
        level: 4,
        candidates,
    } = &town.detail
    else {
        return None;
    };
    let name = text.slice(town.end, end);
    let known = g.lookup(&name).into_iter().any(|v| {
        g.divisions[v]
            .parent
            .is_some_and(|p| candidates.contains(&(p as usize)))
    });
    known.then_some(town.end)
}

/// Where the name of a town or village whose suffix is at `[i, end)` starts, if it is one.
/// Words that end a road's name: a community may be named after its road (某某北路社区).
const ROAD_WORDS: [&str; 9] = [
    "路", "街", "大街", "大道", "东路", "西路", "南路", "北路", "中路",
];

fn place_name_start(
    text: &Text,
    lex: &Lexicon,
    found: &[Mention],
    i: usize,
    end: usize,
) -> Option<usize> {
    let chars = &text.chars;
    // The suffix must close a word: 村委会 and 乡村 are not villages.
    let tail_ok = text.is_boundary(end)
        || lex.org_suffix_at(chars, end).is_some()
        || lex.title_at(chars, end).is_some()
        || end < chars.len() && (is_break(chars[end]) || chars[end] == '和');
    // Directly after another place (安吉县递铺街道鲁家村), the name runs back to it.
    let this_level = PLACE_SUFFIXES
        .iter()
        .find(|(s, _)| starts_with_at(chars, i, s))
        .map_or(5, |p| p.1);
    let chained = found
        .iter()
        .filter(|m| m.end <= i && i - m.end >= 2 && i - m.end <= 4)
        .filter(
            |m| matches!(m.detail, Detail::Place { level, .. } if level >= 1 && level < this_level),
        )
        .max_by_key(|m| m.end);
    if !tail_ok && chained.is_none()
        || lex
            .org_suffix_at(chars, i)
            .is_some_and(|s| s.0.chars().count() > 1)
    {
        return None;
    }
    // 天荒坪镇余村: right after a town, a village the gazetteer knows under that town, however
    // short its name.
    if let Some(start) = known_village_after_town(text, found, i, end) {
        return Some(start);
    }
    // 街道和鲁家村: a conjunction after the place ends the chain; the village stands alone.
    let in_chain = chained.filter(|m| {
        (m.end..i).all(|k| is_han(chars[k]))
            && !(is_function_char(chars[m.end]) && text.is_boundary(m.end + 1))
    });
    let start = if let Some(prev) = in_chain {
        prev.end
    } else if starts_with_at(chars, i, "小区") {
        return None;
    } else {
        // A common word ending in the suffix (农村, 山村) is no place; a longer word that
        // jieba knows as a whole (某家村) is one.
        let holder = &text.tokens[text.token_at[i]];
        if holder.start < i
            && lex
                .not_names
                .contains(&text.slice(holder.start, holder.end))
        {
            // 农民农村 is no place; a town cut as X/全镇 is one.
            let before = holder
                .start
                .checked_sub(1)
                .map(|k| &text.tokens[text.token_at[k]]);
            if !before.is_some_and(|b| {
                b.end - b.start == 1 && is_han(chars[b.start]) && !is_function_char(chars[b.start])
            }) {
                return None;
            }
        }
        // Otherwise take the word(s) before the suffix: 2-3 chars, no function words.
        let tok = text
            .token_ending(end)
            .filter(|t| t.end - t.start >= end - i + 2);
        match tok {
            Some(t) if t.end - t.start <= end - i + 3 => t.start,
            _ => {
                let ok = |len: usize| {
                    i >= len
                        && (i - len..i).all(|k| is_han(chars[k]) && !is_function_char(chars[k]))
                        && text.is_boundary(i - len)
                        && (i - len..i).all(|k| {
                            let tag = text.tokens[text.token_at[k]].tag.as_str();
                            // (建军等县领导: an auxiliary, 等 or 的, ends a list, not a name.)
                            !(tag.starts_with('v')
                                || tag.starts_with('u')
                                || matches!(tag, "a" | "ad" | "d" | "p" | "m" | "t"))
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
    // 玉林北路社区: a city's short name before a road word (北路, 大街) names the road the
    // community is named after, not the city.
    let road = found.iter().find(|m| {
        m.end == start
            && !m
                .name
                .ends_with(['省', '市', '县', '区', '州', '镇', '乡', '村'])
            && ROAD_WORDS.iter().any(|w| text.slice(start, i) == *w)
    });
    let start = road.map_or(start, |m| m.start);
    let name_len = i - start;
    if !(2..=4).contains(&name_len) {
        return None;
    }
    let stem: String = text.slice(start, i);
    let word: String = text.slice(start, end);
    let first = chars[start];
    // 温州村集体经济: the name of a city or county the text names, before 村, is that place's
    // villages in general — unless the gazetteer knows a village of the name under it.
    let g = Gazetteer::get();
    let divisions: Vec<usize> = found
        .iter()
        .filter(|m| m.start == start && m.end == i)
        .filter_map(|m| match &m.detail {
            Detail::Place {
                level: 1..=3,
                candidates,
            } => Some(candidates.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let village_of_it = g
        .lookup(&word)
        .into_iter()
        .any(|v| g.ancestors(v).iter().any(|a| divisions.contains(a)));
    if !divisions.is_empty() && !village_of_it {
        return None;
    }
    // A verb of the dictionary is no name, even in a chain (玉林街道探索社区治理: 探索
    // governs 社区治理), unless the gazetteer knows the place; the segmenter's guesses
    // (递铺/v) may be names.
    let verb_stem = text
        .token_starting(start)
        .is_some_and(|t| t.end == i && t.tag.starts_with('v') && t.known);
    if verb_stem && g.lookup(&word).is_empty() {
        return None;
    }
    // In an address chain (鹿城区五马街道和平社区, 某镇三星村) the place before vouches for the
    // name: common words and numerals name villages and communities there. Running text
    // needs the name to be no common word (和平, 农村) and no count (三个村).
    let vouched = in_chain.is_some() && !stem.chars().any(|c| "个座些多几".contains(c));
    if stem.chars().any(|c| !is_han(c))
        || stem.chars().any(is_function_char) && !vouched
        || !vouched
            && (lex.not_names.contains(&word)
                || lex.not_names.contains(&stem)
                || "一二三四五六七八九十两多几".contains(first))
        || word.ends_with("乡村")
        // 新一届村“两委”: a term counted is no name.
        || stem.contains('届')
        || lex.title_ending_at(chars, i).is_some()
        || start > 0 && "个座".contains(chars[start - 1])
    {
        return None;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{has, run};
    use crate::schema::EntityType;

    #[test]
    fn in_an_address_chain_common_words_and_numerals_name_villages() {
        let v = run("他住在温州市鹿城区五马街道和平社区,老家在龙泉市八都镇三星村。");
        assert!(has(&v, EntityType::Place, "和平社区"), "{v:?}");
        assert!(has(&v, EntityType::Place, "三星村"), "{v:?}");
        // Outside a chain they are words, and a count is never a name.
        let v = run("武侯区玉林街道探索社区治理新路径。");
        assert!(!has(&v, EntityType::Place, "探索社区"), "{v:?}");
        let v = run("他走访了安吉县递铺街道和鲁家村。");
        assert!(has(&v, EntityType::Place, "鲁家村"), "{v:?}");
        assert!(!has(&v, EntityType::Place, "和鲁家村"), "{v:?}");
        let v = run("和平社区建设要加快。全镇三个村都通了公交。");
        assert!(!has(&v, EntityType::Place, "和平社区"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.contains("三个")),
            "{v:?}"
        );
    }

    #[test]
    fn kinds_of_town_and_district_are_no_places() {
        let v = run("浙江省提出,加强小城镇建设,支持中心镇和重点镇发展,改造老城区。");
        let places: Vec<&String> = v
            .iter()
            .filter(|(t, _)| *t == EntityType::Place)
            .map(|(_, n)| n)
            .collect();
        assert_eq!(places, ["浙江省"], "{v:?}");
        // A named town is still one.
        let v = run("他来到嘉善县西塘镇调研。");
        assert!(has(&v, EntityType::Place, "西塘镇"), "{v:?}");
    }

    #[test]
    fn a_region_inside_a_longer_name_is_no_region() {
        let v = run("推动闽东北协同发展区建设,振兴东北。");
        assert_eq!(
            v.iter().filter(|(t, _)| *t == EntityType::Place).count(),
            1,
            "only 东北 standing alone: {v:?}"
        );
    }

    #[test]
    fn a_district_name_inside_a_word_is_no_district() {
        let v = run("要加大对皖南山区乡村旅游的扶持力度,深圳市南山区也来了。");
        assert_eq!(
            v.iter()
                .filter(|(t, n)| *t == EntityType::Place && n == "南山区")
                .count(),
            1,
            "{v:?}"
        );
        assert!(has(&v, EntityType::Place, "深圳市"), "{v:?}");
    }

    #[test]
    fn a_town_named_after_a_village_is_the_town() {
        let v = run("他是芜湖市繁昌区孙村镇中分村党委书记。");
        assert!(has(&v, EntityType::Place, "孙村镇"), "{v:?}");
        assert!(has(&v, EntityType::Place, "中分村"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.ends_with("孙村")),
            "{v:?}"
        );
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
    fn a_citys_name_before_cun_is_its_villages_in_general() {
        let v = run("温州村集体经济收入突破40亿元。温州市选派干部。指导村党组织发展产业。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.ends_with('村')),
            "{v:?}"
        );
        let v = run("他来自安吉县递铺镇鲁家村。");
        assert!(has(&v, EntityType::Place, "鲁家村"), "{v:?}");
    }

    #[test]
    fn a_town_does_not_end_inside_a_word_and_may_follow_the_party_name() {
        let v = run("今年全镇将大力发展乡村旅游。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Place),
            "发展乡 is no town here: {v:?}"
        );
        let v = run("中共泗安镇委员会召开会议。");
        assert!(has(&v, EntityType::Place, "泗安镇"), "{v:?}");
    }

    #[test]
    fn prefectures_by_their_stem_counties_written_short_and_areas_of_a_trade_zone() {
        let v = run("黔南州都匀市和西双版纳州景洪市。");
        assert!(has(&v, EntityType::Place, "黔南州"), "{v:?}");
        assert!(has(&v, EntityType::Place, "西双版纳州"), "{v:?}");
        let v = run("湖南省安化县江南镇,安化黑茶远销海外。");
        assert!(has(&v, EntityType::Place, "安化"), "{v:?}");
        let v = run("城关派出所社区民警说。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.contains("派出所")),
            "{v:?}"
        );
        let v = run("中国(福建)自由贸易试验区厦门片区管委会介绍,厦门片区新增企业。");
        assert!(
            has(&v, EntityType::Place, "中国(福建)自由贸易试验区厦门片区"),
            "{v:?}"
        );
        assert!(!has(&v, EntityType::Place, "中国"), "{v:?}");
    }

    #[test]
    fn a_goal_that_ends_in_a_level_word_is_no_place() {
        let v = run("围绕“农业强县、文化兴县”发展战略,长宁县加快发展。");
        assert!(has(&v, EntityType::Place, "长宁县"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.contains("强县")),
            "{v:?}"
        );
    }

    #[test]
    fn a_community_named_after_its_road_keeps_the_citys_name() {
        // 玉林 is a city's short name; before 北路 it names the road.
        let v = run("在西湖区北山街道玉林北路社区,居民每月议事。");
        assert!(has(&v, EntityType::Place, "玉林北路社区"), "{v:?}");
        assert!(!has(&v, EntityType::Place, "玉林市"), "{v:?}");
        assert!(!has(&v, EntityType::Place, "北路社区"), "{v:?}");
    }

    #[test]
    fn a_slogan_in_quotes_is_no_town_and_a_glued_preposition_no_bar() {
        let v = run("全镇将围绕“竹旅富镇”目标,推进生态保护。");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Place), "{v:?}");
        // jieba may read 为 and the town's first character as one word; the town written in
        // full still stands.
        let v = run("会议选举刘志强为星村镇人民政府镇长。");
        assert!(has(&v, EntityType::Place, "星村镇"), "{v:?}");
    }

    #[test]
    fn a_list_closed_by_an_auxiliary_is_no_place() {
        // 等 closes the list of leaders before 县领导, even where jieba glues it to the last
        // name (军等县).
        let v = run("县委副书记、县长韦德军等县领导出席。");
        assert!(has(&v, EntityType::Person, "韦德军"), "{v:?}");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Place), "{v:?}");
    }

    #[test]
    fn a_zone_lies_where_the_gazetteer_puts_it_not_in_the_place_it_is_named_after() {
        // The gazetteer puts 金桥经济技术开发区 in 浦东新区: its 金桥 is the zone's name only.
        let v = run("金桥经济技术开发区举行签约仪式。");
        let places: Vec<_> = v.iter().filter(|(t, _)| *t == EntityType::Place).collect();
        assert_eq!(places.len(), 1, "{v:?}");
        assert!(has(&v, EntityType::Place, "金桥经济技术开发区"), "{v:?}");
        // 北京经济技术开发区 is in Beijing: the city stays.
        let v = run("北京经济技术开发区举行签约仪式。");
        assert!(has(&v, EntityType::Place, "北京"), "{v:?}");
    }

    #[test]
    fn a_term_counted_before_cun_is_no_village() {
        let v = run("西坪村新一届村“两委”召开会议。");
        assert!(has(&v, EntityType::Place, "西坪村"), "{v:?}");
        assert!(!has(&v, EntityType::Place, "新一届村"), "{v:?}");
    }

    #[test]
    fn a_housing_estate_in_an_address_chain_and_written_again() {
        let v = run(
            "朝阳街道金桂苑小区党支部召开大会。金桂苑小区党支部书记王某说,老旧小区要加装电梯。",
        );
        assert!(has(&v, EntityType::Place, "金桂苑小区"), "{v:?}");
        // Alone, 小区 names no place: 老旧小区 is none.
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Place && n.contains("老旧")),
            "{v:?}"
        );
    }

    #[test]
    fn a_name_after_a_title_is_no_sea_and_a_county_ends_no_slogan() {
        // 黄海 is a sea; after 书记 it opens a name.
        let v = run("市委书记黄海涛说,要加快发展。");
        assert!(has(&v, EntityType::Person, "黄海涛"), "{v:?}");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Place), "{v:?}");
        // 兴县 is a county; inside quotes after words, the slogan's end.
        let v = run("要坚持“农业兴县”不动摇。");
        assert!(!v.iter().any(|(t, _)| *t == EntityType::Place), "{v:?}");
        assert!(has(&v, EntityType::Initiative, "农业兴县"), "{v:?}");
    }

    #[test]
    fn a_trade_zones_area_named_by_a_place_jieba_mistags() {
        // jieba tags 崇左 as a transliterated name; the gazetteer knows the city.
        let v = run("加快建设中国(广西)自由贸易试验区崇左片区。");
        assert!(
            has(&v, EntityType::Place, "中国(广西)自由贸易试验区崇左片区"),
            "{v:?}"
        );
        assert!(!has(&v, EntityType::Place, "中国"), "{v:?}");
    }
}
