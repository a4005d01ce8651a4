"""A Spark session running this library's funnel by channel, notebook style.

    .venv/bin/python examples/spark_funnel.py

Needs pyspark (4.0+) and Java 17; `make test` installs both. Each cell prints what a notebook
would show.
"""

# %% A Spark session (local here; on a cluster, install the wheel on the executors).
import os
import sys
import tempfile
import warnings

import pyarrow.parquet as pq
from pyspark.sql import SparkSession

import webinar_analytics as wa

warnings.filterwarnings("ignore", category=FutureWarning)
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
spark = (
    SparkSession.builder.master("local[2]")
    .appName("webinar-funnel")
    .config("spark.sql.shuffle.partitions", "8")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

# %% Events and contacts in a lake: the demo campaign written to Parquet.
demo = wa.demo_campaign(contacts=20_000, seed=42)
lake = tempfile.mkdtemp(prefix="webinar-lake-")
pq.write_table(demo.log.to_arrow().select(["user_id", "ts", "event", "value"]), f"{lake}/events.parquet")
pq.write_table(demo.log.contacts_to_arrow(), f"{lake}/contacts.parquet")
events = spark.read.parquet(f"{lake}/events.parquet")
contacts = spark.read.parquet(f"{lake}/contacts.parquet")
print(f"{events.count():,} events, {contacts.count():,} contacts")

# %% The funnel by channel, computed on the executors, merged on the driver.
steps = ["page_view", "register", "attend", "purchase"]
by_channel = wa.spark.funnel(events, steps, contacts=contacts, window="14d", breakdown="channel")
print(by_channel.to_polars())
for group in by_channel.breakdown["values"]:
    print(f"{group['value']:>10}: {group['counts']}")

# %% The same answer as the in-process call on one machine.
local = wa.funnel(demo.log, steps, window="14d", breakdown="channel")
assert by_channel.to_dict() == local.to_dict()
print("Spark result == in-process result")

# %% Weekly retention by industry, and the channel table with spend, the same way.
print(wa.spark.retention(events, contacts=contacts, period="week", breakdown="industry").to_polars())
print(wa.spark.channel_performance(events, contacts, spend=demo.inputs_dict()["spend"]).to_polars())
spark.stop()
