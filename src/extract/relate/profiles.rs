//! The profile grammar: the posts a text gives each person, read from the ways Chinese news
//! writes them —
//! - an apposition chain before the name: `宁波市委常委、宣传部部长李明华`, `记者/周小明`;
//! - the name's own title: `李明华代表`;
//! - a profile line: `汪玉成 党的二十大代表、安吉县天荒坪镇余村党总支书记`;
//! - a copula or a verb of holding a post after the name, clause after clause:
//!   `张伟是市委副书记、市长`, `陈建华是某公司董事长,还任市工商联副主席`, `某某是某中学的教师`;
//! - 前者 / 后者 for the first and second of two names just listed;
//! - a verb of taking a post with the clause's subject: `李明…回新民村担任村党支部书记`;
//! - names listed after one with a title share its posts (`5位全国人大代表刘某、黄某`), and
//!   the place that elected them (`嘉兴市选出的5位全国人大代表`) is their constituency.

use super::Context;
use crate::extract::lexicon::{starts_with_at, TitleMatch};
use crate::schema::EntityType;

/// One post as written: the title, and the body or place it is held in (an entity), when the
/// text names one.
#[derive(Debug, Clone)]
pub(super) struct Post {
    pub unit: Option<usize>,
    pub title: TitleMatch,
}

/// What the text says about one person mention.
#[derive(Debug, Clone, Default)]
pub(super) struct Profile {
    pub posts: Vec<Post>,
    /// The place that elected a delegate (`嘉兴市选出的…代表`), an entity.
    pub constituency: Option<usize>,
    /// The text the posts were read from.
    pub span: (usize, usize),
    /// `甲单位党委书记张某、校长李某`: for 李某, the body of the name listed before, whose
    /// post a bare title of this chain may share.
    pub listed_after: Option<usize>,
}

/// Words that link a name to its posts: `是`, `为`, `现任` … (longest first).
const COPULAS: [&str; 14] = [
    "现任",
    "担任",
    "出任",
    "兼任",
    "还任",
    "曾任",
    "现为",
    "同时任",
    "也是",
    "还是",
    "系",
    "是",
    "为",
    "任",
];
/// Words that take up the same subject's next clause: `,还任`, `,兼任`.
const CONNECTORS: [&str; 8] = ["还任", "兼任", "同时任", "并任", "也是", "还是", "是", "为"];
/// Verbs of taking a post, whose subject is the clause's person: `回村担任村党支部书记`.
const TAKING_POSTS: [&str; 5] = ["担任", "出任", "当选为", "当选", "兼任"];

