"""Markdown, JSON and Readwise CSV exports (reader.export)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.anchor import Quote
from reader.export import CSV_COLUMNS, export
from reader.store import DocumentRef, Highlight

DE = DocumentRef("/corpus/build-de.txt", "a" * 64, "Build 2023")
ZH = DocumentRef("/corpus/no-priors-zh.txt", "b" * 64, "对谈Kevin Scott")


def make(id, document, exact, start, speaker=None, note="", tags=(), colour="yellow"):
    return Highlight(
        id=id,
        document=document,
        quote=Quote(exact, "", ""),
        start=start,
        end=start + len(exact),
        speaker=speaker,
        colour=colour,
        tags=tuple(tags),
        note=note,
        created="2024-05-01T10:00:00.123456Z",
        updated="2024-05-01T10:00:00.123456Z",
    )


HIGHLIGHTS = [
    make("h2", DE, "Dann haben wir gebaut.", 300, "Kevin Scott", note="Wichtig,\nsehr", tags=["hpc", "azure"]),
    make("h1", DE, "Wir brauchten mehr Rechenleistung", 100, "Kevin Scott", colour="green"),
    make("h3", ZH, "我们需要更多的算力", 50, None),
]


def test_markdown():
    assert export(HIGHLIGHTS, "md") == (
        "# Highlights\n\n"
        "## Build 2023\n\n"
        "`/corpus/build-de.txt`\n\n"
        "> Wir brauchten mehr Rechenleistung\n>\n> — Kevin Scott\n\n"
        "> Dann haben wir gebaut.\n>\n> — Kevin Scott\n\n"
        "Wichtig,\nsehr\n\n"
        "Tags: `hpc`, `azure`\n\n"
        "## 对谈Kevin Scott\n\n"
        "`/corpus/no-priors-zh.txt`\n\n"
        "> 我们需要更多的算力\n"
    )


def test_csv_has_the_readwise_columns():
    rows = list(csv.reader(io.StringIO(export(HIGHLIGHTS, "csv"), newline="")))
    assert (
        rows[0]
        == CSV_COLUMNS
        == [
            "Highlight",
            "Book Title",
            "Book Author",
            "Note",
            "Color",
            "Tags",
            "Location Type",
            "Location",
            "Highlighted at",
        ]
    )
    assert rows[1] == [
        "Wir brauchten mehr Rechenleistung",
        "Build 2023",
        "Kevin Scott",
        "",
        "green",
        "",
        "order",
        "100",
        "2024-05-01T10:00:00+00:00",
    ]
    assert rows[2][3:6] == ["Wichtig,\nsehr", "yellow", "hpc, azure"]
    assert rows[3][:3] == ["我们需要更多的算力", "对谈Kevin Scott", ""]


def test_json_is_the_store_records():
    records = json.loads(export(HIGHLIGHTS, "json"))
    assert [r["id"] for r in records] == ["h1", "h2", "h3"]
    assert records[0] == HIGHLIGHTS[1].to_json()


def test_empty_and_unknown():
    assert export([], "md") == "# Highlights\n"
    assert export([], "csv").startswith("Highlight,Book Title")
    with pytest.raises(ValueError, match="md, json, csv"):
        export([], "html")


def test_write_export_to_a_given_path_and_by_default(tmp_path, monkeypatch):
    from reader.export import write_export

    target = write_export(HIGHLIGHTS, "csv", tmp_path / "sub" / "out.csv")
    assert target == tmp_path / "sub" / "out.csv" and target.read_text(encoding="utf-8").startswith("Highlight,")
    monkeypatch.chdir(tmp_path)
    default = write_export(HIGHLIGHTS, "md")
    assert default.parent == tmp_path and default.name.startswith("highlights-") and default.suffix == ".md"


def test_write_export_falls_back_to_the_data_folder(tmp_path, monkeypatch, isolated_home):
    from reader.export import write_export

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # a current folder that no longer exists cannot be written, even by root
    target = write_export(HIGHLIGHTS, "json")
    assert target.parent == isolated_home / "data" / "exports"
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "h1"
