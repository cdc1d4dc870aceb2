"""The official OCDS 1.1 schemas (kept beside the project in ../shared/ocds, or where
OCDS_SCHEMAS points), with the lots, award criteria breakdown, sustainability and metrics
extensions applied as JSON Merge Patches (RFC 7386), for validating the export."""

import copy
import functools
import json
import os
from pathlib import Path

from jsonschema import Draft4Validator

ROOT = Path(
    os.environ.get("OCDS_SCHEMAS") or Path(__file__).resolve().parents[3] / "shared" / "ocds"
)
# Lots first: the award criteria breakdown patches its Lot.
EXTENSIONS = ["lots", "awardCriteriaBreakdown", "sustainability", "metrics"]


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(*parts):
    path = ROOT.joinpath(*parts)
    if not path.exists():
        raise AssertionError(f"The OCDS schemas are missing: {path} (set OCDS_SCHEMAS).")
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def release_validator():
    schema = _load("core", "release-schema.json")
    for name in EXTENSIONS:
        schema = merge_patch(schema, _load("extensions", name, "release-schema.json"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


@functools.cache
def package_validator():
    schema = _load("core", "release-package-schema.json")
    # Each release is checked against the extended release schema on its own.
    schema["properties"]["releases"]["items"] = {"type": "object"}
    return Draft4Validator(schema)


def errors(package):
    """Every way the package breaks the standard, as readable lines (empty when valid)."""
    found = [
        f"package: {'/'.join(map(str, e.path))}: {e.message}"
        for e in package_validator().iter_errors(package)
    ]
    for n, release in enumerate(package.get("releases", [])):
        found += [
            f"release {n}: {'/'.join(map(str, e.path))}: {e.message}"
            for e in release_validator().iter_errors(release)
        ]
    return found
