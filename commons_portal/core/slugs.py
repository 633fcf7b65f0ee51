"""Slugs made from what a person typed, unique within their model."""

from django.utils.text import slugify


def unique_slug(model, text: str, *, fallback: str = "fiche", max_length: int = 80) -> str:
    """`slugify(text)`, cut to leave room for a "-N" suffix, then suffixed until no row of `model` has it."""
    base = slugify(text)[: max_length - 10].strip("-") or fallback
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
