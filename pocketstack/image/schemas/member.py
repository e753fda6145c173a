"""Bodies of /v2/images/{id}/members (checked as Glance's deserializer does)."""

STATUSES = ("pending", "accepted", "rejected")
