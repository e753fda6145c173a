"""What the object store keeps: accounts, containers, objects and their metadata."""
