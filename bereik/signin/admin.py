from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's admin can show an app's secret as a QR code and change devices. The Django admin
# stays read-only and without secrets: the second factor is reset under Beheer, audited.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
