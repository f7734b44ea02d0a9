"""Getting data back: rotating verified backups, the tamper-evident history of changes with its recycle bin, and
row snapshots that let a change be undone exactly."""
