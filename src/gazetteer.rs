//! China's administrative divisions, all five levels (NBS 2023 codes): provinces,
//! prefectures and counties from `data/gazetteer/divisions.tsv` (with coordinates), towns and
//! villages from `data/gazetteer/towns-villages.tsv.gz`; beyond them, countries, world
//! regions and major world cities (`world.tsv`, from CLDR and GeoNames) and China's regions
//! and natural features (`regions.tsv`). Parsed once per process.
//!
//! Names of levels 1–4 (and the short forms of levels 1–3: 宁波 for 宁波市) go into an
//! Aho-Corasick automaton that finds them in a text in one pass. Village names (hundreds of
//! thousands, many shared by hundreds of villages, many ordinary words) are never searched
//! for: the recogniser finds a village by its 村/社区 suffix and looks the name up here.

use aho_corasick::{AhoCorasick, MatchKind};
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Division {
    /// NBS code: 2 digits (province), 4, 6, 9 (town) or 12 (village); 0 for a place that
    /// has none (a country, a world city, a region, a river).
    pub code: u64,
    /// Full name with its level suffix: 江苏省, 宁波市, 安吉县, 递铺街道, 鲁家村.
    pub name: &'static str,
    /// 0 country (or a region or natural feature, see `kind`), 1 province, 2 prefecture
    /// (and world cities), 3 county, 4 town, 5 village.
    pub level: u8,
    pub kind: PlaceKind,
    pub parent: Option<u32>,
    /// Longitude and latitude (levels 1–3 where the source has them).
    pub point: Option<(f32, f32)>,
}

/// What sort of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// One of China's divisions (NBS), or a province-level one beyond NBS (香港, 台湾).
    Division,
    Country,
    /// A city abroad.
    City,
    /// An economic or geographic region (粤港澳大湾区, 东南亚) or a natural feature (长江).
    Region,
}

impl Division {
    /// The NBS statistical division code in its published 12 digits (330000000000 for
    /// 浙江省, 330106001000 for a town), for divisions that have one.
    pub fn nbs_code(&self) -> Option<String> {
        (self.code != 0).then(|| format!("{:0<12}", self.code))
    }

    /// The GB/T 2260 administrative code of 6 digits that maps use (330000, 330100,
    /// 330106), for provinces, prefectures and counties.
    pub fn adcode(&self) -> Option<String> {
        (self.code != 0 && (1..=3).contains(&self.level)).then(|| format!("{:0<6}", self.code))
    }
}

/// China's peoples, by the name an autonomous prefecture or county writes before 族
/// (苗 of 苗族, 布依 of 布依族): where a prefecture's stem ends.
const ETHNIC_GROUPS: [&str; 55] = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

pub struct Gazetteer {
    pub divisions: Vec<Division>,
    /// Surface form → divisions it can mean, and whether the form is the full name.
    forms: HashMap<&'static str, Vec<(u32, bool)>>,
    form_list: Vec<&'static str>,
    automaton: AhoCorasick,
    villages: HashMap<&'static str, Vec<u32>>,
    codes: HashMap<u64, u32>,
    /// First characters of China's provinces and prefecture-level cities: the characters
    /// names of lines and works between places are made of (杭温高铁, 甬金高铁, 京张铁路).
    initials: std::collections::HashSet<char>,
}

/// A gazetteer name found in a text (char offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub form: String,
    /// True when the text has the full name with its suffix.
    pub full: bool,
    pub candidates: Vec<usize>,
}

const COUNTIES: &str = include_str!("../data/gazetteer/divisions.tsv");
const WORLD: &str = include_str!("../data/gazetteer/world.tsv");
const REGIONS: &str = include_str!("../data/gazetteer/regions.tsv");
const TOWNS_VILLAGES: &[u8] = include_bytes!("../data/gazetteer/towns-villages.tsv.gz");

/// Level suffixes, longest first, stripped to get the short form (宁波市 → 宁波).
const SUFFIXES: [&str; 11] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
];

