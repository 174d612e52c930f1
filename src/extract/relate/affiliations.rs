//! leads / memberOf / represents from the posts written around a person's name.

use super::{Context, Found};
use crate::extract::lexicon::{starts_with_at, OrgKind, TitleKind};
use crate::schema::{EntityType, Predicate, Span};


/// One item of an apposition chain: a body or place (if named) and a title.
#[derive(Debug, Clone, Copy)]
struct Post {
    unit: Option<usize>,
    kind: TitleKind,
}

/// leads / memberOf / represents from the posts written around each person's name.
pub fn affiliations(cx: &Context, out: &mut Found) {
    let chars = &cx.text.chars;
    let mut previous: Option<(usize, Vec<Post>)> = None;
    for (k, m) in cx.mentions.iter().enumerate() {
        if m.entity_type != EntityType::Person {
            continue;
        }
        let person = cx.entity(k);
        let (mut posts, mut span) = posts_before(cx, m.start);
        let (after, after_end) = posts_after(cx, m.end);
        posts.extend(after);
        span.1 = span.1.max(after_end);
        // `记者刘大海、孙丽`: a name listed after another shares its posts.
        if posts.is_empty() && m.start > 0 && chars[m.start - 1] == '、' {
            if let Some((end, p)) = &previous {
                if *end + 1 == m.start {
                    posts = p.clone();
                }
            }
        }
        previous = Some((m.end, posts.clone()));
        let evidence = Span {
            start: span.0.min(m.start),
            end: span.1.max(m.end),
        };
        let mut delegate = false;
        let mut congress_named = false;
        for post in &posts {
            match (post.kind, post.unit) {
                (TitleKind::Head, Some(u)) if cx.etype(u) == EntityType::Organisation => {
                    out.push((person, Predicate::Leads, u, evidence, 0.9))
                }
                (TitleKind::Member, Some(u)) if cx.etype(u) == EntityType::Organisation => {
                    out.push((person, Predicate::MemberOf, u, evidence, 0.85))
                }
                (TitleKind::Press, unit) => {
                    let medium = unit.filter(|&u| cx.etype(u) == EntityType::Organisation).or_else(|| credited_source(cx));
                    if let Some(u) = medium {
                        out.push((person, Predicate::MemberOf, u, evidence, 0.85));
                    }
                }
                (TitleKind::Delegate, unit) => {
                    delegate = true;
                    if let Some(u) = unit {
                        if cx.kind(u) == Some(OrgKind::Congress) {
                            congress_named = true;
                            out.push((person, Predicate::MemberOf, u, evidence, 0.85));
                        } else if cx.etype(u) == EntityType::Place || cx.kind(u) == Some(OrgKind::Enterprise) {
                            out.push((person, Predicate::Represents, u, evidence, 0.8));
                        }
                    }
                }
                _ => {}
            }
        }
        if !delegate {
            continue;
        }
        // A delegate represents the unit of their affiliation: the enterprise, else the
        // most specific place their bodies sit in.
        let units: Vec<usize> = posts
            .iter()
            .filter_map(|p| p.unit)
            .filter(|&u| cx.etype(u) == EntityType::Organisation && cx.kind(u) != Some(OrgKind::Congress))
            .collect();
        let enterprise = units.iter().find_map(|&u| {
            let mut e = Some(u);
            while let Some(x) = e {
                if cx.kind(x) == Some(OrgKind::Enterprise) {
                    return Some(x);
                }
                e = cx.resolved.info[x].parent;
            }
            None
        });
        let place = units
            .iter()
            .filter_map(|&u| cx.resolved.info[u].seat)
            .max_by_key(|&p| cx.resolved.info[p].level.unwrap_or(0));
        if let Some(unit) = enterprise.or(place) {
            out.push((person, Predicate::Represents, unit, evidence, 0.8));
        }
        // A delegate attends the congress of the article when it names exactly one.
        if !congress_named {
            let congresses: Vec<usize> = (0..cx.resolved.entities.len())
                .filter(|&e| cx.kind(e) == Some(OrgKind::Congress))
                .collect();
            if let [c] = congresses.as_slice() {
                out.push((person, Predicate::MemberOf, *c, evidence, 0.6));
            }
        }
    }
}

/// The medium credited in the article's `来源:` line, or the first medium named.
fn credited_source(cx: &Context) -> Option<usize> {
    let chars = &cx.text.chars;
    let credited = cx.mentions.iter().position(|m| {
        m.entity_type == EntityType::Organisation
            && m.start >= 3
            && starts_with_at(chars, m.start - 3, "来源:")
    });
    credited
        .map(|k| cx.entity(k))
        .or_else(|| (0..cx.resolved.entities.len()).find(|&e| cx.kind(e) == Some(OrgKind::Media)))
}

