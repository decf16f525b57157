"""LAC pages, one module per family: sessions (list, form, page, closing), agenda (placement,
moves, preparers, a preparer's own list), recording (attendance and advice, corrections),
documents (PDFs and letters) and people (the list of members). Thin: access check -> form ->
action -> response. Session access is decided in bereik/lac/policy.py, dossier access in
bereik/dossiers/access.py."""
