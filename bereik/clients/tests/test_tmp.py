from bereik.clients.tests.test_matching_actions import *  # noqa
from collections import Counter

def test_x(register, preventiewerker):
    Organisation.get()
    def run(count):
        dossiers = [DossierFactory(last_name=f"Onbekend{i}", first_name="X") for i in range(count)]
        dossiers += [DossierFactory(insz=INSZ), DossierFactory(last_name="Claes", first_name="Mehmet")]
        with CaptureQueriesContext(connection) as queries:
            actions.match_dossiers([d.pk for d in dossiers], preventiewerker)
        return Counter(q["sql"][:60] for q in queries.captured_queries)
    a=run(3); b=run(30)
    print(a-b, b-a)
