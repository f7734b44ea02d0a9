"""The store itself in the window: restore from a backup, the passphrase at start and the idle lock, the history."""
