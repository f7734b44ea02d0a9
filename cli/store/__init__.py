"""The commands that keep the store itself: backup and restore, encryption and passphrase, history, firm."""
