"""The Alembic history builds exactly the schema the models describe, and can go down again."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal.extensions import db


def drop_everything():
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _differences(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_build_the_models_schema(app):
    with app.app_context():
        drop_everything()
        upgrade()
        differences = _differences(app)
        assert not differences, "the migrations and the models differ:\n" + "\n".join(map(str, differences))


def test_migrations_go_down_to_nothing_and_up_again(app):
    with app.app_context():
        drop_everything()
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "barrier_report" in inspect(db.engine).get_table_names()
