#!/usr/bin/env python3
"""Regenerate data/gazetteer/ from the npm package `china-division` (NBS 2023 codes, MIT)
and the PyPI package `cpca` (its adcodes.csv: coordinates of levels 1-3, MIT).

usage: scripts/build-gazetteer.py [CHINA_DIVISION_PACKAGE_DIR [CPCA_PACKAGE_DIR]]

Without the folders it runs `npm pack china-division@2.7.0` and `pip download cpca==0.5.5`
in a temporary folder. Writes:
- data/gazetteer/divisions.tsv: code, name, level (1 province .. 3 county), parent code,
  longitude, latitude. Placeholder rows (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划)
  are dropped and their children re-parented to the province.
- data/gazetteer/towns-villages.tsv.gz: levels 4 (town, street) and 5 (village, community),
  grouped by town: a town line `code<TAB>name`, then its villages as `last three digits of
  the code<TAB>name`. Village names lose their committee suffix: 薛家村村民委员会 → 薛家村,
  周垟村委会 → 周垟村, 多福巷社区居委会 → 多福巷社区.
"""
import csv
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def package_dir():
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    tmp = Path(tempfile.mkdtemp())
    subprocess.run(["npm", "pack", "china-division@2.7.0"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(tmp.glob("china-division-*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=tmp, check=True)
    return tmp / "package"


def cpca_dir():
    if len(sys.argv) > 2:
        return Path(sys.argv[2])
    tmp = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp), "cpca==0.5.5"],
                   check=True, stdout=subprocess.DEVNULL)
    wheel = next(tmp.glob("cpca-*.whl"))
    subprocess.run(["unzip", "-q", wheel.name], cwd=tmp, check=True)
    return tmp


def coordinates():
    """adcode (NBS length: 2, 4 or 6 digits) -> (longitude, latitude)"""
    out = {}
    path = next(cpca_dir().rglob("adcodes.csv"))
    for r in rows(path):
        code = r["adcode"][:6]
        if code.endswith("0000"):
            code = code[:2]
        elif code.endswith("00"):
            code = code[:4]
        out.setdefault(code, (r["longitude"], r["latitude"]))
    return out


COMMITTEE = [("村民委员会", "村"), ("村委员会", "村"), ("村委会", "村"), ("居民委员会", "社区"),
             ("居委会", "社区"), ("委员会", ""), ("委会", "")]


def village_name(name):
    for suffix, kind in COMMITTEE:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if kind and not stem.endswith(kind):
                stem += kind
            return stem
    return name


def rows(path):
    with open(path, encoding="utf-8") as f:
        yield from csv.DictReader(f)


def main():
    dist = package_dir() / "dist"
    out = []
    for r in rows(dist / "provinces.csv"):
        out.append((r["code"], r["name"], 1, ""))
    placeholder_cities = set()
    for r in rows(dist / "cities.csv"):
        if r["name"] in PLACEHOLDERS:
            placeholder_cities.add(r["code"])
            continue
        out.append((r["code"], r["name"], 2, r["provinceCode"]))
    for r in rows(dist / "areas.csv"):
        if r["name"] in PLACEHOLDERS:
            continue
        parent = r["provinceCode"] if r["cityCode"] in placeholder_cities else r["cityCode"]
        out.append((r["code"], r["name"], 3, parent))
    coords = coordinates()
    folder = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
    target = folder / "divisions.tsv"
    with open(target, "w", encoding="utf-8") as f:
        f.write("# code\tname\tlevel\tparent\tlongitude\tlatitude  "
                "(NBS 2023 via npm china-division 2.7.0, MIT; coordinates from PyPI cpca 0.5.5, MIT)\n")
        for code, name, level, parent in out:
            lon, lat = coords.get(code, ("", ""))
            f.write(f"{code}\t{name}\t{level}\t{parent}\t{lon}\t{lat}\n")
    print(f"wrote {len(out)} divisions to {target}")
    villages = {}
    for r in rows(dist / "villages.csv"):
        villages.setdefault(r["streetCode"], []).append((r["code"][-3:], village_name(r["name"])))
    n = 0
    with gzip.open(folder / "towns-villages.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for r in rows(dist / "streets.csv"):
            f.write(f"{r['code']}\t{r['name']}\n")
            for suffix, name in villages.get(r["code"], []):
                f.write(f"{suffix}\t{name}\n")
                n += 1
    print(f"wrote towns and {n} villages to {folder / 'towns-villages.tsv.gz'}")


if __name__ == "__main__":
    main()
