"""Regenerate the "unseen real file" fixtures in this folder (deterministic).

Run: python tests/data/unseen/make_fixtures.py

Each file imitates the layout of a real export that nobody on the project had
seen when the readers were written (see README.md for what each imitates). The
records are made up; places are real towns so coordinates can be checked.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

STREET = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Crime type,Last outcome category,Context"
)
OUTCOMES = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    "LSOA code,LSOA name,Outcome type"
)
STOP_SEARCH = (
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,"
    "Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,"
    "Object of search,Outcome,Outcome linked to object of search,"
    "Removal of more than just outer clothing"
)


def cid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def text(lines: list[str], *, newline: str = "\n", bom: bool = False) -> bytes:
    data = (newline.join(lines) + newline).encode("utf-8")
    return (b"\xef\xbb\xbf" if bom else b"") + data


def put(name: str, data: bytes | str) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


# -- police.uk ---------------------------------------------------------------


def btp() -> None:
    """British Transport Police: stations across GB, BOM + CRLF, quoted Context."""
    f = "British Transport Police"
    rows = [
        STREET,
        f"{cid('btp', 1)},2023-09,{f},{f},-1.898769,52.477962,"
        "On or near Birmingham New Street (station),E01033620,Birmingham 138D,"
        "Theft from the person,Investigation complete; no suspect identified,",
        f",2023-09,{f},{f},-0.124934,51.531427,On or near London St Pancras "
        "International (station),E01000914,Camden 022D,Anti-social behaviour,,"
        '"Reported by rail staff, platform 5; ""drunk and abusive"""',
        f"{cid('btp', 3)},2023-09,{f},{f},-3.189090,55.952380,"
        "On or near Edinburgh Waverley (station),,,Violence and sexual offences,"
        'Unable to prosecute suspect,"Assault on a train between Haymarket, '
        'and Waverley"',
        f"{cid('btp', 4)},2023-09,{f},{f},,,No location,,,Public order,"
        "Under investigation,",
        f"{cid('btp', 5)},2023-09,{f},{f},-2.242631,53.477581,"
        "On or near Manchester Piccadilly (station),E01033677,Manchester 054C,"
        "Bicycle theft,Status update unavailable,",
    ]
    put("police_uk/2023-09-btp-street.csv", text(rows, newline="\r\n", bom=True))


def psni() -> None:
    """Police Service of Northern Ireland: lon/lat in NI, no LSOA codes."""
    f = "Police Service of Northern Ireland"
    rows = [STREET]
    pts = [
        (-5.930120, 54.597285, "On or near Donegall Place", "Shoplifting"),
        (-5.934730, 54.601310, "On or near Royal Avenue", "Anti-social behaviour"),
        (
            -7.318810,
            54.996612,
            "On or near Guildhall Street",
            "Criminal damage and arson",
        ),
        (
            -6.657060,
            54.341290,
            "On or near Market Street",
            "Violence and sexual offences",
        ),
    ]
    for i, (lon, lat, loc, ct) in enumerate(pts):
        ident = "" if ct == "Anti-social behaviour" else cid("psni", i)
        rows.append(f"{ident},2023-05,{f},{f},{lon:.6f},{lat:.6f},{loc},,,{ct},,")
    rows.append(f"{cid('psni', 9)},2023-05,{f},{f},,,No location,,,Drugs,,")
    put("police_uk/2023-05-northern-ireland-street.csv", text(rows))


def old_2011() -> None:
    """The first (Dec 2010 - 2011) layout: Easting/Northing, old categories."""
    f = "Greater Manchester Police"
    head = "Month,Reported by,Falls within,Easting,Northing,Location,Crime type,Context"
    rows = [
        head,
        f"2011-01,{f},{f},383912.0,398102.0,On or near Piccadilly,Violent crime,",
        f"2011-01,{f},{f},384101.0,397850.0,On or near Portland Street,Burglary,",
        f"2011-01,{f},{f},385000.0,398500.0,On or near Great Ancoats Street,"
        "Anti-social behaviour,",
        f"2011-01,{f},{f},,,No location,Other crime,",
        f"2011-01,{f},{f},383500.0,397600.0,On or near Oxford Road,Robbery,",
        f"2011-01,{f},{f},383700.0,398300.0,On or near Deansgate,Vehicle crime,",
    ]
    put("police_uk/2011-01-greater-manchester-street.csv", text(rows))


def street_rows(month: str, force: str, n: int, lon0: float, lat0: float) -> list[str]:
    types = ["Burglary", "Anti-social behaviour", "Shoplifting", "Drugs"]
    out = []
    for i in range(n):
        ct = types[i % len(types)]
        ident = "" if ct == "Anti-social behaviour" else cid(month, force, i)
        outc = "" if ct == "Anti-social behaviour" else "Under investigation"
        out.append(
            f"{ident},{month},{force},{force},{lon0 + 0.001 * i:.6f},"
            f"{lat0 + 0.001 * i:.6f},On or near High Street,E0100{i}000,"
            f"Somewhere 00{i}A,{ct},{outc},"
        )
    return out


