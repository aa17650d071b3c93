"""A real finished Klärung: its result links to the cost plan, and /kosten ticks the modules it recommends."""
from __future__ import annotations

import re

from tests.routes.test_klaerung import finish
from tests.support.pagecheck import XHTML, check_page


def test_the_result_links_to_the_cost_plan_which_ticks_its_modules(client):
    finish(client)
    result = client.get("/klaerung/ergebnis?lang=de").get_data(as_text=True)
    assert 'href="/kosten"' in result
    recommended = sorted(set(re.findall(r'href="/module/(\d)"', result.split('id="ergebnis-module"')[1].split("</section>")[0])))
    assert recommended, "the walk recommends at least one module"
    document = check_page(client.get("/kosten?lang=de"))
    ticked = [box.get("value") for box in document.iter(f"{XHTML}input")
              if box.get("name") == "modules" and box.get("checked") is not None]
    assert ticked == recommended
