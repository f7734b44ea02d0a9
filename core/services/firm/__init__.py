"""A firm's shared database seen from the use cases: other people's saves as they happen (live)."""
