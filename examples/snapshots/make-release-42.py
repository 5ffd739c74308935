#!/usr/bin/env python3
"""Writes release-42.zip beside this script: ../snapshot.json split into one document per resource type
(SOURCE.json, EXTENSION.json, ...), as an export with contentFormat=SPLIT_PER_TYPE holds it. The bytes
depend only on snapshot.json: fixed entry times, types sorted. Run it again after editing snapshot.json."""
import json
import pathlib
import zipfile

here = pathlib.Path(__file__).resolve().parent
snapshot = json.loads((here.parent / "snapshot.json").read_text(encoding="utf-8"))
with zipfile.ZipFile(here / "release-42.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
    for resource_type in sorted(snapshot["resources"]):
        document = {"metadata": snapshot["metadata"], "resources": {resource_type: snapshot["resources"][resource_type]}}
        entry = zipfile.ZipInfo(resource_type + ".json", date_time=(2026, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        archive.writestr(entry, json.dumps(document, indent=2) + "\n")
