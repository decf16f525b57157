import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bereik import audit
from bereik.accounts.models import Role
from bereik.audit.models import AuditEvent
from bereik.conftest import make_user


@pytest.fixture
def event(mw):
    return audit.record("dossier.view", actor=mw, purpose="test")


@pytest.fixture
def superuser(db):
    user = make_user("root", [Role.Code.BEHEERDER])
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_an_event_cannot_be_changed_or_deleted(event):
    event.action = "something.else"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "dossier.view"


def test_the_django_admin_shows_events_but_cannot_change_them(login, superuser, event):
    client = login(superuser)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    change_url = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    client.post(change_url, {"action": "changed", "purpose": "changed"})
    assert AuditEvent.objects.get(pk=event.pk).action == "dossier.view"
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_django_admin_has_no_bulk_delete_for_events(login, superuser, event):
    response = login(superuser).post(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_application_has_no_url_that_changes_events():
    from bereik.audit import urls

    assert {pattern.name for pattern in urls.urlpatterns} == {"list", "export"}