/// The profile of every person mention, by mention index.
pub(super) fn profiles(cx: &Context) -> Vec<(usize, Profile)> {
    let chars = &cx.text.chars;
    let mut out: Vec<(usize, Profile)> = Vec::new();
    let mut posts_written_after: Vec<bool> = Vec::new();
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person {
            continue;
        }
        let (mut posts, start, constituency) = chain_before(cx, m.start);
        let (after, end) = posts_after(cx, m.end);
        let after_empty = after.is_empty();
        posts.extend(after);
        // (Or after a comma: 副主任周某、陈某,秘书长吴某 — the body's officers in a row.)
        let listed_after = (start > 0 && start < m.start && matches!(chars[start - 1], '、' | ','))
            .then(|| {
                out.iter()
                    .rev()
                    .find(|(j, _)| cx.mentions[*j].end == start - 1)
                    .and_then(|(_, prev)| prev.posts.last())
                    .and_then(|p| p.unit)
                    .filter(|&u| cx.etype(u) == EntityType::Organisation)
            })
            .flatten();
        let mut profile = Profile {
            posts,
            constituency,
            span: (start.min(m.start), end.max(m.end)),
            listed_after,
        };
        // `记者刘大海、孙丽`, `5位代表刘某、黄某`, `记者 林某 余某`: a name listed after
        // another shares its posts.
        let mut gap = m.start;
        while gap > 0 && chars[gap - 1] == ' ' {
            gap -= 1;
        }
        let listed = m.start > 0 && chars[m.start - 1] == '、' || gap < m.start;
        let list_start = if gap < m.start {
            gap
        } else {
            m.start.saturating_sub(1)
        };
        if profile.posts.is_empty() && listed {
            if let Some((_, prev)) = out
                .iter()
                .rev()
                .find(|(j, _)| cx.mentions[*j].end == list_start)
            {
                profile.posts = prev.posts.clone();
                profile.constituency = prev.constituency;
                profile.span.0 = profile.span.0.min(prev.span.0);
            }
        }
        out.push((k, profile));
        posts_written_after.push(!after_empty);
    }
    // `李某、王某为市委副书记`: names listed before one whose posts follow it share them.
    for n in (0..out.len()).rev() {
        let m = &cx.mentions[out[n].0];
        if !out[n].1.posts.is_empty() || chars.get(m.end) != Some(&'、') {
            continue;
        }
        let next = (n + 1..out.len())
            .find(|&q| cx.mentions[out[q].0].start == m.end + 1 && posts_written_after[q]);
        if let Some(q) = next {
            out[n].1.posts = out[q].1.posts.clone();
            out[n].1.span.1 = out[n].1.span.1.max(out[q].1.span.1);
            posts_written_after[n] = true;
        }
    }
    former_and_latter(cx, &mut out);
    posts_taken(cx, &mut out);
    out
}

/// Posts written before a name, back along an apposition chain (`A常委、B部长李明华`,
/// `记者 周小明`, `编辑:孙丽`, `记者/林晓野`); where the chain starts; and the constituency
/// named before it.
fn chain_before(cx: &Context, name_start: usize) -> (Vec<Post>, usize, Option<usize>) {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    let mut pos = name_start;
    while pos > 0 && matches!(chars[pos - 1], ' ' | ':' | '/' | '\u{3000}') {
        pos -= 1;
    }
    let mut first = name_start;
    while let Some(title) = cx.lex.title_ending_at(chars, pos) {
        let (unit, unit_start) = unit_before(cx, &title);
        pos = unit_start.unwrap_or(title.start);
        // A unit the recognisers did not know (某公司总经理): the chain goes on past it to the
        // item before.
        // Never past a person or a conjunction: 市长汤建军与公司总经理罗明 gives 罗明 only
        // the company's post.
        if unit.is_none() {
            let person_ends = |q: usize| cx.mention_ending(EntityType::Person, q + 1).is_some();
            let unknown = (pos.saturating_sub(12)..pos)
                .rev()
                .take_while(|&q| {
                    (crate::extract::segment::is_han(chars[q]) || chars[q] == '、')
                        && !"与和及".contains(chars[q])
                        && !person_ends(q)
                })
                .find(|&q| chars[q] == '、');
            if let Some(q) = unknown {
                pos = q + 1;
            }
        }
        first = pos;
        posts.push(Post { unit, title });
        // Places written before the body (安吉县递铺街道鲁家村党总支) belong to the chain too.
        while let Some(p) = cx.mention_ending(EntityType::Place, pos) {
            pos = cx.mentions[p].start;
            first = pos;
        }
        if pos > 0 && chars[pos - 1] == '、' {
            pos -= 1;
        } else {
            break;
        }
    }
    let constituency = if posts.is_empty() {
        None
    } else {
        constituency_before(cx, first)
    };
    // Read backwards; kept in text order, so that a bare title takes the place of the item
    // before it (宁波市委常委、副市长).
    posts.reverse();
    (posts, first, constituency)
}

