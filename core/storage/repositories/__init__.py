"""The SQL of the records: one repository per kind of record (frozen dataclasses in, frozen dataclasses out),
the bulk readers (deadline_store, client_index), whole-case import/export (case_store), row versions and
value conversion."""