def download_zip() -> None:
    """A custom download: months x forces, with outcomes, stop-and-search, Mac junk."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for month in ("2023-08", "2023-09"):
            for force, lon0, lat0 in (
                ("Cumbria Constabulary", -2.935, 54.890),
                ("Lancashire Constabulary", -2.700, 53.760),
            ):
                slug = force.split()[0].lower()
                zf.writestr(
                    f"{month}/{month}-{slug}-street.csv",
                    text([STREET, *street_rows(month, force, 4, lon0, lat0)]),
                )
                zf.writestr(
                    f"{month}/{month}-{slug}-outcomes.csv",
                    text(
                        [
                            OUTCOMES,
                            f"{cid(month, force, 0)},{month},{force},{force},"
                            f"{lon0:.6f},{lat0:.6f},On or near High Street,"
                            "E01000000,Somewhere 000A,Investigation complete; no "
                            "suspect identified",
                        ]
                    ),
                )
            zf.writestr(
                f"{month}/{month}-lancashire-stop-and-search.csv",
                text(
                    [
                        STOP_SEARCH,
                        f"Person search,{month}-03T21:40:00+00:00,False,,53.7601,"
                        "-2.7011,Male,18-24,White - English/Welsh/Scottish/Northern "
                        "Irish/British,White,Misuse of Drugs Act 1971 (section 23),"
                        "Controlled drugs,A no further action disposal,False,False",
                    ]
                ),
            )
        zf.writestr(
            "__MACOSX/2023-08/._2023-08-cumbria-street.csv", b"\x00\x05\x16\x07junk"
        )
    put("police_uk/custom_download.zip", buf.getvalue())


def stray_folder() -> None:
    """A month folder as unzipped on a Mac: README, .DS_Store, AppleDouble files."""
    d = "police_uk/month_folder/2023-10"
    f = "Durham Constabulary"
    put(
        f"{d}/2023-10-durham-street.csv",
        text([STREET, *street_rows("2023-10", f, 5, -1.575, 54.776)]),
    )
    put(
        f"{d}/README.txt",
        "Downloaded from data.police.uk on 2023-12-01 by J. Analyst\n",
    )
    put(f"{d}/.DS_Store", b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00\x00\x00\x08\x00")
    put(f"{d}/._2023-10-durham-street.csv", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")


def excel_resaved() -> None:
    """Opened in Excel and saved as CSV: dd/mm/yyyy months, trailing empty columns,
    cp1252, CRLF."""
    f = "Thames Valley Police"
    rows = [STREET + ",,,"]
    types = ["Burglary", "Anti-social behaviour", "Vehicle crime", "Other theft"]
    for i in range(4):
        ct = types[i]
        ident = "" if ct == "Anti-social behaviour" else cid("tvp", i)
        outc = "" if ct == "Anti-social behaviour" else "Under investigation"
        rows.append(
            f"{ident},01/07/2023,{f},{f},{-1.2577 + 0.01 * i:.4f},{51.752 + 0.01 * i:.4f},"
            f"On or near Caf\u00e9 Nero,E0102{i}000,Oxford 00{i}A,{ct},{outc},,,,"
        )
    rows.append(",,,,,,,,,,,,,,")  # Excel's trailing "empty" row
    put(
        "police_uk/2023-07-thames-valley-street-excel.csv",
        ("\r\n".join(rows) + "\r\n").encode("cp1252"),
    )
    # Excel's own display of 2023-07: "Jul-23"
    rows2 = [STREET]
    for i in range(3):
        rows2.append(
            f"{cid('tvp2', i)},Jul-23,{f},{f},{-1.2577 + 0.01 * i:.4f},"
            f"{51.752 + 0.01 * i:.4f},On or near Broad Street,E0102{i}000,"
            f"Oxford 00{i}A,Burglary,Under investigation,"
        )
    put("police_uk/2023-07-thames-valley-street-mmmyy.csv", text(rows2, newline="\r\n"))


def header_only() -> None:
    put("police_uk/2023-10-dyfed-powys-street.csv", text([STREET]))


# -- calls for service -------------------------------------------------------


def storm() -> None:
    """SmartSTORM-like incident export (UK): one timestamp, grades, E/N, beats."""
    rows = [
        "Incident No,Date/Time Created,Opening Code,Closing Code,Grade,Easting,"
        "Northing,Beat,Location",
        "20231103-0412,03/11/2023 22:14:05,ASB - NUISANCE,ASB - PERSONAL,"
        'Grade 2,407512,286934,BE1,"Broad Street, Birmingham"',
        "20231103-0413,03/11/2023 22:31:50,ALARM - INTRUDER,FALSE ALARM,Grade 3,"
        "406880,287310,BE2,Ladywood Middleway",
        "20231104-0007,04/11/2023 00:02:11,CONCERN FOR SAFETY,CONCERN FOR SAFETY,"
        'Grade 1,407150,286600,BE1,"Hurst Street, Birmingham"',
        "20231104-0031,04/11/2023 01:45:00,VIOLENCE - ASSAULT,ASSAULT,Grade 1,,,BE1,"
        "No fixed location",
        "20231104-0102,04/11/2023 09:10:27,ROAD RELATED OFFENCE,NO OFFENCE,Grade 4,"
        "408200,285900,BE3,Bristol Road",
    ]
    put("calls/smartstorm_incidents.csv", text(rows, newline="\r\n"))


def command_control() -> None:
    """A command & control log export with separate Date and Time columns."""
    rows = [
        "Log No,Date,Time,Incident Type,Response Grade,Easting,Northing,Beat",
        "0412,2023-11-03,22:14,ASB,Priority,383912,398102,MC01",
        "0413,2023-11-03,23:59,Domestic,Immediate,384101,397850,MC01",
        "0001,2023-11-04,00:00,Suspicious Circumstances,Scheduled,385000,398500,MC02",
        "0002,2023-11-04,7:05,Highways Disruption,Resolution without deployment,"
        "383500,397600,MC03",
    ]
    put("calls/command_control_date_time.csv", text(rows))


def new_orleans() -> None:
    """New Orleans calls for service layout: Type_/TypeText, Priority 2A, MapX/MapY
    in Louisiana state-plane feet, TimeCreate with AM/PM, Location as POINT WKT."""
    head = (
        "NOPD_Item,Type_,TypeText,Priority,InitialType,InitialTypeText,"
        "InitialPriority,MapX,MapY,TimeCreate,TimeDispatch,TimeArrive,TimeClosed,"
        "Disposition,DispositionText,SelfInitiated,Beat,BLOCK_ADDRESS,Zip,"
        "PoliceDistrict,Location"
    )
    rows = [
        head,
        "A0000123,21,COMPLAINT OTHER,1A,21,COMPLAINT OTHER,1A,3681640,530150,"
        "01/01/2023 12:00:38 AM,01/01/2023 12:10:00 AM,01/01/2023 12:20:00 AM,"
        "01/01/2023 01:00:00 AM,RTF,REPORT TO FOLLOW,N,1L02,012XX Canal St,70112,1,"
        "POINT (-90.07605 29.95754)",
        "A0000456,103D,DISTURBANCE (DOMESTIC),2A,103D,DISTURBANCE (DOMESTIC),2A,"
        "3690100,538020,01/01/2023 02:15:10 PM,,,01/01/2023 03:00:00 PM,GOA,"
        "GONE ON ARRIVAL,N,7A01,048XX Chef Menteur Hwy,70126,7,"
        "POINT (-90.02010 29.98310)",
        "A0000789,21,COMPLAINT OTHER,0Z,21,COMPLAINT OTHER,0Z,0,0,"
        "01/02/2023 09:05:00 AM,,,01/02/2023 09:30:00 AM,VOI,VOID,Y,,Unknown,,,"
        "POINT (0 0)",
        "A0000790,62,BURGLAR ALARM,1E,62,BURGLAR ALARM,1E,3679870,527400,"
        "01/02/2023 11:45:59 PM,,,01/03/2023 12:15:00 AM,NAT,NECESSARY ACTION TAKEN,N,"
        "6E03,023XX Magazine St,70130,6,POINT (-90.08170 29.93310)",
    ]
    put("calls/new_orleans_calls_for_service.csv", text(rows))


def us_latlon_text() -> None:
    """A US CAD export whose only coordinates are a "(lat, lon)" text column."""
    rows = [
        "Event Number,Call Received,Call Type,Priority,Address,Location",
        "P23001,2023-06-01T08:15:00,TRAFFIC STOP,3,100 Peachtree St NE,"
        '"(33.7560, -84.3885)"',
        'P23002,2023-06-01T19:42:30,LARCENY,2,200 Marietta St NW,"(33.7580, -84.3940)"',
        'P23003,2023-06-02T02:05:00,SHOTS FIRED,1,,"(, )"',
    ]
    put("calls/us_cad_location_text.csv", text(rows))


def semicolon() -> None:
    """Semicolon-delimited export from a European-locale spreadsheet."""
    rows = [
        "Incident;Date;Time;Type;Priority;Latitude;Longitude",
        "I-1;03.11.2023;22:14;Disorder;2;52,47791;-1,90263",
        "I-2;03.11.2023;23:01;Theft;3;52,48102;-1,89480",
        "I-3;04.11.2023;00:30;Assault;1;52,47500;-1,89900",
        ";;;;;;",  # the empty row a spreadsheet leaves
    ]
    put("calls/semicolon_decimal_comma.csv", text(rows, newline="\r\n"))


def xlsx() -> None:
    """An .xlsx export: real date-time cells, a title row above the header."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Incidents"
    ws.append(
        [
            "Incident No",
            "Date/Time Created",
            "Opening Code",
            "Grade",
            "Easting",
            "Northing",
            "Beat",
        ]
    )
    ws.append(
        ["0412", datetime(2023, 11, 3, 22, 14, 5), "ASB", 2, 407512, 286934, "BE1"]
    )
    ws.append(
        ["0413", datetime(2023, 11, 3, 23, 0, 0), "THEFT", 3, 406880, 287310, "BE2"]
    )
    ws.append(
        [
            "0414",
            datetime(2023, 7, 1, 12, 30, 0),
            "ASSAULT",
            1,
            407150.5,
            286600.5,
            "BE1",
        ]
    )
    wb.properties.creator = "fixture"
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    put("calls/incidents_export.xlsx", _stable_zip(buf.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so regenerating gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, src.read(info.filename))
    return out.getvalue()


def headerless() -> None:
    """No header row: the user names the columns with --columns."""
    rows = [
        '9001,2024-02-10 21:05:00,"Disorder, outside pub",2,-1.8990,52.4790',
        "9002,2024-02-10 22:40:00,Theft,3,-1.8950,52.4810",
        "9003,2024-02-11 01:15:00,Assault,1,-1.9010,52.4770",
    ]
    put("calls/headerless_comma.csv", text(rows))


# -- assets ------------------------------------------------------------------


def overpass() -> None:
    """osmtogeojson output of an Overpass query: nodes as Points, ways as Polygons."""

    def poly(lon: float, lat: float, d: float = 0.0008) -> dict:
        ring = [
            [lon, lat],
            [lon + d, lat],
            [lon + d, lat + d],
            [lon, lat + d],
            [lon, lat],
        ]
        return {"type": "Polygon", "coordinates": [ring]}

    feats = [
        {
            "type": "Feature",
            "id": "way/23456781",
            "properties": {
                "@id": "way/23456781",
                "amenity": "school",
                "name": "Broadway Academy",
                "opening_hours": "Mo-Fr 08:30-15:30; PH off",
                "addr:postcode": "B20 3DP",
                "isced:level": "2;3",
            },
            "geometry": poly(-1.9100, 52.5050),
        },
        {
            "type": "Feature",
            "id": "node/1234567",
            "properties": {
                "@id": "node/1234567",
                "amenity": "school",
                "name": "St Mary\u2019s C of E Primary",
                "opening_hours": "Mo-Fr 08:45-15:15",
            },
            "geometry": {"type": "Point", "coordinates": [-1.8850, 52.4700]},
        },
        {
            "type": "Feature",
            "id": "node/7654321",
            "properties": {"@id": "node/7654321", "amenity": "school"},
            "geometry": {"type": "Point", "coordinates": [-1.8700, 52.4600]},
        },
        {
            "type": "Feature",
            "id": "relation/998877",
            "properties": {
                "@id": "relation/998877",
                "amenity": "school",
                "type": "multipolygon",
                "name": "King Edward VI Camp Hill",
            },
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [poly(-1.8600, 52.4300)["coordinates"]],
            },
        },
    ]
    fc = {
        "type": "FeatureCollection",
        "generator": "overpass-turbo",
        "copyright": "The data included in this document is from www.openstreetmap.org. "
        "The data is made available under ODbL.",
        "timestamp": "2024-01-01T00:00:00Z",
        "features": feats,
    }
    put("assets/overpass_schools.geojson", json.dumps(fc, indent=1, ensure_ascii=False))


