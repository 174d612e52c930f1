//! Stage 4, resolve: one entity per real thing. Mentions with the same canonical name
//! merge; short place names take their gazetteer form (宁波 → 宁波市); bodies named by level
//! (县委, 村委会, 市党代会) take their place from the context; a name and its longer form
//! (产业联盟, 全域产业联盟) merge into the longer one.

use crate::extract::lexicon::OrgKind;
use crate::extract::recognise::{level_of_word, Detail, Mention};
use crate::gazetteer::Gazetteer;
use crate::schema::{Entity, EntityType, Span};
use std::collections::HashMap;

/// Entities with what later stages need to know about each.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Entity index of each mention (same order as the mention list).
    pub entity_of: Vec<usize>,
    pub info: Vec<EntityInfo>,
}

#[derive(Debug, Clone, Default)]
pub struct EntityInfo {
    /// Places: gazetteer division, when resolved.
    pub division: Option<usize>,
    /// Places: 1 province … 5 village.
    pub level: Option<u8>,
    pub org_kind: Option<OrgKind>,
    /// Organisations: the place entity the body sits in.
    pub seat: Option<usize>,
    /// Organisations: the body this one belongs to.
    pub parent: Option<usize>,
    /// Named only inside other names (宁波市委 of 宁波市委组织部, 浙江 of 浙江某某有限公司):
    /// part of a name, not a thing the article talks about. Left out of the extraction.
    pub hidden: bool,
}

pub fn resolve(mentions: &[Mention]) -> Resolved {
    let g = Gazetteer::get();
    let place_choice = choose_divisions(mentions);
    // Canonical name per mention, computed in text order so that context is available.
    let mut canonical: Vec<String> = Vec::with_capacity(mentions.len());
    // A body named by a level word of a city or above means one body throughout an article:
    // the place its first mention resolves to serves the later ones (市政协 in paragraph one
    // and in paragraph five). Villages' bodies (村党支部) follow the village named before each.
    let mut level_bodies: HashMap<(String, u8), Option<String>> = HashMap::new();
    for (k, m) in mentions.iter().enumerate() {
        let name = match &m.detail {
            Detail::Place { .. } => match place_choice[k] {
                Some(d) => g.divisions[d].name.to_string(),
                None => m.name.clone(),
            },
            Detail::Organisation {
                parent: Some(p), ..
            } if *p < k => {
                let suffix: String = m
                    .name
                    .chars()
                    .skip(mentions[*p].name.chars().count())
                    .collect();
                format!("{}{}", canonical[*p], suffix)
            }
            // 东阳党代会 → 东阳市党代会: a body named by its place takes the place's full name;
            // a name of its own (宁波日报) stays as written.
            Detail::Organisation {
                seat: Some(p),
                kind,
                ..
            } if *p < k
                && !kind.named_whole()
                && m.name.starts_with(mentions[*p].name.as_str()) =>
            {
                format!("{}{}", canonical[*p], &m.name[mentions[*p].name.len()..])
            }
            Detail::Organisation {
                context: Some(context),
                ..
            } => match if context.level <= 3 {
                level_bodies
                    .entry((m.name.clone(), context.level))
                    .or_insert_with(|| context_place(mentions, &canonical, k, context.level))
                    .clone()
            } else {
                context_place(mentions, &canonical, k, context.level)
            } {
                Some(place) => {
                    let rest: String = m.name.chars().skip(context.word_len).collect();
                    format!("{place}{rest}")
                }
                None => m.name.clone(),
            },
            _ => m.name.clone(),
        };
        // A bare 代表团 (代表团团长某某) is the delegation named last before it.
        let name = match &m.detail {
            Detail::Organisation {
                kind: OrgKind::Delegation,
                ..
            } if name == "代表团" => (0..k)
                .filter(|&j| {
                    matches!(
                        mentions[j].detail,
                        Detail::Organisation {
                            kind: OrgKind::Delegation,
                            ..
                        }
                    ) && mentions[j].end <= m.start
                        && canonical[j] != "代表团"
                })
                .max_by_key(|&j| mentions[j].end)
                .map_or(name, |j| canonical[j].clone()),
            _ => name,
        };
        // A party committee written in full is named as news names it (中共某镇第十四届委员会
        // → 某镇党委); the full form stays an alias.
        let name = match m.entity_type {
            EntityType::Organisation => party_committee_key(&name).unwrap_or(name),
            _ => name,
        };
        canonical.push(name);
    }
    counted_kinds(mentions, &mut canonical);
    // Merge keys: ordinals dropped for bodies (市党代会 ~ 市第十四次党代会), longer forms of
    // initiatives absorb shorter ones.
    let mut key: Vec<(EntityType, String)> = mentions
        .iter()
        .zip(&canonical)
        .map(|(m, c)| (m.entity_type, merge_key(m.entity_type, c)))
        .collect();
    absorb_short_forms(&mut key, &canonical);
    absorb_company_short_names(&mut key, mentions);
    absorb_names_without_their_place(&mut key, mentions);
    let mut entities: Vec<Entity> = Vec::new();
    let mut info: Vec<EntityInfo> = Vec::new();
    let mut index: HashMap<(EntityType, String), usize> = HashMap::new();
    let mut entity_of = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let e = *index.entry(key[k].clone()).or_insert_with(|| {
            entities.push(Entity {
                id: format!("e{}", entities.len() + 1),
                entity_type: m.entity_type,
                name: canonical[k].clone(),
                aliases: Vec::new(),
                mentions: Vec::new(),
                code: None,
            });
            info.push(EntityInfo::default());
            entities.len() - 1
        });
        entity_of.push(e);
        let ent = &mut entities[e];
        // The fullest form names the entity; the others are aliases.
        let c = &canonical[k];
        // A place the gazetteer named keeps that name; a zone its fullest form.
        let named_by_gazetteer = m.entity_type == EntityType::Place && place_choice[k].is_some();
        if c.chars().count() > ent.name.chars().count() && !named_by_gazetteer {
            let old = std::mem::replace(&mut ent.name, c.clone());
            ent.aliases.push(old);
        } else if c != &ent.name && !ent.aliases.contains(c) {
            ent.aliases.push(c.clone());
        }
        let surface = crate::extract::recognise::strip_quotes(&m.name);
        if surface != ent.name && !ent.aliases.contains(&surface) {
            ent.aliases.push(surface);
        }
        ent.mentions.push(Span {
            start: m.start,
            end: m.end,
        });
        let inf = &mut info[e];
        match &m.detail {
            Detail::Place { level, .. } => {
                inf.level = Some(inf.level.map_or(*level, |l| l.min(*level)));
                if let Some(d) = place_choice[k] {
                    inf.division = Some(d);
                    ent.code = g.divisions[d].nbs_code();
                }
            }
            Detail::Organisation { kind, .. } => inf.org_kind = Some(*kind),
            _ => {}
        }
    }
    for ent in &mut entities {
        let name = ent.name.clone();
        ent.aliases.retain(|a| *a != name);
        ent.aliases.sort();
        ent.aliases.dedup();
    }
    // Seats and parents, now that every mention has its entity.
    for (k, m) in mentions.iter().enumerate() {
        if let Detail::Organisation {
            seat,
            parent,
            context,
            ..
        } = &m.detail
        {
            let e = entity_of[k];
            if let Some(s) = seat {
                info[e].seat.get_or_insert(entity_of[*s]);
            }
            if let Some(p) = parent {
                info[e].parent.get_or_insert(entity_of[*p]);
            }
            if let Some(context) = context {
                if let Some(place) = context_place(mentions, &canonical, k, context.level) {
                    let found = (0..mentions.len()).find(|&j| {
                        mentions[j].entity_type == EntityType::Place && canonical[j] == place
                    });
                    if let Some(j) = found {
                        info[e].seat.get_or_insert(entity_of[j]);
                    }
                }
            }
        }
    }
    // A sub-body sits where its parent sits.
    for e in 0..info.len() {
        if info[e].seat.is_none() {
            let mut p = info[e].parent;
            let mut hops = 0;
            while let Some(pp) = p {
                if let Some(s) = info[pp].seat {
                    info[e].seat = Some(s);
                    break;
                }
                p = info[pp].parent;
                hops += 1;
                if hops > 5 {
                    break;
                }
            }
        }
    }
    for (e, inf) in info.iter_mut().enumerate() {
        inf.hidden = (0..mentions.len()).filter(|&k| entity_of[k] == e).all(|k| {
            inside_another_name(mentions, k)
                || matches!(mentions[k].detail, Detail::Person { bare_surname: true })
        });
    }
    Resolved {
        entities,
        entity_of,
        info,
    }
}

