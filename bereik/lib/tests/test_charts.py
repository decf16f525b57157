from defusedxml import ElementTree

from bereik.lib import charts
from bereik.lib.documents import format_number, format_percent

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ElementTree.fromstring(str(svg))


def test_a_bar_chart_is_an_image_with_a_title_a_description_and_its_values_in_text():
    svg = charts.bar_chart(
        title="Bereik per route",
        description="De bereikgraad per route.",
        categories=["A", "B & C <samen>"],
        series=[charts.Series("2026", [71.25, None]), charts.Series("2025", [60.0, 12.5])],
        max_value=100,
        fmt=format_percent,
    )
    root = parse(svg)  # well-formed: the labels are escaped
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Bereik per route"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "B & C <samen>" in texts
    assert "71,3 %" in texts and "60,0 %" in texts and "12,5 %" in texts
    assert "–" in texts  # no value: a dash, no bar
    assert len(root.findall(f"{SVG}rect")) == 2 + 3  # the legend's two keys and three bars


def test_a_line_chart_breaks_where_there_is_no_value():
    svg = charts.line_chart(
        title="Per maand",
        description="De bereikgraad per maand.",
        categories=["jan\n2026", "feb", "maa", "apr"],
        series=[charts.Series("Bereikgraad", [50.0, None, 70.0, 75.0])],
        fmt=format_percent,
    )
    root = parse(svg)
    lines = root.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [1, 2]
    tips = [circle.find(f"{SVG}title").text for circle in root.iter(f"{SVG}circle")]
    assert tips == [
        "Bereikgraad, jan 2026: 50,0 %",
        "Bereikgraad, maa: 70,0 %",
        "Bereikgraad, apr: 75,0 %",
    ]


def test_two_charts_on_one_page_have_their_own_ids():
    one = parse(
        charts.bar_chart(
            title="a", description="b", categories=["x"], series=[charts.Series("s", [1])]
        )
    )
    two = parse(
        charts.bar_chart(
            title="a", description="b", categories=["x"], series=[charts.Series("s", [1])]
        )
    )
    assert one.get("aria-labelledby") != two.get("aria-labelledby")


def test_belgian_numbers():
    assert format_number(1234567) == "1.234.567"
    assert format_number(68.449, 1) == "68,4"
    assert format_percent(70) == "70,0 %"
    assert format_number(None) == "" and format_percent(None) == ""
