"""Identity request schemas, one module per entity, as data."""
