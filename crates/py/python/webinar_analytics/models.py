"""scikit-learn-style estimators over the core's seeded models: `RandomForestClassifier`,
`RandomForestRegressor`, `KMeans`, `StandardScaler`, the seed's `ConversionPredictor` and
`AttendancePredictor`, and the series' `AttendanceForecaster`. Each is a class of the core's call contract (the same object the Node and
browser packages hold): options are checked by the core when fitting, a misspelt one is an error
that names it, and a model saved with `to_json()` loads in every language. Same seed and data,
same model.

X is any 2-D numeric table (numpy array, pandas or polars frame, Arrow table); it crosses to the
core as one block of float64, without a Python object per value."""

from __future__ import annotations

from typing import Any, Self

import numpy as np

from webinar_analytics import _native
from webinar_analytics._native import EventLog, ParameterError
from webinar_analytics._progress import Progress

__all__ = [
    "RandomForestClassifier",
    "RandomForestRegressor",
    "KMeans",
    "StandardScaler",
    "ConversionPredictor",
    "AttendancePredictor",
    "AttendanceForecaster",
]


def _matrix(x: Any) -> np.ndarray[Any, Any]:
    """X as a 2-D C-contiguous float64 array (an Arrow table's columns side by side)."""
    if hasattr(x, "__arrow_c_stream__") and not hasattr(x, "__array__"):
        import pyarrow as pa

        x = np.column_stack([column.to_numpy() for column in pa.table(x).columns])
    return np.ascontiguousarray(x, dtype=np.float64)


def _labels(y: Any) -> Any:
    """Class labels as integers (booleans and integral floats accepted; the core checks)."""
    array = np.asarray(y)
    return array.astype(np.int64).tolist() if array.dtype.kind == "b" else array.ravel().tolist()


def _not_fitted() -> ParameterError:
    error = ParameterError("invalid parameter `model`: call fit() first")
    error.code = "invalid_parameter"  # type: ignore[attr-defined]
    error.details = {"code": "invalid_parameter", "category": "parameter", "parameter": "model"}  # type: ignore[attr-defined]
    return error


class _Model:
    """A model of the core, held by its native handle once fitted or loaded."""

    _class = ""
    _handle: Any = None

    def _call(self, method: str, request: dict[str, Any] | None = None, log: EventLog | None = None) -> Any:
        if self._handle is None:
            raise _not_fitted()
        return self._handle.call(method, request or {}, log)

    def _fit(
        self, constructor: str, request: dict[str, Any], log: EventLog | None = None, progress: Progress = None
    ) -> None:
        self._handle = _native.call(f"{self._class}.{constructor}", log, request, progress)

    def to_json(self) -> str:
        """The model as versioned JSON text (loads in every language)."""
        text: str = self._call("to_json")
        return text

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Loads a model saved by `to_json` (in any language)."""
        model = cls.__new__(cls)
        model._options = {}
        model._fit("from_json", {"text": text})
        return model

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self._options, "model": None if self._handle is None else self.to_json()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._options = state["options"]
        self._handle = None
        if state["model"] is not None:
            self._fit("from_json", {"text": state["model"]})

    _options: dict[str, Any]


class _Forest(_Model):
    def __init__(
        self,
        n_estimators: int = 100,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: str | int | float | None = None,
        bootstrap: bool = True,
        seed: int = 42,
        max_bins: int = 256,
    ) -> None:
        self._options = {
            "n_estimators": n_estimators,
            "max_depth": max_depth,
            "min_samples_split": min_samples_split,
            "min_samples_leaf": min_samples_leaf,
            "max_features": max_features,
            "bootstrap": bootstrap,
            "seed": seed,
            "max_bins": max_bins,
        }
        self._handle = None

    @property
    def feature_importances_(self) -> np.ndarray[Any, Any]:
        """Impurity-based feature importances (sum to 1)."""
        return np.asarray(self._call("feature_importances"), dtype=np.float64)

    @property
    def oob_score_(self) -> float | None:
        """Out-of-bag accuracy (classifier) or R² (regressor); None when some row was never out of bag."""
        score: float | None = self._call("oob_score")
        return score


class RandomForestClassifier(_Forest):
    """A seeded random forest classifier with scikit-learn's conventions: `fit(X, y)`,
    `predict(X)`, `predict_proba(X)` (rows x classes), `classes_`, `feature_importances_`,
    `oob_score_`; `max_features` defaults to "sqrt"."""

    _class = "RandomForestClassifier"

    def fit(self, x: Any, y: Any, progress: Progress = None) -> Self:
        """Trains on X (rows x features) and integer (or boolean) labels y; returns self.
        `progress=True` shows a bar of the trees grown (or pass a callable(stage, done, total))."""
        self._fit("fit", {**self._options, "x": _matrix(x), "y": _labels(y)}, progress=progress)
        return self

    def predict(self, x: Any) -> np.ndarray[Any, Any]:
        """The most probable class of each row."""
        return np.asarray(self._call("predict", {"x": _matrix(x)}), dtype=np.int64)

    def predict_proba(self, x: Any) -> np.ndarray[Any, Any]:
        """Class probabilities, rows x classes (columns in the order of `classes_`)."""
        rows = self._call("predict_proba", {"x": _matrix(x)})
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)

    @property
    def classes_(self) -> np.ndarray[Any, Any]:
        """The classes, ascending."""
        return np.asarray(self._call("classes"), dtype=np.int64)


class RandomForestRegressor(_Forest):
    """A seeded random forest regressor with scikit-learn's conventions: `fit(X, y)`,
    `predict(X)`, `predict_trees(X)` (rows x trees, for intervals), `feature_importances_`,
    `oob_score_` (R²); `max_features` defaults to all features."""

    _class = "RandomForestRegressor"

    def fit(self, x: Any, y: Any, progress: Progress = None) -> Self:
        """Trains on X (rows x features) and numeric targets y; returns self. `progress` as for
        the classifier."""
        y = np.asarray(y, dtype=np.float64).ravel()
        self._fit("fit", {**self._options, "x": _matrix(x), "y": y}, progress=progress)
        return self

    def predict(self, x: Any) -> np.ndarray[Any, Any]:
        """The prediction of each row."""
        return np.asarray(self._call("predict", {"x": _matrix(x)}), dtype=np.float64)

    def predict_trees(self, x: Any) -> np.ndarray[Any, Any]:
        """Every tree's prediction of each row (rows x trees)."""
        rows = self._call("predict_trees", {"x": _matrix(x)})
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)


