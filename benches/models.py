"""Model harness: webinar-analytics' seeded random forests beside scikit-learn, same data, same
split, same thread count, one run. Prints quality (ROC-AUC, R²), fit and predict seconds.

    .venv/bin/python benches/models.py [--rows 100000] [--threads 2]

K-means: k=5 with n_init 1 and 10 on the standardized features of the same table.

The table: 10 standard-normal features with a non-linear conversion probability (classifier,
n_estimators=100, max_depth=8) and a non-linear continuous target (regressor, max_depth=10);
80 / 20 split.
"""

import argparse
import os
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    os.environ.setdefault("RAYON_NUM_THREADS", str(args.threads))

    import numpy as np
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
    from sklearn.metrics import r2_score, roc_auc_score

    import webinar_analytics as wa

    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.rows, 10))
    logit = 1.5 * x[:, 0] - 2 * x[:, 1] * (x[:, 2] > 0) + np.sin(3 * x[:, 3]) + 0.5 * x[:, 4] ** 2 - 1
    label = (rng.random(args.rows) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    target = 3 * x[:, 0] + 2 * np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] + rng.normal(scale=0.5, size=args.rows)
    cut = args.rows * 4 // 5

    def timed(f):
        start = time.perf_counter()
        out = f()
        return out, time.perf_counter() - start

    print(f"{args.rows:,} rows x 10 features, {args.threads} threads")
    print(f"{'model':<34} {'quality':>9} {'fit s':>8} {'predict s':>10}")
    runs = [
        ("classifier", "ROC-AUC", label,
         wa.RandomForestClassifier(n_estimators=100, max_depth=8, seed=1),
         RandomForestClassifier(n_estimators=100, max_depth=8, random_state=1, n_jobs=args.threads)),
        ("regressor", "R2", target,
         wa.RandomForestRegressor(n_estimators=100, max_depth=10, seed=1),
         RandomForestRegressor(n_estimators=100, max_depth=10, random_state=1, n_jobs=args.threads)),
    ]
    for kind, metric, y, ours, theirs in runs:
        results = {}
        for name, model in [("webinar-analytics", ours), ("scikit-learn", theirs)]:
            _, fit = timed(lambda m=model: m.fit(x[:cut], y[:cut]))
            if kind == "classifier":
                pred, predict = timed(lambda m=model: m.predict_proba(x[cut:])[:, 1])
                quality = roc_auc_score(y[cut:], pred)
            else:
                pred, predict = timed(lambda m=model: m.predict(x[cut:]))
                quality = r2_score(y[cut:], pred)
            results[name] = (quality, fit, predict)
            print(f"{name + ' ' + kind:<34} {quality:>9.4f} {fit:>8.2f} {predict:>10.3f}")
        (q, f, p), (sq, sf, sp) = results["webinar-analytics"], results["scikit-learn"]
        print(f"  {metric} difference {q - sq:+.4f}; fit {sf / f:.1f}x faster, predict {sp / p:.1f}x faster")

    from sklearn.cluster import KMeans

    scaled = wa.StandardScaler().fit_transform(x)
    for n_init in (1, 10):
        ours, fit = timed(lambda n=n_init: wa.KMeans(n_clusters=5, n_init=n, seed=1).fit(scaled))
        theirs, sk_fit = timed(lambda n=n_init: KMeans(n_clusters=5, n_init=n, random_state=1).fit(scaled))
        print(f"{'webinar-analytics k-means n_init=' + str(n_init):<34} {ours.inertia_:>12.1f} {fit:>8.2f}")
        print(f"{'scikit-learn k-means n_init=' + str(n_init):<34} {theirs.inertia_:>12.1f} {sk_fit:>8.2f}")
        print(f"  inertia ratio {ours.inertia_ / theirs.inertia_:.4f}; fit {sk_fit / fit:.1f}x faster")


if __name__ == "__main__":
    main()
