from bereik.demo.loader import make_context
from bereik.organisation import demo
from bereik.organisation.models import Company


def test_the_demo_companies_have_an_address_for_the_decision_letters(db):
    demo.load(make_context())

    companies = Company.objects.filter(name__in=demo.COMPANY_ADDRESSES)
    assert companies.count() == len(demo.COMPANY_ADDRESSES)
    assert all(company.address.endswith(("Brussel", "Gent", "Melle")) for company in companies)
