//! Organisations: bodies by their ending, congresses by number, the press.

use super::{is_function_char, strip_quotes, Detail, Mention};
use crate::extract::lexicon::{starts_with_at, Lexicon, OrgKind};
use crate::extract::segment::{is_break, is_han, Text};
use crate::schema::EntityType;

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

#[cfg(test)]
mod tests {
    use super::super::testing::{has, run};
    use crate::schema::EntityType;

    #[test]
    fn enterprise_and_party_committee() {
        let v = run("走进宏达集团党委,看看宏达集团的车间。");
        assert!(has(&v, EntityType::Organisation, "宏达集团"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "宏达集团党委"), "{v:?}");
    }

    #[test]
    fn dateline_press_and_full_congress_names() {
        let v = run("中新社武汉6月1日电 会议精神传达到基层。");
        assert!(has(&v, EntityType::Organisation, "中新社"), "{v:?}");
        let v = run("中国共产党第十九次全国代表大会召开。");
        assert!(has(&v, EntityType::Organisation, "党的十九大"), "{v:?}");
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
