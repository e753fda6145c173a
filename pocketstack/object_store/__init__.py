"""The object store: the subset of Swift's v1 API that clients use."""
