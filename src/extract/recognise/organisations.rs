//! Organisations by the grammar of their names: a place, a level word or another body
//! before an ending (宁波市委, 市委宣传部, 村委会, 九三学社宁波市委会), a department named by
//! its field between a place and a unit (市水利工程建设管理站, 宁波市科委), bodies known
//! by a fixed name (国务院, 外交部, 新华社), enterprises and media by their registered-name
//! structure (江苏宏达食品股份有限公司), congresses and their sessions, bodies named only by
//! the title held in them (自然资源部部长 → 自然资源部), short names an article defines
//! (以下简称“宁生所”), and the press (credits, datelines, `X记者`).

use super::{
    is_function_char, level_of_word, strip_quotes, Detail, LevelContext, Mention, Positions,
};
use crate::extract::lexicon::{starts_with_at, Lexicon, OrgKind, TitleKind};
use crate::extract::segment::{is_break, is_han, Text};
use crate::schema::EntityType;

pub fn organisations(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    by_endings(text, lex, mentions);
    titled_bodies(text, lex, mentions);
    defined_short_names(text, lex, mentions);
    company_short_names(text, mentions);
    press_bodies(text, lex, mentions);
}

/// Words of trade a company's short name drops from its registered name, last first
/// (湖南华盛新材料科技有限公司 → 华盛新材料).
const TRADE_TAILS: [&str; 12] = [
    "科技", "技术", "发展", "实业", "控股", "集团", "股份", "投资", "国际", "贸易", "产业", "开发",
];

/// `湖南华盛新材料科技有限公司 … 华盛新材料将…`: a company written once in full is written
/// again by its trade name, without its region, its legal form and the trade words that end
/// it. Each such short form is the company wherever it stands as words of its own; a short
/// form two companies share is neither's.
fn company_short_names(text: &Text, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut forms: Vec<(String, String)> = Vec::new();
    for m in mentions.iter() {
        if !matches!(
            m.detail,
            Detail::Organisation {
                kind: OrgKind::Enterprise,
                ..
            }
        ) {
            continue;
        }
        // The legal form goes; a name without one (深圳华瑞集团) keeps its whole core.
        let legal = ["股份有限公司", "有限责任公司", "有限公司"]
            .iter()
            .find(|f| m.name.ends_with(*f))
            .map_or(0, |f| f.chars().count());
        let core_end = m.end - legal;
        // Without a legal form, only a name that opens with its region has a short form, and
        // not one the article also writes with its legal form (the same company).
        let with_legal_form = mentions.iter().any(|o| {
            o.name.len() > m.name.len()
                && o.name.starts_with(m.name.as_str())
                && ["有限公司", "有限责任公司"]
                    .iter()
                    .any(|f| o.name.ends_with(f))
        });
        if legal == 0
            && (with_legal_form
                || !mentions.iter().any(|p| {
                    p.entity_type == EntityType::Place && p.start == m.start && p.end < core_end
                }))
        {
            continue;
        }
        // Past the region the name starts with (中国, a province, a city).
        let region_end = mentions
            .iter()
            .filter(|p| {
                p.entity_type == EntityType::Place && p.start >= m.start && p.end < core_end
            })
            .filter(|p| p.start == m.start || starts_with_at(chars, m.start, "中国"))
            .map(|p| p.end)
            .max()
            .unwrap_or(m.start);
        let mut short = text.slice(region_end, core_end);
        while short.chars().filter(|&c| is_han(c)).count() >= 3 {
            forms.push((short.clone(), m.name.clone()));
            match TRADE_TAILS.iter().find_map(|w| short.strip_suffix(w)) {
                Some(rest) => short = rest.to_string(),
                None => break,
            }
        }
    }
    forms.sort();
    forms.dedup();
    let shared: Vec<String> = forms
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].0.clone())
        .collect();
    forms.retain(|(s, _)| !shared.contains(s));
    if forms.is_empty() {
        return;
    }
    let mut taken = vec![false; chars.len()];
    for m in mentions.iter() {
        taken[m.start..m.end.min(chars.len())]
            .iter_mut()
            .for_each(|t| *t = true);
    }
    let shorts: Vec<String> = forms.iter().map(|f| f.0.clone()).collect();
    for (s, e, short) in super::occurrences(chars, &shorts) {
        let words_of_its_own = text.is_boundary(s) && text.is_boundary(e);
        // 新能源 of 新能源科技有限公司: a word of the dictionary is the trade, not the name.
        let common_word = text
            .token_starting(s)
            .is_some_and(|t| t.end == e && t.known);
        if taken[s..e].iter().any(|&t| t) || !words_of_its_own || common_word {
            continue;
        }
        if let Some((_, full)) = forms.iter().find(|f| f.0 == short) {
            mentions.push(Mention::body(OrgKind::Enterprise, s, e, full.clone()));
        }
    }
}

/// Congresses, sessions, fixed names, then bodies by their endings, left to right: each
/// body found can be the parent of the next (市委 + 宣传部).
fn by_endings(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut at = Positions::of(mentions, chars.len());
    let push = |mentions: &mut Vec<Mention>, at: &mut Positions, m: Mention| {
        at.add(mentions.len(), &m);
        mentions.push(m);
    };
    let mut i = 0;
    while i < chars.len() {
        if let Some(m) = congress_at(text, i)
            .or_else(|| local_party_congress_at(text, mentions, &at, i))
            .or_else(|| session_at(text, mentions, &at, i))
        {
            i = m.end;
            push(mentions, &mut at, m);
            continue;
        }
        if let Some((name, kind)) = lex.national_body_at(chars, i).filter(|(n, _)| {
            let end = i + n.chars().count();
            text.is_boundary(i)
                && (text.is_boundary(end)
                    || lex.org_suffix_at(chars, end).is_some()
                    || lex.title_at(chars, end).is_some())
        }) {
            let end = i + name.chars().count();
            push(
                mentions,
                &mut at,
                Mention::body(kind, i, end, name.to_string()),
            );
            i = end;
            continue;
        }
        match body_ending_at(text, lex, mentions, &at, i) {
            // 在洛阳会展中心开幕: a venue is where a body meets, not a body.
            Some(m) if VENUES.iter().any(|v| m.name.ends_with(v)) => i = m.end,
            Some(m) => {
                i = m.end;
                push(mentions, &mut at, m);
            }
            None => i += 1,
        }
    }
}

/// Common words that end in a body's ending (部署 ends in 署, 格局 in 局, 协商会 in 商会):
/// where one stands, the ending is the word's.
const NOT_ENDINGS: [&str; 6] = ["部署", "布署", "格局", "布局", "大局", "协商会"];

/// Buildings bodies meet in, which end like bodies (…中心, …院).
const VENUES: [&str; 12] = [
    "会展中心",
    "文化中心",
    "文化活动中心",
    "活动中心",
    "会议中心",
    "行政中心",
    "市民中心",
    "体育中心",
    "大剧院",
    "剧院",
    "体育馆",
    "大礼堂",
];

