"""The 22 local authorities, the health boards and the seven regional Social Value Forums.

Footprints are dated: Bridgend moved from the Western Bay region to Cwm Taf Morgannwg on
1 April 2019, when Abertawe Bro Morgannwg UHB became Swansea Bay UHB and Cwm Taf UHB became
Cwm Taf Morgannwg UHB. Regional Partnership Boards date from April 2016.
"""

import datetime

from django.db import migrations

START = datetime.date(2016, 4, 1)
BOUNDARY_CHANGE = datetime.date(2019, 4, 1)
BEFORE_CHANGE = datetime.date(2019, 3, 31)

LOCAL_AUTHORITIES = [
    ("W06000001", "Isle of Anglesey", "Ynys Môn"),
    ("W06000002", "Gwynedd", "Gwynedd"),
    ("W06000003", "Conwy", "Conwy"),
    ("W06000004", "Denbighshire", "Sir Ddinbych"),
    ("W06000005", "Flintshire", "Sir y Fflint"),
    ("W06000006", "Wrexham", "Wrecsam"),
    ("W06000008", "Ceredigion", "Ceredigion"),
    ("W06000009", "Pembrokeshire", "Sir Benfro"),
    ("W06000010", "Carmarthenshire", "Sir Gaerfyrddin"),
    ("W06000011", "Swansea", "Abertawe"),
    ("W06000012", "Neath Port Talbot", "Castell-nedd Port Talbot"),
    ("W06000013", "Bridgend", "Pen-y-bont ar Ogwr"),
    ("W06000014", "Vale of Glamorgan", "Bro Morgannwg"),
    ("W06000015", "Cardiff", "Caerdydd"),
    ("W06000016", "Rhondda Cynon Taf", "Rhondda Cynon Taf"),
    ("W06000018", "Caerphilly", "Caerffili"),
    ("W06000019", "Blaenau Gwent", "Blaenau Gwent"),
    ("W06000020", "Torfaen", "Torfaen"),
    ("W06000021", "Monmouthshire", "Sir Fynwy"),
    ("W06000022", "Newport", "Casnewydd"),
    ("W06000023", "Powys", "Powys"),
    ("W06000024", "Merthyr Tydfil", "Merthyr Tudful"),
]

HEALTH_BOARDS = [
    ("aneurin-bevan", "Aneurin Bevan University Health Board",
     "Bwrdd Iechyd Prifysgol Aneurin Bevan"),
    ("hywel-dda", "Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"),
    ("abertawe-bro-morgannwg", "Abertawe Bro Morgannwg University Health Board",
     "Bwrdd Iechyd Prifysgol Abertawe Bro Morgannwg"),
    ("swansea-bay", "Swansea Bay University Health Board",
     "Bwrdd Iechyd Prifysgol Bae Abertawe"),
    ("cardiff-and-vale", "Cardiff and Vale University Health Board",
     "Bwrdd Iechyd Prifysgol Caerdydd a’r Fro"),
    ("betsi-cadwaladr", "Betsi Cadwaladr University Health Board",
     "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"),
    ("powys", "Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"),
    ("cwm-taf", "Cwm Taf University Health Board", "Bwrdd Iechyd Prifysgol Cwm Taf"),
    ("cwm-taf-morgannwg", "Cwm Taf Morgannwg University Health Board",
     "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg"),
]

