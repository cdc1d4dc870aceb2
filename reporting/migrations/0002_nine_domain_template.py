"""The reporting framework of the regional Social Value Forums: nine domains."""

from django.db import migrations

TEMPLATE_NAME = "Social Value Forum report: nine domains"

DOMAINS = [
    (1, "narrative", "Establishing the forum", "Sefydlu’r fforwm",
     "How and when the forum was set up and who was involved; its name, terms of reference, "
     "secretariat, membership and governance.",
     "Sut a phryd y sefydlwyd y fforwm a phwy oedd yn rhan o hynny; ei enw, ei gylch gorchwyl, "
     "ei ysgrifenyddiaeth, ei aelodaeth a’i lywodraethu."),
    (2, "narrative", "Stakeholder engagement", "Ymgysylltu â rhanddeiliaid",
     "Who takes part and how: sectors, County Voluntary Councils, citizen panels, networks, and "
     "how the wider sector is reached.",
     "Pwy sy’n cymryd rhan a sut: sectorau, Cynghorau Gwirfoddol Sirol, paneli dinasyddion, "
     "rhwydweithiau, a sut y cyrhaeddir y sector ehangach."),
    (3, "narrative", "Measuring impact: delivering on key principles",
     "Mesur effaith: cyflawni’r egwyddorion allweddol",
     "Progress against the key principles of the Social Services and Well-being (Wales) Act "
     "2014 — well-being, voice and control, prevention and early intervention, co-production, "
     "multi-agency working — and the Well-being of Future Generations Act’s five ways of "
     "working.",
     "Cynnydd yn erbyn egwyddorion allweddol Deddf Gwasanaethau Cymdeithasol a Llesiant "
     "(Cymru) 2014 — llesiant, llais a rheolaeth, atal ac ymyrraeth gynnar, cydgynhyrchu, "
     "gweithio amlasiantaethol — a phum ffordd o weithio Deddf Llesiant Cenedlaethau’r "
     "Dyfodol."),
    (4, "narrative", "Feedback from the social value sector",
     "Adborth gan y sector gwerth cymdeithasol",
     "What member organisations say about the forum: what works, what does not, what they "
     "would change.",
     "Beth mae’r sefydliadau sy’n aelodau yn ei ddweud am y fforwm: beth sy’n gweithio, beth "
     "sydd ddim, beth y byddent yn ei newid."),
    (5, "narrative", "Feedback from the Regional Partnership Board and statutory partners",
     "Adborth gan y Bwrdd Partneriaeth Rhanbarthol a phartneriaid statudol",
     "What the Regional Partnership Board and the statutory bodies say about the forum and its "
     "work.",
     "Beth mae’r Bwrdd Partneriaeth Rhanbarthol a’r cyrff statudol yn ei ddweud am y fforwm a’i "
     "waith."),
    (6, "case_studies", "Case studies", "Astudiaethau achos",
     "Examples of social value the forum helped to deliver: what was valued, what changed for "
     "people, and what the community gained. Say when each started and whether the forum "
     "initiated it.",
     "Enghreifftiau o werth cymdeithasol y helpodd y fforwm i’w gyflawni: beth a werthfawrogwyd, "
     "beth newidiodd i bobl, a beth a enillodd y gymuned. Dywedwch pryd y dechreuodd pob un ac a "
     "gafodd ei gychwyn gan y fforwm."),
    (7, "quantitative", "Quantitative information", "Gwybodaeth feintiol",
     "The figures Welsh Government compares across forums. Give each value with its basis "
     "(which areas, which year), or say it is not provided.",
     "Y ffigurau y mae Llywodraeth Cymru yn eu cymharu ar draws fforymau. Rhowch bob gwerth "
     "gyda’i sail (pa ardaloedd, pa flwyddyn), neu dywedwch nad yw wedi’i ddarparu."),
    (8, "work_programme", "Aspirations: the work programme for the next three years",
     "Dyheadau: y rhaglen waith ar gyfer y tair blynedd nesaf",
     "What the forum plans to do next: aims, who leads, timescales, the principles each item "
     "serves and the Regional Partnership Board priority it supports.",
     "Beth mae’r fforwm yn bwriadu ei wneud nesaf: nodau, pwy sy’n arwain, amserlenni, yr "
     "egwyddorion y mae pob eitem yn eu gwasanaethu a blaenoriaeth y Bwrdd Partneriaeth "
     "Rhanbarthol y mae’n ei chefnogi."),
    (9, "narrative", "Role of Welsh Government and support agencies",
     "Rôl Llywodraeth Cymru a’r asiantaethau cymorth",
     "What the forum asks of Welsh Government and the national support agencies.",
     "Beth mae’r fforwm yn ei ofyn gan Lywodraeth Cymru a’r asiantaethau cymorth "
     "cenedlaethol."),
]


def add_template(apps, schema_editor):
    ReportTemplate = apps.get_model("reporting", "ReportTemplate")
    Domain = apps.get_model("reporting", "Domain")
    template, _ = ReportTemplate.objects.get_or_create(name=TEMPLATE_NAME)
    for number, kind, title_en, title_cy, guidance_en, guidance_cy in DOMAINS:
        Domain.objects.update_or_create(
            template=template, number=number,
            defaults={"kind": kind, "title_en": title_en, "title_cy": title_cy,
                      "guidance_en": guidance_en, "guidance_cy": guidance_cy},
        )


def remove_template(apps, schema_editor):
    apps.get_model("reporting", "ReportTemplate").objects.filter(name=TEMPLATE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_reports_and_templates")]

    operations = [migrations.RunPython(add_template, remove_template)]
