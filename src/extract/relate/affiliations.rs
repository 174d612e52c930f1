//! leads / memberOf / represents from the posts the profile grammar reads around each name
//! (see `profiles`).

use super::profiles::{profiles, Post, Profile};
use super::{Context, Found};
use crate::extract::lexicon::{starts_with_at, OrgKind, TitleKind};
use crate::extract::recognise::level_of_word;
use crate::schema::{EntityType, Predicate, Span};

/// leads / memberOf / represents for every person with posts, from all the places the
/// article gives them (a name listed with a title, then described in a sentence of its own).
pub fn affiliations(cx: &Context, out: &mut Found) {
    let mut by_person: Vec<(usize, Vec<(usize, Profile)>)> = Vec::new();
    for (k, profile) in profiles(cx) {
        let person = cx.entity(k);
        match by_person.iter_mut().find(|(p, _)| *p == person) {
            Some((_, list)) => list.push((k, profile)),
            None => by_person.push((person, vec![(k, profile)])),
        }
    }
    for (person, list) in &by_person {
        for (_, profile) in list {
            posts(cx, *person, profile, out);
        }
        let delegate_in: Vec<&(usize, Profile)> = list
            .iter()
            .filter(|(_, p)| p.posts.iter().any(|x| x.title.kind == TitleKind::Delegate))
            .collect();
        if let Some(&(k, first)) = delegate_in.first() {
            let work: Vec<(&Post, Span)> = list
                .iter()
                .flat_map(|(_, p)| {
                    p.posts.iter().map(move |x| {
                        (
                            x,
                            Span {
                                start: p.span.0,
                                end: p.span.1,
                            },
                        )
                    })
                })
                .filter(|(x, _)| x.title.kind != TitleKind::Delegate)
                .collect();
            delegate(cx, *k, *person, first, &work, out);
        }
    }
}

/// `某公司董事长、总经理`, `某大学党委书记、校长` (two people or one): a bare title after an
/// item is held in that item's body — in the body a party committee belongs to when the
/// title is no party post (校长 of the university, not of its 党委); a party committee of a
/// place takes no such title (市委常委、副市长 is the implied government's).
fn same_body(cx: &Context, previous: Option<usize>, core: &str) -> Option<usize> {
    let b = previous?;
    let party_post = core.ends_with("书记") || matches!(core, "委员" | "常委");
    if cx.kind(b) != Some(OrgKind::Party) || party_post {
        return Some(b);
    }
    cx.resolved.info[b]
        .parent
        .filter(|&p| cx.etype(p) == EntityType::Organisation)
}

/// leads / memberOf from one profile's posts.
fn posts(cx: &Context, person: usize, profile: &Profile, out: &mut Found) {
    let evidence = Span {
        start: profile.span.0,
        end: profile.span.1,
    };
    let mut previous_place: Option<usize> = None;
    let mut previous_body: Option<usize> = profile.listed_after;
    for post in &profile.posts {
        let place = post.unit.and_then(|u| place_of(cx, u));
        match post.title.kind {
            TitleKind::Head | TitleKind::Member => {
                let predicate = if post.title.kind == TitleKind::Head {
                    Predicate::Leads
                } else {
                    Predicate::MemberOf
                };
                let body = match post.unit {
                    Some(u) if cx.etype(u) == EntityType::Organisation => Some(u),
                    // 青溪镇副镇长, 宁波市委常委、副市长: the body the title implies, in the
                    // place named with it or with the item before.
                    _ => implied_body(cx, &post.title.implied_body, place.or(previous_place))
                        .or_else(|| {
                            level_government(cx, &post.title.core, &post.title.implied_body)
                        })
                        .or_else(|| {
                            // Only a bare title right after 、 shares the item before (or
                            // after a comma, a name listed with its officers).
                            let bare = post.unit.is_none()
                                && post.title.start > 0
                                && matches!(cx.text.chars[post.title.start - 1], '、' | ',');
                            bare.then(|| same_body(cx, previous_body, &post.title.core))
                                .flatten()
                        }),
                };
                previous_body = body.or(previous_body);
                if let Some(b) = body {
                    out.push((
                        person,
                        predicate,
                        b,
                        evidence,
                        if predicate == Predicate::Leads {
                            0.9
                        } else {
                            0.85
                        },
                    ));
                }
            }
            TitleKind::Press => {
                let medium = post
                    .unit
                    .filter(|&u| cx.etype(u) == EntityType::Organisation)
                    .or_else(|| press_medium(cx));
                if let Some(u) = medium {
                    out.push((person, Predicate::MemberOf, u, evidence, 0.85));
                }
            }
            TitleKind::Delegate => {}
        }
        previous_place = place.or(previous_place);
    }
}

