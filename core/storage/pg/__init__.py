"""The PostgreSQL engine of a firm's shared store (issue 13): connecting and creating the schema (postgres), the
connection the repositories use, the SQLite migrations translated for PostgreSQL (dialect), the history triggers in
PL/pgSQL, the change notices every committed write sends (notices) and the connection that listens for them
(listener), and how a laptop logs in to the firm database (firm_login). psycopg is imported only in this
room, so an individual's SQLite store never loads it."""
