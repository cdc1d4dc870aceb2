"""The analysis's part of the demo (``seed_demo``): the default codebook with passages
coded by two analysts (so their agreement can be measured), a target for the comparison of
figures, a first draft of the national analysis and the start of the findings table."""

from analysis import coding, national
from analysis.models import FigureTarget
from reporting.models import Report, ReportingCycle


def seed(*, first, second):
    """The default codebook, and passages coded by both demo analysts (so their
    agreement can be measured) on the reports Welsh Government has received."""
    cycle = ReportingCycle.objects.get()
    codes = {c.name_en: c for c in coding.create_default_codebook(cycle=cycle, by=first)}
    # (paragraph, sentence, codes by the first analyst, codes by the second)
    plan = [
        (2, 1, ["Function of forums"], ["Function of forums", "Engaging with stakeholders"]),
        (3, 1, ["Co-production"], ["Co-production"]),
        (3, 2, ["Voice and involvement"], []),
    ]
    reports = Report.objects.for_cycle(cycle).submitted().order_by("forum__name_en")
    for report in reports:
        for entry in report.entries.in_order().filter(
            domain__kind="narrative", domain__number__in=[1, 2, 3]
        ):
            for paragraph, sentence, by_first, by_second in plan:
                start, end = coding.sentence_range(entry.text, paragraph, sentence, sentence)
                for coder, names in ((first, by_first), (second, by_second)):
                    if names:
                        coding.code_passage(
                            report=report,
                            entry=entry,
                            start=start,
                            end=end,
                            codes=[codes[n] for n in names],
                            memo="",
                            by=coder,
                        )
    # The target the comparison of figures holds the ICF share to.
    FigureTarget.objects.create(
        cycle=cycle,
        definition=cycle.template.figures.get(code="icf"),
        measure=FigureTarget.Measure.SHARE,
        each_part=True,
        each_area=True,
        value=20,
        note_en="Welsh Government expects each RPB to allocate at least 20% of its ICF "
        "to not-for-profit social value organisations.",
        note_cy="Mae Llywodraeth Cymru yn disgwyl i bob BPRh ddyrannu o leiaf 20% o’i "
        "Gronfa Gofal Integredig i sefydliadau gwerth cymdeithasol nid-er-elw.",
    )
    # A first draft of the national analysis.
    national.save_analysis(
        cycle=cycle,
        revision=0,
        values={
            "introduction_en": "This draft reads the reports the seven forums have filed "
            "so far for 2023–2026.",
            "introduction_cy": "Mae’r drafft hwn yn darllen yr adroddiadau y mae’r saith "
            "fforwm wedi’u cyflwyno hyd yma ar gyfer 2023–2026.",
            "method_en": "Two analysts coded the narrative with the cycle’s codebook; "
            "their agreement is measured per code.",
            "method_cy": "Codiodd dau ddadansoddwr y naratif gyda llyfr codau’r cylch; "
            "mesurir eu cytundeb fesul cod.",
        },
        by=first,
    )
    # The start of the findings table: co-production, across Wales and in one forum.
    theme = codes["Co-production"]
    quotes = list(theme.passages.filter(coder=first).select_related("report__forum")[:3])
    coding.save_finding(
        code=theme,
        forum=None,
        revision=0,
        text_en="Every forum describes a co-production group, most set up with carers.",
        text_cy="Mae pob fforwm yn disgrifio grŵp cydgynhyrchu, y rhan fwyaf gyda gofalwyr.",
        quotes=quotes,
        by=first,
    )
    if quotes:
        forum = quotes[0].report.forum
        coding.save_finding(
            code=theme,
            forum=forum,
            revision=0,
            text_en="The steering group is co-produced with citizens.",
            text_cy="Mae’r grŵp llywio wedi’i gydgynhyrchu gyda dinasyddion.",
            quotes=[q for q in quotes if q.report.forum == forum],
            by=second,
        )
