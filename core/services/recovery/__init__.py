"""Recovery: backups and restore, the tamper-evident history with its recycle bin, and undo snapshots."""