/// The body or place a title ending a chain item is held in, and where it starts: the
/// mention ending where the title starts (宣传部 + 部长), the body sharing the title's first
/// character (外交部 + 部长 in 外交部长), or the body the title overlaps (全国人大 + 人大代表).
fn unit_before(cx: &Context, title: &TitleMatch) -> (Option<usize>, Option<usize>) {
    let t = title.start;
    let found = cx
        .mention_ending(EntityType::Organisation, t)
        .or_else(|| {
            // 江苏省人大代表: the body the title overlaps, before the place inside it.
            cx.mentions.iter().rposition(|m| {
                m.entity_type == EntityType::Organisation
                    && m.start < t
                    && m.end > t
                    && m.end < title.end
            })
        })
        .or_else(|| cx.mention_ending(EntityType::Place, t));
    match found {
        Some(u) => (Some(cx.entity(u)), Some(cx.mentions[u].start)),
        None => the_company_before(cx, t),
    }
}

/// `公司总经理罗明`, `该公司董事长`: the company is the one the text last named before.
fn the_company_before(cx: &Context, t: usize) -> (Option<usize>, Option<usize>) {
    let chars = &cx.text.chars;
    let Some(word) = ["该公司", "公司", "该企业", "企业", "该集团", "集团"]
        .iter()
        .find(|w| t >= w.chars().count() && crate::extract::lexicon::ends_with_at(chars, t, w))
    else {
        return (None, None);
    };
    let start = t - word.chars().count();
    // The word stands alone: 公司 of 某某公司 was a name the recognisers did not take.
    if start > 0 && crate::extract::segment::is_han(chars[start - 1]) && !cx.text.is_boundary(start)
    {
        return (None, None);
    }
    let company = cx
        .mentions
        .iter()
        .enumerate()
        .filter(|(k, m)| {
            m.end <= start
                && m.entity_type == EntityType::Organisation
                && cx.kind(cx.entity(*k)) == Some(crate::extract::lexicon::OrgKind::Enterprise)
        })
        .max_by_key(|(_, m)| m.end)
        .map(|(k, _)| cx.entity(k));
    match company {
        Some(c) => (Some(c), Some(start)),
        None => (None, None),
    }
}

/// `嘉兴市选出的5位全国人大代表…`: the place that elected the delegates of a chain
/// starting at `start`.
fn constituency_before(cx: &Context, start: usize) -> Option<usize> {
    let chars = &cx.text.chars;
    let mut k = start;
    // A count: 5位, 五名.
    if k > 0 && matches!(chars[k - 1], '位' | '名') {
        k -= 1;
        while k > 0
            && (chars[k - 1].is_ascii_digit()
                || "一二三四五六七八九十两几多".contains(chars[k - 1]))
        {
            k -= 1;
        }
    }
    if k == 0 || chars[k - 1] != '的' {
        return None;
    }
    k -= 1;
    for verb in ["选出", "选举产生", "当选"] {
        if k >= verb.chars().count() && starts_with_at(chars, k - verb.chars().count(), verb) {
            k -= verb.chars().count();
            break;
        }
    }
    cx.mention_ending(EntityType::Place, k)
        .map(|p| cx.entity(p))
}

