"""Work permits: the points table (rules/work_permit_points.toml) and the A/B/C category it gives."""