/// The body whose ending starts at `i`, if the words before it make one.
fn body_ending_at(
    text: &Text,
    lex: &Lexicon,
    mentions: &[Mention],
    at: &Positions,
    i: usize,
) -> Option<Mention> {
    let chars = &text.chars;
    let (suffix, kind) = lex.org_suffix_at(chars, i).cloned()?;
    let end = i + suffix.chars().count();
    let closes = text.is_boundary(end)
        || lex.title_at(chars, end).is_some()
        || lex.org_suffix_at(chars, end).is_some()
        || end < chars.len() && is_break(chars[end]);
    // 村委会办公室里: an office followed by a locative is a room, not a body.
    let room = suffix == "办公室" && text.token_starting(end).is_some_and(|t| t.tag == "f");
    // 体育中心项目, 科创中心建设: a name that goes on into a programme's head names the
    // programme, not a body.
    // A legal form closes a company whatever follows (…有限公司战略合作协议).
    let programme = !suffix.ends_with("公司")
        && (lex.initiative_heads.at(chars, end).is_some() || starts_with_at(chars, end, "建设"));
    if !closes || room || programme {
        return None;
    }
    let single = suffix.chars().count() == 1;
    // 决策部署, 发展格局, 专题协商会: words an ending ends that are no body.
    if NOT_ENDINGS.iter().any(|w| {
        let n = w.chars().count();
        n > suffix.chars().count() && end >= n && starts_with_at(chars, end - n, w)
    }) {
        return None;
    }
    // 司 of 公司, 委 of 村委会: a longer ending that takes this one in is read at its own start.
    if single
        && (1..=3).any(|back| {
            i >= back
                && lex.org_suffix_at(chars, i - back).is_some_and(|(s, _)| {
                    s.chars().count() > back && i - back + s.chars().count() >= end
                })
        })
    {
        return None;
    }
    // 某大学第一附属医院: an institution a body numbers (第一, 第二…, then perhaps a word of
    // its own) is the body's.
    let numbered_of = (0..=4)
        .filter(|&f| f <= i)
        .map(|f| i - f)
        .take_while(|&k| k == i || is_han(chars[k]) && !is_function_char(chars[k]))
        .find_map(|k| {
            let mut o = k;
            while o > 0 && "一二三四五六七八九十".contains(chars[o - 1]) {
                o -= 1;
            }
            (o < k && o > 0 && chars[o - 1] == '第')
                .then(|| at.ending(mentions, o - 1, EntityType::Organisation))
                .flatten()
        })
        .filter(|_| matches!(kind, OrgKind::School | OrgKind::Other));
    if let Some(p) = numbered_of {
        return Some(Mention {
            entity_type: EntityType::Organisation,
            start: mentions[p].start,
            end,
            name: text.slice(mentions[p].start, end),
            detail: Detail::Organisation {
                kind,
                seat: None,
                parent: Some(p),
                context: None,
            },
        });
    }
    let prev_org = at.ending(mentions, i, EntityType::Organisation);
    // 浙江吉利控股集团 + 有限公司: a legal form after a company's name completes that name.
    if let Some(p) = prev_org.filter(|&p| {
        kind == OrgKind::Enterprise
            && matches!(
                mentions[p].detail,
                Detail::Organisation {
                    kind: OrgKind::Enterprise,
                    ..
                }
            )
    }) {
        return Some(Mention {
            entity_type: EntityType::Organisation,
            start: mentions[p].start,
            end,
            name: format!("{}{}", mentions[p].name, suffix),
            detail: mentions[p].detail.clone(),
        });
    }
    // An ordinal may stand between the place and the ending: 宁波市第十四次党代会, and the
    // term of a committee the party's or the CPPCC's name opens (中共某镇第十四届委员会,
    // 政协某市第五届委员会).
    let party_term = ordinal_ending(chars, i, '届').filter(|&t| {
        at.ending(mentions, t, EntityType::Place)
            .is_some_and(|p| committee_owner_before(chars, mentions[p].start).is_some())
    });
    let before_ordinal = ordinal_start(chars, i).or(party_term).unwrap_or(i);
    let prev_place = at.ending(mentions, before_ordinal, EntityType::Place);
    // 市委 + 常委会会议, 市政府 + 常务会议: a body's own meeting is a body of its own.
    let meeting = kind == OrgKind::Congress && suffix.ends_with("会议");
    if let Some(p) = prev_org.filter(|_| sub_body(kind) || meeting) {
        return Some(sub_body_of(mentions, p, kind, end, &suffix));
    }
    if let Some(p) = prev_place {
        // 九三学社宁波市委会: a national body's branch in a place.
        let branch_of = at
            .ending(mentions, mentions[p].start, EntityType::Organisation)
            .filter(|_| matches!(kind, OrgKind::Party | OrgKind::Other));
        // 中共某镇第十四届委员会, 政协某市第五届委员会: the name before the place is the
        // committee's (and says whose, which 委员会 alone does not).
        let owner = committee_owner_before(chars, mentions[p].start)
            .filter(|_| branch_of.is_none() && suffix.ends_with("委员会"));
        let start = match owner {
            Some(s) => s,
            None => branch_of.map_or(mentions[p].start, |b| mentions[b].start),
        };
        return Some(Mention {
            entity_type: EntityType::Organisation,
            start,
            end,
            name: format!(
                "{}{}",
                text.slice(start, mentions[p].end),
                text.slice(before_ordinal, end)
            ),
            detail: Detail::Organisation {
                kind,
                seat: Some(p),
                parent: branch_of,
                context: None,
            },
        });
    }
    if let Some((start, context)) = level_word_before(text, i, &suffix) {
        return Some(Mention {
            entity_type: EntityType::Organisation,
            start,
            end,
            name: text.slice(start, end),
            detail: Detail::Organisation {
                kind,
                seat: None,
                parent: None,
                context: Some(context),
            },
        });
    }
    // 市委常委, 主委: a title that takes in the ending is a post, not a department.
    if lex.title_ending_at(chars, end).is_some_and(|t| t.start < i) {
        return None;
    }
    if let Some(m) = department_by_field(text, lex, mentions, at, i, end, &suffix, kind) {
        return Some(m);
    }
    if let Some(p) = listed_body_before(text, lex, mentions, at, i).filter(|_| sub_body(kind)) {
        // 市委常委、组织部部长: a bare department in an apposition list belongs to the
        // body named in the item before it.
        let mut m = sub_body_of(mentions, p, kind, end, &suffix);
        m.start = i;
        return Some(m);
    }
    // 街道党工委副书记、办事处主任, 小区党支部书记、业委会主任: a government or a residents'
    // committee named bare in an apposition list after a body with a seat is that seat's.
    if let Some(seat) = listed_body_before(text, lex, mentions, at, i)
        .filter(|_| matches!(kind, OrgKind::Government | OrgKind::Community) && !single)
        .and_then(|p| match mentions[p].detail {
            Detail::Organisation { seat, .. } => seat,
            _ => None,
        })
    {
        return Some(Mention {
            entity_type: EntityType::Organisation,
            start: i,
            end,
            name: format!("{}{}", mentions[seat].name, suffix),
            detail: Detail::Organisation {
                kind,
                seat: Some(seat),
                parent: None,
                context: None,
            },
        });
    }
    // 代表团团长某某: the delegation the article is about, named bare before a post in it
    // (resolve takes it for the delegation named before).
    if kind == OrgKind::Delegation
        && suffix == "代表团"
        && lex.title_at(chars, end).is_some()
        && (i == 0 || !is_han(chars[i - 1]) || text.is_boundary(i))
    {
        return Some(Mention::body(kind, i, end, suffix));
    }
    if !single && named_kind(kind) {
        // A company's legal form, and a cooperative's (阜平县某某种植专业合作社): registered
        // names, from their region.
        let form = match kind {
            OrgKind::Enterprise if suffix.ends_with("公司") => NameForm::Company,
            OrgKind::Enterprise if suffix.ends_with("合作社") => NameForm::Cooperative,
            _ => NameForm::Plain,
        };
        let registered = named_prefix(text, lex, mentions, at, i, form)
            // A cooperative is read so only from its region (not 投资种植专业合作社), or a
            // place of the article's written short.
            .filter(|&s| {
                form != NameForm::Cooperative
                    || at.starting(mentions, s, EntityType::Place).is_some()
                    || short_place_before(chars, mentions, s + 1, end) == Some(s)
            });
        return registered
            .or_else(|| {
                (form == NameForm::Cooperative)
                    .then(|| named_prefix(text, lex, mentions, at, i, NameForm::Plain))
                    .flatten()
            })
            .map(|start| Mention::body(kind, start, end, strip_quotes(&text.slice(start, end))));
    }
    None
}

fn sub_body_of(mentions: &[Mention], p: usize, kind: OrgKind, end: usize, suffix: &str) -> Mention {
    Mention {
        entity_type: EntityType::Organisation,
        start: mentions[p].start,
        end,
        name: format!("{}{}", mentions[p].name, suffix),
        detail: Detail::Organisation {
            kind,
            seat: None,
            parent: Some(p),
            context: None,
        },
    }
}