impl Gazetteer {
    /// The process-wide gazetteer, parsed and its automaton built on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut towns = String::new();
            // The data is compiled in and tested; a failure here is a build defect.
            GzDecoder::new(TOWNS_VILLAGES)
                .read_to_string(&mut towns)
                .expect("compiled-in gazetteer decompresses");
            Gazetteer::parse(COUNTIES, &towns, WORLD, REGIONS)
        })
    }

    fn parse(
        counties: &'static str,
        towns: &str,
        world: &'static str,
        regions: &'static str,
    ) -> Gazetteer {
        // All names live in one leaked arena: the gazetteer lives as long as the process.
        let towns: &'static str = Box::leak(towns.to_string().into_boxed_str());
        let mut divisions: Vec<Division> = Vec::with_capacity(670_000);
        let mut by_code: HashMap<u64, u32> = HashMap::with_capacity(50_000);
        let mut parents: Vec<u64> = Vec::new();
        for line in counties
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&'static str> = line.split('\t').collect();
            let Some(code) = f.first().and_then(|c| c.parse::<u64>().ok()) else {
                continue;
            };
            let point = match (
                f.get(4).and_then(|x| x.parse().ok()),
                f.get(5).and_then(|x| x.parse().ok()),
            ) {
                (Some(lon), Some(lat)) => Some((lon, lat)),
                _ => None,
            };
            by_code.insert(code, divisions.len() as u32);
            parents.push(f.get(3).and_then(|p| p.parse().ok()).unwrap_or(0));
            divisions.push(Division {
                code,
                name: f.get(1).copied().unwrap_or(""),
                level: f.get(2).and_then(|l| l.parse().ok()).unwrap_or(3),
                kind: PlaceKind::Division,
                parent: None,
                point: None.or(point),
            });
        }
        for (d, p) in divisions.iter_mut().zip(&parents) {
            d.parent = by_code.get(p).copied();
        }
        let mut town: Option<(u64, u32)> = None;
        for line in towns.lines() {
            let Some((code, name)) = line.split_once('\t') else {
                continue;
            };
            if code.len() == 3 {
                // A village of the town above: its code is the town's plus three digits.
                let Some((town_code, town_index)) = town else {
                    continue;
                };
                let Ok(suffix) = code.parse::<u64>() else {
                    continue;
                };
                divisions.push(Division {
                    code: town_code * 1000 + suffix,
                    name,
                    level: 5,
                    kind: PlaceKind::Division,
                    parent: Some(town_index),
                    point: None,
                });
            } else if let Ok(c) = code.parse::<u64>() {
                let parent = by_code.get(&(c / 1000)).copied();
                town = Some((c, divisions.len() as u32));
                divisions.push(Division {
                    code: c,
                    name,
                    level: 4,
                    kind: PlaceKind::Division,
                    parent,
                    point: None,
                });
            }
        }
        let extra_forms = add_world(&mut divisions, world, regions);
        let mut forms: HashMap<&'static str, Vec<(u32, bool)>> = HashMap::new();
        for (form, i) in extra_forms {
            // Names of two characters must be cut as a word by the segmenter (美国, 长江).
            forms
                .entry(form)
                .or_default()
                .push((i, form.chars().count() > 2));
        }
        let mut villages: HashMap<&'static str, Vec<u32>> = HashMap::new();
        for (i, d) in divisions.iter().enumerate() {
            let i = i as u32;
            // A county-level row that repeats its city's name (东莞市 under 东莞市) is the
            // same place on paper: the name means the city.
            if d.parent
                .is_some_and(|p| divisions[p as usize].name == d.name)
            {
                continue;
            }
            match d.level {
                _ if d.kind != PlaceKind::Division || d.code == 0 => {}
                5 => villages.entry(d.name).or_default().push(i),
                4 => {
                    forms.entry(d.name).or_default().push((i, true));
                    // a town named X镇镇 is written X镇: the short form keeps its own level word.
                    if let Some(short) = d
                        .name
                        .strip_suffix('镇')
                        .filter(|s| s.ends_with('镇') && s.chars().count() >= 2)
                    {
                        forms.entry(short).or_default().push((i, false));
                    }
                }
                _ => {
                    forms.entry(d.name).or_default().push((i, true));
                    if let Some(short) = short_form(d.name, d.level) {
                        forms.entry(short).or_default().push((i, false));
                    }
                    // 甘孜藏族自治州 is written 甘孜州 or 甘孜, 景宁畲族自治县 景宁县 or 景宁.
                    for (ending, level) in [("自治州", 2), ("自治县", 3)] {
                        if d.level == level
                            && d.name.ends_with(ending)
                            && d.name.chars().count() > 5
                        {
                            // The stem is what stands before the first people's name
                            // (黔东南 of 黔东南苗族侗族自治州, 黔南 of 黔南布依族…).
                            let stem_chars = (2..=4)
                                .find(|&n| {
                                    let rest: String = d.name.chars().skip(n).collect();
                                    ETHNIC_GROUPS.iter().any(|e| {
                                        rest.starts_with(e) && rest[e.len()..].starts_with('族')
                                    })
                                })
                                .unwrap_or(2);
                            let stem: &'static str = &d.name[..d
                                .name
                                .char_indices()
                                .nth(stem_chars)
                                .map_or(d.name.len(), |(b, _)| b)];
                            let written: &'static str = Box::leak(
                                format!("{stem}{}", &ending[ending.len() - 3..]).into_boxed_str(),
                            );
                            forms.entry(written).or_default().push((i, true));
                            forms.entry(stem).or_default().push((i, false));
                        }
                    }
                }
            }
        }
        let form_list: Vec<&'static str> = forms.keys().copied().collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&form_list)
            .expect("gazetteer automaton builds");
        let codes = divisions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.code != 0)
            .map(|(i, d)| (d.code, i as u32))
            .collect();
        let initials = divisions
            .iter()
            .filter(|d| d.kind == PlaceKind::Division && (1..=2).contains(&d.level))
            .filter_map(|d| d.name.chars().next())
            .collect();
        Gazetteer {
            initials,
            divisions,
            forms,
            form_list,
            automaton,
            villages,
            codes,
        }
    }

    /// Every gazetteer name of levels 1–4 in `text`, leftmost-longest, as char offsets.
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let mut byte_to_char = vec![0usize; text.len() + 1];
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            byte_to_char[bi] = ci;
        }
        byte_to_char[text.len()] = text.chars().count();
        self.automaton
            .find_iter(text)
            .filter_map(|m| {
                let form = self.form_list[m.pattern().as_usize()];
                let cands = self.forms.get(form)?;
                // A region's name (or alias) means the region, not a division's short form:
                // 中原 is the region, not 中原区.
                let is_region =
                    |c: &(u32, bool)| self.divisions[c.0 as usize].kind == PlaceKind::Region;
                let region = cands.iter().any(is_region);
                Some(NameHit {
                    start: byte_to_char[m.start()],
                    end: byte_to_char[m.end()],
                    form: form.to_string(),
                    full: cands.iter().any(|c| c.1),
                    candidates: cands
                        .iter()
                        .filter(|c| c.1 || is_region(c) || !region)
                        .map(|c| c.0 as usize)
                        .collect(),
                })
            })
            .collect()
    }

    /// Divisions a surface form can mean, villages included.
    /// True when `c` opens the name of a province or a prefecture-level city of China.
    pub fn is_city_initial(&self, c: char) -> bool {
        self.initials.contains(&c)
    }

    pub fn lookup(&self, form: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .forms
            .get(form)
            .map(|v| v.iter().map(|c| c.0 as usize).collect())
            .unwrap_or_default();
        if let Some(v) = self.villages.get(form) {
            out.extend(v.iter().map(|&i| i as usize));
        }
        out
    }

    /// The division's ancestors, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = i;
        while let Some(p) = self.divisions[i].parent {
            out.push(p as usize);
            i = p as usize;
        }
        out
    }

    /// The province (level 1) a division is in, or is.
    pub fn province_of(&self, i: usize) -> Option<usize> {
        std::iter::once(i)
            .chain(self.ancestors(i))
            .find(|&a| self.divisions[a].level == 1)
    }

    /// The division with this code: 12-digit NBS, 6-digit adcode, or the short prefix
    /// (33, 3301) older stores hold. Trailing zero groups are dropped longest code first.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || code.len() > 12 {
            return None;
        }
        [12, 9, 6, 4, 2]
            .into_iter()
            .filter(|&n| n <= code.len() && code[n..].bytes().all(|b| b == b'0'))
            .find_map(|n| self.codes.get(&code[..n].parse::<u64>().ok()?))
            .map(|&i| i as usize)
    }
}

