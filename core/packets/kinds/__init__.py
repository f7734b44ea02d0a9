"""Packet kinds as data: templates/ kinds and items, the city layers over them, and the conditions that decide which
items (and kinds) apply."""