/// True when mention `k` is part of a longer name rather than a mention of its own: a body
/// inside a longer body's name (市委 of 市委组织部), a place or a body inside an initiative's
/// name, or a place inside a body's name — except the seat a body's name starts with, when the body
/// is named by its place (宁波市委) or the place is more local than a province (泰顺县 of
/// 泰顺县某中学; a province starts most registered company names).
fn inside_another_name(mentions: &[Mention], k: usize) -> bool {
    let m = &mentions[k];
    let g = Gazetteer::get();
    mentions.iter().enumerate().any(|(j, o)| {
        if j == k || !m.part_of(o) {
            return false;
        }
        match (&m.detail, &o.detail) {
            (Detail::Organisation { .. }, Detail::Organisation { .. }) => true,
            // (东盟 of 中国—东盟铝产业基地: a body only inside a programme's name is the name's.)
            (Detail::Place { .. } | Detail::Organisation { .. }, Detail::Initiative { .. }) => true,
            (Detail::Place { level, candidates }, Detail::Organisation { seat, kind, .. }) => {
                let local = *level >= 2 && candidates.iter().all(|&c| g.divisions[c].level >= 2);
                // 龙江 of 龙江交投集团: a county's short form opening a company's name is as
                // often a brand or a province's nickname as the county; written in full, a
                // city's (深圳某公司), or opening a school's or a paper's name (长兴乡音报) it is
                // the seat.
                let county_short_form =
                    *level >= 3 && candidates.iter().all(|&c| g.divisions[c].name != m.name);
                let local = local && !(*kind == OrgKind::Enterprise && county_short_form);
                let named_whole = kind.named_whole();
                // 宁波 of 宁波经济技术开发区管委会: the place the seat's own name starts with.
                let seats_prefix = seat.is_some_and(|s| {
                    s != k && mentions[s].start == m.start && mentions[s].end > m.end
                });
                !(*seat == Some(k) && (!named_whole || local) || seats_prefix)
            }
            _ => false,
        }
    })
}

