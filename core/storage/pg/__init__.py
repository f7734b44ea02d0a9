"""The PostgreSQL engine of a firm's shared store (issue 13): the connection the repositories use, the history
triggers in PL/pgSQL, and moving a store between a SQLite file and a firm database. psycopg is imported only here
(and by core.storage.postgres), so an individual's SQLite store never loads it."""