/// Posts written after a name: its own title (`李明华代表`), a profile line, or clauses
/// linked by a copula (`是…`, `,还任…`).
fn posts_after(cx: &Context, name_end: usize) -> (Vec<Post>, usize) {
    let chars = &cx.text.chars;
    // The title right after the name. 代表 followed by a body or place is the verb
    // (章某代表县政府致辞), not the title.
    if let Some(t) = cx
        .lex
        .title_at(chars, name_end)
        .filter(|t| t.start == name_end)
    {
        let after = t.end;
        let delegate = t.kind == crate::extract::lexicon::TitleKind::Delegate;
        let verb_use = delegate
            && (cx
                .mentions
                .iter()
                .any(|m| m.start == after && m.entity_type != EntityType::Person)
                || after < chars.len() && "县市省区镇村全".contains(chars[after])
                // 总经理李某代表双方签约, 代表公司致辞.
                || ["双方", "各方", "公司", "学校", "企业", "集团", "单位", "我们", "中共", "中国共产党", "政协"]
                    .iter()
                    .any(|w| starts_with_at(chars, after, w)));
        let posts = if delegate && !verb_use {
            vec![Post {
                unit: None,
                title: t,
            }]
        } else {
            Vec::new()
        };
        return (posts, after);
    }
    // A profile line: the name, white space, then posts.
    let mut pos = name_end;
    while pos < chars.len() && matches!(chars[pos], ' ' | '\u{3000}' | '\t') {
        pos += 1;
    }
    if pos > name_end {
        return chain_at(cx, pos).unwrap_or((Vec::new(), name_end));
    }
    // Clauses: `是A董事长,还任B副主席`, perhaps after asides (`张某,浙江温州人,现为…`,
    // `张某,男,1970年出生,现任…`).
    let mut posts = Vec::new();
    let mut end = skip_asides(chars, name_end);
    // `谭某,男,1988年出生,某大学某学院副教授,…`: after asides, the posts themselves.
    if end > name_end && chars.get(end) == Some(&',') {
        if let Some((found, e)) = chain_at(cx, end + 1) {
            posts.extend(found);
            end = e;
        }
    }
    let mut words: &[&str] = &COPULAS;
    loop {
        let mut p = end;
        if p < chars.len() && chars[p] == ',' && !posts.is_empty() {
            p += 1;
        }
        let Some(w) = words.iter().find(|w| starts_with_at(chars, p, w)) else {
            break;
        };
        let Some((found, e)) = chain_at(cx, p + w.chars().count()) else {
            break;
        };
        posts.extend(found);
        end = e;
        words = &CONNECTORS;
    }
    (posts, end)
}

/// Past the asides of a profile after a name: where one comes from (浙江温州人), sex, birth,
/// ethnicity, each between commas, up to the comma before the posts.
fn skip_asides(chars: &[char], pos: usize) -> usize {
    let mut p = pos;
    loop {
        if chars.get(p) != Some(&',') {
            return p;
        }
        let start = p + 1;
        let Some(close) =
            (start..chars.len().min(start + 14)).find(|&q| matches!(chars[q], ',' | '。' | ';'))
        else {
            return p;
        };
        let aside: String = chars[start..close].iter().collect();
        let is_aside = aside.ends_with('人')
            || matches!(aside.as_str(), "男" | "女")
            || aside.contains("出生")
            || aside.ends_with("年生")
            || aside.ends_with('族')
            || aside.contains("党员");
        if !is_aside || chars[close] != ',' {
            return p;
        }
        p = close;
        // The comma before the posts is the copula loop's to read.
        if !COPULAS.iter().any(|w| starts_with_at(chars, p + 1, w)) {
            continue;
        }
        return p + 1;
    }
}