/// What a delegate represents and attends: the unit of their affiliation line (their
/// enterprise, school or institution, a democratic party's branch, the place of the post
/// they hold), their constituency, the congress (and its session) their title names, and the
/// delegation they travel with.
fn delegate(
    cx: &Context,
    k: usize,
    person: usize,
    profile: &Profile,
    work: &[(&Post, Span)],
    out: &mut Found,
) {
    let evidence = Span {
        start: profile.span.0,
        end: profile.span.1,
    };
    let own_unit = work
        .iter()
        .find_map(|(p, span)| p.unit.and_then(|u| own_unit(cx, u)).map(|u| (u, *span)));
    let seat = work
        .iter()
        .filter_map(|(p, span)| p.unit.and_then(|u| place_of(cx, u)).map(|pl| (pl, *span)))
        .max_by_key(|(p, _)| cx.resolved.info[*p].level.unwrap_or(0));
    if let Some((unit, span)) = own_unit.or(seat) {
        out.push((person, Predicate::Represents, unit, span, 0.8));
    }
    if let Some(place) = profile.constituency {
        out.push((person, Predicate::Represents, place, evidence, 0.8));
    }
    // The congress a delegate's title names (党的二十大代表, 全国人大代表, 市政协委员) and the
    // sessions of that congress the article names. A plain 代表 says nothing when another
    // title says which congress.
    let delegate_posts: Vec<&Post> = profile
        .posts
        .iter()
        .filter(|p| p.title.kind == TitleKind::Delegate)
        .collect();
    let kinds: Vec<Option<&str>> = delegate_posts
        .iter()
        .map(|p| {
            congress_kind(
                &p.title.word,
                p.unit
                    .filter(|&u| cx.kind(u) == Some(OrgKind::Congress))
                    .map(|b| cx.resolved.entities[b].name.as_str()),
            )
        })
        .collect();
    let any_kind = kinds.iter().any(Option::is_some);
    let mut attends = false;
    for (post, kind) in delegate_posts.iter().zip(&kinds) {
        if any_kind && kind.is_none() {
            continue;
        }
        let body = post.unit.filter(|&u| cx.kind(u) == Some(OrgKind::Congress));
        if let Some(b) = body {
            out.push((person, Predicate::MemberOf, b, evidence, 0.85));
            attends = true;
        }
        // The body's place (全国 of 全国人大, 宁波市 of 宁波市政协) must be the session's.
        let scope = body.map(|b| congress_scope(&cx.resolved.entities[b].name));
        for session in sessions(cx) {
            let name = &cx.resolved.entities[session].name;
            let same_kind = kind.is_none_or(|k| k.split('|').any(|w| name.contains(w)));
            let same_place = scope.as_deref().is_none_or(|s| name.contains(s));
            if same_kind && same_place {
                out.push((person, Predicate::MemberOf, session, evidence, 0.8));
                attends = true;
            }
        }
    }
    // Else the congress of the article, when it names exactly one.
    if !attends {
        let congresses: Vec<usize> = (0..cx.resolved.entities.len())
            .filter(|&e| cx.kind(e) == Some(OrgKind::Congress))
            .collect();
        if let [c] = congresses.as_slice() {
            out.push((person, Predicate::MemberOf, *c, evidence, 0.6));
        }
    }
    // 与浙江代表团其他代表一起抵京: a delegation named in the delegate's sentence; and where
    // an article follows one congress delegation (江苏代表团审议…), every deputy in it.
    let (s, e) = cx.text.sentence_of(cx.mentions[k].start);
    for j in cx.within(s, e) {
        if cx.kind(cx.entity(j)) == Some(OrgKind::Delegation)
            && cx.mentions[j].entity_type == EntityType::Organisation
        {
            out.push((person, Predicate::MemberOf, cx.entity(j), evidence, 0.7));
        }
    }
    let delegations: Vec<usize> = (0..cx.resolved.entities.len())
        .filter(|&d| {
            cx.kind(d) == Some(OrgKind::Delegation)
                && !cx.resolved.entities[d].name.contains("党政")
        })
        .collect();
    if let ([d], true) = (delegations.as_slice(), any_kind) {
        out.push((person, Predicate::MemberOf, *d, evidence, 0.6));
    }
}