class KMeans(_Model):
    """Seeded k-means with scikit-learn's conventions: `fit(X)`, `predict(X)`, `labels_`,
    `cluster_centers_`, `inertia_`, `n_iter_`."""

    _class = "KMeans"

    def __init__(self, n_clusters: int = 5, n_init: int = 10, max_iter: int = 300, tol: float = 1e-4, seed: int = 42) -> None:
        self._options = {"n_clusters": n_clusters, "n_init": n_init, "max_iter": max_iter, "tol": tol, "seed": seed}
        self._handle = None

    def fit(self, x: Any, progress: Progress = None) -> Self:
        """Clusters the rows of X; returns self. `progress=True` shows a bar of the restarts."""
        self._fit("fit", {**self._options, "x": _matrix(x)}, progress=progress)
        return self

    def predict(self, x: Any) -> np.ndarray[Any, Any]:
        """The nearest cluster of each row."""
        return np.asarray(self._call("predict", {"x": _matrix(x)}), dtype=np.uint32)

    @property
    def labels_(self) -> np.ndarray[Any, Any]:
        """The cluster of each training row."""
        return np.asarray(self._call("labels"), dtype=np.uint32)

    @property
    def cluster_centers_(self) -> np.ndarray[Any, Any]:
        """The centers, clusters x features."""
        return np.asarray(self._call("cluster_centers"), dtype=np.float64)

    @property
    def inertia_(self) -> float:
        """Sum of squared distances of the training rows to their centers."""
        inertia: float = self._call("inertia")
        return inertia

    @property
    def n_iter_(self) -> int:
        """Lloyd iterations of the best restart."""
        iterations: int = self._call("n_iter")
        return iterations


class StandardScaler(_Model):
    """Standardization `(x - mean_) / scale_` (population standard deviation; 1 for a constant
    feature): `fit(X)`, `transform(X)`, `fit_transform(X)`."""

    _class = "StandardScaler"

    def __init__(self) -> None:
        self._options = {}
        self._handle = None

    def fit(self, x: Any) -> Self:
        """Learns the means and scales of X; returns self."""
        self._fit("fit", {"x": _matrix(x)})
        return self

    def transform(self, x: Any) -> np.ndarray[Any, Any]:
        """X standardized (rows x features)."""
        rows = self._call("transform", {"x": _matrix(x)})
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)

    def fit_transform(self, x: Any) -> np.ndarray[Any, Any]:
        """`fit(X)` then `transform(X)`."""
        return self.fit(x).transform(x)

    @property
    def mean_(self) -> np.ndarray[Any, Any]:
        """Mean of each feature."""
        return np.asarray(self._call("mean"), dtype=np.float64)

    @property
    def scale_(self) -> np.ndarray[Any, Any]:
        """Standard deviation of each feature."""
        return np.asarray(self._call("scale"), dtype=np.float64)


