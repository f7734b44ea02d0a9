"""Where the facts the routes judge come from: stored records (and qualifications), a facts JSON file, presence
computed from crossings."""