/// The place part of a congress's name: 全国 of 全国人大, 宁波市 of 宁波市政协.
fn congress_scope(name: &str) -> String {
    let end = ["人大", "人民代表大会", "政协", "党代会"]
        .iter()
        .filter_map(|w| name.find(w))
        .min()
        .unwrap_or(name.len());
    name[..end].to_string()
}

/// The body a delegate's title says they sit in: 人大 for 人大代表, 政协 for 政协委员, none
/// for a plain 代表 (then any congress of the article fits).
fn congress_kind(title: &str, body: Option<&str>) -> Option<&'static str> {
    let said = |s: &str| {
        if s.contains("人大") || s.contains("人民代表大会") {
            Some("人大|人民代表大会")
        } else if s.contains("政协") {
            Some("政协")
        } else if s.contains("党代") || s.contains("大代表") {
            Some("党")
        } else {
            None
        }
    };
    said(title).or_else(|| body.and_then(said))
}

/// Sessions of congresses the article names (十四届全国人大三次会议).
fn sessions(cx: &Context) -> Vec<usize> {
    (0..cx.resolved.entities.len())
        .filter(|&e| {
            cx.kind(e) == Some(OrgKind::Congress) && cx.resolved.entities[e].name.ends_with("会议")
        })
        .collect()
}

/// The unit a delegate stands for in its own right, if post unit `u` is or belongs to one:
/// an enterprise, a school, an institution or medium, a station or centre named by its field,
/// a democratic party's branch, a place — not the party and state bodies of a place, whose
/// place the delegate represents instead. 宏达集团党委 belongs to 宏达集团.
fn own_unit(cx: &Context, u: usize) -> Option<usize> {
    if cx.etype(u) == EntityType::Place {
        return Some(u);
    }
    let mut x = Some(u);
    let mut hops = 0;
    while let Some(b) = x {
        let info = &cx.resolved.info[b];
        let own = match cx.kind(b) {
            Some(k) if k.named_whole() => true,
            Some(OrgKind::Department) => info.parent.is_none(),
            // 九三学社宁波市委会: the branch of a body known nationwide.
            Some(OrgKind::Party) => {
                info.seat.is_some()
                    && info.parent.is_some_and(|p| {
                        cx.kind(p) == Some(OrgKind::Party) && cx.resolved.info[p].seat.is_none()
                    })
            }
            _ => false,
        };
        if own {
            return Some(b);
        }
        x = info.parent;
        hops += 1;
        if hops > 4 {
            break;
        }
    }
    None
}

/// The place a unit is, or sits in.
fn place_of(cx: &Context, u: usize) -> Option<usize> {
    if cx.etype(u) == EntityType::Place {
        return Some(u);
    }
    cx.resolved.info[u].seat
}

/// The body a title implies in a place: `政府` → the place's (people's) government, when the
/// article names it.
fn implied_body(cx: &Context, implied: &Option<String>, place: Option<usize>) -> Option<usize> {
    let (implied, place) = (implied.as_deref()?, place?);
    let place_name = &cx.resolved.entities[place].name;
    let wanted: Vec<String> = match implied {
        "政府" => vec![format!("{place_name}政府"), format!("{place_name}人民政府")],
        other => vec![format!("{place_name}{other}")],
    };
    (0..cx.resolved.entities.len()).find(|&e| {
        let ent = &cx.resolved.entities[e];
        ent.entity_type == EntityType::Organisation
            && (wanted.contains(&ent.name) || ent.aliases.iter().any(|a| wanted.contains(a)))
    })
}

