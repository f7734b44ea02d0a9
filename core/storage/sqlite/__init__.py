"""The SQLite file of one user's store: opening and migrating it (db), encryption at rest (cipher), changing its
key (rekey), and saying truthfully what is wrong with a damaged file (health)."""