/// Posts written before a name: `A常委、B部长李明华`, `记者 周小明`, `编辑:孙丽`.
fn posts_before(cx: &Context, name_start: usize) -> (Vec<Post>, (usize, usize)) {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    let mut pos = name_start;
    while pos > 0 && matches!(chars[pos - 1], ' ' | ':' | '\u{3000}') {
        pos -= 1;
    }
    let mut first = name_start;
    while let Some(title) = cx.lex.title_ending_at(chars, pos) {
        let t_start = pos - title.word.chars().count();
        let unit = cx
            .mention_ending(EntityType::Organisation, t_start)
            .or_else(|| cx.mention_ending(EntityType::Place, t_start));
        posts.push(Post {
            unit: unit.map(|u| cx.entity(u)),
            kind: title.kind,
        });
        pos = unit.map_or(t_start, |u| cx.mentions[u].start);
        first = pos;
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
    (posts, (first, name_start))
}

/// Posts written after a name: its own title (`李明华代表`), or a profile line
/// (`李明华 党的十九大代表、…村党总支书记、村委会主任`).
fn posts_after(cx: &Context, name_end: usize) -> (Vec<Post>, usize) {
    let chars = &cx.text.chars;
    let mut posts = Vec::new();
    // The title right after the name. 代表 followed by a body or place is the verb
    // (章某代表县政府致辞), not the title.
    if let Some(t) = cx.lex.title_at(chars, name_end) {
        let after = name_end + t.word.chars().count();
        let verb_use = t.kind == TitleKind::Delegate
            && cx.mentions.iter().any(|m| m.start == after && m.entity_type != EntityType::Person)
            || after < chars.len() && "县市省区镇村全".contains(chars[after]) && t.kind == TitleKind::Delegate;
        if !verb_use && t.kind == TitleKind::Delegate {
            posts.push(Post { unit: None, kind: t.kind });
        }
        return (posts, after);
    }
    // A profile line: the name, white space, then posts separated by 、.
    let mut pos = name_end;
    while pos < chars.len() && matches!(chars[pos], ' ' | '\u{3000}' | '\t') {
        pos += 1;
    }
    if pos == name_end {
        return (posts, name_end);
    }
    let mut end = pos;
    loop {
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
        let unit = cx
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.entity_type == EntityType::Organisation && (m.start == unit_pos || m.start == pos))
            .max_by_key(|(_, m)| m.end)
            .map(|(k, _)| k);
        let t_pos = unit.map_or(pos, |u| cx.mentions[u].end);
        let Some(title) = cx.lex.title_at(chars, t_pos) else { break };
        posts.push(Post {
            unit: unit.map(|u| cx.entity(u)),
            kind: title.kind,
        });
        end = t_pos + title.word.chars().count();
        if end < chars.len() && chars[end] == '、' {
            pos = end + 1;
        } else {
            break;
        }
    }
    (posts, end)
}


#[cfg(test)]
mod tests {
    use crate::extract::relate::testing::{has, triples};

    #[test]
    fn apposition_chain_gives_head_member_and_represents() {
        let t = triples("宁波市委常委、宣传部部长李明华代表说,要抓好落实。");
        assert!(has(&t, "李明华", "leads", "宁波市委宣传部"), "{t:?}");
        assert!(has(&t, "李明华", "memberOf", "宁波市委"), "{t:?}");
        assert!(has(&t, "李明华", "represents", "宁波市"), "{t:?}");
        assert!(!has(&t, "李明华", "leads", "宁波市委"), "常委 is no head post: {t:?}");
    }

    #[test]
    fn a_deputy_does_not_lead() {
        let t = triples("温州市委副书记赵国强表示,要抓好落实。");
        assert!(has(&t, "赵国强", "memberOf", "温州市委"), "{t:?}");
        assert!(!has(&t, "赵国强", "leads", "温州市委"), "{t:?}");
    }

    #[test]
    fn village_posts_and_the_village_committee_from_context() {
        let t = triples("安吉县递铺街道鲁家村党总支书记、村委会主任朱仁斌代表说,村里变化很大。");
        assert!(has(&t, "朱仁斌", "leads", "鲁家村党总支"), "{t:?}");
        assert!(has(&t, "朱仁斌", "leads", "鲁家村村委会"), "{t:?}");
        assert!(has(&t, "朱仁斌", "represents", "鲁家村"), "{t:?}");
        assert!(has(&t, "鲁家村党总支", "locatedIn", "鲁家村"), "{t:?}");
    }

    #[test]
    fn an_enterprise_delegate_represents_the_enterprise() {
        let t = triples("宏达集团党委书记钱志刚代表深有体会。");
        assert!(has(&t, "钱志刚", "leads", "宏达集团党委"), "{t:?}");
        assert!(has(&t, "钱志刚", "represents", "宏达集团"), "{t:?}");
    }

    #[test]
    fn daibiao_as_a_verb_is_not_a_delegate() {
        let t = triples("宁波市委书记李明华代表市委向大家表示感谢。");
        assert!(has(&t, "李明华", "leads", "宁波市委"), "{t:?}");
        assert!(t.iter().all(|x| x.1 != "represents"), "{t:?}");
    }

    #[test]
    fn bylines_make_members_of_the_credited_medium() {
        let t = triples("正文很短。\n\n来源:宁波日报   作者:记者 周小明 编辑:孙丽");
        assert!(has(&t, "周小明", "memberOf", "宁波日报"), "{t:?}");
        assert!(has(&t, "孙丽", "memberOf", "宁波日报"), "{t:?}");
        let t = triples("(宁波日报记者 周小明、孙丽)正文很短。");
        assert!(has(&t, "孙丽", "memberOf", "宁波日报"), "{t:?}");
    }

}
