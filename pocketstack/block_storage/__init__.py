"""Block storage: Cinder v3 at /volume/v3 (shared/seeds/002 is its flow)."""
