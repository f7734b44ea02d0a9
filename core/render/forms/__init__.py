"""Official forms on paper: the replica of an application form, and filling an authority's own AcroForm PDF."""