def gias() -> None:
    """Get Information about Schools extract (edubasealldata): cp1252, many columns."""
    head = (
        "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,"
        "TypeOfEstablishment (code),TypeOfEstablishment (name),"
        "EstablishmentTypeGroup (code),EstablishmentTypeGroup (name),"
        "EstablishmentStatus (code),EstablishmentStatus (name),OpenDate,CloseDate,"
        "PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge,Street,Locality,"
        "Address3,Town,County (name),Postcode,SchoolWebsite,TelephoneNum,"
        "HeadTitle (name),HeadFirstName,HeadLastName,Easting,Northing,"
        "ParliamentaryConstituency (name),UPRN"
    )
    rows = [
        head,
        "103241,330,Birmingham,2001,Nelson Primary School,1,Community school,4,"
        "Local authority maintained schools,1,Open,,,Primary,3,11,King Edwards Road,"
        ",,Birmingham,,B1 2PJ,www.nelson.bham.sch.uk,01214642781,Mrs,Ann,Smith,"
        '405921,287001,"Birmingham, Ladywood",100070470000',
        "103242,330,Birmingham,2002,St Th\u00e9r\u00e8se of Lisieux Catholic Primary,"
        "5,Voluntary aided school,4,Local authority maintained schools,1,Open,,,"
        "Primary,4,11,Beechmore Road,Sheldon,,Birmingham,,B26 3AA,,01217432154,"
        'Mr,Tom,Jones,413800,285300,"Birmingham, Yardley",',
        "140001,330,Birmingham,4001,Old Town Academy,28,Academy sponsor led,10,"
        "Academies,2,Closed,01-09-2013,31-08-2020,Secondary,11,16,,,,Birmingham,,,"
        ',,,,,,,"Birmingham, Ladywood",',
        "103250,330,Birmingham,2010,Lea Mason Church of England School,5,"
        "Voluntary aided school,4,Local authority maintained schools,2,Closed,,"
        "31-08-2019,Secondary,11,16,Bell Barn Road,,,Birmingham,,B15 2AF,,,,,,"
        '406500,285600,"Birmingham, Ladywood",',
    ]
    put(
        "assets/edubasealldata_extract.csv",
        ("\r\n".join(rows) + "\r\n").encode("cp1252"),
    )


