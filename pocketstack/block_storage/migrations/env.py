from pocketstack.block_storage.models import Base
from pocketstack.db.migrate import run_migrations

run_migrations(Base.metadata)
