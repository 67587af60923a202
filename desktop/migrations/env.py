"""Alembic environment: runs on the connection handed over by desktop.db.upgrade."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop.db import include_name
from desktop.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run migrations in batch mode (SQLite cannot ALTER most things in place)."""
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///clms.sqlite3"
        with create_engine(url).begin() as conn:
            context.configure(
                connection=conn,
                target_metadata=target_metadata,
                render_as_batch=True,
                include_name=include_name,
            )
            context.run_migrations()
        return
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
    )
    context.run_migrations()


run_migrations()