def postcodes_only() -> None:
    rows = [
        "Name,Type,Postcode",
        "Handsworth Youth Centre,Youth club,B21 9RY",
        "Northfield Library,Library,B31 2LB",
    ]
    put("assets/postcodes_only.csv", text(rows))


def kml_gpkg_youth() -> None:
    kml = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>Youth clubs</name>
  <Folder>
    <name>Open access youth provision</name>
    <Placemark>
      <name>Aston Youth Club</name>
      <description>Tue &amp; Thu 18:00-21:00</description>
      <Point><coordinates>-1.8872,52.5021,0</coordinates></Point>
    </Placemark>
    <Placemark>
      <name>Kings Heath Youth Hub</name>
      <description>Mon-Fri 16:00-20:00</description>
      <Point><coordinates>-1.8930,52.4330,0</coordinates></Point>
    </Placemark>
    <Placemark>
      <name>Small Heath Boxing Club</name>
      <Point><coordinates>-1.8580,52.4710</coordinates></Point>
    </Placemark>
  </Folder>
</Document>
</kml>
"""
    put("assets/youth_clubs.kml", kml)
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.GeoDataFrame(
        {
            "club_name": [
                "Aston Youth Club",
                "Kings Heath Youth Hub",
                "Small Heath Boxing Club",
            ],
            "provider": ["Council", "Charity", "Charity"],
        },
        geometry=[
            Point(407100.0, 289400.0),
            Point(406720.0, 281700.0),
            Point(409800.0, 286050.0),
        ],
        crs="EPSG:27700",
    )
    path = HERE / "assets/youth_clubs.gpkg"
    if path.exists():
        path.unlink()
    gdf.to_file(path, layer="youth_clubs", driver="GPKG")


# -- boundaries --------------------------------------------------------------


def _sq(x: float, y: float, d: float) -> list[list[float]]:
    return [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]


def ons_lsoa() -> None:
    """ONS Open Geography portal LSOA 2021 GeoJSON (WGS84, ArcGIS-style fields)."""
    feats = []
    for i, (code, name) in enumerate(
        [
            ("E01033620", "Birmingham 138D"),
            ("E01033621", "Birmingham 138E"),
            ("W01001234", "Cardiff 032F"),
        ]
    ):
        lon, lat = (-1.90 + 0.01 * i, 52.47) if code[0] == "E" else (-3.18, 51.48)
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "FID": i + 1,
                    "LSOA21CD": code,
                    "LSOA21NM": name,
                    "LSOA21NMW": name if code[0] == "W" else " ",
                    "BNG_E": 406000 + i,
                    "BNG_N": 286000 + i,
                    "LAT": lat,
                    "LONG": lon,
                    "Shape__Area": 100000.0,
                    "Shape__Length": 1300.0,
                    "GlobalID": f"a1b2c3d4-0000-0000-0000-00000000000{i}",
                },
                "geometry": {"type": "Polygon", "coordinates": [_sq(lon, lat, 0.005)]},
            }
        )
    fc = {"type": "FeatureCollection", "name": "LSOA_2021_EW_BGC_V3", "features": feats}
    put("boundaries/LSOA_2021_EW_BGC.geojson", json.dumps(fc))


def lad_bng_nocrs() -> None:
    """LAD 2023 GeoJSON in BNG metres with no crs member (an ArcGIS export)."""
    feats = [
        {
            "type": "Feature",
            "properties": {
                "LAD23CD": "E08000025",
                "LAD23NM": "Birmingham",
                "LAD23NMW": "",
            },
            "geometry": {
                "type": "Polygon",
                "coordinates": [_sq(400000.0, 280000.0, 10000.0)],
            },
        },
        {
            "type": "Feature",
            "properties": {
                "LAD23CD": "E08000029",
                "LAD23NM": "Solihull",
                "LAD23NMW": "",
            },
            "geometry": {
                "type": "Polygon",
                "coordinates": [_sq(410000.0, 270000.0, 10000.0)],
            },
        },
    ]
    fc = {"type": "FeatureCollection", "features": feats}
    put("boundaries/LAD_2023_bng_nocrs.geojson", json.dumps(fc))


def wards_zip() -> None:
    """ONS wards shapefile (BNG), zipped inside a folder, as downloaded."""
    import tempfile

    import geopandas as gpd
    from shapely.geometry import Polygon

    gdf = gpd.GeoDataFrame(
        {
            "WD23CD": ["E05011118", "E05011119", "E05011120"],
            "WD23NM": ["Acocks Green", "Allens Cross", "Alum Rock"],
            "WD23NMW": [" ", " ", " "],
            "LAD23CD": ["E08000025"] * 3,
            "LAD23NM": ["Birmingham"] * 3,
        },
        geometry=[
            Polygon(_sq(410000.0 + 2000 * i, 283000.0, 1500.0)) for i in range(3)
        ],
        crs="EPSG:27700",
    )
    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / "WD_DEC_2023_UK_BGC.shp"
        gdf.to_file(shp, driver="ESRI Shapefile")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for part in sorted(Path(tmp).iterdir()):
                zi = zipfile.ZipInfo(
                    f"Wards_December_2023/{part.name}", (2024, 1, 1, 0, 0, 0)
                )
                zf.writestr(zi, part.read_bytes())
    put("boundaries/Wards_December_2023_Boundaries_UK_BGC.zip", buf.getvalue())


def neighbourhood_kml() -> None:
    """data.police.uk neighbourhood boundary: one KML per neighbourhood, no name."""
    for code, x0 in (("BE1", -1.905), ("BE2", -1.895)):
        ring = " ".join(f"{x},{y}" for x, y in _sq(x0, 52.475, 0.01))
        put(f"boundaries/west-midlands/{code}.kml", _neighbourhood(ring))


def _neighbourhood(ring: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
<Placemark>
<Polygon><outerBoundaryIs><LinearRing><coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs></Polygon>
</Placemark>
</Document>
</kml>
"""