class _Predictor(_Model):
    def __init__(self, n_estimators: int = 100, max_depth: int | None = 8, seed: int = 42, test_fraction: float = 0.2) -> None:
        forest = {"n_estimators": n_estimators, "max_depth": max_depth, "seed": seed}
        self._options = {"forest": forest, "seed": seed, "test_fraction": test_fraction}
        self._handle = None

    @property
    def training_(self) -> Any:
        """The training summary of the last `train` (None for a loaded predictor)."""
        return self._call("training")


class ConversionPredictor(_Predictor):
    """The seed's conversion predictor: per-attendee conversion probability from engagement and
    firmographics (a seeded forest, 100 trees of depth 8 by default), segments at 0.8 / 0.6 /
    0.4 with the seed's recommendations."""

    _class = "ConversionPredictor"

    def train(self, log: EventLog, agenda: Any = None, as_of: Any = None, weights: Any = None) -> Any:
        """Trains on the attendees of `log` (label: a purchase by `as_of`); returns the training
        summary (held-out metrics, base rate, feature importance)."""
        options = {"agenda": agenda, "as_of": as_of, "weights": weights}
        self._fit("train", {**self._options, **{k: v for k, v in options.items() if v is not None}}, log)
        return self._call("training")

    def predict(self, log: EventLog) -> Any:
        """Scores every attendee of `log`: probability, segment, recommendations (English and Spanish)."""
        return self._call("predict", {}, log)


class AttendancePredictor(_Predictor):
    """The seed's attendance predictor: a seeded forest (100 trees of depth 10 by default) on the
    webinar-level features the history has, plus registration velocity, engagement momentum and
    marketing pressure; `train(history)` returns MAE, R² and feature importance on a seeded
    split, `predict(current)` the prediction with an 80% interval, rate, insights and
    recommendations."""

    _class = "AttendancePredictor"

    def __init__(self, n_estimators: int = 100, max_depth: int | None = 10, seed: int = 42, test_fraction: float = 0.2) -> None:
        super().__init__(n_estimators, max_depth, seed, test_fraction)

    def train(self, history: Any) -> Any:
        """Trains on past webinars (rows with `actual_attendance`); returns MAE, R², the features
        used and their importance."""
        self._fit("train", {**self._options, "history": history})
        return self._call("training")

    def predict(self, current: Any) -> Any:
        """Predicts one upcoming webinar (a dict of its features and `registrations`)."""
        return self._call("predict", {"current": current})


class AttendanceForecaster(_Model):
    """The attendance forecast of a webinar series, fit once and kept: `fit(log)` computes each
    webinar's features 24 h before its start, runs the rolling backtest (whose errors set the
    prediction intervals) and trains on every webinar with an outcome; `predict(log, webinar=)`
    applies it to a webinar of an updated log without training again. Options as
    `predict_attendance` (agendas, spend, horizon, tz, min_train, coverage, forest)."""

    _class = "AttendanceForecaster"

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._handle = None

    def fit(self, log: EventLog, **options: Any) -> Self:
        """Trains on the series of `log` (webinars before `webinar=` when given); returns self."""
        self._fit("fit", {**self._options, **options}, log)
        return self

    def predict(self, log: EventLog, webinar: str | None = None, **options: Any) -> dict[str, Any]:
        """The forecast of `webinar` (default: the last) of `log` as `predict_attendance` gives
        it: live attendees, the interval, drivers, insights and recommendations; `as_of`,
        `agendas`, `spend` as of now."""
        forecast: dict[str, Any] = self._call("predict", {"webinar": webinar, **options}, log)
        return forecast

    @property
    def backtest_(self) -> dict[str, Any]:
        """The rolling backtest of the fit: each webinar's prediction, MAE, MAPE and coverage."""
        backtest: dict[str, Any] = self._call("backtest")
        return backtest

    @property
    def trained_on_(self) -> list[str]:
        """The webinars the model was trained on."""
        webinars: list[str] = self._call("trained_on")
        return webinars
