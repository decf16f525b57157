from django.shortcuts import render

from bereik.home import panels


def home(request):
    """Each role lands on what it works on: the panels its roles ask for, in a fixed order."""
    return render(request, "home/home.html", {"panels": panels.for_user(request.user)})
