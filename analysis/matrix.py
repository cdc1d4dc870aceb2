"""Read-side analysis of the coding: the code × forum matrix and inter-coder agreement."""

from dataclasses import dataclass

from django.db.models import Count

from analysis import coding
from analysis.models import CodedPassage
from forums.models import Forum
from reporting.models import Entry


def ordered_codes(cycle):
    """The cycle's codes, each top-level code followed by its sub-codes, by name."""
    codes = list(cycle.codes.select_related("parent"))
    tops = sorted((c for c in codes if c.parent_id is None), key=lambda c: c.name.casefold())
    result = []
    for top in tops:
        result.append(top)
        result += sorted(
            (c for c in codes if c.parent_id == top.pk), key=lambda c: c.name.casefold()
        )
    return result


@dataclass
class Matrix:
    codes: list
    forums: list
    counts: dict  # (code pk, forum pk) -> passages

    def rows(self, presence=False):
        for code in self.codes:
            cells = [self.counts.get((code.pk, f.pk), 0) for f in self.forums]
            if presence:
                cells = [1 if n else 0 for n in cells]
            yield code, cells, sum(cells)


def code_forum_matrix(cycle):
    """How many coded passages each code has in each forum's report (three queries)."""
    through = CodedPassage.codes.through
    counts = {
        (row["code_id"], row["codedpassage__report__forum_id"]): row["n"]
        for row in through.objects.filter(code__cycle=cycle)
        .values("code_id", "codedpassage__report__forum_id")
        .annotate(n=Count("codedpassage_id", distinct=True))
        .order_by()
    }
    return Matrix(
        codes=ordered_codes(cycle), forums=list(Forum.objects.order_by("name_en")), counts=counts
    )


def matrix_dataset(matrix, *, presence=False):
    import tablib

    dataset = tablib.Dataset(
        headers=["code", "parent", *[f.name_en for f in matrix.forums], "total"]
    )
    for code, cells, total in matrix.rows(presence=presence):
        dataset.append([code.name_en, code.parent.name_en if code.parent else "", *cells, total])
    return dataset


# Inter-coder agreement ------------------------------------------------------------------------


@dataclass
class Agreement:
    code: object
    both: int  # units both coders gave the code
    first_only: int
    second_only: int
    neither: int

    @property
    def units(self):
        return self.both + self.first_only + self.second_only + self.neither

    @property
    def observed(self):
        return (self.both + self.neither) / self.units if self.units else None

    @property
    def expected(self):
        n = self.units
        if not n:
            return None
        first_yes = (self.both + self.first_only) / n
        second_yes = (self.both + self.second_only) / n
        return first_yes * second_yes + (1 - first_yes) * (1 - second_yes)

    @property
    def kappa(self):
        """Cohen's kappa; None when it is undefined (both coders constant and agreeing)."""
        if self.observed is None or self.expected is None or self.expected == 1:
            return None
        return (self.observed - self.expected) / (1 - self.expected)


def shared_reports(cycle, first, second):
    """The reports of the cycle that both analysts have coded."""
    coded = CodedPassage.objects.filter(report__cycle=cycle)
    first_reports = set(coded.filter(coder=first).values_list("report_id", flat=True))
    second_reports = set(coded.filter(coder=second).values_list("report_id", flat=True))
    return first_reports & second_reports


def agreement(cycle, first, second):
    """Cohen's kappa per code between two analysts. The unit of agreement is one sentence of
    a narrative section, in the reports both analysts coded: for each code, each coder either
    applied it to a passage covering (part of) that sentence or did not."""
    reports = shared_reports(cycle, first, second)
    entries = list(
        Entry.objects.filter(report_id__in=reports, domain__kind="narrative").only("pk", "text")
    )
    passages = (
        CodedPassage.objects.filter(report_id__in=reports, coder__in=[first, second])
        .exclude(needs_recheck=True)
        .prefetch_related("codes")
    )
    by_entry = {}
    for passage in passages:
        by_entry.setdefault(passage.entry_id, []).append(passage)
    codes = ordered_codes(cycle)
    tallies = {code.pk: [0, 0, 0, 0] for code in codes}
    for entry in entries:
        for _start, _end, sentences in coding.paragraphs(entry.text):
            for s_start, s_end in sentences:
                applied = {first.pk: set(), second.pk: set()}
                for p in by_entry.get(entry.pk, ()):
                    if p.start < s_end and s_start < p.end:
                        applied[p.coder_id].update(c.pk for c in p.codes.all())
                for code in codes:
                    a, b = code.pk in applied[first.pk], code.pk in applied[second.pk]
                    tallies[code.pk][0 if a and b else 1 if a else 2 if b else 3] += 1
    return [Agreement(code, *tallies[code.pk]) for code in codes], len(reports)
