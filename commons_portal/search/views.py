from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from commons_portal.core.caching import cached_page

from .forms import SearchForm
from .query import search


@require_GET
@login_not_required
@cached_page("search:search_page")
def search_page(request):
    """Search across roadmaps, programmes, organisations, commons and RETEX, within what the visitor
    may see."""
    form = SearchForm(request.GET or None)
    groups, text = [], ""
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["q"]
        groups = search(user=request.user, text=text, source_keys=form.cleaned_data["sources"])
    return render(
        request,
        "search/search.html",
        {"form": form, "groups": groups, "text": text, "total": sum(len(group.hits) for group in groups)},
    )