/// For each place mention, the division it means: the only candidate, else the candidate
/// whose ancestors the article's other (already resolved) places name — repeated until
/// nothing changes, so that 安吉县 resolves 递铺街道 which resolves 鲁家村 — else the one in the
/// article's province. None when still unsure: an ambiguous name stays unresolved rather
/// than guessed.
fn choose_divisions(mentions: &[Mention]) -> Vec<Option<usize>> {
    let g = Gazetteer::get();
    let candidates = |m: &Mention| match &m.detail {
        Detail::Place { candidates, .. } => candidates.clone(),
        _ => Vec::new(),
    };
    let mut chosen: Vec<Option<usize>> = mentions
        .iter()
        .map(|m| match candidates(m).as_slice() {
            [one] => Some(*one),
            _ => None,
        })
        .collect();
    loop {
        let mut context: HashMap<usize, u8> = HashMap::new();
        // Countries say nothing about which of a name's divisions is meant.
        for &d in chosen.iter().flatten() {
            for a in std::iter::once(d)
                .chain(g.ancestors(d))
                .filter(|&a| g.divisions[a].level > 0)
            {
                context.insert(a, g.divisions[a].level);
            }
        }
        let mut changed = false;
        for (k, m) in mentions.iter().enumerate() {
            if chosen[k].is_some() {
                continue;
            }
            // Each candidate scored by the most specific named place above it; a candidate
            // the article names a place inside wins outright (长沙 is 长沙市, not its 长沙县,
            // where the article names 浏阳市 of 长沙市).
            let scored: Vec<(usize, u8)> = candidates(m)
                .into_iter()
                .filter_map(|c| {
                    if let Some(level) = context.get(&c) {
                        return Some((c, 100 + level));
                    }
                    let best = g
                        .ancestors(c)
                        .into_iter()
                        .filter_map(|a| context.get(&a).copied())
                        .max()?;
                    Some((c, best))
                })
                .collect();
            let Some(top) = scored.iter().map(|s| s.1).max() else {
                continue;
            };
            let best: Vec<usize> = scored.iter().filter(|s| s.1 == top).map(|s| s.0).collect();
            if let [one] = best.as_slice() {
                // 岳阳 where the article names 岳阳市 and its 岳阳县: the short form a city
                // shares with a county of its own is the city.
                let above = scored
                    .iter()
                    .filter(|s| s.1 >= 100)
                    .map(|s| s.0)
                    .find(|&a| g.ancestors(*one).contains(&a));
                chosen[k] = Some(above.unwrap_or(*one));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // The article's province: where most resolved places lie.
    let mut provinces: HashMap<usize, usize> = HashMap::new();
    for &d in chosen.iter().flatten() {
        if let Some(p) = g.province_of(d) {
            *provinces.entry(p).or_default() += 1;
        }
    }
    let top = provinces
        .iter()
        .max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))
        .map(|(p, _)| *p);
    if let Some(province) = top {
        for (k, m) in mentions.iter().enumerate() {
            if chosen[k].is_some() {
                continue;
            }
            let within: Vec<usize> = candidates(m)
                .into_iter()
                .filter(|&c| {
                    (1..=3).contains(&g.divisions[c].level) && g.province_of(c) == Some(province)
                })
                .collect();
            // (南昌: the city 南昌市 rather than its own county 南昌县, as 岳阳 above.)
            let top = within.iter().find(|&&c| {
                within
                    .iter()
                    .all(|&o| o == c || g.ancestors(o).contains(&c))
            });
            if let Some(&one) = top {
                chosen[k] = Some(one);
            }
        }
    }
    chosen
}

/// The development zone a zone's body (经开区管委会, a bare 管委会) belongs to: the zone named
/// nearest before it, else the first the article names.
fn zone_place(mentions: &[Mention], canonical: &[String], k: usize) -> Option<String> {
    let zones: Vec<usize> = (0..mentions.len())
        .filter(|&j| {
            mentions[j].entity_type == EntityType::Place
                && crate::extract::recognise::places::ZONE_SUFFIXES
                    .iter()
                    .any(|z| canonical[j].ends_with(z))
        })
        .collect();
    zones
        .iter()
        .copied()
        .filter(|&j| mentions[j].end <= mentions[k].start)
        .max_by_key(|&j| mentions[j].end)
        .or_else(|| zones.iter().copied().min_by_key(|&j| mentions[j].start))
        .map(|j| canonical[j].clone())
}

/// The place a body named by level refers to: the nearest place of that level before it,
/// else the only such place in the article.
fn context_place(
    mentions: &[Mention],
    canonical: &[String],
    k: usize,
    level: u8,
) -> Option<String> {
    if level == 0 {
        // 党代会精神: the congress of that kind the article names with its place, else the
        // article's own place's.
        let bare = mentions[k].name.as_str();
        let named = mentions.iter().find_map(|o| match &o.detail {
            Detail::Organisation {
                kind: OrgKind::Congress,
                seat: Some(p),
                ..
            } if o.name.ends_with(bare) => Some(canonical[*p].clone()),
            _ => None,
        });
        return named.or_else(|| home_place(mentions, canonical));
    }
    if level == crate::extract::recognise::ZONE {
        return zone_place(mentions, canonical, k);
    }
    let ending = match level {
        1 => "省",
        2 => "市",
        3 => "县",
        4 => "镇",
        _ => "村",
    };
    // A division, not a zone: 龙游经济开发区 ends in 区 but is no county (a 市 may be of
    // level 1, 2 or 3: 北京市, 宁波市, 义乌市).
    let fits = |j: usize| {
        matches!(mentions[j].detail, Detail::Place { level: l, .. } if l <= 3 || level > 3)
            && (canonical[j].ends_with(ending)
                // (A district: not a region, 自治区 or 中原地区, that ends in 区 too.)
                || level == 3
                    && matches!(mentions[j].detail, Detail::Place { level: 3, .. })
                    && (canonical[j].ends_with('区') || canonical[j].ends_with('旗'))
                || level == 4 && (canonical[j].ends_with('乡') || canonical[j].ends_with("街道"))
                || level == 5 && canonical[j].ends_with("社区")
                || level == 1 && canonical[j].ends_with("自治区"))
    };
    // The mention list is grouped by type, so "before" is by offset, not by index.
    let nearest = (0..mentions.len())
        .filter(|&j| fits(j) && mentions[j].end <= mentions[k].start)
        .max_by_key(|&j| mentions[j].end);
    if let Some(j) = nearest {
        return Some(canonical[j].clone());
    }
    // Else the place of that level the article names most (the first of equals).
    let mut counts: Vec<(&String, usize, usize)> = Vec::new();
    for j in (0..mentions.len()).filter(|&j| fits(j)) {
        match counts.iter_mut().find(|c| *c.0 == canonical[j]) {
            Some(c) => c.1 += 1,
            None => counts.push((&canonical[j], 1, mentions[j].start)),
        }
    }
    if let Some(top) = counts.iter().max_by_key(|c| (c.1, std::cmp::Reverse(c.2))) {
        return Some(top.0.clone());
    }
    if level == 1 {
        // A province named only through its cities: the province most of them are in.
        let g = Gazetteer::get();
        let mut provinces: HashMap<usize, usize> = HashMap::new();
        for m in mentions {
            if let Detail::Place { candidates, .. } = &m.detail {
                if candidates.len() == 1 {
                    if let Some(p) = g.province_of(candidates[0]) {
                        *provinces.entry(p).or_default() += 1;
                    }
                }
            }
        }
        if provinces.len() == 1 {
            return provinces
                .keys()
                .next()
                .map(|&p| g.divisions[p].name.to_string());
        }
    }
    None
}

/// The article's own place, for bodies it names bare (党代会 in a city's paper): the city or
/// county it names most often (the first of equals).
fn home_place(mentions: &[Mention], canonical: &[String]) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (j, m) in mentions.iter().enumerate() {
        if let Detail::Place { level: 2 | 3, .. } = m.detail {
            match counts.iter_mut().find(|c| c.0 == canonical[j]) {
                Some(c) => c.1 += 1,
                None => counts.push((canonical[j].clone(), 1, m.start)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
        .map(|c| c.0)
}

/// Bodies: ordinals do not tell two mentions apart (市党代会 = 市第十四次党代会).
fn merge_key(t: EntityType, name: &str) -> String {
    let zoned = short_zone_words(name);
    let name = zoned.as_str();
    if t != EntityType::Organisation {
        return name.to_string();
    }
    // 县人民政府 = 县政府, 乡人民代表大会 = 乡人大 (and its standing committee): the same
    // body, written in full or short.
    let mut governed = name.replace("人民政府", "政府");
    for (full, short) in [
        ("人民代表大会常务委员会", "人大常委会"),
        ("人民代表大会", "人大"),
    ] {
        if let Some(stem) = governed.strip_suffix(full) {
            governed = format!("{stem}{short}");
            break;
        }
    }
    let name = governed.as_str();
    if let Some(key) = party_committee_key(name) {
        return key;
    }
    if let Some(key) = session_key(name) {
        return key;
    }
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '第' {
            let mut k = i + 1;
            while k < chars.len() && "一二三四五六七八九十".contains(chars[k]) {
                k += 1;
            }
            if k > i + 1 && k < chars.len() && chars[k] == '次' {
                i = k + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A development zone's name with its kind in the short form news uses for it, so that the
/// zone written both ways is one zone (赣州经济技术开发区 = 赣州经开区, and their bodies:
/// 赣州经开区管委会).
fn short_zone_words(name: &str) -> String {
    // 中国(广西)自由贸易试验区钦州港片区 = 钦州港片区: an area is written short by itself.
    if let Some((_, area)) = ["自由贸易试验区", "自贸试验区"]
        .iter()
        .find_map(|z| name.split_once(z))
        .filter(|(_, area)| area.contains("片区"))
    {
        return area.to_string();
    }
    const ZONE_WORDS: [(&str, &str); 5] = [
        ("经济技术开发区", "经开区"),
        ("高新技术产业开发区", "高新区"),
        ("高新技术开发区", "高新区"),
        ("经济开发区", "经开区"),
        ("综合保税区", "综保区"),
    ];
    let mut out = name.to_string();
    for (long, short) in ZONE_WORDS {
        out = out.replace(long, short);
    }
    out
}

/// A party committee written in full is the committee news names short: 中共泗安镇第十四届
/// 委员会 = 泗安镇党委, 中共长兴县委员会 = 长兴县委, 中共某大学委员会 = 某大学党委,
/// 中共长兴县纪律检查委员会 = 长兴县纪委.
fn party_committee_key(name: &str) -> Option<String> {
    // 政协某市第五届委员会 = 某市政协, and its bodies (…常务委员会 = 某市政协常务委员会).
    if let Some(rest) = name.strip_prefix("政协") {
        // The place then the term (政协某市第五届委员会) or the term first (政协第五届某市
        // 委员会); then what follows 委员会, of which only its standing committee is a body
        // of the committee's (…第三次会议 is a session, keyed as one).
        let (owner, body) = match rest.strip_prefix('第').and_then(|r| r.split_once('届')) {
            Some((_, after_term)) => after_term.split_once("委员会")?,
            None => {
                let (owner, term) = rest.split_at(rest.find('第')?);
                (owner, term.split_once("届委员会")?.1)
            }
        };
        let committee = body.is_empty() || body == "常务委员会";
        return (!owner.is_empty() && committee).then(|| format!("{owner}政协{body}"));
    }
    let prefixed = ["中国共产党", "中共"]
        .iter()
        .find_map(|p| name.strip_prefix(p));
    let rest = prefixed.unwrap_or(name);
    let (body, discipline) = match rest.strip_suffix("纪律检查委员会") {
        Some(r) => (r, true),
        None => (rest.strip_suffix("委员会")?, false),
    };
    // Without the party's name only discipline inspection says it is the party's.
    if prefixed.is_none() && !discipline {
        return None;
    }
    // The term: 第十四届.
    let owner = match body.rfind('第') {
        Some(at) if body.ends_with('届') => &body[..at],
        _ => body,
    };
    let another_body = ["委员会", "政协", "人大", "代表大会", "常务", "届"]
        .iter()
        .any(|w| owner.contains(w));
    if owner.is_empty() || another_body {
        return None;
    }
    let division = ["省", "市", "县", "区", "自治区", "自治州", "旗"]
        .iter()
        .any(|e| owner.ends_with(e));
    Some(match (discipline, division) {
        (true, _) => format!("{owner}纪委"),
        (false, true) => format!("{owner}委"),
        (false, false) => format!("{owner}党委"),
    })
}

/// A session written two ways is one session: 全国政协十四届三次会议 = 十四届全国政协三次会议,
/// 中国共产党浙江省第十五届委员会第三次全体会议 = 浙江省委十五届三次全会. The key: the place,
/// national or not, the body (人大, 政协, a party committee), the term and the session.
fn session_key(name: &str) -> Option<String> {
    if !(name.ends_with("会议") || name.ends_with("全会")) {
        return None;
    }
    let numerals = "一二三四五六七八九十";
    let s = ["中国共产党", "中共", "党的", "政协"]
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .unwrap_or(name);
    let chars: Vec<char> = s.chars().collect();
    let standing = s.contains("常委会") || s.contains("常务委员会");
    let body = if name.contains("政协") {
        if standing {
            "政协常委会"
        } else {
            "政协"
        }
    } else if standing {
        "人大常委会"
    } else if s.contains("人大") || s.contains("人民代表大会") {
        "人大"
    } else if s.contains('委') {
        "委"
    } else {
        ""
    };
    let stops = ["全国", "人大", "人民代表大会", "政协", "委"];
    let place_end = (0..chars.len())
        .find(|&k| {
            chars[k] == '第'
                || numerals.contains(chars[k])
                || stops
                    .iter()
                    .any(|w| s[s.char_indices().nth(k).map_or(0, |c| c.0)..].starts_with(w))
        })
        .unwrap_or(chars.len());
    // Of a chain of places (泉州市丰泽区), the last: the session is its body's.
    let chain_start = (0..place_end.saturating_sub(2))
        .rev()
        .find(|&k| level_of_word(chars[k]).is_some_and(|l| l <= 3))
        .map_or(0, |k| k + 1);
    let place: String = chars[chain_start..place_end].iter().collect();
    // The numeral runs before 届 and before 次 or 中.
    let run_before = |marks: &str| {
        (0..chars.len())
            .find(|&k| marks.contains(chars[k]) && k > 0 && numerals.contains(chars[k - 1]))
            .map(|k| {
                let mut b = k;
                while b > 0 && numerals.contains(chars[b - 1]) {
                    b -= 1;
                }
                chars[b..k].iter().collect::<String>()
            })
    };
    // (A standing committee's session by its number alone: the term is often left out.)
    let term = if standing {
        String::new()
    } else {
        run_before("届")?
    };
    let session = run_before("次中")?;
    Some(format!(
        "session:{place}|{}|{body}|{term}|{session}",
        s.contains("全国")
    ))
}

/// `共建新材料研究院 … 株洲新材料研究院`: a body named by a name of its own (an institute, a
/// school, a paper) is the same body written with the place its name opens with or
/// without it.
fn absorb_names_without_their_place(key: &mut [(EntityType, String)], mentions: &[Mention]) {
    let named = |m: &Mention| {
        matches!(m.detail, Detail::Organisation { kind, .. }
            if kind.named_whole() && kind != OrgKind::Enterprise)
    };
    let places: Vec<&str> = mentions
        .iter()
        .filter(|m| m.entity_type == EntityType::Place)
        .map(|m| m.name.as_str())
        .collect();
    let longer: Vec<String> = key
        .iter()
        .zip(mentions)
        .filter(|(k, m)| k.0 == EntityType::Organisation && named(m))
        .map(|(k, _)| k.1.clone())
        .collect();
    for (k, m) in key.iter_mut().zip(mentions) {
        if k.0 != EntityType::Organisation || !named(m) || k.1.chars().count() < 4 {
            continue;
        }
        let full = longer.iter().find(|long| {
            long.strip_suffix(k.1.as_str())
                .is_some_and(|place| !place.is_empty() && places.contains(&place))
        });
        if let Some(full) = full {
            k.1 = full.clone();
        }
    }
}

/// Legal forms that end a company's registered name.
const LEGAL_FORMS: [&str; 3] = ["股份有限公司", "有限责任公司", "有限公司"];

/// A company's short name is the company: 宏达国际经合集团 for 中国宏达国际经济技术合作集团
/// 有限公司. The short name keeps the registered name's characters in order, ends as it
/// does before the legal form (集团), and starts among its first characters.
fn absorb_company_short_names(key: &mut [(EntityType, String)], mentions: &[Mention]) {
    let companies: Vec<String> = key
        .iter()
        .zip(mentions)
        .filter(|(k, m)| {
            k.0 == EntityType::Organisation
                && matches!(
                    m.detail,
                    Detail::Organisation {
                        kind: OrgKind::Enterprise,
                        ..
                    }
                )
        })
        .map(|(k, _)| k.1.clone())
        .collect();
    for (k, m) in key.iter_mut().zip(mentions) {
        if k.0 != EntityType::Organisation
            || !matches!(
                m.detail,
                Detail::Organisation {
                    kind: OrgKind::Enterprise,
                    ..
                }
            )
        {
            continue;
        }
        let short: Vec<char> = k.1.chars().collect();
        // 茶业专业合作社 … 安化黄沙溪茶业专业合作社: a cooperative named by its trade alone
        // is the registered one that ends so.
        if k.1.ends_with("合作社") {
            let registered = companies
                .iter()
                .filter(|long| long.len() > k.1.len() && long.ends_with(k.1.as_str()))
                .min_by_key(|long| long.len());
            if let Some(long) = registered {
                k.1 = long.clone();
            }
            continue;
        }
        if short.len() < 4 || LEGAL_FORMS.iter().any(|f| k.1.ends_with(f)) {
            continue;
        }
        let full = companies.iter().find(|long| {
            // 深圳华瑞集团 … 华瑞集团: a name without a legal form is written short by dropping
            // the place it opens with.
            let Some(core) = LEGAL_FORMS.iter().find_map(|f| long.strip_suffix(f)) else {
                return long.len() > k.1.len()
                    && long.ends_with(k.1.as_str())
                    && long.chars().count() - short.len() <= 3;
            };
            let core: Vec<char> = core.chars().collect();
            // 广东某某农业公司 for 广东某某农业发展有限公司: 公司 stands for the legal form.
            let short: &[char] = match short.strip_suffix(&['公', '司']) {
                Some(s) if s.len() >= 3 => {
                    let mut it = core.iter();
                    return s[0] == core[0] && s.iter().all(|c| it.any(|x| x == c));
                }
                _ => &short,
            };
            // (The registered name less its legal form is the company too: 某某集团.)
            let ends_alike =
                core.len() >= short.len() && core[core.len() - 2..] == short[short.len() - 2..];
            let starts_early = core.iter().take(4).any(|&c| c == short[0]);
            let mut it = core.iter();
            ends_alike && starts_early && short.iter().all(|c| it.any(|x| x == c))
        });
        if let Some(full) = full {
            k.1 = full.clone();
        }
    }
}

/// Head words that wrap a programme's name without making it another thing.
const WRAPPER_HEADS: [&str; 9] = [
    "工程", "应用", "模式", "行动", "计划", "项目", "战略", "品牌", "制度",
];

/// `培育集成电路、生物医药两大千亿级产业集群` where the article names “千亿级产业集群”: the items
/// counted before a kind the article names on its own (两大, 三个) are instances of that
/// programme, which names them all.
fn counted_kinds(mentions: &[Mention], canonical: &mut [String]) {
    let kinds: Vec<String> = mentions
        .iter()
        .zip(canonical.iter())
        .filter(|(m, c)| m.entity_type == EntityType::Initiative && c.chars().count() >= 4)
        .map(|(_, c)| c.clone())
        .collect();
    for (m, c) in mentions.iter().zip(canonical.iter_mut()) {
        if m.entity_type != EntityType::Initiative {
            continue;
        }
        let kind = kinds.iter().find(|kind| {
            c.strip_suffix(kind.as_str()).is_some_and(|items| {
                let items: Vec<char> = items.chars().collect();
                items.len() >= 4
                    && "大个项类".contains(items[items.len() - 1])
                    && "两二三四五六七八九十几".contains(items[items.len() - 2])
            })
        });
        if let Some(kind) = kind {
            *c = kind.clone();
        }
    }
}

/// What a longer name adds to a shorter one that leaves it the same programme: a head word
/// alone (数字协作 + 工程) or one after the field it works in (党建+网格 + 治理模式).
fn wrapper(rest: &str) -> bool {
    WRAPPER_HEADS.contains(&rest)
        || rest.chars().count() == 4 && WRAPPER_HEADS.iter().any(|h| rest.ends_with(h))
}

/// An initiative whose name ends another initiative's name (产业联盟 in 全域产业联盟), or is
/// it without its head word (数字协作 and 数字协作工程), is that initiative.
fn absorb_short_forms(key: &mut [(EntityType, String)], canonical: &[String]) {
    let names: Vec<String> = key
        .iter()
        .filter(|k| k.0 == EntityType::Initiative)
        .map(|k| k.1.clone())
        .collect();
    for (k, entry) in key.iter_mut().enumerate() {
        if entry.0 != EntityType::Initiative {
            continue;
        }
        let short = &canonical[k];
        // A longer name ending in the short one (全域产业联盟 ⊃ 产业联盟), or the short one
        // wrapped in a head word that adds nothing (数字协作 + 工程); 数字经济 + 示范区 is
        // another thing.
        let longer: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.chars().count() > short.chars().count()
                    && (n.ends_with(short.as_str())
                        || n.strip_prefix(short.as_str()).is_some_and(wrapper))
            })
            .collect();
        let mut distinct = longer.clone();
        distinct.sort();
        distinct.dedup();
        // Only when one longer form fits and the short form is a name on its own (4+ chars).
        if distinct.len() == 1 && short.chars().count() >= 4 {
            entry.1 = distinct[0].clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::article::parse_text;
    use crate::extract::{Extractor, Lexicon};
    use crate::schema::EntityType;

    /// The (type, name) of every entity extracted from a body under a dummy headline.
    fn entities(body: &str) -> Vec<(EntityType, String)> {
        let a = parse_text("t", &format!("标题\n\n{body}\n")).expect("article");
        let x = Extractor::new(Lexicon::builtin()).extract(&a);
        x.entities
            .iter()
            .map(|e| (e.entity_type, e.name.clone()))
            .collect()
    }

    fn named(
        v: &[(EntityType, String)],
        t: EntityType,
        pred: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        v.iter()
            .filter(|(tt, n)| *tt == t && pred(n))
            .map(|(_, n)| n.clone())
            .collect()
    }

    #[test]
    fn a_zone_written_in_full_and_short_is_one_zone_named_in_full() {
        let v = entities(
            "襄阳高新技术产业开发区举行项目推介会。襄阳高新区党工委书记王某说,襄阳高新区将加快发展。",
        );
        assert_eq!(
            named(&v, EntityType::Place, |n| n.contains("高新")),
            ["襄阳高新技术产业开发区"],
            "{v:?}"
        );
    }

    #[test]
    fn a_government_written_in_full_and_short_is_one_body() {
        let v = entities("谷城县人民政府与某公司签约。李某说,县政府将全力支持。");
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("政府")),
            ["谷城县人民政府"],
            "{v:?}"
        );
    }

    #[test]
    fn a_bare_level_word_is_no_place_and_a_park_being_built_is_a_programme() {
        let v = entities("米公街道党工委书记王某说,街道将抓好现代农业产业园建设。");
        assert!(
            named(&v, EntityType::Place, |n| n == "街道").is_empty(),
            "{v:?}"
        );
        assert!(
            named(&v, EntityType::Place, |n| n.contains("产业园")).is_empty(),
            "{v:?}"
        );
        assert_eq!(
            named(&v, EntityType::Initiative, |n| n.contains("产业园")),
            ["现代农业产业园"],
            "{v:?}"
        );
    }

    #[test]
    fn party_committees_in_full_are_named_as_news_names_them() {
        let v = entities(
            "泗安镇党委书记张某代表中共泗安镇第十四届委员会作报告。大会选举产生中共泗安镇纪律检查委员会。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("委")),
            ["泗安镇党委", "泗安镇纪委"],
            "{v:?}"
        );
    }

    #[test]
    fn a_bare_congress_is_the_one_the_article_names_and_a_countys_short_form_in_a_company_no_place()
    {
        let v = entities(
            "中国共产党浙江省长兴县泗安镇第十五次代表大会开幕。代表们表示,将把党代会精神带回基层。磐安交投集团董事长李某出席。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("党代会")),
            ["泗安镇第十五次党代会"],
            "{v:?}"
        );
        assert!(
            named(&v, EntityType::Place, |n| n.starts_with("磐安")).is_empty(),
            "{v:?}"
        );
    }

    #[test]
    fn a_cppcc_committee_with_its_term_first_and_a_short_form_a_city_shares_with_its_county() {
        let v = entities(
            "市政协主席李某代表政协第九届吉安市委员会常务委员会作报告。吉安市吉安县某镇党委书记王某说,吉安将加快发展。",
        );
        assert!(
            named(&v, EntityType::Organisation, |n| n.contains("委员会")
                && !n.contains("政协"))
            .is_empty(),
            "{v:?}"
        );
        assert!(
            !named(&v, EntityType::Organisation, |n| n
                == "吉安市政协常务委员会")
            .is_empty(),
            "{v:?}"
        );
        let x = {
            let a = crate::article::parse_text(
                "t",
                "标题\n\n吉安市吉安县某镇党委书记王某说,吉安将加快发展。\n",
            )
            .expect("article");
            crate::extract::Extractor::new(crate::extract::Lexicon::builtin()).extract(&a)
        };
        let short = x
            .entities
            .iter()
            .find(|e| e.aliases.iter().any(|a| a == "吉安"))
            .map(|e| e.name.clone());
        assert_eq!(short.as_deref(), Some("吉安市"), "{:?}", x.entities);
    }

    #[test]
    fn a_bare_zone_word_is_no_place_of_its_own() {
        let v = entities(
            "丽水高新区召开工作会议。高新区党工委副书记、管委会主任吴某作报告。高新区要加快发展。",
        );
        assert!(
            named(&v, EntityType::Place, |n| n == "高新区").is_empty(),
            "{v:?}"
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.ends_with("管委会")),
            ["丽水高新区管委会"],
            "{v:?}"
        );
    }

    #[test]
    fn short_names_of_a_group_and_a_cooperative_and_a_trade_zone_area() {
        let v = entities(
            "在深圳华瑞集团交流。华瑞集团总裁李某介绍。湖南省安化县,她领办的安化黄沙溪茶业专业合作社发展很快,茶业专业合作社带动茶农。中国(福建)自由贸易试验区厦门片区管委会介绍,厦门片区新增企业。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("华瑞")),
            ["深圳华瑞集团"],
            "{v:?}"
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.ends_with("合作社")),
            ["安化黄沙溪茶业专业合作社"],
            "{v:?}"
        );
        assert_eq!(
            named(&v, EntityType::Place, |n| n.contains("片区")),
            ["中国(福建)自由贸易试验区厦门片区"],
            "{v:?}"
        );
    }

    #[test]
    fn a_formula_and_its_model_and_a_company_short_with_gong_si() {
        // The formula alone (in the headline) and with its model word: one programme.
        let a = parse_text(
            "t",
            "“党建+物业”提升服务\n\n社区推行“党建+物业”服务模式。\n",
        )
        .expect("article");
        let x = Extractor::new(Lexicon::builtin()).extract(&a);
        let formula: Vec<_> = x
            .entities
            .iter()
            .filter(|e| e.name.contains("党建+物业"))
            .collect();
        assert_eq!(formula.len(), 1, "{formula:?}");
        assert_eq!(formula[0].mentions.len(), 2, "{formula:?}");
        let v = entities("湖南青禾食品公司来了。湖南青禾食品科技有限公司将投资建厂。");
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("青禾")),
            vec!["湖南青禾食品科技有限公司".to_string()],
            "{v:?}"
        );
    }

    #[test]
    fn instances_counted_before_a_kind_the_article_names_are_that_kind() {
        let v = entities(
            "会议听取了市政府关于“千亿级产业集群”培育工作的报告。市政府将培育新材料、高端装备两大千亿级产业集群。",
        );
        assert_eq!(
            named(&v, EntityType::Initiative, |n| n.contains("产业集群")),
            vec!["千亿级产业集群".to_string()],
            "{v:?}"
        );
        // A standing committee's session written in full and short is one session.
        let v = entities(
            "嘉兴市第九届人民代表大会常务委员会第十五次会议举行。市人大常委会第十五次会议强调要保护古城。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.ends_with("会议")).len(),
            1,
            "{v:?}"
        );
    }

    #[test]
    fn a_short_name_a_city_shares_with_its_own_county_is_the_city() {
        // 南昌 is 南昌市 and 南昌县; in an article about the province, the city.
        let v = entities("中共江西省委全会在南昌召开。");
        assert!(
            named(&v, EntityType::Place, |n| n == "南昌市").len() == 1,
            "{v:?}"
        );
    }

    #[test]
    fn a_plenary_of_a_district_written_with_its_city_is_the_one_written_short() {
        let v = entities(
            "中共鼓楼区委九届五次全会召开。中国共产党福州市鼓楼区第九届委员会第五次全体会议审议通过决定。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.ends_with("会议")
                || n.ends_with("全会")),
            ["中国共产党福州市鼓楼区第九届委员会第五次全体会议"],
            "{v:?}"
        );
    }

    #[test]
    fn a_county_committee_is_a_countys_not_a_regions_that_ends_in_qu() {
        // 华北地区, named nearer, ends in 区 but is no district.
        let v = entities("临漳县客商来到华北地区。县委书记韩某出席。");
        assert!(
            named(&v, EntityType::Organisation, |n| n.ends_with("县委")) == ["临漳县委"],
            "{v:?}"
        );
    }

    #[test]
    fn names_written_without_their_legal_form_or_their_place_are_the_same_body() {
        let v = entities("兰州与北方宏图食品集团签约。北方宏图食品集团有限公司董事长张某出席。");
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("宏图")),
            ["北方宏图食品集团有限公司"],
            "{v:?}"
        );
        let v = entities("双方共建新能源研究院。太原新能源研究院由双方共建。太原市将加快发展。");
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("研究院")),
            ["太原新能源研究院"],
            "{v:?}"
        );
    }

    #[test]
    fn a_peoples_congress_written_in_full_and_short_is_one_body() {
        let v = entities(
            "会议选举李某为西坪乡人民代表大会主席。乡人大代表、西坪乡石桥村党支部书记王某说,要加快发展。",
        );
        assert_eq!(
            named(&v, EntityType::Organisation, |n| n.contains("人大")
                || n.contains("人民代表大会"))
            .len(),
            1,
            "{v:?}"
        );
    }
}