# slug, forum name (en, cy), region (en, cy), alternative name,
# [(local authority code, from, until)], [(health board slug, from, until)]
FORUMS = [
    ("gwent", "Gwent Social Value Forum", "Fforwm Gwerth Cymdeithasol Gwent",
     "Gwent", "Gwent", "",
     [(c, START, None) for c in ("W06000019", "W06000018", "W06000021", "W06000022",
                                 "W06000020")],
     [("aneurin-bevan", START, None)]),
    ("west-wales", "West Wales Social Value Forum", "Fforwm Gwerth Cymdeithasol Gorllewin Cymru",
     "West Wales", "Gorllewin Cymru", "",
     [(c, START, None) for c in ("W06000010", "W06000008", "W06000009")],
     [("hywel-dda", START, None)]),
    ("west-glamorgan", "West Glamorgan Social Value Forum",
     "Fforwm Gwerth Cymdeithasol Gorllewin Morgannwg",
     "West Glamorgan", "Gorllewin Morgannwg", "Western Bay Social Value Forum",
     [("W06000011", START, None), ("W06000012", START, None),
      ("W06000013", START, BEFORE_CHANGE)],
     [("abertawe-bro-morgannwg", START, BEFORE_CHANGE), ("swansea-bay", BOUNDARY_CHANGE, None)]),
    ("cardiff-and-vale", "Cardiff and the Vale of Glamorgan Social Value Forum",
     "Fforwm Gwerth Cymdeithasol Caerdydd a Bro Morgannwg",
     "Cardiff and the Vale of Glamorgan", "Caerdydd a Bro Morgannwg", "",
     [(c, START, None) for c in ("W06000015", "W06000014")],
     [("cardiff-and-vale", START, None)]),
    ("north-wales", "North Wales Social Value Forum", "Fforwm Gwerth Cymdeithasol Gogledd Cymru",
     "North Wales", "Gogledd Cymru", "",
     [(c, START, None) for c in ("W06000001", "W06000002", "W06000003", "W06000004",
                                 "W06000005", "W06000006")],
     [("betsi-cadwaladr", START, None)]),
    ("powys", "Powys Social Value Forum", "Fforwm Gwerth Cymdeithasol Powys",
     "Powys", "Powys", "",
     [("W06000023", START, None)],
     [("powys", START, None)]),
    ("cwm-taf-morgannwg", "Cwm Taf Morgannwg Social Value Forum",
     "Fforwm Gwerth Cymdeithasol Cwm Taf Morgannwg",
     "Cwm Taf Morgannwg", "Cwm Taf Morgannwg", "",
     [("W06000024", START, None), ("W06000016", START, None),
      ("W06000013", BOUNDARY_CHANGE, None)],
     [("cwm-taf", START, BEFORE_CHANGE), ("cwm-taf-morgannwg", BOUNDARY_CHANGE, None)]),
]


def add_reference_data(apps, schema_editor):
    LocalAuthority = apps.get_model("forums", "LocalAuthority")
    HealthBoard = apps.get_model("forums", "HealthBoard")
    Forum = apps.get_model("forums", "Forum")
    ForumArea = apps.get_model("forums", "ForumArea")
    ForumHealthBoard = apps.get_model("forums", "ForumHealthBoard")

    authorities = {
        code: LocalAuthority.objects.update_or_create(
            code=code, defaults={"name_en": en, "name_cy": cy}
        )[0]
        for code, en, cy in LOCAL_AUTHORITIES
    }
    boards = {
        slug: HealthBoard.objects.update_or_create(
            slug=slug, defaults={"name_en": en, "name_cy": cy}
        )[0]
        for slug, en, cy in HEALTH_BOARDS
    }
    for slug, name_en, name_cy, region_en, region_cy, alt, areas, health_boards in FORUMS:
        forum, _ = Forum.objects.update_or_create(
            slug=slug,
            defaults={"name_en": name_en, "name_cy": name_cy, "region_en": region_en,
                      "region_cy": region_cy, "alternative_name": alt},
        )
        for code, start, end in areas:
            ForumArea.objects.get_or_create(forum=forum, local_authority=authorities[code],
                                            starts_on=start, defaults={"ends_on": end})
        for board, start, end in health_boards:
            ForumHealthBoard.objects.get_or_create(forum=forum, health_board=boards[board],
                                                   starts_on=start, defaults={"ends_on": end})


def remove_reference_data(apps, schema_editor):
    apps.get_model("forums", "Forum").objects.filter(slug__in=[f[0] for f in FORUMS]).delete()
    apps.get_model("forums", "HealthBoard").objects.filter(
        slug__in=[b[0] for b in HEALTH_BOARDS]
    ).delete()
    apps.get_model("forums", "LocalAuthority").objects.filter(
        code__in=[a[0] for a in LOCAL_AUTHORITIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(add_reference_data, remove_reference_data)]
