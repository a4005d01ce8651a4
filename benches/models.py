"""Model harness: webinar-analytics' seeded random forests beside scikit-learn, same data, same
split, same thread count, one run. Prints quality (ROC-AUC, R²), fit seconds and
predict seconds (best of 3).

    .venv/bin/python benches/models.py [--rows 100000] [--threads 2]

The table: the conversion predictor's features of the attendees of a demo campaign
(`wa.conversion_features`: attended minutes, chat / Q&A / poll counts, engagement score, email and
web activity, CTA clicks, lead score, industry / company size / job title / channel codes), the
first `--rows` attendees of a seeded shuffle, 80 / 20 split.
- classifier (n_estimators=100, max_depth=8): did the attendee buy, from all 13 features;
- regressor (n_estimators=100, max_depth=10): attended minutes, from the 11 features that are not
  derived from it (all but attended_minutes and engagement_score);
- k-means: k=5 with n_init 1 and 10 on the standardized 13 features.
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

    # ~0.47 attendees per contact in the demo: generate enough for `--rows` attendees.
    demo = wa.demo_campaign(contacts=args.rows * 9 // 4, seed=7)
    table = wa.conversion_features(demo.log, agenda=demo.inputs_dict()["agenda"])
    order = np.random.default_rng(0).permutation(len(table["y"]))[: args.rows]
    x, label = table["X"][order], table["y"][order]
    if len(label) < args.rows:
        raise SystemExit(f"the demo gave {len(label)} attendees, fewer than --rows {args.rows}")
    minutes = table["columns"].index("attended_minutes")
    keep = [i for i, c in enumerate(table["columns"]) if c not in ("attended_minutes", "engagement_score")]
    target = x[:, minutes]
    cut = args.rows * 4 // 5

    def timed(f, repeat=1):
        best = None
        for _ in range(repeat):
            start = time.perf_counter()
            out = f()
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        return out, best

    print(f"{args.rows:,} demo attendees x {x.shape[1]} features, {args.threads} threads")
    print(f"{'model':<34} {'quality':>9} {'fit s':>8} {'predict s':>10}")
    runs = [
        ("classifier", "ROC-AUC", x, label,
         wa.RandomForestClassifier(n_estimators=100, max_depth=8, seed=1),
         RandomForestClassifier(n_estimators=100, max_depth=8, random_state=1, n_jobs=args.threads)),
        ("regressor", "R2", x[:, keep], target,
         wa.RandomForestRegressor(n_estimators=100, max_depth=10, seed=1),
         RandomForestRegressor(n_estimators=100, max_depth=10, random_state=1, n_jobs=args.threads)),
    ]
    for kind, metric, features, y, ours, theirs in runs:
        results = {}
        for name, model in [("webinar-analytics", ours), ("scikit-learn", theirs)]:
            _, fit = timed(lambda m=model: m.fit(features[:cut], y[:cut]))
            if kind == "classifier":
                pred, predict = timed(lambda m=model: m.predict_proba(features[cut:])[:, 1], repeat=3)
                quality = roc_auc_score(y[cut:], pred)
            else:
                pred, predict = timed(lambda m=model: m.predict(features[cut:]), repeat=3)
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