def holes_invalid() -> None:
    """Beats with a hole (a park cut out) and a self-intersecting bow-tie."""
    outer = _sq(-1.92, 52.46, 0.02)
    hole = _sq(-1.915, 52.465, 0.005)[::-1]
    bowtie = [
        [-1.88, 52.46],
        [-1.86, 52.48],
        [-1.86, 52.46],
        [-1.88, 52.48],
        [-1.88, 52.46],
    ]
    feats = [
        {
            "type": "Feature",
            "properties": {"beat": "BE1", "beat_name": "City Centre North"},
            "geometry": {"type": "Polygon", "coordinates": [outer, hole]},
        },
        {
            "type": "Feature",
            "properties": {"beat": "BE2", "beat_name": "Digbeth"},
            "geometry": {"type": "Polygon", "coordinates": [bowtie]},
        },
    ]
    put(
        "boundaries/beats_holes_bowtie.geojson",
        json.dumps({"type": "FeatureCollection", "features": feats}),
    )


def police_xlsx() -> None:
    """A street file opened in Excel and saved as .xlsx: Month became a date cell."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "2023-07-avon-and-somerset-stre"
    ws.append(STREET.split(","))
    f = "Avon and Somerset Constabulary"
    for i, ct in enumerate(["Burglary", "Anti-social behaviour", "Robbery"]):
        ident = "" if ct == "Anti-social behaviour" else cid("asc", i)
        ws.append(
            [
                ident or None,
                datetime(2023, 7, 1),
                f,
                f,
                -2.5970 + 0.01 * i,
                51.4545 + 0.01 * i,
                "On or near Broadmead",
                f"E0101{i}000",
                f"Bristol 0{i}2A",
                ct,
                None if ident == "" else "Under investigation",
                None,
            ]
        )
    buf = io.BytesIO()
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    wb.save(buf)
    put("police_uk/2023-07-avon-and-somerset-street.xlsx", _stable_zip(buf.getvalue()))


def stop_search_alone() -> None:
    put(
        "police_uk/2023-08-lancashire-stop-and-search.csv",
        text(
            [
                STOP_SEARCH,
                "Person search,2023-08-03T21:40:00+00:00,False,,53.7601,-2.7011,Male,"
                "18-24,Other ethnic group - Not stated,White,Misuse of Drugs Act 1971 "
                "(section 23),Controlled drugs,A no further action disposal,False,False",
            ]
        ),
    )


def utf16_tab() -> None:
    """Excel "Unicode Text" export: UTF-16 LE with BOM, tab-separated."""
    rows = [
        "Incident No\tDate/Time Created\tOpening Code\tGrade\tEasting\tNorthing",
        "0412\t03/11/2023 22:14\tASB \u2013 NUISANCE\tGrade 2\t407512\t286934",
        "0413\t13/11/2023 09:01\tTHEFT\tGrade 3\t406880\t287310",
    ]
    put(
        "calls/unicode_text_export.txt",
        b"\xff\xfe"
        + "\r\n".join(rows).encode("utf-16-le")
        + "\r\n".encode("utf-16-le"),
    )


def title_rows() -> None:
    """A report-style export with title lines above the header."""
    rows = [
        "Incident Summary Report",
        "Run on 04/11/2023 09:00 by USER123",
        "",
        "Incident No,Date/Time Created,Opening Code,Grade,Easting,Northing",
        "0412,03/11/2023 22:14,ASB,Grade 2,407512,286934",
        "0413,03/11/2023 23:01,THEFT,Grade 3,406880,287310",
    ]
    put("calls/report_with_title_rows.csv", text(rows))


def bng_crs_member() -> None:
    """Old-style GeoJSON with a crs member naming EPSG:27700 (ONS downloads pre-2019)."""
    fc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"MSOA21CD": "E02001850", "MSOA21NM": "Birmingham 050"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [_sq(406000.0, 286000.0, 2000.0)],
                },
            }
        ],
    }
    put("boundaries/MSOA_2021_bng_crs_member.geojson", json.dumps(fc))


def shp_no_prj() -> None:
    """A shapefile whose .prj went missing (BNG coordinates), zipped."""
    import tempfile

    import geopandas as gpd
    from shapely.geometry import Polygon

    gdf = gpd.GeoDataFrame(
        {"SECTOR": ["North", "South"], "SECT_CODE": ["N1", "S1"]},
        geometry=[
            Polygon(_sq(400000.0, 290000.0, 5000.0)),
            Polygon(_sq(400000.0, 280000.0, 5000.0)),
        ],
        crs=None,
    )
    with tempfile.TemporaryDirectory() as tmp:
        shp = Path(tmp) / "sectors.shp"
        gdf.to_file(shp, driver="ESRI Shapefile")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for part in sorted(Path(tmp).iterdir()):
                if part.suffix == ".prj":
                    continue
                zi = zipfile.ZipInfo(part.name, (2024, 1, 1, 0, 0, 0))
                zf.writestr(zi, part.read_bytes())
    put("boundaries/sectors_no_prj.zip", buf.getvalue())


def vector_calls() -> None:
    """Incidents as point features: GeoJSON (WGS84) and a GeoPackage in BNG; and
    an ArcGIS asset layer whose editor-tracking dates must not make it calls."""
    import geopandas as gpd
    from shapely.geometry import Point

    feats = [
        {
            "type": "Feature",
            "properties": {
                "Incident No": "0412",
                "Date/Time Created": "03/11/2023 22:14:05",
                "Opening Code": "ASB",
                "Grade": "Grade 2",
            },
            "geometry": {"type": "Point", "coordinates": [-1.9026, 52.4779]},
        },
        {
            "type": "Feature",
            "properties": {
                "Incident No": "0413",
                "Date/Time Created": "13/11/2023 23:14:05",
                "Opening Code": "THEFT",
                "Grade": "Grade 3",
            },
            "geometry": {"type": "Point", "coordinates": [-1.8926, 52.4679]},
        },
        {
            "type": "Feature",
            "properties": {
                "Incident No": "0414",
                "Date/Time Created": "14/11/2023 01:00:00",
                "Opening Code": "ASSAULT",
                "Grade": "Grade 1",
            },
            "geometry": None,
        },
    ]
    put(
        "calls/incidents_points.geojson",
        json.dumps({"type": "FeatureCollection", "features": feats}),
    )
    gdf = gpd.GeoDataFrame(
        {
            "log_no": ["A1", "A2"],
            "call_received": ["2024-03-30 23:50:00", "2024-03-31 02:10:00"],
            "incident_type": ["Disorder", "Domestic"],
            "priority": ["P2", "P1"],
        },
        geometry=[Point(407512.0, 286934.0), Point(406880.0, 287310.0)],
        crs="EPSG:27700",
    )
    path = HERE / "calls/incidents_bng.gpkg"
    if path.exists():
        path.unlink()
    gdf.to_file(path, layer="incidents", driver="GPKG")
    sites = gpd.GeoDataFrame(
        {
            "SiteName": ["Ladywood Community Centre", "Nechells Hub"],
            "SiteType": ["Community centre", "Youth centre"],
            "created_user": ["gis_admin", "gis_admin"],
            "created_date": ["2022-05-01 10:15:00", "2022-05-02 11:20:00"],
            "last_edited_user": ["gis_admin", "gis_admin"],
            "last_edited_date": ["2023-01-09 09:00:00", "2023-01-09 09:05:00"],
        },
        geometry=[Point(405600.0, 287200.0), Point(409100.0, 288900.0)],
        crs="EPSG:27700",
    )
    path = HERE / "assets/community_sites_arcgis.gpkg"
    if path.exists():
        path.unlink()
    sites.to_file(path, layer="sites", driver="GPKG")


def grid_refs() -> None:
    """An older C&C export locating incidents by OS grid reference (letters)."""
    rows = [
        "Incident No,Date/Time Created,Opening Code,Grade,Grid Ref",
        "0412,03/11/2023 22:14:05,ASB,Grade 2,SP 07512 86934",
        "0413,03/11/2023 23:14:05,THEFT,Grade 3,TG5140913177",
        "0414,04/11/2023 00:30:00,CONCERN FOR SAFETY,Grade 1,NN 166 712",
        "0415,04/11/2023 01:10:00,DISORDER,Grade 2,HP 62 16",
        "0416,04/11/2023 02:00:00,ALARM,Grade 3,SX 123",
        "0417,04/11/2023 03:00:00,ALARM,Grade 3,",
    ]
    put("calls/storm_grid_refs.csv", text(rows))


def overpass_raw() -> None:
    """Overpass API JSON (overpass-turbo "raw data" of ``out center``), not GeoJSON."""
    doc = {
        "version": 0.6,
        "generator": "Overpass API 0.7.62.1 084b4234",
        "osm3s": {
            "timestamp_osm_base": "2024-01-01T00:00:00Z",
            "copyright": "The data included in this document is from "
            "www.openstreetmap.org. The data is made available under ODbL.",
        },
        "elements": [
            {
                "type": "node",
                "id": 1234567,
                "lat": 52.4700,
                "lon": -1.8850,
                "tags": {
                    "amenity": "community_centre",
                    "name": "Balsall Heath Hub",
                    "opening_hours": "Mo-Fr 09:00-21:00",
                },
            },
            {
                "type": "way",
                "id": 23456781,
                "center": {"lat": 52.5054, "lon": -1.9096},
                "nodes": [1, 2, 3, 4, 1],
                "tags": {
                    "leisure": "sports_centre",
                    "amenity": "community_centre",
                    "name": "Perry Barr Centre",
                },
            },
            {
                "type": "relation",
                "id": 998877,
                "bounds": {
                    "minlat": 52.4300,
                    "minlon": -1.8600,
                    "maxlat": 52.4310,
                    "maxlon": -1.8580,
                },
                "tags": {
                    "amenity": "community_centre",
                    "name": "Hall Green Hall",
                    "type": "multipolygon",
                },
            },
            {"type": "node", "id": 1, "lat": 52.5, "lon": -1.9},
            {
                "type": "way",
                "id": 99,
                "nodes": [1, 2],
                "tags": {"amenity": "community_centre", "name": "No Centre Hall"},
            },
        ],
    }
    put("assets/overpass_raw.json", json.dumps(doc, indent=1))


def socrata_facilities() -> None:
    """A US open-data (Socrata) facilities list: one "(lat, lon)" Location column."""
    rows = [
        "Facility Name,Facility Type,Address,Location",
        'Central Library,Library,1 Main St,"(33.7560, -84.3885)"',
        'East Rec Center,Recreation center,2 Oak St,"(33.7580, -84.3940)"',
        "Mobile Unit,Library,,",
    ]
    put("assets/socrata_facilities.csv", text(rows))


def kmz_and_mixed_zip() -> None:
    """A Google Earth .kmz of the youth clubs; a zip holding two different layers."""
    kml = (HERE / "assets/youth_clubs.kml").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("doc.kml", (2024, 1, 1, 0, 0, 0)), kml)
    put("assets/youth_clubs.kmz", buf.getvalue())
    wards = zipfile.ZipFile(
        HERE / "boundaries/Wards_December_2023_Boundaries_UK_BGC.zip"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in wards.infolist():
            zf.writestr(info, wards.read(info.filename))
        zf.writestr(
            zipfile.ZipInfo("LAD_2023.geojson", (2024, 1, 1, 0, 0, 0)),
            (HERE / "boundaries/LAD_2023_bng_nocrs.geojson").read_bytes(),
        )
    put("boundaries/wards_and_districts.zip", buf.getvalue())


def join_tables() -> None:
    """ONS bulk Census TS001 CSV and an IMD 2019 File 1-style workbook."""
    rows = [
        'date,geography,geography code,"Residence type: Total; measures: Value",'
        '"Residence type: Lives in a household; measures: Value",'
        '"Residence type: Lives in a communal establishment; measures: Value"',
        "2021,Birmingham 138D,E01033620,1712,1690,22",
        "2021,Birmingham 138E,E01033621,2044,2044,0",
        "2021,Cardiff 032F,W01001234,1530,1400,130",
    ]
    put("joins/census2021-ts001-lsoa.csv", text(rows))
    from openpyxl import Workbook

    wb = Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["English Indices of Deprivation 2019"])
    notes.append(["File 1: index of multiple deprivation"])
    ws = wb.create_sheet("IMD2019")
    ws.append(
        [
            "LSOA code (2011)",
            "LSOA name (2011)",
            "Local Authority District code (2019)",
            "Local Authority District name (2019)",
            "Index of Multiple Deprivation (IMD) Rank",
            "Index of Multiple Deprivation (IMD) Decile",
        ]
    )
    ws.append(["E01033620", "Birmingham 138D", "E08000025", "Birmingham", 1203, 1])
    ws.append(["E01033621", "Birmingham 138E", "E08000025", "Birmingham", 15234, 5])
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    put(
        "joins/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx",
        _stable_zip(buf.getvalue()),
    )


def title_rows_xlsx() -> None:
    """The report-style export as a workbook: title and run-date rows first."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Incident Summary Report"])
    ws.append(["Run on", datetime(2023, 11, 4, 9, 0)])
    ws.append([])
    ws.append(
        [
            "Incident No",
            "Date/Time Created",
            "Opening Code",
            "Grade",
            "Easting",
            "Northing",
        ]
    )
    ws.append(["0412", datetime(2023, 11, 3, 22, 14), "ASB", "Grade 2", 407512, 286934])
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    put("calls/report_with_title_rows.xlsx", _stable_zip(buf.getvalue()))


