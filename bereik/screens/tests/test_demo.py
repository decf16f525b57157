from bereik.accounts import demo as accounts_demo
from bereik.demo.loader import make_context
from bereik.organisation import demo as organisation_demo
from bereik.screens import demo, rules


def test_the_demo_has_two_screens_with_messages(db):
    ctx = make_context()
    organisation_demo.load(ctx)
    accounts_demo.load(ctx)
    demo.load(ctx)
    social, onthaal = ctx.data["screens"]
    social_titles = [slide.title for slide in rules.rotation(social)]
    onthaal_titles = [slide.title for slide in rules.rotation(onthaal)]
    assert social_titles[:2] == ["Gratis waterscan?", "Openingsuren"]
    assert "Infosessie: zuinig met energie" in social_titles
    assert "Verwarmingstoelage" in onthaal_titles and "Verwarmingstoelage" not in social_titles
    assert rules.rotation(social)[0].image_url
