"""Both languages hold the same keys, and every key the code asks for exists."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from pulse import catalog, filters, i18n

ROOT = Path(__file__).resolve().parent.parent
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def test_languages_hold_the_same_keys():
    assert set(i18n.catalogue("en")) == set(i18n.catalogue("zh"))


def test_placeholders_match_between_languages():
    fields = re.compile(r"{(\w+)}")
    for key, text in i18n.catalogue("en").items():
        assert set(fields.findall(text)) == set(fields.findall(i18n.catalogue("zh")[key])), key


def test_every_literal_key_in_the_code_exists():
    used = set()
    for path in [*ROOT.glob("pulse/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        used |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.catalogue("en"))
    assert not missing


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_option_has_a_label(lang):
    names = i18n.catalogue(lang)
    for period in filters.PERIODS:
        assert f"period.{period}" in names
    for compare in filters.COMPARISONS:
        assert f"compare.{compare}" in names
    for metric in catalog.metrics().values():
        assert metric.label(lang) and metric.definition(lang)


def test_language_falls_back_to_english():
    assert i18n.set_language("fr") == "en"
    i18n.set_language("zh")
    assert i18n.t("page.overview") == "总览"
    assert i18n.t("no.such.key") == "no.such.key"
    i18n.set_language("en")


def test_sentences_are_spaced_in_english_and_not_in_chinese():
    i18n.set_language("en")
    assert i18n.sentences("One.", "", "Two.") == "One. Two."
    i18n.set_language("zh")
    assert i18n.sentences("第一句。", "第二句。") == "第一句。第二句。"
    assert i18n.sentences("", "第二句。") == "第二句。"
    i18n.set_language("en")


def test_each_area_file_exists_in_both_languages_with_the_same_keys():
    folders = {lang: ROOT / "pulse" / "locales" / lang for lang in i18n.LANGUAGES}
    names = {
        lang: sorted(p.name for p in folder.glob("*.toml")) for lang, folder in folders.items()
    }
    assert names["en"] == names["zh"]
    for name in names["en"]:
        keys = {
            lang: set(
                dict(
                    i18n._flatten(tomllib.loads((folders[lang] / name).read_text(encoding="utf-8")))
                )
            )
            for lang in i18n.LANGUAGES
        }
        assert keys["en"] == keys["zh"], name