def wkt_csv() -> None:
    """QGIS "Export > Save Features As" CSV with GEOMETRY=AS_WKT (``wkt_geom``),
    semicolon-separated; one row's geometry was mangled by a text editor."""

    def poly(x: float) -> str:
        return (
            "POLYGON (("
            + ",".join(f"{a:.0f} {b:.0f}" for a, b in _sq(x, 283000.0, 1500.0))
            + "))"
        )

    rows = [
        "wkt_geom;ward_code;ward_name",
        f"{poly(410000.0)};E05011118;Acocks Green",
        f"{poly(412000.0)};E05011119;Allens Cross",
        "POLYGON ((414000 283000,415500;E05011120;Alum Rock",
    ]
    put("boundaries/wards_qgis_wkt.csv", text(rows))


def calls_folder() -> None:
    """A folder of monthly SmartSTORM exports with a README and a .DS_Store."""
    src = (HERE / "calls/smartstorm_incidents.csv").read_bytes()
    put("calls/monthly_exports/2023-11-incidents.csv", src)
    put(
        "calls/monthly_exports/2023-12-incidents.csv",
        src.replace(b"/11/2023", b"/12/2023")
        .replace(b"20231103", b"20231203")
        .replace(b"20231104", b"20231204"),
    )
    put("calls/monthly_exports/README.txt", "Exported from SmartSTORM by the analyst\n")
    put("calls/monthly_exports/.DS_Store", b"\x00\x00\x00\x01Bud1\x00")