/// A chain of posts written forward from `pos`: `[一名][places][body][的][title]`, items
/// joined by 、. None when no title is found.
fn chain_at(cx: &Context, pos: usize) -> Option<(Vec<Post>, usize)> {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    let mut pos = pos;
    let mut end = pos;
    loop {
        for count in ["一名", "一位", "名", "位"] {
            if starts_with_at(chars, pos, count) {
                pos += count.chars().count();
                break;
            }
        }
        // Skip the places of an address chain to the body they lead up to.
        let mut unit_pos = pos;
        while let Some(p) = cx.mention_starting(EntityType::Place, unit_pos) {
            let pe = cx.mentions[p].end;
            if cx.mention_starting(EntityType::Place, pe).is_some()
                || cx.mention_starting(EntityType::Organisation, pe).is_some()
            {
                unit_pos = pe;
            } else {
                break;
            }
        }
        let body = cx
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.entity_type == EntityType::Organisation && (m.start == unit_pos || m.start == pos)
            })
            .max_by_key(|(_, m)| m.end)
            .map(|(k, _)| k);
        // A place alone holds a post too: 青溪镇副镇长.
        let unit = body.or_else(|| {
            cx.mention_starting(EntityType::Place, unit_pos)
                .filter(|&p| unit_pos == pos || cx.mentions[p].start == unit_pos)
        });
        let mut t_pos = unit.map_or(pos, |u| cx.mentions[u].end);
        // 市工商联(总商会)副主席: an aside between the body and the title.
        if unit.is_some() && chars.get(t_pos) == Some(&'(') {
            if let Some(close) = (t_pos..chars.len().min(t_pos + 12)).find(|&q| chars[q] == ')') {
                t_pos = close + 1;
            }
        }
        if unit.is_some() && chars.get(t_pos) == Some(&'的') {
            t_pos += 1;
        }
        // A field before a title (路桥高级工程师, 农村基层代表) when no body is named.
        let title = (0..=4).find_map(|skip| {
            let at = t_pos + skip;
            if unit.is_some() && skip > 0
                || (t_pos..at)
                    .any(|q| q >= chars.len() || !crate::extract::segment::is_han(chars[q]))
            {
                return None;
            }
            cx.lex.title_at(chars, at).filter(|t| t.start == at)
        });
        let Some(title) = title else { break };
        end = title.end;
        // 副主席(执行会长): a second title in brackets adds nothing.
        if chars.get(end) == Some(&'(') {
            if let Some(close) = (end..chars.len().min(end + 10)).find(|&q| chars[q] == ')') {
                end = close + 1;
            }
        }
        posts.push(Post {
            unit: unit.map(|u| cx.entity(u)),
            title,
        });
        if end < chars.len() && chars[end] == '、' {
            pos = end + 1;
        } else {
            break;
        }
    }
    (!posts.is_empty()).then_some((posts, end))
}

/// `吴某、温某是两位女性代表,前者是某中学的教师;后者…为某村党总支书记`: the posts after
/// 前者 / 后者 are the first / second of the two names listed last before.
fn former_and_latter(cx: &Context, profiles: &mut [(usize, Profile)]) {
    let chars = &cx.text.chars;
    for i in 0..chars.len() {
        let which = if starts_with_at(chars, i, "前者") {
            0
        } else if starts_with_at(chars, i, "后者") {
            1
        } else {
            continue;
        };
        // The last pair of names joined by 、, 和 or 与 before.
        let before: Vec<usize> = (0..profiles.len())
            .filter(|&p| cx.mentions[profiles[p].0].end <= i)
            .collect();
        let pair = before.windows(2).rev().find(|w| {
            let (a, b) = (
                &cx.mentions[profiles[w[0]].0],
                &cx.mentions[profiles[w[1]].0],
            );
            b.start == a.end + 1 && matches!(chars[a.end], '、' | '和' | '与')
        });
        let Some(pair) = pair else { continue };
        let (posts, end) = posts_after(cx, i + 2);
        let target = &mut profiles[pair[which]].1;
        target.posts.extend(posts);
        target.span.1 = target.span.1.max(end);
    }
}

/// `李明…回新民村担任村党支部书记`: a verb of taking a post gives the post to the person
/// last named before it in the sentence.
fn posts_taken(cx: &Context, profiles: &mut [(usize, Profile)]) {
    let chars = &cx.text.chars;
    for i in 0..chars.len() {
        let Some(verb) = TAKING_POSTS.iter().find(|v| starts_with_at(chars, i, v)) else {
            continue;
        };
        let Some((posts, end)) = chain_at(cx, i + verb.chars().count()) else {
            continue;
        };
        let (s, _) = cx.text.sentence_of(i);
        let subject = profiles.iter_mut().rev().find(|(k, _)| {
            let m = &cx.mentions[*k];
            m.start >= s && m.end <= i
        });
        if let Some((_, profile)) = subject {
            // Posts already read from a copula at the name are not taken twice.
            if !profile.posts.iter().any(|p| p.title.start >= i) {
                profile.posts.extend(posts);
                profile.span.1 = profile.span.1.max(end);
            }
        }
    }
}
