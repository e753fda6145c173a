"""Domain configuration bodies: ``{"config": {...}}``.

Keystone checks the groups and options themselves in its manager (403s in
its own words), so the schema only insists on the envelope's shape.
"""

update = {
    "type": "object",
    "properties": {"config": {"type": ["object", "null"]}},
}
