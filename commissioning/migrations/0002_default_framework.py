"""The default measurement framework: the seven well-being goals as themes, with a modest set
of outcomes and measures written for this service. Only measures counted in pounds carry a
financial proxy (£1 a pound); the others are recorded only. A body licensed to use another
framework imports it from CSV or XLSX."""

import datetime

from django.db import migrations

# (code, English, Welsh, [(code, English, Welsh, [(code, English, Welsh, help EN, help CY,
#  unit EN, unit CY, proxy)])])
THEMES = [
    (
        "G1",
        "A prosperous Wales",
        "Cymru lewyrchus",
        [
            (
                "G1.1",
                "More local people in good work",
                "Mwy o bobl leol mewn gwaith da",
                [
                    (
                        "G1.1.1",
                        "Local people employed on the contract",
                        "Pobl leol a gyflogir ar y contract",
                        "People living in the region employed to deliver the contract, "
                        "counted once each.",
                        "Pobl sy’n byw yn y rhanbarth a gyflogir i gyflawni’r contract, "
                        "wedi’u cyfrif unwaith yr un.",
                        "people",
                        "pobl",
                        None,
                    ),
                    (
                        "G1.1.2",
                        "Apprenticeships started",
                        "Prentisiaethau a ddechreuwyd",
                        "Apprenticeships started on the contract during the period.",
                        "Prentisiaethau a ddechreuwyd ar y contract yn ystod y cyfnod.",
                        "apprenticeships",
                        "prentisiaethau",
                        None,
                    ),
                    (
                        "G1.1.3",
                        "Weeks of training provided",
                        "Wythnosau o hyfforddiant a ddarparwyd",
                        "Training weeks given to staff or local people (one week is "
                        "five days).",
                        "Wythnosau hyfforddi a roddwyd i staff neu bobl leol (wythnos yw "
                        "pum diwrnod).",
                        "weeks",
                        "wythnosau",
                        None,
                    ),
                ],
            ),
            (
                "G1.2",
                "More money spent in the local economy",
                "Mwy o arian yn cael ei wario yn yr economi leol",
                [
                    (
                        "G1.2.1",
                        "Spend with local small and medium-sized enterprises",
                        "Gwariant gyda mentrau bach a chanolig lleol",
                        "Contract spend with SMEs based in the region.",
                        "Gwariant y contract gyda BBaChau yn y rhanbarth.",
                        "£",
                        "£",
                        "1.00",
                    ),
                    (
                        "G1.2.2",
                        "Spend with social enterprises and co-operatives",
                        "Gwariant gyda mentrau cymdeithasol a chwmnïau cydweithredol",
                        "Contract spend with social value organisations (section 16 models).",
                        "Gwariant y contract gyda sefydliadau gwerth cymdeithasol (modelau "
                        "adran 16).",
                        "£",
                        "£",
                        "1.00",
                    ),
                ],
            ),
        ],
    ),
    (
        "G2",
        "A resilient Wales",
        "Cymru gydnerth",
        [
            (
                "G2.1",
                "Lower carbon emissions and less waste",
                "Llai o allyriadau carbon a llai o wastraff",
                [
                    (
                        "G2.1.1",
                        "Carbon emissions saved",
                        "Allyriadau carbon a arbedwyd",
                        "Tonnes of carbon dioxide equivalent saved against the baseline "
                        "agreed in the contract.",
                        "Tunelli o garbon deuocsid cyfatebol a arbedwyd o’i gymharu â’r "
                        "llinell sylfaen a gytunwyd yn y contract.",
                        "tonnes CO2e",
                        "tunelli CO2e",
                        None,
                    ),
                    (
                        "G2.1.2",
                        "Waste diverted from landfill",
                        "Gwastraff a ddargyfeiriwyd o safleoedd tirlenwi",
                        "",
                        "",
                        "tonnes",
                        "tunelli",
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        "G3",
        "A healthier Wales",
        "Cymru iachach",
        [
            (
                "G3.1",
                "People supported to stay well",
                "Pobl yn cael eu cefnogi i aros yn iach",
                [
                    (
                        "G3.1.1",
                        "Hours of well-being activity offered to the community",
                        "Oriau o weithgarwch llesiant a gynigiwyd i’r gymuned",
                        "",
                        "",
                        "hours",
                        "oriau",
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        "G4",
        "A more equal Wales",
        "Cymru sy’n fwy cyfartal",
        [
            (
                "G4.1",
                "Work for people furthest from the labour market",
                "Gwaith i bobl sydd bellaf o’r farchnad lafur",
                [
                    (
                        "G4.1.1",
                        "People facing barriers to work employed",
                        "Pobl sy’n wynebu rhwystrau i waith a gyflogwyd",
                        "For example care leavers, disabled people, people who have been "
                        "long-term unemployed.",
                        "Er enghraifft pobl sy’n gadael gofal, pobl anabl, pobl sydd wedi bod "
                        "yn ddi-waith am gyfnod hir.",
                        "people",
                        "pobl",
                        None,
                    ),
                    (
                        "G4.1.2",
                        "Work placements offered",
                        "Lleoliadau gwaith a gynigiwyd",
                        "",
                        "",
                        "placements",
                        "lleoliadau",
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        "G5",
        "A Wales of cohesive communities",
        "Cymru o gymunedau cydlynus",
        [
            (
                "G5.1",
                "Stronger community groups",
                "Grwpiau cymunedol cryfach",
                [
                    (
                        "G5.1.1",
                        "Volunteering hours given by staff",
                        "Oriau gwirfoddoli a roddwyd gan staff",
                        "",
                        "",
                        "hours",
                        "oriau",
                        None,
                    ),
                    (
                        "G5.1.2",
                        "Donations to local community groups",
                        "Rhoddion i grwpiau cymunedol lleol",
                        "Money, or goods at their value, given to groups in the region.",
                        "Arian, neu nwyddau ar eu gwerth, a roddwyd i grwpiau yn y rhanbarth.",
                        "£",
                        "£",
                        "1.00",
                    ),
                ],
            ),
        ],
    ),
    (
        "G6",
        "A Wales of vibrant culture and thriving Welsh language",
        "Cymru â diwylliant bywiog lle mae’r Gymraeg yn ffynnu",
        [
            (
                "G6.1",
                "Services offered in Welsh",
                "Gwasanaethau a gynigir yn Gymraeg",
                [
                    (
                        "G6.1.1",
                        "Staff able to provide the service in Welsh",
                        "Staff sy’n gallu darparu’r gwasanaeth yn Gymraeg",
                        "",
                        "",
                        "staff",
                        "staff",
                        None,
                    ),
                    (
                        "G6.1.2",
                        "People who received the service in Welsh",
                        "Pobl a gafodd y gwasanaeth yn Gymraeg",
                        "The active offer: people offered the service in Welsh without "
                        "having to ask, who took it up.",
                        "Y cynnig rhagweithiol: pobl a gafodd gynnig y gwasanaeth yn Gymraeg "
                        "heb orfod gofyn, ac a’i derbyniodd.",
                        "people",
                        "pobl",
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        "G7",
        "A globally responsible Wales",
        "Cymru sy’n gyfrifol ar lefel fyd-eang",
        [
            (
                "G7.1",
                "Fair work and ethical supply chains",
                "Gwaith teg a chadwyni cyflenwi moesegol",
                [
                    (
                        "G7.1.1",
                        "Staff paid at least the real Living Wage",
                        "Staff a delir o leiaf y Cyflog Byw gwirioneddol",
                        "",
                        "",
                        "staff",
                        "staff",
                        None,
                    ),
                    (
                        "G7.1.2",
                        "Suppliers signed up to the Code of Practice on Ethical Employment",
                        "Cyflenwyr sydd wedi ymrwymo i’r Cod Ymarfer Cyflogaeth Foesegol",
                        "",
                        "",
                        "suppliers",
                        "cyflenwyr",
                        None,
                    ),
                ],
            ),
        ],
    ),
]

NAME_EN = "Well-being goals framework"
NAME_CY = "Fframwaith nodau llesiant"
VERSION = "1.0"


def add_framework(apps, schema_editor):
    Framework = apps.get_model("commissioning", "Framework")
    Theme = apps.get_model("commissioning", "Theme")
    Outcome = apps.get_model("commissioning", "Outcome")
    Measure = apps.get_model("commissioning", "Measure")
    if Framework.objects.filter(name_en=NAME_EN, version=VERSION).exists():
        return
    framework = Framework.objects.create(
        name_en=NAME_EN,
        name_cy=NAME_CY,
        version=VERSION,
        published_on=datetime.date(2026, 11, 1),
        source=(
            "Written for this service on the seven well-being goals of the Well-being of "
            "Future Generations (Wales) Act 2015. Free to use. Only measures counted in pounds "
            "carry a financial proxy."
        ),
    )
    for t_pos, (t_code, t_en, t_cy, outcomes) in enumerate(THEMES):
        theme = Theme.objects.create(
            framework=framework, code=t_code, name_en=t_en, name_cy=t_cy, position=t_pos
        )
        for o_pos, (o_code, o_en, o_cy, measures) in enumerate(outcomes):
            outcome = Outcome.objects.create(
                theme=theme, code=o_code, name_en=o_en, name_cy=o_cy, position=o_pos
            )
            for m_pos, (code, en, cy, help_en, help_cy, unit_en, unit_cy, proxy) in enumerate(
                measures
            ):
                Measure.objects.create(
                    outcome=outcome,
                    code=code,
                    name_en=en,
                    name_cy=cy,
                    help_en=help_en,
                    help_cy=help_cy,
                    unit_en=unit_en,
                    unit_cy=unit_cy,
                    proxy_value=proxy,
                    proxy_source="£1 a pound spent" if proxy else "",
                    proxy_year=2026 if proxy else None,
                    position=m_pos,
                )


def remove_framework(apps, schema_editor):
    Framework = apps.get_model("commissioning", "Framework")
    Framework.objects.filter(name_en=NAME_EN, version=VERSION, contracts__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("commissioning", "0001_initial")]

    operations = [migrations.RunPython(add_framework, remove_framework)]
