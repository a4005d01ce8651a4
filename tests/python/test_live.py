"""The live scorecard fed a demo campaign in time order, batch by batch, equals the batch
scorecard of the whole log at the same "now"; errors leave it unchanged."""

import math

import pyarrow as pa
import pytest

import webinar_analytics as wa


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_streamed_demo_equals_full_recompute():
    demo = wa.demo_campaign(contacts=400, seed=3)
    inputs = demo.inputs_dict()
    table = pa.table(demo.log.to_arrow()).sort_by("ts")
    live = wa.LiveScorecard(inputs=inputs, lateness_seconds=0)
    for batch in table.to_batches(max_chunksize=500):
        update = live.append_log(wa.EventLog.from_arrow(pa.Table.from_batches([batch])))
        assert update["late"] == []
    status = live.status()
    assert status["events"] == demo.log.event_count
    full = wa.scorecard(demo.log, inputs=inputs, as_of=status["as_of"]).to_dict()
    streamed = live.scorecard().to_dict()
    for mine, theirs in zip(streamed["metrics"], full["metrics"]):
        assert close(mine["value"], theirs["value"]), mine["id"]
    presence = wa.attendance(demo.log, agenda=inputs["agenda"], as_of=status["as_of"]).to_dict()
    assert status["peak_viewers"] == presence["peak_viewers"]
    assert status["current_viewers"] == presence["current_viewers"]
    assert status["sections"] == presence["sections"]


def test_errors_change_nothing():
    live = wa.LiveScorecard(lateness_seconds=60)
    live.append([{"user_id": "ana", "ts": "2024-03-14T16:00:00Z", "event": "attend"}])
    before = live.status()
    with pytest.raises(wa.SchemaError) as err:
        live.append([{"user_id": 7, "ts": "2024-03-14T16:01:00Z", "event": "attend"}])
    assert err.value.code == "id_type_mismatch"
    with pytest.raises(wa.ParameterError):
        live.advance("not a time")
    assert live.status() == before
    with pytest.raises(wa.ParameterError):
        wa.LiveScorecard(lateness_seconds=-1)
    with pytest.raises(wa.ParameterError):
        wa.LiveScorecard(as_of="2024-03-14T16:00:00Z")


def test_live_scorecard_counts_events_by_their_mapped_roles():
    demo = wa.demo_campaign(contacts=120, seed=3)
    rows = pa.table(demo.log.to_arrow()).to_pylist()
    renamed = {"register": "sign_up", "purchase": "payment_done"}
    mapped = [{**r, "event": renamed.get(r["event"], r["event"])} for r in rows]
    plain, live = wa.LiveScorecard(), wa.LiveScorecard(kinds={"register": "sign_up", "purchase": "payment_done"})
    plain.append(rows)
    live.append(pa.Table.from_pylist(mapped))  # an Arrow table is a batch too
    assert live.scorecard().to_dict()["metrics"] == plain.scorecard().to_dict()["metrics"]
    assert live.to_event_log().kinds_map == {"register": "sign_up", "purchase": "payment_done"}
