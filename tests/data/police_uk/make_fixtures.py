"""Regenerate the small police.uk fixture files in this folder (deterministic).

Run: python tests/data/police_uk/make_fixtures.py
The records are schematic (made up), in the real data.police.uk layouts; the
Lancashire slice is copied from ../shared/data (see README.md for attribution).
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context"
)
OLD_HEADER = (
    "Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context"
)


def cid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def rows(month: str, force: str, n: int, seed: int) -> list[str]:
    """n records: crimes with IDs, ASB without, every 7th with no location."""
    out = []
    types = [
        "Burglary",
        "Vehicle crime",
        "Anti-social behaviour",
        "Shoplifting",
        "Violence and sexual offences",
        "Criminal damage and arson",
    ]
    for i in range(n):
        ct = types[(i + seed) % len(types)]
        ident = "" if ct == "Anti-social behaviour" else cid(month, force, i, seed)
        outcome = "" if ct == "Anti-social behaviour" else "Under investigation"
        if i % 7 == 6:
            lon = lat = ""
            loc, code, name = "No location", "", ""
        else:
            lon = f"{-1.90 + 0.003 * ((i * 13 + seed) % 17):.6f}"
            lat = f"{52.47 + 0.002 * ((i * 7 + seed) % 11):.6f}"
            loc = f"On or near Street {(i * 5 + seed) % 9}"
            code, name = f"E0100{9000 + (i % 5)}", f"Birmingham 0{(i % 5) + 10}A"
        out.append(
            ",".join(
                [ident, month, force, force, lon, lat, loc, code, name, ct, outcome, ""]
            )
        )
    return out


def write(path: Path, lines: list[str], *, encoding="utf-8", newline="\n", bom=False):
    data = newline.join(lines) + newline
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    path.write_bytes(raw)


def main() -> None:
    wm = "West Midlands Police"
    wa = "Warwickshire Police"
    write(
        HERE / "2023-07-west-midlands-street.csv", [HEADER, *rows("2023-07", wm, 20, 1)]
    )
    # overlapping downloads: b repeats the last 5 records of a (same Crime IDs)
    a = rows("2023-08", wm, 12, 2)
    b = a[-5:] + rows("2023-09", wm, 6, 3)
    write(HERE / "overlap" / "a" / "2023-08-west-midlands-street.csv", [HEADER, *a])
    write(HERE / "overlap" / "b" / "2023-08-west-midlands-street.csv", [HEADER, *b])
    # BOM + CRLF, trailing blank lines, extra trailing commas
    write(
        HERE / "bom_crlf.csv",
        [HEADER, *[r + ",," for r in rows("2023-07", wm, 8, 4)], "", ""],
        newline="\r\n",
        bom=True,
    )
    # cp1252 with a quoted field holding a comma and a newline
    lines = [HEADER, *rows("2023-07", wm, 5, 5)]
    lines.append(
        f'{cid("cp")},2023-07,{wm},{wm},-1.890000,52.480000,"On or near Caf\u00e9 Rouge, St Mary\u2019s\nRow",'
        f"E01009001,Birmingham 011A,Robbery,Under investigation,"
    )
    write(HERE / "cp1252_quoted.csv", lines, encoding="cp1252")
    # bad rows: wrong field count, unparsable coordinate, bad month, (0, 0), far away
    bad = [HEADER, *rows("2023-07", wm, 6, 6)]
    bad.insert(3, "x,2023-07,only,four")
    bad.append(
        f"{cid('b1')},2023-07,{wm},{wm},abc,52.48,On or near X,E01009001,B,Drugs,,"
    )
    bad.append(
        f"{cid('b2')},July twenty,{wm},{wm},-1.89,52.48,On or near X,E01009001,B,Drugs,,"
    )
    bad.append(f"{cid('b3')},2023-07,{wm},{wm},0,0,On or near X,E01009001,B,Drugs,,")
    bad.append(
        f"{cid('b4')},2023-07,{wm},{wm},151.2,-33.9,On or near X,E01009001,B,Drugs,,"
    )
    write(HERE / "bad_rows.csv", bad)
    # 2011 layout, British National Grid
    old = [OLD_HEADER]
    for i in range(10):
        e = "" if i == 9 else f"{406000 + 150 * i}.0"
        n = "" if i == 9 else f"{286000 + 90 * i}.0"
        old.append(
            f"2011-0{1 + i % 3},{wm},{wm},{e},{n},On or near Road {i},"
            f"{['Violent crime', 'Burglary', 'Anti-social behaviour'][i % 3]},"
        )
    write(HERE / "2011-03-west-midlands-street.csv", old)
    # the zip download: two months, two forces, plus an outcomes and a stop-and-search file
    with zipfile.ZipFile(HERE / "download.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for month, seed in (("2023-10", 7), ("2023-11", 8)):
            for force, slug in ((wm, "west-midlands"), (wa, "warwickshire")):
                body = (
                    "\n".join([HEADER, *rows(month, force, 9, seed + len(slug))]) + "\n"
                )
                z.writestr(f"{month}/{month}-{slug}-street.csv", body)
            z.writestr(
                f"{month}/{month}-west-midlands-outcomes.csv",
                "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
                f"LSOA code,LSOA name,Outcome type\n{cid(month)},{month},{wm},{wm},"
                "-1.9,52.48,On or near X,E01009001,B,Suspect charged\n",
            )
            z.writestr(
                f"{month}/{month}-west-midlands-stop-and-search.csv",
                "Type,Date,Part of a policing operation,Policing operation,Latitude,"
                "Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined "
                "ethnicity,Legislation,Object of search,Outcome,Outcome linked to object "
                "of search,Removal of more than just outer clothing\n",
            )
    # Lancashire slice: header + first 200 records of the shared file
    src = (
        HERE.parents[2].parent / "shared" / "data" / "crime" / "lancashire_asb_2022.tab"
    )
    if src.exists():
        head = src.read_bytes().split(b"\n")[:201]
        (HERE / "lancashire_asb_slice.tab").write_bytes(b"\n".join(head) + b"\n")


if __name__ == "__main__":
    main()