/// 县委书记某某、县长某某: a bare 县长 heads the one county government the article names (a
/// bare 副县长 sits in it).
fn level_government(cx: &Context, core: &str, implied: &Option<String>) -> Option<usize> {
    if implied.as_deref() != Some("政府") {
        return None;
    }
    // (副市长 is the government's as 市长 is.)
    let core = ["常务副", "副"]
        .iter()
        .find_map(|d| core.strip_prefix(d))
        .unwrap_or(core);
    let level = level_of_word(core.chars().next()?).filter(|&l| l <= 4)?;
    let governments: Vec<usize> = (0..cx.resolved.entities.len())
        .filter(|&e| {
            cx.kind(e) == Some(OrgKind::Government)
                && cx.resolved.entities[e].name.ends_with("政府")
                && cx.resolved.info[e]
                    .seat
                    .is_some_and(|p| cx.resolved.info[p].level == Some(level))
        })
        .collect();
    match governments.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The medium a reporter works for when the byline does not name it: the medium of the
/// dateline (`宁波日报讯`, `浙大新闻网7月8日电`), else the one credited (`来源:…`), else the
/// first medium named.
fn press_medium(cx: &Context) -> Option<usize> {
    let chars = &cx.text.chars;
    let dateline = cx.mentions.iter().enumerate().position(|(k, m)| {
        m.entity_type == EntityType::Organisation
            && cx.kind(cx.entity(k)) == Some(OrgKind::Media)
            && cx.text.paragraphs.iter().any(|p| {
                let mut s = p.0;
                while s < p.1 && (chars[s].is_whitespace() || "■●◆".contains(chars[s])) {
                    s += 1;
                }
                s == m.start
            })
            && !starts_with_at(chars, m.start.saturating_sub(3), "来源:")
    });
    let credited = cx.mentions.iter().position(|m| {
        m.entity_type == EntityType::Organisation
            && m.start >= 3
            && starts_with_at(chars, m.start - 3, "来源:")
    });
    dateline
        .or(credited)
        .map(|k| cx.entity(k))
        .or_else(|| (0..cx.resolved.entities.len()).find(|&e| cx.kind(e) == Some(OrgKind::Media)))
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
        assert!(
            !has(&t, "李明华", "leads", "宁波市委"),
            "常委 is no head post: {t:?}"
        );
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

    #[test]
    fn copula_clauses_give_posts_clause_after_clause() {
        let t = triples("本市的3位省人大代表张建国、李秀英、王海。张建国是市委副书记、市长;李秀英是宏达电器有限公司总经理,还任市工商联副主席;王海是市水利工程质量监督站副站长。");
        assert!(has(&t, "张建国", "memberOf", "市委"), "{t:?}");
        assert!(has(&t, "李秀英", "leads", "宏达电器有限公司"), "{t:?}");
        assert!(has(&t, "李秀英", "memberOf", "市工商联"), "{t:?}");
        assert!(
            has(&t, "李秀英", "represents", "宏达电器有限公司"),
            "a delegate stands for her company: {t:?}"
        );
        assert!(
            has(&t, "王海", "represents", "市水利工程质量监督站"),
            "{t:?}"
        );
        assert!(
            !has(&t, "李秀英", "leads", "市工商联"),
            "副主席 is no head post: {t:?}"
        );
    }

    #[test]
    fn former_and_latter_and_a_teacher_of_a_school() {
        let t = triples("嘉兴市选出的2位全国人大代表陈芳、朱丽。陈芳、朱丽是两位女性代表,前者是海宁市第一中学的教师;后者是一名农村基层代表,为海宁市长安镇新民村党总支书记。");
        assert!(has(&t, "陈芳", "memberOf", "海宁市第一中学"), "{t:?}");
        assert!(has(&t, "陈芳", "represents", "海宁市第一中学"), "{t:?}");
        assert!(has(&t, "朱丽", "leads", "新民村党总支"), "{t:?}");
        assert!(has(&t, "朱丽", "represents", "新民村"), "{t:?}");
        assert!(
            has(&t, "陈芳", "represents", "嘉兴市"),
            "the place that elected them: {t:?}"
        );
        assert!(!has(&t, "陈芳", "leads", "新民村党总支"), "{t:?}");
    }

    #[test]
    fn a_provincial_deputy_belongs_to_the_provincial_congress_and_represents_her_company() {
        // The place in 江苏省人大代表 names the congress, not what she represents.
        let t = triples("江苏省人大代表、宏达电器有限公司总经理周海燕建议,加快数字化改造。");
        assert!(has(&t, "周海燕", "memberOf", "江苏省人大"), "{t:?}");
        assert!(has(&t, "周海燕", "represents", "宏达电器有限公司"), "{t:?}");
        assert!(!has(&t, "周海燕", "represents", "江苏省"), "{t:?}");
    }

    #[test]
    fn sessions_follow_the_delegates_congress() {
        let t = triples("十四届全国人大二次会议和全国政协十四届二次会议在北京开幕。全国政协委员、民盟温州市委会副主委李华,全国人大代表、市委书记王强参加会议。");
        assert!(
            has(&t, "李华", "memberOf", "全国政协十四届二次会议"),
            "{t:?}"
        );
        assert!(
            !has(&t, "李华", "memberOf", "十四届全国人大二次会议"),
            "{t:?}"
        );
        assert!(
            has(&t, "李华", "represents", "民盟温州市委会"),
            "a member stands for her party's branch: {t:?}"
        );
        assert!(
            has(&t, "王强", "memberOf", "十四届全国人大二次会议"),
            "{t:?}"
        );
    }

    #[test]
    fn a_cppcc_session_written_in_full_is_the_session_its_members_attend() {
        let t = triples("政协温州市第十二届委员会第三次会议开幕。市政协主席张华作报告。市政协委员、民进温州市委会副主委李华带来提案。参加市政协十二届三次会议的委员陆续报到。");
        let sessions: Vec<&String> = t
            .iter()
            .filter(|x| x.0 == "李华" && x.1 == "memberOf" && x.2.ends_with("会议"))
            .map(|x| &x.2)
            .collect();
        assert_eq!(sessions.len(), 1, "one session, however written: {t:?}");
        assert!(has(&t, "张华", "leads", "温州市政协"), "{t:?}");
        assert!(has(&t, "李华", "represents", "民进温州市委会"), "{t:?}");
    }

    #[test]
    fn the_company_a_bare_word_names_and_no_post_across_a_conjunction() {
        let t = triples("市政府与湖南华盛新材料科技有限公司签约。浏阳市委副书记、市长汤建军与公司总经理罗明分别代表双方签约。");
        assert!(
            has(&t, "罗明", "leads", "湖南华盛新材料科技有限公司"),
            "{t:?}"
        );
        assert!(!has(&t, "罗明", "memberOf", "浏阳市委"), "{t:?}");
        assert!(has(&t, "汤建军", "memberOf", "浏阳市委"), "{t:?}");
    }

    #[test]
    fn a_zones_committee_and_administration_named_alone_are_the_zones() {
        let t = triples("宁波经济技术开发区召开大会。经开区党工委副书记、管委会主任刘建平主持会议。会上,经开区管委会与企业签约。");
        assert!(
            has(&t, "刘建平", "leads", "宁波经济技术开发区管委会"),
            "{t:?}"
        );
        assert!(
            has(&t, "刘建平", "memberOf", "宁波经济技术开发区党工委"),
            "{t:?}"
        );
        assert!(
            has(
                &t,
                "宁波经济技术开发区管委会",
                "locatedIn",
                "宁波经济技术开发区"
            ),
            "{t:?}"
        );
    }

    #[test]
    fn a_bare_title_after_an_item_is_held_in_its_body() {
        let t = triples("浙江农林大学与宏达汽车集团有限公司签约。浙江农林大学党委书记陈明德、校长梁志强出席。宏达汽车集团有限公司党委书记、董事长何永平致辞。");
        assert!(has(&t, "陈明德", "leads", "浙江农林大学党委"), "{t:?}");
        assert!(has(&t, "梁志强", "leads", "浙江农林大学"), "{t:?}");
        assert!(has(&t, "何永平", "leads", "宏达汽车集团有限公司"), "{t:?}");
        // A place's party committee takes no bare post of another body.
        let t = triples("宁波市委书记张华、校长李明出席。");
        assert!(
            !t.iter().any(|x| x.0 == "李明" && x.2 == "宁波市委"),
            "{t:?}"
        );
    }

    #[test]
    fn a_profile_after_asides_without_a_copula_and_daibiao_as_a_verb() {
        let t = triples("谭晓峰,男,1988年出生,浙江大学农学院副教授,2021年到村任职。");
        assert!(has(&t, "谭晓峰", "memberOf", "浙江大学农学院"), "{t:?}");
        let t = triples("华盛新材料科技有限公司与市政府签约。公司总经理罗明代表双方签约。");
        assert!(has(&t, "罗明", "leads", "华盛新材料科技有限公司"), "{t:?}");
        assert!(
            !t.iter().any(|x| x.0 == "罗明" && x.1 == "represents"),
            "{t:?}"
        );
    }

    #[test]
    fn implied_governments_and_posts_taken() {
        let t = triples("温州市委市政府高度重视。温州市委常委、副市长王强出席。李明表示要回乡。李明回到新民村担任村党支部书记。");
        assert!(has(&t, "王强", "memberOf", "温州市委"), "{t:?}");
        assert!(has(&t, "王强", "memberOf", "温州市政府"), "{t:?}");
        assert!(has(&t, "李明", "leads", "新民村党支部"), "{t:?}");
    }

    #[test]
    fn a_bare_head_title_heads_the_government_of_its_level_and_unknown_units_are_read_past() {
        let t = triples("安吉县人民政府召开会议。县委书记李剑锋、县长王建华出席。江苏省人大代表、某公司总经理周海燕建议,推广经验。");
        assert!(has(&t, "王建华", "leads", "安吉县人民政府"), "{t:?}");
        assert!(has(&t, "周海燕", "memberOf", "江苏省人大"), "{t:?}");
        assert!(
            !t.iter().any(|x| x.0 == "周海燕" && x.1 == "represents"),
            "{t:?}"
        );
    }

    #[test]
    fn a_local_party_congress_in_full_is_the_city_party_congress_and_its_delegates_attend() {
        let t = triples("出席中国共产党宁波市第十四次代表大会的代表们分组讨论。市党代会代表、北仑区委书记陈国强说,要抓落实。");
        assert!(
            has(&t, "陈国强", "memberOf", "宁波市第十四次党代会"),
            "{t:?}"
        );
        assert!(has(&t, "陈国强", "represents", "北仑区"), "{t:?}");
    }

    #[test]
    fn deputies_of_the_one_delegation_an_article_follows() {
        let t = triples("十四届全国人大二次会议浙江代表团举行全体会议。\n全国人大代表、温州市鹿城区五马街道七彩社区党委书记黄美芳建议,推广经验。");
        assert!(has(&t, "黄美芳", "memberOf", "浙江省代表团"), "{t:?}");
        assert!(
            has(&t, "黄美芳", "memberOf", "十四届全国人大二次会议"),
            "{t:?}"
        );
        // A visiting party-and-government delegation takes in no deputies.
        let t = triples("龙泉市党政代表团来访。全国人大代表、七彩社区党委书记黄美芳参加座谈。");
        assert!(
            !t.iter()
                .any(|x| x.1 == "memberOf" && x.2.contains("代表团")),
            "{t:?}"
        );
    }

    #[test]
    fn a_city_body_named_by_its_level_word_is_one_body_in_an_article() {
        let t = triples("在市政协十五届二次会议上,委员们提交提案。上海青浦的经验值得嘉兴学习。市政协委员、民进嘉兴市委会副主委沈丽华发言。");
        assert!(
            has(&t, "沈丽华", "memberOf", "嘉兴市政协"),
            "the city the article names most, not the last one named: {t:?}"
        );
        assert!(!t.iter().any(|x| x.2.starts_with("上海市政协")), "{t:?}");
    }

    #[test]
    fn a_county_body_named_by_its_level_word_is_the_countys_not_a_zones() {
        let t = triples(
            "龙游县人民政府与企业签约,企业在龙游经济开发区建设项目。县委书记王建华会见了客人。",
        );
        assert!(has(&t, "王建华", "leads", "龙游县委"), "{t:?}");
    }

    #[test]
    fn a_name_listed_before_yu_shares_the_lists_posts() {
        let t =
            triples("嘉兴市选出的2位全国人大代表陈芳、朱丽于昨日与浙江代表团其他代表一起抵京。");
        assert!(has(&t, "朱丽", "represents", "嘉兴市"), "{t:?}");
        assert!(has(&t, "朱丽", "memberOf", "浙江省代表团"), "{t:?}");
    }

    #[test]
    fn a_profile_after_asides_of_origin_sex_and_birth() {
        let t = triples("张建国,浙江温州人,现为宏达电器有限公司董事长。李秀英,女,1970年出生,现任市工商联副主席。");
        assert!(has(&t, "张建国", "leads", "宏达电器有限公司"), "{t:?}");
        assert!(
            has(&t, "李秀英", "memberOf", "温州市工商联"),
            "the city the article names: {t:?}"
        );
    }

    #[test]
    fn the_head_of_a_delegation_named_bare() {
        let t = triples(
            "十四届全国人大二次会议浙江代表团举行全体会议。代表团团长张立平主持会议,代表团副团长李东明参加。",
        );
        assert!(has(&t, "张立平", "leads", "浙江省代表团"), "{t:?}");
        assert!(has(&t, "李东明", "memberOf", "浙江省代表团"), "{t:?}");
    }

    #[test]
    fn names_listed_before_their_posts_share_them() {
        let t = triples(
            "张立平、李东明、王立新等出席。会议选举张立平为市委书记,李东明、王立新为市委副书记。",
        );
        assert!(has(&t, "张立平", "leads", "市委"), "{t:?}");
        assert!(has(&t, "李东明", "memberOf", "市委"), "{t:?}");
        assert!(has(&t, "王立新", "memberOf", "市委"), "{t:?}");
    }

    #[test]
    fn a_bare_deputy_mayor_and_officers_listed_after_a_comma() {
        let t = triples("嘉兴市人大常委会举行会议。副市长钱小东作报告时说,市政府将加快发展。");
        assert!(has(&t, "钱小东", "memberOf", "嘉兴市政府"), "{t:?}");
        let t = triples("嘉兴市人大常委会副主任周丽萍、陈海军,秘书长吴志伟出席会议。");
        assert!(has(&t, "吴志伟", "memberOf", "嘉兴市人大常委会"), "{t:?}");
        assert!(has(&t, "陈海军", "memberOf", "嘉兴市人大常委会"), "{t:?}");
    }

    #[test]
    fn a_banner_is_a_county_its_committee_and_its_head() {
        // 旗 is Inner Mongolia's county: 旗委 is the banner's committee, 旗长 heads its government.
        let t =
            triples("达拉特旗人民政府与某集团签约。达拉特旗委书记张宏,旗委副书记、旗长李建出席。");
        assert!(has(&t, "张宏", "leads", "达拉特旗委"), "{t:?}");
        assert!(has(&t, "李建", "memberOf", "达拉特旗委"), "{t:?}");
        assert!(has(&t, "李建", "leads", "达拉特旗人民政府"), "{t:?}");
    }

    #[test]
    fn an_office_named_bare_after_a_streets_committee_is_the_streets() {
        let t = triples("朝阳街道党工委副书记、办事处主任刘伟说,街道将加快改造。");
        assert!(has(&t, "刘伟", "memberOf", "朝阳街道党工委"), "{t:?}");
        assert!(has(&t, "刘伟", "leads", "朝阳街道办事处"), "{t:?}");
    }

    #[test]
    fn a_residents_committee_named_bare_after_a_seated_branch_is_its_estates() {
        let t = triples(
            "朝阳街道金桂苑小区党支部召开大会。金桂苑小区党支部书记、业委会主任王芳说,将建立议事厅。",
        );
        assert!(has(&t, "王芳", "leads", "金桂苑小区党支部"), "{t:?}");
        assert!(has(&t, "王芳", "leads", "金桂苑小区业委会"), "{t:?}");
    }
}
