"""Official papers: the replica of an application form, the letters filled from the records, and filling an
authority's own AcroForm PDF."""
