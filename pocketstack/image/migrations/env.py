from pocketstack.db.migrate import run_migrations
from pocketstack.image.models import Base

run_migrations(Base.metadata)
