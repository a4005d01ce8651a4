"""The seeded random forests beside scikit-learn on the same split, and their Python API."""

import json

import numpy as np
import polars as pl
import pytest
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import r2_score, roc_auc_score

import webinar_analytics as wa


def dataset(n=12_000, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 8))
    logit = 1.5 * x[:, 0] - 2 * x[:, 1] * (x[:, 2] > 0) + np.sin(3 * x[:, 3]) - 0.5
    label = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    target = 3 * x[:, 0] + 2 * np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] + rng.normal(scale=0.5, size=n)
    cut = n * 4 // 5
    return x[:cut], x[cut:], label[:cut], label[cut:], target[:cut], target[cut:]


def test_classifier_quality_matches_sklearn():
    xtr, xte, ytr, yte, _, _ = dataset()
    ours = wa.RandomForestClassifier(n_estimators=60, max_depth=8, seed=1).fit(xtr, ytr)
    theirs = RandomForestClassifier(n_estimators=60, max_depth=8, random_state=1).fit(xtr, ytr)
    auc = roc_auc_score(yte, ours.predict_proba(xte)[:, 1])
    assert auc >= roc_auc_score(yte, theirs.predict_proba(xte)[:, 1]) - 0.005
    assert list(ours.classes_) == [0, 1]
    assert ours.predict_proba(xte).shape == (len(xte), 2)
    assert set(np.unique(ours.predict(xte))) <= {0, 1}
    assert ours.feature_importances_.sum() == pytest.approx(1.0)
    assert int(np.argmax(ours.feature_importances_)) in (0, 1)


def test_regressor_quality_matches_sklearn():
    xtr, xte, _, _, ytr, yte = dataset()
    ours = wa.RandomForestRegressor(n_estimators=60, max_depth=10, seed=1).fit(xtr, ytr)
    theirs = RandomForestRegressor(n_estimators=60, max_depth=10, random_state=1).fit(xtr, ytr)
    assert r2_score(yte, ours.predict(xte)) >= r2_score(yte, theirs.predict(xte)) - 0.01
    assert ours.predict_trees(xte[:5]).shape == (5, 60)
    assert 0.5 < ours.oob_score_ < 1


def test_same_seed_same_model_and_persistence():
    xtr, xte, ytr, _, _, _ = dataset(3000)
    a = wa.RandomForestClassifier(n_estimators=15, seed=7).fit(xtr, ytr)
    b = wa.RandomForestClassifier(n_estimators=15, seed=7).fit(xtr, ytr)
    assert a.to_json() == b.to_json()
    assert np.array_equal(a.predict_proba(xte), b.predict_proba(xte))
    c = wa.RandomForestClassifier(n_estimators=15, seed=8).fit(xtr, ytr)
    assert a.to_json() != c.to_json()
    loaded = wa.RandomForestClassifier.from_json(a.to_json())
    assert np.array_equal(loaded.predict_proba(xte), a.predict_proba(xte))
    assert json.loads(a.to_json())["kind"] == "random_forest_classifier"


def test_other_inputs_and_errors():
    xtr, _, ytr, _, _, _ = dataset(2000)
    frame = pl.DataFrame(xtr, schema=[f"f{i}" for i in range(xtr.shape[1])])
    from_frame = wa.RandomForestClassifier(n_estimators=5).fit(frame, ytr.astype(bool))
    from_array = wa.RandomForestClassifier(n_estimators=5).fit(xtr, ytr)
    assert from_frame.to_json() == from_array.to_json()
    with pytest.raises(wa.ParameterError):
        wa.RandomForestClassifier().fit(xtr, np.ones(len(xtr), dtype=int))  # a single class
    with pytest.raises(wa.ParameterError):
        wa.RandomForestRegressor().fit(np.array([[np.nan, 1.0]]), [1.0])
    with pytest.raises(wa.ParameterError):
        wa.RandomForestRegressor().predict(xtr)  # not fitted
    with pytest.raises(wa.ParameterError):
        wa.RandomForestRegressor().fit(xtr[:0], [])
    with pytest.raises(wa.ParameterError):
        wa.RandomForestClassifier(n_estimators=3).fit(xtr, ytr).predict(xtr[:, :3])
    with pytest.raises(wa.ParameterError):
        wa.RandomForestClassifier(max_features="most").fit(xtr, ytr)  # checked when fitting, as scikit-learn does
    with pytest.raises(wa.ParameterError):
        wa.RandomForestRegressor.from_json(from_array.to_json())