/// A department named by its field between a place (or a level word) and its unit:
/// 宁波市 + 科 + 委, 市 + 水利工程建设管理 + 站, 自治区 + 科协. The field is plain
/// words: no verb of its own, no function word, no break.
#[allow(clippy::too_many_arguments)]
fn department_by_field(
    text: &Text,
    lex: &Lexicon,
    mentions: &[Mention],
    at: &Positions,
    i: usize,
    end: usize,
    suffix: &str,
    kind: OrgKind,
) -> Option<Mention> {
    if !matches!(
        kind,
        OrgKind::Government | OrgKind::Department | OrgKind::Other | OrgKind::Party
    ) {
        return None;
    }
    let chars = &text.chars;
    // 县人民政府作政府工作报告: a government is no department of a body.
    let government = suffix.ends_with("政府");
    // Walk back a character at a time to the place, level word or body the field hangs off.
    let mut start = i;
    let anchor = loop {
        if start < i {
            if let Some(p) = at.ending(mentions, start, EntityType::Place) {
                break Anchor::Place(p);
            }
            if let Some(o) = at.ending(mentions, start, EntityType::Organisation) {
                break Anchor::Body(o);
            }
            if let Some(word) = level_word_alone(text, start) {
                break Anchor::Level(word);
            }
        }
        if start == 0 || i - start >= 10 {
            return None;
        }
        let c = chars[start - 1];
        let t = &text.tokens[text.token_at[start - 1]];
        // (A two-character verb right before the unit is its field's short form: 县发改局,
        // 市招商局.)
        let verb = t.tag.starts_with('v')
            && t.tag != "vn"
            && t.end - t.start > 1
            && t.start >= start.saturating_sub(t.end - t.start)
            && !(t.end == i && t.end - t.start == 2 && suffix.chars().count() == 1);
        let blocked = !is_han(c)
            || is_function_char(c)
            || verb
            || matches!(
                t.tag.as_str(),
                "p" | "c" | "u" | "uj" | "ul" | "d" | "r" | "m" | "q" | "f" | "t" | "nr" | "x"
            )
            || lex.title_ending_at(chars, start).is_some();
        if blocked {
            return None;
        }
        start -= 1;
    };
    let field = i - start;
    // A unit of one character other than 委 needs a field of two (宁波东站 is a station).
    if field < 2 && suffix.chars().count() == 1 && suffix != "委" {
        return None;
    }
    // 代表县政府作政府工作报告: a verb of one character is no field.
    let one_verb = field == 1 && text.tokens[text.token_at[start]].tag.starts_with('v');
    if one_verb || government && matches!(anchor, Anchor::Body(_)) {
        return None;
    }
    let kind = if kind == OrgKind::Party {
        OrgKind::Government
    } else {
        kind
    };
    let (from, detail) = match anchor {
        Anchor::Place(p) => (
            mentions[p].start,
            Detail::Organisation {
                kind,
                seat: Some(p),
                parent: None,
                context: None,
            },
        ),
        Anchor::Body(o) => (
            mentions[o].start,
            Detail::Organisation {
                kind,
                seat: None,
                parent: Some(o),
                context: None,
            },
        ),
        Anchor::Level(context) => {
            // A bare level word and one word of field (镇中心) is too little to be a name.
            if field < 2 {
                return None;
            }
            (
                start - context.word_len,
                Detail::Organisation {
                    kind,
                    seat: None,
                    parent: None,
                    context: Some(context),
                },
            )
        }
    };
    let name = match anchor {
        Anchor::Place(p) => format!("{}{}", mentions[p].name, text.slice(start, end)),
        Anchor::Body(o) => format!("{}{}", mentions[o].name, text.slice(start, end)),
        Anchor::Level(_) => text.slice(from, end),
    };
    Some(Mention {
        entity_type: EntityType::Organisation,
        start: from,
        end,
        name,
        detail,
    })
}

/// What a department's field hangs off.
#[derive(Clone, Copy)]
enum Anchor {
    Place(usize),
    Body(usize),
    Level(LevelContext),
}

/// A level word ending just before `end` that stands alone (市 of 市交通局, not of 城市).
fn level_word_alone(text: &Text, end: usize) -> Option<LevelContext> {
    let chars = &text.chars;
    let (level, word_len) = level_word_ending_at(chars, end)?;
    let s = end - word_len;
    let alone = s == 0
        || !is_han(chars[s - 1])
        || is_function_char(chars[s - 1])
        || LEVEL_WORD_OPENERS.contains(chars[s - 1])
        || text.is_boundary(s);
    // 乡 of 乡村振兴 is no level word: the field starts a word of its own.
    (alone && text.is_boundary(end)).then_some(LevelContext { level, word_len })
}

/// A level word ending just before `end` (市, 县, 自治区): its level and length.
fn level_word_ending_at(chars: &[char], end: usize) -> Option<(u8, usize)> {
    if end >= 3 && starts_with_at(chars, end - 3, "自治区") {
        return Some((1, 3));
    }
    if end >= 2 && starts_with_at(chars, end - 2, "社区") {
        return Some((5, 2));
    }
    if end >= 2 && starts_with_at(chars, end - 2, "街道") {
        return Some((4, 2));
    }
    // 经开区管委会, 高新区党工委: a zone's short word stands for the zone the text is about.
    if let Some(z) = [
        "经开区",
        "高新区",
        "开发区",
        "保税区",
        "自贸区",
        "园区",
        "片区",
    ]
    .iter()
    .find(|z| end >= z.chars().count() && starts_with_at(chars, end - z.chars().count(), z))
    {
        return Some((super::ZONE, z.chars().count()));
    }
    Some((level_of_word(*chars.get(end.checked_sub(1)?)?)?, 1))
}

/// In `A常委、组织部部长`, the body (A) of the list item before position `i`.
fn listed_body_before(
    text: &Text,
    lex: &Lexicon,
    mentions: &[Mention],
    at: &Positions,
    i: usize,
) -> Option<usize> {
    let chars = &text.chars;
    if i == 0 || chars[i - 1] != '、' {
        return None;
    }
    let title = lex.title_ending_at(chars, i - 1)?;
    at.ending(mentions, title.start, EntityType::Organisation)
}

/// Kinds of ending that can hang off another body (市委 + 组织部, 集团 + 党委).
fn sub_body(kind: OrgKind) -> bool {
    matches!(
        kind,
        OrgKind::Party | OrgKind::Department | OrgKind::Delegation
    )
}

/// Kinds that can be named by a plain word before the ending (宏达 + 集团).
fn named_kind(kind: OrgKind) -> bool {
    matches!(
        kind,
        OrgKind::Enterprise | OrgKind::Media | OrgKind::School | OrgKind::Other | OrgKind::Party
    )
}

/// `村委会`, `县委`, `市第十四次党代会`, `村党支部`, `自治区科协`: a level word (and an
/// ordinal) before the ending; returns where the name starts and what the context must supply.
fn level_word_before(text: &Text, i: usize, suffix: &str) -> Option<(usize, LevelContext)> {
    let chars = &text.chars;
    if matches!(suffix, "村委会" | "村民委员会" | "居委会" | "居民委员会") {
        return Some((
            i,
            LevelContext {
                level: 5,
                word_len: 0,
            },
        ));
    }
    // 党工委副书记、管委会主任: a zone's committee and administration named alone.
    if matches!(suffix, "管委会" | "党工委")
        && (i == 0 || !is_han(chars[i - 1]) || chars[i - 1] == '、' || text.is_boundary(i))
        && level_word_ending_at(chars, i).is_none()
    {
        return Some((
            i,
            LevelContext {
                level: super::ZONE,
                word_len: 0,
            },
        ));
    }
    // A centre, a station or an institute needs its field named (镇中心 is the middle of a
    // town, not a body).
    if NEEDS_FIELD.contains(&suffix) {
        return None;
    }
    // An ordinal between the level word and the ending: 市第十四次党代会.
    let k = ordinal_start(chars, i).unwrap_or(i);
    let Some((level, word_len)) = level_word_ending_at(chars, k) else {
        // A congress named bare (党代会报告) is the article's own place's.
        let bare = matches!(suffix, "党代会" | "人代会")
            && (k == 0 || !is_han(chars[k - 1]) || text.is_boundary(k));
        return bare.then_some((
            k,
            LevelContext {
                level: 0,
                word_len: 0,
            },
        ));
    };
    let s = k - word_len;
    // The level word must stand alone (县委, 任村党支部书记), not end a name (安吉县委, which
    // the place rule takes): the segmenter cuts before it.
    if s >= 1
        && is_han(chars[s - 1])
        && !is_function_char(chars[s - 1])
        && !LEVEL_WORD_OPENERS.contains(chars[s - 1])
        && !text.is_boundary(s)
    {
        return None;
    }
    Some((s, LevelContext { level, word_len }))
}

/// Endings that name a body only with its field before them (市水利工程建设管理站).
const NEEDS_FIELD: [&str; 8] = ["中心", "站", "所", "处", "司", "署", "办", "局"];

/// Whose committee a 委员会 after a place is, by the name before the place.
const COMMITTEE_OWNERS: [&str; 3] = ["中国共产党", "中共", "政协"];

/// Where the owner's name before a place starts (中共某镇…, 政协某市…, and with the term
/// first, 政协第九届某市委员会), if one stands there.
fn committee_owner_before(chars: &[char], place_start: usize) -> Option<usize> {
    let k = ordinal_ending(chars, place_start, '届').unwrap_or(place_start);
    COMMITTEE_OWNERS.iter().find_map(|w| {
        let n = w.chars().count();
        (k >= n && starts_with_at(chars, k - n, w)).then(|| k - n)
    })
}