/// Adds the places of `world.tsv` and `regions.tsv` to `divisions`: countries (level 0,
/// China's provinces now under 中国), 香港, 澳门 and 台湾 as provinces of China, world cities
/// (level 2, under their country), regions and natural features (level 0, kind Region).
/// Returns every name and alias with the entry it names.
fn add_world(
    divisions: &mut Vec<Division>,
    world: &'static str,
    regions: &'static str,
) -> Vec<(&'static str, u32)> {
    let mut forms = Vec::new();
    let mut country_of: HashMap<&'static str, u32> = HashMap::new();
    let rows = |text: &'static str| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').collect::<Vec<&'static str>>())
    };
    let mut cities = Vec::new();
    let push = |divisions: &mut Vec<Division>,
                forms: &mut Vec<(&'static str, u32)>,
                f: &[&'static str],
                level: u8,
                kind: PlaceKind,
                parent: Option<u32>| {
        let point = match (
            f.get(4).and_then(|x| x.parse().ok()),
            f.get(5).and_then(|x| x.parse().ok()),
        ) {
            (Some(lon), Some(lat)) => Some((lon, lat)),
            _ => None,
        };
        let i = divisions.len() as u32;
        divisions.push(Division {
            code: 0,
            name: f[1],
            level,
            kind,
            parent,
            point,
        });
        forms.push((f[1], i));
        for alias in f
            .get(2)
            .map_or("", |a| a)
            .split(',')
            .filter(|a| !a.is_empty())
        {
            forms.push((alias, i));
        }
        i
    };
    for f in rows(world) {
        match f.first().copied() {
            Some("country") if f.len() > 3 => {
                let i = push(divisions, &mut forms, &f, 0, PlaceKind::Country, None);
                country_of.insert(f[3], i);
            }
            Some("region") if f.len() > 1 => {
                push(divisions, &mut forms, &f, 0, PlaceKind::Region, None);
            }
            Some("province" | "city") if f.len() > 3 => cities.push(f),
            _ => {}
        }
    }
    let china = country_of.get("CN").copied();
    // China's provinces sit in 中国.
    for d in divisions.iter_mut() {
        if d.kind == PlaceKind::Division && d.level == 1 {
            d.parent = china;
        }
    }
    for f in cities.iter().filter(|f| f[0] == "province") {
        let i = push(divisions, &mut forms, f, 1, PlaceKind::Division, china);
        country_of.insert(f[3], i);
    }
    for f in cities.iter().filter(|f| f[0] == "city") {
        let parent = country_of.get(f[3]).copied();
        push(divisions, &mut forms, f, 2, PlaceKind::City, parent);
    }
    for f in rows(regions) {
        if f.len() > 1 {
            let row = [f[0], f[1], f.get(2).copied().unwrap_or("")];
            push(divisions, &mut forms, &row, 0, PlaceKind::Region, None);
        }
    }
    forms
}

/// The name without its level suffix, when that leaves at least two characters.
pub fn short_form(name: &'static str, level: u8) -> Option<&'static str> {
    if level == 1 && name.ends_with("自治区") {
        // 广西壮族自治区 → 广西, 内蒙古自治区 → 内蒙古
        let k = if name.starts_with("内蒙古") || name.starts_with("黑龙江") {
            3
        } else {
            2
        };
        let end = name.char_indices().nth(k).map_or(name.len(), |(b, _)| b);
        return Some(&name[..end]);
    }
    if name.contains("自治") {
        return None;
    }
    let suffix = SUFFIXES.iter().find(|s| name.ends_with(*s))?;
    let short = &name[..name.len() - suffix.len()];
    (short.chars().count() >= 2).then_some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_chain(g: &Gazetteer, i: usize) -> Vec<&'static str> {
        g.ancestors(i)
            .iter()
            .map(|&a| g.divisions[a].name)
            .collect()
    }

    #[test]
    fn county_code_and_chain() {
        let g = Gazetteer::get();
        let full = g.lookup("昆山市");
        assert_eq!(full.len(), 1);
        assert_eq!(g.divisions[full[0]].code, 320583);
        assert!(g.lookup("昆山").contains(&full[0]));
        assert_eq!(name_chain(g, full[0]), ["苏州市", "江苏省", "中国"]);
        assert!(
            g.divisions[full[0]].point.is_some(),
            "counties carry coordinates"
        );
    }

    #[test]
    fn villages_lose_their_committee_suffix_and_hang_under_their_town() {
        let g = Gazetteer::get();
        let towns = g.lookup("递铺街道");
        assert!(!towns.is_empty());
        let v = g.lookup("鲁家村");
        assert!(
            v.iter()
                .any(|&i| name_chain(g, i).first() == Some(&"递铺街道")),
            "{v:?}"
        );
        assert!(g.lookup("鲁家村村民委员会").is_empty());
    }

    #[test]
    fn a_regions_name_is_the_region_not_a_districts_short_form() {
        let g = Gazetteer::get();
        let hits = g.find("让中原更加出彩");
        let hit = hits.iter().find(|h| h.form == "中原").expect("中原 found");
        assert!(
            hit.candidates
                .iter()
                .all(|&c| g.divisions[c].kind == PlaceKind::Region),
            "{:?}",
            hit.candidates
                .iter()
                .map(|&c| g.divisions[c].name)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_world_beyond_china() {
        let g = Gazetteer::get();
        let country = g.lookup("肯尼亚");
        assert_eq!(country.len(), 1);
        assert_eq!(g.divisions[country[0]].kind, PlaceKind::Country);
        assert!(
            g.divisions[country[0]].nbs_code().is_none(),
            "no NBS code abroad"
        );
        assert_eq!(
            g.lookup("肯尼亚共和国"),
            country,
            "the official name is an alias"
        );
        let capital = g.lookup("内罗毕");
        assert_eq!(capital.len(), 1);
        assert_eq!(name_chain(g, capital[0]), ["肯尼亚"]);
        let hk = g.lookup("香港");
        assert_eq!(hk.len(), 1);
        assert_eq!(g.divisions[hk[0]].level, 1);
        assert_eq!(name_chain(g, hk[0]), ["中国"]);
        let hits = g.find("粤港澳大湾区建设与长江大保护");
        let forms: Vec<&str> = hits.iter().map(|h| h.form.as_str()).collect();
        assert!(
            forms.contains(&"粤港澳大湾区") && forms.contains(&"长江"),
            "{forms:?}"
        );
    }

    #[test]
    fn autonomous_prefectures_and_counties_by_their_short_names() {
        let g = Gazetteer::get();
        let full = g.lookup("甘孜藏族自治州");
        assert_eq!(full.len(), 1);
        assert_eq!(g.lookup("甘孜州"), full);
        assert!(g.lookup("甘孜").contains(&full[0]));
        let county = g.lookup("景宁畲族自治县");
        assert_eq!(g.lookup("景宁县"), county);
    }

    #[test]
    fn a_county_row_repeating_its_city_is_the_city() {
        let g = Gazetteer::get();
        let hits = g.lookup("东莞市");
        assert_eq!(hits.len(), 1);
        assert_eq!(g.divisions[hits[0]].code, 4419);
    }

    #[test]
    fn finds_names_in_text_with_char_offsets() {
        let g = Gazetteer::get();
        let hits = g.find("我在南昌市西湖区工作");
        let forms: Vec<(&str, usize)> = hits.iter().map(|h| (h.form.as_str(), h.start)).collect();
        assert_eq!(forms, [("南昌市", 2), ("西湖区", 5)]);
        assert!(
            hits[1].candidates.len() > 1,
            "西湖区 is ambiguous on its own"
        );
    }
}
