"""A notebook's use of the library, type-checked with `mypy --strict` (tests/python/test_typing.py):
the stubs and the generated functions must let typed code through without casts."""

import datetime as dt

import numpy as np
import pandas as pd
import webinar_analytics as wa


def campaign_numbers(contacts: int) -> dict[str, float | None]:
    demo = wa.demo_campaign(contacts=contacts, seed=7)
    log: wa.EventLog = demo.log.with_kinds({"register": "register"})
    funnel = wa.funnel(
        log,
        ["page_view", {"event": "register", "window_seconds": np.int64(3600)}],
        window=dt.timedelta(days=14),
        as_of=dt.datetime(2024, 3, 31, tzinfo=dt.timezone.utc),
    )
    counts: list[int] = funnel.counts
    # The issue's own example: numpy scalars and a pandas Timestamp where numbers and times go.
    same = wa.funnel(
        log,
        ["page_view", {"event": "register", "window_seconds": np.int64(3600)}],
        window_seconds=np.int64(86400),
        as_of=pd.Timestamp("2024-03-31", tz="UTC"),
        order="strict",
    )
    first: wa.types.FunnelStep = funnel.steps[0]
    conversion: float | None = first["conversion_from_start"]
    channels = wa.channel_performance(log)
    channel: wa.types.ChannelRow = channels[0]
    registrations: int = channel["registrations"]
    plain: wa.types.FunnelResultDict = funnel.to_dict()
    card = wa.scorecard(log, inputs=demo.inputs_dict())
    values: dict[str, float | None] = {m["id"]: m["value"] for m in card.metrics}
    values["conversion"] = conversion
    values["strict_entries"] = float(same.counts[0])
    values["registrations"] = float(registrations + len(plain["steps"]))
    values["funnel_entries"] = float(counts[0])
    retention = wa.retention(log, period="week", tz="Europe/Madrid")
    values["cohorts"] = float(len(retention))
    model = wa.RandomForestClassifier(n_estimators=10, seed=1).fit([[0.0], [1.0]], [0, 1])
    values["classes"] = float(len(model.classes_))
    try:
        wa.funnel(log, ["page_view"], windw="1d")
    except wa.ParameterError as error:
        values["error_path_length"] = float(len(error.details["parameter"]))
    return values