def test_kmeans_inertia_matches_sklearn_and_is_repeatable():
    from sklearn.cluster import KMeans as SkKMeans
    from sklearn.preprocessing import StandardScaler as SkScaler

    rng = np.random.default_rng(4)
    centers = rng.normal(scale=4, size=(6, 5))
    x = np.vstack([c + rng.normal(size=(800, 5)) for c in centers])
    scaled = wa.StandardScaler().fit_transform(x)
    assert np.allclose(scaled, SkScaler().fit_transform(x))
    ours = wa.KMeans(n_clusters=5, n_init=10, seed=3).fit(scaled)
    theirs = SkKMeans(n_clusters=5, n_init=10, random_state=3).fit(scaled)
    assert ours.inertia_ <= theirs.inertia_ * 1.01
    assert ours.cluster_centers_.shape == (5, 5)
    assert np.array_equal(ours.predict(scaled), ours.labels_)
    again = wa.KMeans(n_clusters=5, n_init=10, seed=3).fit(scaled)
    assert np.array_equal(again.labels_, ours.labels_) and again.inertia_ == ours.inertia_
    with pytest.raises(wa.ParameterError):
        wa.KMeans(n_clusters=10).fit(x[:5])


def test_conversion_predictor_trains_scores_and_round_trips():
    demo = wa.demo_campaign(contacts=2000, seed=6)
    model = wa.ConversionPredictor(n_estimators=30, seed=4)
    summary = model.train(demo.log, agenda=demo.inputs_dict()["agenda"])
    assert 0.5 < summary["test"]["roc_auc"] <= 1
    assert summary["test"]["rows"] + summary["train_rows"] > 0
    scores = model.predict(demo.log)
    assert len(scores) == summary["test"]["rows"] + summary["train_rows"]
    first = scores[0]
    assert first["segment"].endswith("_conversion_probability") and len(first["recommendations_es"]) == 4
    loaded = wa.ConversionPredictor.from_json(model.to_json())
    assert loaded.predict(demo.log) == scores
    again = wa.ConversionPredictor(n_estimators=30, seed=4)
    again.train(demo.log, agenda=demo.inputs_dict()["agenda"])
    assert again.to_json() == model.to_json()
    with pytest.raises(wa.ParameterError):
        wa.ConversionPredictor().predict(demo.log)


def test_conversion_features_are_the_predictors_table():
    demo = wa.demo_campaign(contacts=2000, seed=6)
    agenda = demo.inputs_dict()["agenda"]
    table = wa.conversion_features(demo.log, agenda=agenda)
    x, y = table["X"], table["y"]
    assert x.shape == (len(table["user_id"]), len(table["columns"])) and x.dtype == np.float64
    assert table["columns"][:2] == ["attended_minutes", "chat_participation"]
    model = wa.ConversionPredictor(n_estimators=5)
    summary = model.train(demo.log, agenda=agenda)
    assert len(y) == summary["train_rows"] + summary["test"]["rows"]
    converted = {s["user_id"]: s["converted"] for s in model.predict(demo.log)}
    assert [int(converted[u]) for u in table["user_id"]] == y.tolist()
    # Trains a scikit-learn model on the same features.
    assert RandomForestClassifier(n_estimators=5, random_state=0).fit(x, y).predict_proba(x).shape == (len(y), 2)


def test_attendance_predictor_uses_the_features_the_history_has():
    rng = np.random.default_rng(8)
    n = 300
    r24 = rng.uniform(50, 500, n)
    history = pl.DataFrame(
        {
            "webinar": [f"w{i}" for i in range(n)],
            "registrations_24h_before": r24,
            "registrations_48h_before": r24 * rng.uniform(0.6, 1.0, n),
            "email_open_rate_24h": rng.uniform(0.1, 0.5, n),
            "competitor_activity_score": rng.uniform(0, 1, n),
        }
    ).with_columns((0.5 * pl.col("registrations_24h_before") + 150 * pl.col("email_open_rate_24h")).alias("actual_attendance"))
    model = wa.AttendancePredictor(n_estimators=50, seed=2)
    training = model.train(history)
    assert training["r2"] > 0.8 and training["mae"] > 0
    assert "registration_velocity" in training["features"] and "email_click_rate_24h" not in training["features"]
    current = {"registrations_24h_before": 300, "registrations_48h_before": 200, "email_open_rate_24h": 0.3,
               "competitor_activity_score": 0.9, "registrations": 1000, "email_engagement": 0.2}
    p = model.predict(current)
    low, high = p["confidence_interval"]
    assert low <= p["prediction"] <= high and p["attendance_rate"] == pytest.approx(p["prediction"] / 1000)
    assert [i["kind"] for i in p["insights"]] == ["positive_trend", "high_engagement", "high_competition"]
    assert [r["category"] for r in p["recommendations"]] == ["marketing", "content"]
    assert wa.AttendancePredictor.from_json(model.to_json()).predict(current) == p
    with pytest.raises(wa.ParameterError):
        model.predict({"registrations": 10})
    with pytest.raises(wa.ParameterError):
        wa.AttendancePredictor().train(history.head(3))
