"""Time to convert as a distribution, checked against numpy (percentiles with method="lower",
histograms) and lifelines (the Kaplan-Meier curve, attempts still open at `as_of` censored) on a
log whose chains are unambiguous: one event per step per person, in order."""

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

import webinar_analytics as wa

lifelines = pytest.importorskip("lifelines")

WINDOW = 7 * 86400
START = datetime(2024, 3, 1, tzinfo=timezone.utc)
AS_OF = START + timedelta(days=40)
STEPS = ["view", "register", "attend"]


@pytest.fixture(scope="module")
def journeys():
    """Per person: entry second and, when reached, the seconds to register and to attend."""
    rng = np.random.default_rng(7)
    people = []
    for person in range(1500):
        entry = float(rng.integers(0, 40 * 86400))
        to_register = float(rng.gamma(2.0, 40000.0)) if rng.random() < 0.6 else None
        to_attend = to_register + float(rng.gamma(1.5, 30000.0)) if to_register is not None and rng.random() < 0.5 else None
        # Offsets as the log keeps them: whole microseconds.
        times = [START + timedelta(seconds=entry + o) if o is not None else None for o in (0.0, to_register, to_attend)]
        offsets = [(t - times[0]).total_seconds() if t is not None else None for t in times[1:]]
        people.append((person, entry, *offsets))
    return people


@pytest.fixture(scope="module")
def log(journeys):
    events = []
    for person, entry, to_register, to_attend in journeys:
        for event, offset in zip(STEPS, (0.0, to_register, to_attend)):
            if offset is not None:
                events.append({"user_id": person, "ts": START + timedelta(seconds=entry + offset), "event": event})
    return wa.EventLog.from_records(events)


def observed(journeys, step):
    """(converted seconds, censored seconds) for `step` as the funnel defines them."""
    horizon = (AS_OF - START).total_seconds()
    converted, censored = [], []
    for _, entry, *offsets in journeys:
        if entry > horizon:
            continue
        chain = [0.0]
        for offset in offsets:
            if offset is None or entry + offset > horizon or offset > WINDOW:
                break
            chain.append(offset)
        if len(chain) > step:
            converted.append(chain[step])
        elif entry + WINDOW > horizon:
            censored.append(horizon - entry)  # still in progress at as_of
        else:
            censored.append(float(WINDOW))  # the window closed
    return np.array(converted), np.array(censored)


@pytest.mark.parametrize("bins", ["auto", 12, [0, 3600, 21600, 86400, 259200, 604800]])
def test_time_to_convert_equals_numpy_and_lifelines(log, journeys, bins):
    percentiles = [5, 10, 25, 50, 75, 90, 95, 99]
    result = wa.funnel(log, STEPS, window="7d", as_of=AS_OF, percentiles=percentiles, bins=bins).to_dict()
    assert result["steps"][0]["time_to_convert"] is None
    for step in (1, 2):
        timing = result["steps"][step]["time_to_convert"]
        converted, censored = observed(journeys, step)
        assert timing["n"] == len(converted) == result["steps"][step]["count"]
        want = np.percentile(converted, percentiles, method="lower")
        assert [p["seconds"] for p in timing["percentiles"]] == pytest.approx(want, rel=1e-12)
        counts, edges = np.histogram(converted, bins=bins)
        assert timing["histogram"]["edges"] == pytest.approx(edges, rel=1e-12)
        assert timing["histogram"]["counts"] == counts.tolist()
        km = lifelines.KaplanMeierFitter().fit(
            np.concatenate([converted, censored]), np.concatenate([np.ones(len(converted)), np.zeros(len(censored))])
        )
        want = km.survival_function_at_times(edges).to_numpy()
        assert [p["not_converted"] for p in timing["survival"]] == pytest.approx(want, abs=1e-12)


def test_partials_keep_the_distribution(log):
    whole = wa.funnel(log, STEPS, window="7d", as_of=AS_OF, bins=20).to_dict()
    parts = [wa.funnel_partial(log, STEPS, window="7d", as_of=AS_OF, bins=20)]
    assert wa.merge_funnel_partials(parts).to_dict()["steps"] == whole["steps"]


@pytest.mark.parametrize("option", [{"percentiles": [50, 101]}, {"bins": 0}, {"bins": [3, 1]}, {"bins": "sqrt"}])
def test_bad_distribution_options_are_named(log, option):
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, STEPS, **option)
    assert raised.value.details["parameter"] in ("percentiles", "bins")
