"""pocketstack: a complete, faithful OpenStack cloud in one process."""

__version__ = "0.1.0"
