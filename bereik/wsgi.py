"""The WSGI application, as gunicorn serves it.

Once Django is set up, the URLconf (and with it every view, form and model module) is loaded and
the garbage collector's generations are frozen: the ~160,000 objects of start-up are then never
scanned again. Without it a full collection ran every twenty or so requests and went through
all of them: about 7 ms a request on average, more than half of an empty list page's own work
(ADR 0029)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bereik.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - loads every view module now, not at the first request
gc.collect()
gc.freeze()
