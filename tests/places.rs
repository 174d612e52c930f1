//! Places resolved against the gazetteer, on sentences written for these tests.

use tupu::article::parse_text;
use tupu::extract::lexicon::Lexicon;
use tupu::extract::Extractor;
use tupu::schema::{EntityType, Extraction};

fn extract(body: &str) -> Extraction {
    let article = parse_text("t", &format!("标题\n\n{body}\n")).expect("article");
    Extractor::new(Lexicon::builtin()).extract(&article)
}

fn place(x: &Extraction, name: &str) -> Option<(String, Option<String>)> {
    x.entities
        .iter()
        .find(|e| {
            e.entity_type == EntityType::Place
                && (e.name == name || e.aliases.iter().any(|a| a == name))
        })
        .map(|e| (e.name.clone(), e.code.clone()))
}

#[test]
fn a_county_resolves_to_its_code() {
    let x = extract("浦江县今年推进乡村建设。");
    assert_eq!(
        place(&x, "浦江县"),
        Some(("浦江县".into(), Some("330726000000".into())))
    );
}

#[test]
fn the_same_district_name_in_two_cities_stays_apart() {
    let x = extract("杭州市西湖区举行发布会。");
    assert_eq!(
        place(&x, "西湖区").and_then(|p| p.1),
        Some("330106000000".into())
    );
    let x = extract("南昌市西湖区举行发布会。");
    assert_eq!(
        place(&x, "西湖区").and_then(|p| p.1),
        Some("360103000000".into())
    );
    // Alone, 西湖区 is ambiguous: named, but not guessed.
    let x = extract("西湖区举行发布会。");
    assert_eq!(place(&x, "西湖区"), Some(("西湖区".into(), None)));
}

#[test]
fn a_short_village_name_needs_its_suffix() {
    let x = extract("鲁家风景很好,游客很多。");
    assert!(
        x.entities
            .iter()
            .all(|e| e.entity_type != EntityType::Place),
        "{:?}",
        x.entities
    );
    let x = extract("安吉县递铺街道鲁家村来了很多游客。");
    let (name, code) = place(&x, "鲁家村").expect("the village");
    assert_eq!(name, "鲁家村");
    assert!(
        code.is_some_and(|c| c.starts_with("330523")),
        "a village of 安吉县"
    );
}

#[test]
fn a_town_merged_away_is_still_a_place_without_a_code() {
    let x = extract("诸暨市草塔镇召开大会。");
    assert_eq!(place(&x, "草塔镇"), Some(("草塔镇".into(), None)));
    assert_eq!(
        place(&x, "诸暨市").and_then(|p| p.1),
        Some("330681000000".into())
    );
}

#[test]
fn a_town_resolves_through_the_county_the_article_names() {
    let x = extract("平阳县召开会议。代表团来到昆阳镇,走访了企业。");
    assert_eq!(
        place(&x, "昆阳镇").and_then(|p| p.1),
        Some("330326100000".into())
    );
    let county = x
        .entities
        .iter()
        .find(|e| e.name == "平阳县")
        .expect("county");
    let town = x
        .entities
        .iter()
        .find(|e| e.name == "昆阳镇")
        .expect("town");
    assert!(x.relations.iter().any(|r| r.subject == town.id
        && r.object == county.id
        && r.predicate.as_str() == "locatedIn"));
}

#[test]
fn a_county_hangs_under_its_city_province_and_country() {
    let g = tupu::gazetteer::Gazetteer::get();
    let county = g.lookup("浦江县");
    assert_eq!(county.len(), 1);
    assert_eq!(g.divisions[county[0]].code, 330726);
    let chain: Vec<&str> = g
        .ancestors(county[0])
        .iter()
        .map(|&a| g.divisions[a].name)
        .collect();
    assert_eq!(chain, ["金华市", "浙江省", "中国"]);
}