/// Verbs of holding a post and prepositions after which a level word starts a body's name
/// (还任市工商联副主席, 回村担任): the segmenter often glues them to the level word.
const LEVEL_WORD_OPENERS: &str = "任兼为是到在赴回由";

/// Where `第…次` ending just before `i` starts, if it does.
fn ordinal_start(chars: &[char], i: usize) -> Option<usize> {
    ordinal_ending(chars, i, '次')
}

/// Where an ordinal of `unit` (第十四次, 第十四届) ending at `i` starts.
fn ordinal_ending(chars: &[char], i: usize, unit: char) -> Option<usize> {
    if i < 3 || chars[i - 1] != unit {
        return None;
    }
    let mut s = i - 1;
    while s > 0 && "一二三四五六七八九十百".contains(chars[s - 1]) {
        s -= 1;
    }
    (s > 0 && chars[s - 1] == '第' && s < i - 1).then(|| s - 1)
}

/// How a name before an ending is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameForm {
    /// Plain words (宏达集团, “红旗”乡镇联合党委).
    Plain,
    /// A company's registered name before its legal form (江苏宏达食品股份有限公司).
    Company,
    /// A cooperative's registered name (某县某村种植专业合作社): its trade may be a verb.
    Cooperative,
}

/// The start of a name written before an ending (宏达集团, 江苏宏达食品股份有限公司, “红旗”
/// 乡镇联合党委): nouns back to a verb, a function word or a break. A registered name (a legal
/// form) runs to eight words: place, trade name, industry.
fn named_prefix(
    text: &Text,
    lex: &Lexicon,
    mentions: &[Mention],
    at: &Positions,
    i: usize,
    form: NameForm,
) -> Option<usize> {
    let chars = &text.chars;
    let legal_form = form != NameForm::Plain;
    let (max_words, max_chars) = if legal_form { (8, 20) } else { (4, 10) };
    let mut start = i;
    let mut words = 0;
    while start > 0 && words < max_words && i - start < max_chars {
        let c = chars[start - 1];
        if c == '”' || c == '"' {
            // A quoted name part: take it whole.
            let open = (0..start - 1)
                .rev()
                .take(12)
                .find(|&k| chars[k] == '“' || chars[k] == '"')?;
            start = open;
            words += 1;
            continue;
        }
        if !is_han(c) && !c.is_ascii_alphanumeric() {
            break;
        }
        let t = &text.tokens[text.token_at[start - 1]];
        let word = text.slice(t.start, start);
        let numeral = word
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几".contains(c));
        // Registered names hold adjectives of their trade (华盛/新/材料, 绿色/食品); any
        // name a one-character one before its field (株洲/新/材料/研究院).
        let adjective_in_trade =
            t.tag == "a" && (legal_form || t.end - t.start == 1 && t.end == start && start < i);
        let nounish = !numeral
            && (!t.tag.starts_with('v') || t.tag == "vn")
            && (adjective_in_trade
                || ![
                    "p", "c", "u", "uj", "ul", "d", "r", "q", "m", "f", "y", "e", "o", "w", "a",
                    "ad",
                ]
                .contains(&t.tag.as_str()));
        // 北京九十中学, 温州第二中学: a number between a place and the ending numbers it.
        let numbered = start == i
            && (numeral || word.starts_with('第') && word.chars().count() >= 2)
            && at.ending(mentions, t.start, EntityType::Place).is_some();
        // A brand after a place is often cut as a verb (江苏/宏达/食品): keep it.
        let brand_after_place = t.tag.starts_with('v')
            && t.start > 0
            && text.tokens[text.token_at[t.start - 1]].tag == "ns"
            && lex.proposal_verbs.at(chars, t.start).is_none();
        // A registered name says its trade, often a verb (种植, 养殖, 加工), and its words may
        // be words that never name alone (骆驼湾乡村旅游公司); not a scope (全县, 本村).
        // (A cooperative's: before 公司, a verb is the sentence's, 建成公司最大的基地.)
        let trade_verb = form == NameForm::Cooperative
            && t.tag == "v"
            && t.end - t.start == 2
            && lex.proposal_verbs.at(chars, t.start).is_none();
        // 深圳市华芯/显示/科技有限公司: a verb just before a trade word is the trade's
        // (显示科技, 检测技术), not the sentence's.
        let verb_of_trade = legal_form
            && t.tag.starts_with('v')
            && t.end - t.start == 2
            && t.end == start
            && TRADE_TAILS.iter().any(|w| starts_with_at(chars, start, w))
            && lex.proposal_verbs.at(chars, t.start).is_none();
        // 北方/新元…有限公司, 西部/矿业…: a quarter of the country may open a registered name.
        let quarter = legal_form
            && t.tag == "f"
            && word.chars().count() == 2
            && word.starts_with(['东', '南', '西', '北', '中'])
            && word.ends_with(['方', '部']);
        let scope = word.starts_with(['全', '本', '各', '该', '此', '我']);
        // 新一届业主委员会: a term counted is no part of a name.
        let term = word.contains('届') && !legal_form;
        let never_names = (scope || !legal_form) && lex.not_names.contains(&word);
        // (A place's name may hold a function word's character: 宁都县, 于都县.)
        let place_word = at
            .ending(mentions, start, EntityType::Place)
            .is_some_and(|p| mentions[p].start == t.start);
        if !(nounish || brand_after_place || numbered || trade_verb || verb_of_trade || quarter)
            || word.chars().any(is_function_char) && !place_word
            || never_names
            || term
        {
            break;
        }
        if lex.title_ending_at(chars, start).is_some() {
            break;
        }
        if let Some((_, kind)) = lex
            .org_suffix_at(chars, t.start)
            .filter(|s| s.0.chars().count() > 1)
        {
            // 党支部领办合作社: what a party body runs is a practice, not a body it names.
            if *kind == OrgKind::Party && start < i {
                return None;
            }
            break;
        }
        start = t.start;
        words += 1;
    }
    if legal_form {
        start = short_place_before(chars, mentions, start, i).unwrap_or(start);
    }
    // 江西/睿/驰/新能源科技有限公司: a trade name the dictionary does not know comes as
    // single characters, which may take any tag; between the region and the trade words
    // they are the trade name.
    if legal_form {
        let mut k = start;
        while k > 0
            && start - k < 4
            && is_han(chars[k - 1])
            && !is_function_char(chars[k - 1])
            // 襄阳某公司: a company left unnamed.
            && !"某一".contains(chars[k - 1])
            && text.tokens[text.token_at[k - 1]].end - text.tokens[text.token_at[k - 1]].start
                == 1
        {
            k -= 1;
        }
        if k < start {
            if let Some(p) = at.ending(mentions, k, EntityType::Place) {
                start = mentions[p].start;
            }
        }
    }
    // A registered name starts with its region: 承建单位中国江苏…有限公司 starts at 中国.
    if legal_form {
        if let Some(p) = (start..i).find(|&k| {
            at.starting(mentions, k, EntityType::Place)
                .is_some_and(|p| mentions[p].end <= i)
        }) {
            start = p;
        }
    }
    let name = text.slice(start, i);
    let han = name.chars().filter(|&c| is_han(c)).count();
    // 物业公司, 旅游公司, 组建劳务合作社: a trade the dictionary knows, and no name before
    // it, is a kind of company or cooperative (a name jieba knows, 华为, is tagged as one).
    let kind_of_company = (form == NameForm::Company || starts_with_at(chars, i, "合作社"))
        && text.token_starting(start).is_some_and(|t| {
            (t.end == i || starts_with_at(chars, i, "公司") && t.end == i + 2)
                && t.known
                && matches!(t.tag.as_str(), "n" | "vn")
        });
    (han >= 2 && !lex.not_names.contains(&name) && !kind_of_company).then_some(start)
}

/// 下/党/红茶专业合作社 where the article names 下党村: a place the article writes in full,
/// written short (without its level word) across `start` at the head of a registered name
/// ending at `end`, however the segmenter cut it. Where that short form starts.
fn short_place_before(
    chars: &[char],
    mentions: &[Mention],
    start: usize,
    end: usize,
) -> Option<usize> {
    mentions
        .iter()
        .filter_map(|m| match m.detail {
            Detail::Place { level: 3.., .. } if m.end <= start || m.start >= end => {
                m.name.strip_suffix(['县', '区', '市', '镇', '乡', '村'])
            }
            _ => None,
        })
        .filter(|stem| stem.chars().count() >= 2)
        .filter_map(|stem| {
            let n = stem.chars().count();
            (start.saturating_sub(n - 1)..start)
                .find(|&k| starts_with_at(chars, k, stem) && k + n > start && k + n <= end)
        })
        .min()
}

