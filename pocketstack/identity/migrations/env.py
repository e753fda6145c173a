from pocketstack.db.migrate import run_migrations
from pocketstack.identity.models import Base

run_migrations(Base.metadata)
