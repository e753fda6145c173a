"""The few JSON bodies Swift reads, as JSON Schema data."""
