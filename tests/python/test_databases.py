"""Events straight from databases: ``EventLog.from_arrow`` reads any Arrow C stream batch by
batch. A DuckDB file (a relation, a record-batch reader) and a real PostgreSQL server (started
here with ``initdb`` / ``pg_ctl`` in a temp dir, read through ADBC) give the same log, and the
same analyses, as the same events loaded from Parquet."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import webinar_analytics as wa

STEPS = ["page_view", "register", "attend", "purchase"]


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """A demo campaign's events and contacts as plain Arrow (strings, UTC timestamps), in
    Parquet files, and the log loaded from them: the reference every database load must equal."""
    demo = wa.demo_campaign(contacts=2500, seed=29)
    events, contacts = plain(demo.log.to_arrow()), plain(demo.log.contacts_to_arrow())
    root = tmp_path_factory.mktemp("parquet")
    pq.write_table(events, root / "events.parquet", row_group_size=4096)
    pq.write_table(contacts, root / "contacts.parquet")
    log = wa.EventLog.from_parquet(root / "events.parquet", root / "contacts.parquet")
    return events, contacts, root, log


def plain(table: pa.Table) -> pa.Table:
    """Dictionary columns decoded to strings: the types a database table holds."""
    fields = [
        pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f for f in table.schema
    ]
    return table.cast(pa.schema(fields))


def assert_same_log(log, reference):
    assert repr(log) == repr(reference)
    assert log.to_arrow().equals(reference.to_arrow())
    assert log.contacts_to_arrow().equals(reference.contacts_to_arrow())
    assert wa.funnel(log, STEPS, breakdown="channel").to_dict() == wa.funnel(reference, STEPS, breakdown="channel").to_dict()
    assert wa.retention(log, period="week").to_dict() == wa.retention(reference, period="week").to_dict()


def test_a_duckdb_file_loads_like_parquet(campaign, tmp_path):
    _, _, root, reference = campaign
    path = str(tmp_path / "crm.duckdb")
    with duckdb.connect(path) as con:
        con.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{root / 'events.parquet'}')")
        con.execute(f"CREATE TABLE contacts AS SELECT * FROM read_parquet('{root / 'contacts.parquet'}')")
    with duckdb.connect(path, read_only=True) as con:
        # A relation is an Arrow C stream: no pyarrow table in between.
        log = wa.EventLog.from_arrow(con.sql("SELECT * FROM events"), contacts=con.sql("SELECT * FROM contacts"))
        assert_same_log(log, reference)
        # Read batch by batch: a reader of small batches gives the same log. (The reader holds
        # the connection's one open result: the contacts come through a cursor of their own.)
        reader = con.sql("SELECT * FROM events").to_arrow_reader(1000)
        log = wa.EventLog.from_arrow(reader, contacts=con.cursor().sql("SELECT * FROM contacts"))
        assert_same_log(log, reference)


def test_a_stream_that_fails_midway_is_an_arrow_format_error(campaign):
    events = campaign[0]
    batches = events.to_batches(max_chunksize=1000)

    def failing():
        yield batches[0]
        yield batches[1]
        raise ConnectionError("the server closed the connection")

    reader = pa.RecordBatchReader.from_batches(events.schema, failing())
    with pytest.raises(wa.AnalyticsError) as failed:
        wa.EventLog.from_arrow(reader)
    assert failed.value.code == "arrow_format"
    assert "events stream after 2000 rows" in str(failed.value)


def test_a_database_column_of_the_wrong_type_is_named(tmp_path):
    with duckdb.connect() as con:
        rel = con.sql("SELECT 'a' AS user_id, TRUE AS ts, 'page_view' AS event")
        with pytest.raises(wa.AnalyticsError) as wrong:
            wa.EventLog.from_arrow(rel)
    assert wrong.value.code == "invalid_column_type"
    assert "ts" in str(wrong.value)


def postgres_bin() -> str | None:
    """The directory of PostgreSQL's server programs (Debian keeps them off the PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(os.path.realpath(found))
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(dirs[-1]) if dirs else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of its own: a cluster in a temp dir on a free loopback port, trusted
    local logins, stopped at the end. As root it runs as Debian's `postgres` user (the server
    refuses root)."""
    bindir = postgres_bin()
    if bindir is None:
        if os.environ.get("WA_TEST_POSTGRES") == "required":
            pytest.fail("PostgreSQL's server is not installed (make setup-postgres installs it)")
        pytest.skip("PostgreSQL's server is not installed (make setup-postgres installs it)")
    root = tempfile.mkdtemp(prefix="wa-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(root, "data"), free_port()

    def run(*args):
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    run(f"{bindir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off"
    run(f"{bindir}/pg_ctl", "-D", data, "-o", options, "-l", os.path.join(root, "server.log"), "-w", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_a_postgresql_table_loads_like_parquet(campaign, postgres):
    from adbc_driver_postgresql import dbapi

    events, contacts, _, reference = campaign
    with dbapi.connect(postgres) as con:
        with con.cursor() as cur:
            cur.adbc_ingest("events", events, mode="create")
            cur.adbc_ingest("contacts", contacts, mode="create")
        con.commit()
        # One connection streams one result at a time: the contacts first (small), then the
        # events batch by batch.
        with con.cursor() as cur:
            cur.execute("SELECT * FROM contacts")
            contacts = cur.fetch_arrow_table()
            cur.execute("SELECT * FROM events")
            log = wa.EventLog.from_arrow(cur.fetch_record_batch(), contacts=contacts)
    assert_same_log(log, reference)
