from pocketstack.db.migrate import run_migrations
from pocketstack.object_store.models import Base

run_migrations(Base.metadata)