def summary_first_workbook() -> None:
    """A calls workbook whose first sheet is a summary, the records on the second."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Calls by grade"])
    ws.append(["Grade 1", 1])
    ws.append(["Grade 2", 1])
    data = wb.create_sheet("Incidents")
    data.append(
        [
            "Incident No",
            "Date/Time Created",
            "Opening Code",
            "Grade",
            "Easting",
            "Northing",
        ]
    )
    data.append(
        ["0412", datetime(2023, 11, 3, 22, 14), "ASB", "Grade 2", 407512, 286934]
    )
    data.append(
        ["0413", datetime(2023, 11, 3, 23, 1), "THEFT", "Grade 1", 406880, 287310]
    )
    wb.properties.created = datetime(2024, 1, 1)
    wb.properties.modified = datetime(2024, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    put("calls/summary_then_incidents.xlsx", _stable_zip(buf.getvalue()))


def empty_ones() -> None:
    """A calls export with a header and no records; an empty FeatureCollection."""
    put(
        "calls/no_calls_header_only.csv",
        text(["Incident No,Date/Time Created,Opening Code,Grade,Easting,Northing"]),
    )
    put(
        "boundaries/empty_layer.geojson",
        '{"type": "FeatureCollection", "features": []}\n',
    )


def main() -> None:
    for fn in (
        btp,
        psni,
        old_2011,
        download_zip,
        stray_folder,
        excel_resaved,
        header_only,
        storm,
        command_control,
        new_orleans,
        us_latlon_text,
        semicolon,
        xlsx,
        headerless,
        overpass,
        gias,
        postcodes_only,
        kml_gpkg_youth,
        ons_lsoa,
        lad_bng_nocrs,
        wards_zip,
        neighbourhood_kml,
        holes_invalid,
        police_xlsx,
        stop_search_alone,
        utf16_tab,
        title_rows,
        bng_crs_member,
        shp_no_prj,
        vector_calls,
        grid_refs,
        overpass_raw,
        socrata_facilities,
        kmz_and_mixed_zip,
        join_tables,
        title_rows_xlsx,
        wkt_csv,
        calls_folder,
        summary_first_workbook,
        empty_ones,
    ):
        fn()


if __name__ == "__main__":
    main()
