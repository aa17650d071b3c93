from portal.catalogues import areas, conflicting_translations, extract, missing_translations


def test_every_interface_string_has_an_english_translation():
    missing = missing_translations(("de", "en"))
    assert not missing, "run `flask --app portal translations update` and translate:\n" + "\n".join(missing)


def test_extraction_finds_strings_in_templates_and_python():
    catalog = extract(areas()["ui"])
    assert "Zum Inhalt springen" in catalog  # template
    assert "Diese Seite gibt es nicht" in catalog  # Python (lazy_gettext)


def test_one_string_has_one_translation_in_every_area():
    conflicts = conflicting_translations(("de", "en"))
    assert not conflicts, "the merged catalogue would show only one of these:\n" + "\n".join(conflicts)
