"""Request schemas as data (Cinder's jsonschema, 3.53 and later)."""
