"""The outreach pages, by family: contact attempts (`attempts`), home visits and the route sheet
(`visits`), letters (`letters`) and batches of letters (`batches`), the beheerder's letter
templates and the brochure (`templates`). Each view: access check (the one policy) → form →
action → response."""