/// Bodies named only by the title held in them: `自然资源部部长李国强` (the ending repeated
/// by the title), `外交部长约瑟夫` (the title's first character ends the body). The words
/// before the ending are the body's field, back to a break, a function word or a name; a
/// 和 between two fields stays inside (工业和信息化部).
fn titled_bodies(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found: Vec<Mention> = Vec::new();
    let at = Positions::of(mentions, chars.len());
    let mut covered = vec![false; chars.len() + 1];
    for m in mentions.iter() {
        covered[m.start..m.end.min(chars.len())]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    for i in 1..chars.len() {
        let Some(title) = lex
            .title_at(chars, i)
            .filter(|t| t.kind == TitleKind::Head || t.kind == TitleKind::Member)
        else {
            continue;
        };
        let unit = title.core.chars().next().unwrap_or(' ');
        if !"部局厅司处署站所院校社行馆".contains(unit) {
            continue;
        }
        // 部长 after 部 (…部部长, …部副部长) or sharing it (外交部长).
        let end = if chars[i - 1] == unit {
            i
        } else if title.word == title.core && title.core.ends_with('长') {
            // Only a head-of-unit title shares its unit (外交部长); 司令 is no 司.
            i + 1
        } else {
            continue;
        };
        let unit_at = end - 1;
        if covered[unit_at] {
            continue;
        }
        let mut start = unit_at;
        let mut seat = None;
        while start > 0 && unit_at - start < 8 {
            // 某白族乡卫生院: a place the body is named after heads the name whole, however
            // the segmenter cut it (刘家/nrfg).
            if let Some(p) = (start < unit_at)
                .then(|| at.ending(mentions, start, EntityType::Place))
                .flatten()
            {
                start = mentions[p].start;
                seat = Some(p);
                break;
            }
            let c = chars[start - 1];
            if c == '和' && start >= 2 && start < unit_at && is_han(chars[start - 2]) {
                start -= 1;
                continue;
            }
            let t = &text.tokens[text.token_at[start - 1]];
            let blocked = !is_han(c)
                || is_function_char(c)
                // 选出院长: a verb is no field of a body (a verbal noun is: 建设部).
                || matches!(
                    t.tag.as_str(),
                    "p" | "c" | "u" | "uj" | "d" | "r" | "m" | "q" | "f" | "t" | "x" | "v"
                )
                || t.tag.starts_with("nr")
                || lex.title_ending_at(chars, start).is_some()
                || at
                    .all_ending(start)
                    .iter()
                    .any(|&k| mentions[k].entity_type != EntityType::Place);
            if blocked {
                break;
            }
            start -= 1;
        }
        while start < unit_at && chars[start] == '和' {
            start += 1;
        }
        if unit_at - start >= 2 {
            covered[start..end].iter_mut().for_each(|c| *c = true);
            let mut body = Mention::body(OrgKind::Government, start, end, text.slice(start, end));
            if let Detail::Organisation { seat: s, .. } = &mut body.detail {
                *s = seat;
            }
            found.push(body);
        }
    }
    mentions.extend(found);
}

/// `宁波生物技术研究所(以下简称“宁生所”)`: the short name an article defines is that body
/// wherever it is written again, and bodies named after it (宁生所理事会) are its parts.
fn defined_short_names(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut defined: Vec<(String, usize)> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.entity_type != EntityType::Organisation || chars.get(m.end) != Some(&'(') {
            continue;
        }
        let mut p = m.end + 1;
        for lead in ["以下简称", "下称", "简称", "以下称"] {
            if starts_with_at(chars, p, lead) {
                p += lead.chars().count();
                break;
            }
        }
        if p == m.end + 1 {
            continue;
        }
        if chars.get(p) == Some(&'“') || chars.get(p) == Some(&'"') {
            p += 1;
        }
        let Some(close) =
            (p..chars.len().min(p + 12)).find(|&q| matches!(chars[q], '”' | '"' | ')'))
        else {
            continue;
        };
        if close > p + 1 {
            defined.push((text.slice(p, close), k));
        }
    }
    for (short, of) in defined {
        let n: Vec<char> = short.chars().collect();
        let mut covered = vec![false; chars.len() + 1];
        for m in mentions.iter() {
            covered[m.start..m.end.min(chars.len())]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for i in 0..chars.len().saturating_sub(n.len() - 1) {
            if chars[i..i + n.len()] != n[..] || covered[i..i + n.len()].iter().any(|&c| c) {
                continue;
            }
            let parent = mentions.len();
            mentions.push(Mention {
                entity_type: EntityType::Organisation,
                start: i,
                end: i + n.len(),
                name: mentions[of].name.clone(),
                detail: mentions[of].detail.clone(),
            });
            // 宁生所理事会: a part of the body named by its short name.
            if let Some((suffix, kind)) = lex
                .org_suffix_at(chars, i + n.len())
                .cloned()
                .filter(|(_, k)| sub_body(*k))
            {
                let end = i + n.len() + suffix.chars().count();
                mentions.push(sub_body_of(mentions, parent, kind, end, &suffix));
            }
        }
    }
}

/// Congresses named by number: 党的十九大, 中共十九大, 十九大 (before 代表), and in full:
/// 中国共产党第十九次全国代表大会 (→ 党的十九大).
fn congress_at(text: &Text, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    if let Some(m) = full_congress_at(text, i) {
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
    let start = if i >= 2
        && (starts_with_at(chars, i - 2, "党的") || starts_with_at(chars, i - 2, "中共"))
    {
        i - 2
    } else if starts_with_at(chars, end, "代表") {
        i
    } else {
        return None;
    };
    Some(Mention::body(
        OrgKind::Congress,
        start,
        end,
        format!("党的{number}大"),
    ))
}

/// `第十四` + `ending` at `chars[at]`: where the Chinese numeral starts and ends.
fn ordinal_before(chars: &[char], at: usize, ending: &str) -> Option<(usize, usize)> {
    if !starts_with_at(chars, at, "第") {
        return None;
    }
    let n_start = at + 1;
    let mut k = n_start;
    while k < chars.len() && "一二三四五六七八九十".contains(chars[k]) {
        k += 1;
    }
    (k > n_start && starts_with_at(chars, k, ending)).then_some((n_start, k))
}

/// `中国共产党第十九次全国代表大会`, `中共第十九次全国代表大会`: the party's national congress in full.
fn full_congress_at(text: &Text, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    let party = ["中国共产党", "中共"]
        .into_iter()
        .find(|p| starts_with_at(chars, i, p))?;
    let (n_start, k) = ordinal_before(chars, i + party.chars().count(), "次全国代表大会")?;
    let number = text.slice(n_start, k);
    Some(Mention::body(
        OrgKind::Congress,
        i,
        k + "次全国代表大会".chars().count(),
        format!("党的{number}大"),
    ))
}

/// `中国共产党宁波市第十四次代表大会`: a local party congress in full, named as news names it
/// short (宁波市第十四次党代会), so that it is one body with 市党代会.
fn local_party_congress_at(
    text: &Text,
    mentions: &[Mention],
    at: &Positions,
    i: usize,
) -> Option<Mention> {
    let chars = &text.chars;
    let party = ["中国共产党", "中共"]
        .into_iter()
        .find(|p| starts_with_at(chars, i, p))?;
    // 中国共产党利川市谋道镇…: a chain of places, the congress the last one's.
    let p = at.chain_end(
        mentions,
        at.starting(mentions, i + party.chars().count(), EntityType::Place)?,
    );
    let (n_start, k) = ordinal_before(chars, mentions[p].end, "次代表大会")?;
    let end = k + "次代表大会".chars().count();
    Some(Mention {
        entity_type: EntityType::Organisation,
        start: i,
        end,
        name: format!("{}第{}次党代会", mentions[p].name, text.slice(n_start, k)),
        detail: Detail::Organisation {
            kind: OrgKind::Congress,
            seat: Some(p),
            parent: None,
            context: None,
        },
    })
}

/// Congress bodies a session can be of, longest first.
const SESSION_BODIES: [&str; 10] = [
    "全国人民代表大会",
    "人民代表大会常务委员会",
    "人民代表大会",
    "全国人大",
    "全国政协",
    "人大常委会",
    "委员会",
    "人大",
    "政协",
    "委",
];

/// A session of a congress, a CPPCC or a party committee, by the grammar of its name: an
/// optional party (中国共产党), place or level word, a term (第十四届, 十三届), the body, a term
/// if not yet given, and the session (第二次会议, 三次全会, 五中全会): 十四届全国人大三次会议,
/// 全国政协十四届三次会议, 浙江省第十四届人民代表大会第二次会议, 市政协十一届三次会议,
/// 中国共产党浙江省第十五届委员会第三次全体会议, 省委十五届三次全会, 党的十九届五中全会.
fn session_at(text: &Text, mentions: &[Mention], at: &Positions, i: usize) -> Option<Mention> {
    let chars = &text.chars;
    let numerals = "一二三四五六七八九十";
    // `[第]N<word>` at k: where it ends.
    let numbered = |k: usize, word: &str| -> Option<usize> {
        let mut j = k + usize::from(chars.get(k) == Some(&'第'));
        let s = j;
        while j < chars.len() && numerals.contains(chars[j]) {
            j += 1;
        }
        (j > s && starts_with_at(chars, j, word)).then(|| j + word.chars().count())
    };
    if i > 0 && (numerals.contains(chars[i - 1]) || chars[i - 1] == '第') {
        return None;
    }
    let mut k = i;
    // 政协赣州市第五届委员会第三次会议: the CPPCC of a place, written in full, opens with
    // 政协 as a party's committee opens with 中共.
    let party = ["中国共产党", "中共", "党的", "政协"]
        .iter()
        .find(|p| starts_with_at(chars, k, p))
        .map(|p| p.chars().count());
    k += party.unwrap_or(0);
    // The place or level word the session's body belongs to; after the party's name, of a
    // chain (中国共产党泉州市丰泽区…), the last (without it, the session is read where the
    // last place starts: 某市某镇第十八届人民代表大会… is the town's).
    let place = at.starting(mentions, k, EntityType::Place).map(|p| {
        if party.is_some() {
            at.chain_end(mentions, p)
        } else {
            p
        }
    });
    let context = match place {
        Some(p) => {
            k = mentions[p].end;
            None
        }
        None => level_word_at(text, k).map(|(level, len)| {
            k += len;
            LevelContext {
                level,
                word_len: len,
            }
        }),
    };
    let mut term = numbered(k, "届");
    if let Some(t) = term {
        k = t;
    }
    let body = SESSION_BODIES
        .iter()
        .find(|b| starts_with_at(chars, k, b))
        .copied();
    if let Some(b) = body {
        k += b.chars().count();
    }
    // 政协某市第五届委员会常务委员会第十二次会议: the committee's standing committee meets.
    let body = match body {
        Some("委员会" | "政协") if starts_with_at(chars, k, "常务委员会") => {
            k += 5;
            Some("常务委员会")
        }
        b => b,
    };
    // A standing committee's sessions are counted through its term, which news often leaves
    // out (市人大常委会第十五次会议).
    let standing = body.is_some_and(|b| b.ends_with("常委会") || b.ends_with("常务委员会"));
    if term.is_none() {
        term = numbered(k, "届");
        match term {
            Some(t) => k = t,
            None if standing => {}
            None => return None,
        }
    }
    let end = numbered(k, "次会议")
        .or_else(|| numbered(k, "次全体会议"))
        .or_else(|| numbered(k, "次全会"))
        .or_else(|| numbered(k, "中全会"))?;
    // Whose session: a body named, a party, or a place with its committee.
    let committee = matches!(body, Some("委员会" | "委"));
    let national = body.is_some_and(|b| b.starts_with("全国"));
    let plenum = body.is_none() && (party.is_some() || chars[end - 3] == '中');
    let whose = national && context.is_none()
        || body.is_some()
            && (place.is_some() || context.is_some())
            && (!committee || party.is_some() || context.is_some() || place.is_some())
        || plenum;
    if !whose || committee && place.is_none() && context.is_none() {
        return None;
    }
    let name = text
        .slice(i, end)
        .replace("全国人民代表大会第", "全国人大")
        .replace("全国人民代表大会", "全国人大");
    let context = context.map(|c| LevelContext {
        level: c.level,
        word_len: c.word_len + party.unwrap_or(0),
    });
    Some(Mention {
        entity_type: EntityType::Organisation,
        start: i,
        end,
        name,
        detail: Detail::Organisation {
            kind: OrgKind::Congress,
            seat: place,
            parent: None,
            context,
        },
    })
}

/// A level word starting at `i` and standing alone (市 of 市政协, 省 of 省人大): its level and length.
fn level_word_at(text: &Text, i: usize) -> Option<(u8, usize)> {
    let chars = &text.chars;
    if i > 0 && is_han(chars[i - 1]) && !is_function_char(chars[i - 1]) && !text.is_boundary(i) {
        return None;
    }
    if starts_with_at(chars, i, "自治区") {
        return Some((1, 3));
    }
    let level = level_of_word(*chars.get(i)?).filter(|&l| l <= 3)?;
    Some((level, 1))
}

/// The press: the credited source (`来源:宁波日报`), a dateline's medium (`宁波日报讯`,
/// `云上东阳报道(`, `中新社南京5月9日电`, `浙大新闻网7月8日电`) and `X记者` bodies (中新社记者).
fn press_bodies(text: &Text, lex: &Lexicon, mentions: &mut Vec<Mention>) {
    let chars = &text.chars;
    let mut found = Vec::new();
    // The text is width-folded, so the full-width colon reads as ':'.
    let label: Vec<char> = "来源:".chars().collect();
    for i in 0..chars.len().saturating_sub(label.len()) {
        if chars[i..i + label.len()] != label[..] {
            continue;
        }
        let start = i + label.len();
        let mut end = start;
        while end < chars.len() && !chars[end].is_whitespace() && !is_break(chars[end]) {
            end += 1;
        }
        if end - start >= 2 {
            found.push((start, end));
        }
    }
    for i in 0..chars.len() {
        if !starts_with_at(chars, i, "记者") {
            continue;
        }
        // The press body is the word right before 记者 when it ends like one (社, 报, 网, 台).
        if let Some(t) = text.token_ending(i) {
            let word = text.slice(t.start, t.end);
            if ends_like_press(&word) && word.chars().count() >= 2 && !lex.not_names.contains(&word)
            {
                found.push((t.start, t.end));
            }
        }
    }
    found.extend(dateline_media(text, lex, mentions));
    for (start, end) in found {
        if mentions
            .iter()
            .any(|m| m.start < end && start < m.end && m.entity_type == EntityType::Organisation)
        {
            continue;
        }
        // A credit cut short (来源:宁波生物技术研究) names the body the article names in full.
        let written = text.slice(start, end);
        let full = mentions.iter().find(|m| {
            m.entity_type == EntityType::Organisation
                && m.name.len() > written.len()
                && m.name.starts_with(&written)
                && written.chars().count() >= 4
        });
        if let Some(full) = full {
            mentions.push(Mention {
                start,
                end,
                ..full.clone()
            });
            continue;
        }
        let seat = mentions
            .iter()
            .position(|m| m.entity_type == EntityType::Place && m.start == start && m.end < end);
        mentions.push(Mention {
            entity_type: EntityType::Organisation,
            start,
            end,
            name: text.slice(start, end),
            detail: Detail::Organisation {
                kind: OrgKind::Media,
                seat,
                parent: None,
                context: None,
            },
        });
    }
}

fn ends_like_press(word: &str) -> bool {
    ["社", "报", "台", "网", "在线", "客户端"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// The medium a dateline opens a story with, at the start of a paragraph: `宁波日报讯`,
/// `云上东阳报道(记者 …)`, `中新社南京5月9日电`, `浙大新闻网7月8日电`.
fn dateline_media(text: &Text, lex: &Lexicon, mentions: &[Mention]) -> Vec<(usize, usize)> {
    let chars = &text.chars;
    let mut out = Vec::new();
    for &(p_start, p_end) in &text.paragraphs {
        let mut s = p_start;
        while s < p_end && (chars[s].is_whitespace() || "■●◆".contains(chars[s])) {
            s += 1;
        }
        let mut k = s;
        while k < p_end.min(s + 20) && (is_han(chars[k]) || chars[k].is_ascii_alphanumeric()) {
            // A dateline ends with 讯, 报道 or 电 and opens the byline or the story: a bracket,
            // a space or a colon follows (宁波日报讯(记者…), not 记者某某报道。).
            let opens = |q: usize| {
                chars
                    .get(q)
                    .is_none_or(|&c| matches!(c, '(' | ' ' | ':' | '\u{3000}') || c == '题')
            };
            let closes = starts_with_at(chars, k, "报道") && opens(k + 2)
                || chars[k] == '讯' && opens(k + 1) && k > s && !"闻喜通音".contains(chars[k - 1])
                || chars[k] == '电' && k > s && chars[k - 1] == '日' && opens(k + 1);
            if !closes {
                k += 1;
                continue;
            }
            // The medium is the words before the date and the place: 中新社 of 中新社南京5月9日电.
            let date = (s..k).find(|&d| chars[d].is_ascii_digit());
            let mut end = date.unwrap_or(k);
            if let Some(m) = mentions.iter().find(|m| {
                date.is_some() && m.entity_type == EntityType::Place && m.end == end && m.start >= s
            }) {
                end = m.start;
            }
            let name = text.slice(s, end);
            let titled = (s..end).any(|q| lex.title_at(chars, q).is_some());
            if end >= s + 2 && name != "本报" && !titled && !lex.not_names.contains(&name) {
                out.push((s, end));
            }
            break;
        }
    }
    out
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
    fn numbered_congress() {
        let v = run("他是党的十九大代表。");
        assert!(has(&v, EntityType::Organisation, "党的十九大"), "{v:?}");
    }

    #[test]
    fn departments_by_field_after_a_place_a_level_word_or_a_body() {
        let v = run("他是市水利工程建设管理站站长,也是温州市科委委员、民政部社会救助司副司长。");
        assert!(
            has(&v, EntityType::Organisation, "市水利工程建设管理站"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Organisation, "温州市科委"), "{v:?}");
        assert!(
            has(&v, EntityType::Organisation, "民政部社会救助司"),
            "{v:?}"
        );
        // A title that takes in the ending is a post (市委常委), the middle of a town is no body.
        let v = run("温州市委常委李华到距离镇中心五公里的村里调研。");
        assert!(has(&v, EntityType::Organisation, "温州市委"), "{v:?}");
        assert!(
            !v.iter().any(|(t, n)| *t == EntityType::Organisation
                && (n.contains("常委") || n.contains("中心"))),
            "{v:?}"
        );
    }

    #[test]
    fn bodies_named_by_the_title_held_in_them() {
        let v = run("随后,水利部部长李国华、财政部长王明和文化和旅游部副部长张军发言。");
        assert!(has(&v, EntityType::Organisation, "水利部"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "财政部"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "文化和旅游部"), "{v:?}");
        // A count or a verb before a title is no body, nor a venue.
        let v = run("多位部长回答了提问。由居民自己选出院长。会议在洛阳会展中心开幕。");
        assert!(
            v.iter().all(|(t, _)| *t != EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn branches_sessions_and_level_words() {
        let v = run("民盟温州市委会副主委李华参加市政协十一届三次会议,自治区科协干部也到会。");
        assert!(has(&v, EntityType::Organisation, "民盟温州市委会"), "{v:?}");
        assert!(
            has(&v, EntityType::Organisation, "市政协十一届三次会议"),
            "{v:?}"
        );
        assert!(has(&v, EntityType::Organisation, "自治区科协"), "{v:?}");
        let v = run(
            "浙江省第十四届人民代表大会第一次会议在省人民大会堂开幕,全国政协十四届二次会议闭幕。",
        );
        assert!(
            has(
                &v,
                EntityType::Organisation,
                "浙江省第十四届人民代表大会第一次会议"
            ),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Organisation, "全国政协十四届二次会议"),
            "{v:?}"
        );
        let v = run("政协赣州市第五届委员会第三次会议开幕。");
        assert!(
            has(
                &v,
                EntityType::Organisation,
                "政协赣州市第五届委员会第三次会议"
            ),
            "{v:?}"
        );
        let v = run("十四届全国人大二次会议在北京开幕。");
        assert!(
            has(&v, EntityType::Organisation, "十四届全国人大二次会议"),
            "{v:?}"
        );
    }

    #[test]
    fn registered_company_names_start_at_their_region() {
        let v = run("承建单位中国浙江建设工程集团有限公司负责人出席。");
        assert!(
            has(&v, EntityType::Organisation, "中国浙江建设工程集团有限公司"),
            "{v:?}"
        );
        // A name that runs on into a programme's head names the programme.
        let v = run("援建的体育中心项目开工。");
        assert!(
            v.iter().all(|(t, _)| *t != EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn short_names_an_article_defines_and_datelines() {
        let v =
            run("温州生物技术研究所(以下简称“温生所”)与浙江大学签约。温生所理事会理事长李华致辞。");
        assert!(
            has(&v, EntityType::Organisation, "温州生物技术研究所"),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Organisation, "温州生物技术研究所理事会"),
            "{v:?}"
        );
        let v = run("云上东阳报道(记者 李华)会议召开。\n西湖日报讯 又讯。");
        assert!(has(&v, EntityType::Organisation, "云上东阳"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "西湖日报"), "{v:?}");
    }

    #[test]
    fn a_number_between_a_place_and_the_ending_numbers_the_body() {
        let v = run("北京九十中学李铁辰校长说。他建了两所中学。");
        assert!(has(&v, EntityType::Organisation, "北京九十中学"), "{v:?}");
        assert!(has(&v, EntityType::Person, "李铁辰"), "{v:?}");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.contains("两所")),
            "{v:?}"
        );
    }

    #[test]
    fn a_company_written_in_full_is_written_again_by_its_trade_name() {
        let company_mentions = |s: &str| -> Vec<String> {
            let lex = crate::extract::Lexicon::builtin();
            let text = crate::extract::segment::Segmenter::new(&lex).segment(s);
            crate::extract::recognise::recognise(&text, &lex)
                .into_iter()
                .filter(|m| m.entity_type == EntityType::Organisation && m.name.ends_with("公司"))
                .map(|m| format!("{}={}", text.slice(m.start, m.end), m.name))
                .collect()
        };
        let v = company_mentions(
            "市政府与湖南华盛新材料科技有限公司签约。根据协议,华盛新材料将投资50亿元。",
        );
        assert!(
            v.contains(&"华盛新材料=湖南华盛新材料科技有限公司".to_string()),
            "the short form names the company: {v:?}"
        );
        // Two companies of one trade name: the short form is neither's.
        let v =
            company_mentions("华盛新材料科技有限公司和华盛新材料贸易有限公司签约,华盛新材料表示。");
        assert_eq!(v.len(), 2, "{v:?}");
    }

    #[test]
    fn a_registered_name_holds_the_adjectives_of_its_trade() {
        let v = run("市政府与湖南华盛新材料科技有限公司举行签约仪式。");
        assert!(
            has(&v, EntityType::Organisation, "湖南华盛新材料科技有限公司"),
            "{v:?}"
        );
        // Without a legal form, an adjective still ends the name.
        let v = run("这是很好的集团。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn a_legal_form_completes_a_company_and_a_unit_inside_a_longer_ending_is_none() {
        let v = run("浙江吉利控股集团有限公司签订协议。");
        assert!(
            has(&v, EntityType::Organisation, "浙江吉利控股集团有限公司"),
            "{v:?}"
        );
        assert!(
            !v.iter().any(|(t, n)| *t == EntityType::Organisation
                && n.ends_with("有限公司")
                && n != "浙江吉利控股集团有限公司"),
            "{v:?}"
        );
    }

    #[test]
    fn community_and_street_bodies_by_their_level_word() {
        let v = run("湖滨街道东坡路社区是首批社区。社区党委创新推出新举措。");
        assert!(has(&v, EntityType::Organisation, "社区党委"), "{v:?}");
    }

    #[test]
    fn a_verb_between_two_bodies_makes_no_department() {
        let v = run("王某代表区人民政府作政府工作报告。");
        assert!(has(&v, EntityType::Organisation, "区人民政府"), "{v:?}");
        assert!(
            !v.iter().any(|(_, n)| n.contains("政府作")),
            "作 is no field: {v:?}"
        );
    }

    #[test]
    fn what_a_party_branch_runs_is_no_body_it_names() {
        let v = run("全镇推行“村党支部领办合作社”模式。");
        assert!(!has(&v, EntityType::Organisation, "领办合作社"), "{v:?}");
        let v = run("走访了柳林合作社。");
        assert!(has(&v, EntityType::Organisation, "柳林合作社"), "{v:?}");
    }

    #[test]
    fn a_trade_name_the_dictionary_does_not_know_stays_in_the_company_name() {
        let v = run("湖北睿驰新能源科技有限公司总经理王某说,新能源汽车产业将加快发展。");
        assert!(
            has(&v, EntityType::Organisation, "湖北睿驰新能源科技有限公司"),
            "{v:?}"
        );
        assert!(
            !has(&v, EntityType::Organisation, "新能源"),
            "a word of the trade is no short name: {v:?}"
        );
        let v = run("他在襄阳某公司担任经理。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.contains("某公司")),
            "an unnamed company: {v:?}"
        );
    }

    #[test]
    fn a_party_congress_of_a_town_named_with_its_county() {
        let v = run("中国共产党浙江省长兴县泗安镇第十五次代表大会开幕。");
        assert!(
            has(&v, EntityType::Organisation, "泗安镇第十五次党代会"),
            "{v:?}"
        );
        assert!(!has(&v, EntityType::Organisation, "中国共产党"), "{v:?}");
    }

    #[test]
    fn a_party_committee_of_a_term_and_a_cppcc_committee() {
        let v = run("镇党委书记张某代表中共泗安镇第十四届委员会向大会作报告。");
        assert!(
            has(&v, EntityType::Organisation, "中共泗安镇第十四届委员会"),
            "{v:?}"
        );
        let v = run("主席李某代表政协温州市第十届委员会常务委员会作报告。");
        assert!(
            has(&v, EntityType::Organisation, "政协温州市第十届委员会"),
            "the CPPCC's committee: {v:?}"
        );
        assert!(
            !has(&v, EntityType::Organisation, "温州市第十届委员会"),
            "{v:?}"
        );
    }

    #[test]
    fn a_legal_form_closes_a_company_before_a_programme_word() {
        let v = run("磐安县人民政府与龙泉交通投资集团有限公司战略合作协议签约仪式举行。");
        assert!(
            has(&v, EntityType::Organisation, "龙泉交通投资集团有限公司"),
            "{v:?}"
        );
    }

    #[test]
    fn a_seat_of_government_is_a_venue() {
        let v = run("签约仪式在县行政中心举行。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn cooperatives_and_companies_by_their_registered_names() {
        let v = run("村党支部领办的长兴县泗安种植专业合作社带动村民增收。");
        assert!(
            has(&v, EntityType::Organisation, "长兴县泗安种植专业合作社"),
            "{v:?}"
        );
        let v = run("他投资种植专业合作社。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.starts_with("投资")),
            "{v:?}"
        );
        let v = run("村里还成立了泗安乡村旅游公司。");
        assert!(
            has(&v, EntityType::Organisation, "泗安乡村旅游公司"),
            "{v:?}"
        );
        let v = run("公司将把长兴基地建成公司最大的生产基地。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.contains("建成")),
            "{v:?}"
        );
    }

    #[test]
    fn a_trade_and_its_legal_form_is_a_kind_of_company() {
        let v = run("把物业公司、驻区单位都拉进网格群,宏达物业公司也来了。");
        assert!(!has(&v, EntityType::Organisation, "物业公司"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "宏达物业公司"), "{v:?}");
    }

    #[test]
    fn numbered_institutions_branches_and_schools_of_a_place() {
        let v = run("他在湘南医科大学第二附属医院工作。");
        assert!(
            has(&v, EntityType::Organisation, "湘南医科大学第二附属医院"),
            "{v:?}"
        );
        let v = run("民盟长沙县支部主委王丽说,青山镇中心小学已建成。");
        assert!(has(&v, EntityType::Organisation, "民盟长沙县支部"), "{v:?}");
        assert!(has(&v, EntityType::Organisation, "青山镇中心小学"), "{v:?}");
        // 部署 ends in 署, 格局 begins with 局: words, not bodies.
        let v = run("全面落实省委决策部署,形成开放发展新格局。");
        assert!(
            v.iter()
                .all(|(t, n)| *t != EntityType::Organisation || n == "省委"),
            "{v:?}"
        );
    }

    #[test]
    fn a_registered_name_from_a_city_whose_name_holds_a_function_character() {
        // 都 is a function word's character too; in 于都县 or 宁都县 it is the place's.
        let v = run("社区联合于都县青山物业管理有限公司成立联盟。");
        assert!(
            has(&v, EntityType::Organisation, "于都县青山物业管理有限公司"),
            "{v:?}"
        );
    }

    #[test]
    fn a_standing_committees_session_with_or_without_its_term() {
        let v = run("嘉兴市第九届人民代表大会常务委员会第十五次会议举行。");
        assert!(
            has(
                &v,
                EntityType::Organisation,
                "嘉兴市第九届人民代表大会常务委员会第十五次会议"
            ),
            "{v:?}"
        );
        let v = run("嘉兴市人大常委会第十五次会议举行。");
        assert!(
            has(&v, EntityType::Organisation, "嘉兴市人大常委会第十五次会议"),
            "{v:?}"
        );
    }

    #[test]
    fn a_consultation_meeting_is_no_chamber_and_a_cppcc_standing_committee_meets() {
        let v = run("市政协召开专题协商会。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.ends_with("商会")),
            "{v:?}"
        );
        let v = run("政协安庆市第五届委员会常务委员会第十二次会议召开。");
        assert!(
            has(
                &v,
                EntityType::Organisation,
                "政协安庆市第五届委员会常务委员会第十二次会议"
            ),
            "{v:?}"
        );
    }

    #[test]
    fn a_registered_name_headed_by_a_place_the_article_writes_in_full() {
        // jieba cuts 下/党: the village 上湾村 written short as 上湾.
        let v = run("寿宁县上湾村召开会议。村里成立了上湾红茶专业合作社。");
        assert!(
            has(&v, EntityType::Organisation, "上湾红茶专业合作社"),
            "{v:?}"
        );
    }

    #[test]
    fn a_cultural_centre_is_a_venue() {
        let v = run("会议在县文化中心开幕。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
    }

    #[test]
    fn a_body_named_by_its_heads_title_opens_with_its_place_whole() {
        // jieba cuts an ethnic township's name anywhere; the township heads the clinic whole.
        let v = run("乡人大代表、车田苗族乡卫生院院长李勇建议。");
        assert!(
            has(&v, EntityType::Organisation, "车田苗族乡卫生院"),
            "{v:?}"
        );
    }

    #[test]
    fn a_quarter_of_the_country_and_a_verb_of_its_trade_stay_in_a_registered_name() {
        let v = run("西部宏远电力科技有限公司与兰州市星海检测技术有限公司签约。");
        assert!(
            has(&v, EntityType::Organisation, "西部宏远电力科技有限公司"),
            "{v:?}"
        );
        assert!(
            has(&v, EntityType::Organisation, "兰州市星海检测技术有限公司"),
            "{v:?}"
        );
        // A direction of one character is the sentence's: 项目中 is no part of the name.
        let v = run("签约项目中宏远电力科技有限公司投产。");
        assert!(
            has(&v, EntityType::Organisation, "宏远电力科技有限公司"),
            "{v:?}"
        );
    }

    #[test]
    fn a_standing_committee_in_full_and_an_adjective_before_an_institutes_field() {
        let v = run("选举李某为兰州市人民代表大会常务委员会主任。");
        assert!(
            has(&v, EntityType::Organisation, "兰州市人民代表大会常务委员会"),
            "{v:?}"
        );
        let v = run("双方将共建太原新能源研究院。");
        assert!(
            has(&v, EntityType::Organisation, "太原新能源研究院"),
            "{v:?}"
        );
    }

    #[test]
    fn a_field_cut_as_a_verb_before_its_unit_and_no_venue_as_a_body() {
        // 发改 is 发展改革 cut short; jieba tags it a verb.
        let v = run("县发改局局长方某汇报了情况。");
        assert!(has(&v, EntityType::Organisation, "县发改局"), "{v:?}");
        let v = run("大会在镇文化活动中心召开。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
        // A term counted opens no name: 新一届业主委员会.
        let v = run("小区选举产生新一届业主委员会。");
        assert!(
            !v.iter()
                .any(|(t, n)| *t == EntityType::Organisation && n.contains("届")),
            "{v:?}"
        );
    }

    #[test]
    fn a_trade_alone_before_hezuoshe_is_a_kind_and_a_project_manager_no_name() {
        let v = run("村里将组建劳务合作社,带动群众务工。");
        assert!(
            !v.iter().any(|(t, _)| *t == EntityType::Organisation),
            "{v:?}"
        );
        // 项 is a family name, but 项目经理 is a post.
        let v = run("兰州星海物业服务有限公司项目经理孙某某每周巡查小区。");
        assert!(!has(&v, EntityType::Person, "项目"), "{v:?}");
    }
}
