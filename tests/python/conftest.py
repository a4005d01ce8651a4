import json
import pathlib

import webinar_analytics as wa

VECTOR_DIR = pathlib.Path(__file__).resolve().parents[1] / "vectors"


def load_vectors():
    return [(p.stem, json.loads(p.read_text())) for p in sorted(VECTOR_DIR.glob("*.json"))]


def build(vector):
    """Builds a vector's input through the Python front door; returns (log, demo)."""
    inp = vector["input"]
    options = inp.get("options", {})
    if "demo" in inp:
        demo = wa.demo_campaign(**inp["demo"])
        return demo.log, demo
    if "series" in inp:
        # A demo series; arguments named "series" take the series' own agendas or spend.
        inputs = wa.demo_series_inputs(**inp["series"]).to_dict()
        for key, value in vector["call"].get("args", {}).items():
            if value == "series":
                vector["call"]["args"][key] = inputs[key]
        return wa.demo_series(**inp["series"]), None
    if "zoom_csv" in inp:
        return wa.EventLog.from_zoom_attendee_report(inp["zoom_csv"].encode(), **options), None
    if "events_csv" in inp:
        contacts = inp.get("contacts_csv")
        log = wa.EventLog.from_csv(
            inp["events_csv"].encode(), contacts.encode() if contacts is not None else None, **options
        )
        return log, None
    return wa.EventLog.from_records(inp.get("events", []), inp.get("contacts"), **options), None


def call(log, demo, spec):
    fn = spec["fn"]
    if fn == "summary":
        return wa.summary(log).to_dict()
    if fn == "attendance":
        return wa.attendance(log, **spec.get("args", {})).to_dict()
    if fn == "scorecard":
        return wa.scorecard(log, **spec.get("args", {})).to_dict()
    if fn == "funnel":
        return wa.funnel(log, **spec.get("args", {})).to_dict()
    if fn == "retention":
        return wa.retention(log, **spec.get("args", {})).to_dict()
    if fn == "explain_change":
        return wa.explain_change(log, **spec["args"]).to_dict()
    if fn == "cohort_performance":
        return wa.cohort_performance(log, **spec.get("args", {})).to_dict()
    if fn == "trends":
        return wa.trends(log, **spec.get("args", {})).to_dict()
    if fn == "audience":
        return wa.audience(log, **spec.get("args", {}))
    if fn == "read_email_sends_csv":
        return wa.read_email_sends_csv(spec["args"]["text"].encode())
    if fn == "catalog":
        return wa.catalog()
    if fn == "random_forest_classifier":
        args = spec["args"]
        model = wa.RandomForestClassifier(**args.get("options", {})).fit(args["X"], args["y"])
        return {
            "predict": model.predict(args["X"]).tolist(),
            "proba": model.predict_proba(args["X"]).tolist(),
            "feature_importances": model.feature_importances_.tolist(),
        }
    if fn == "random_forest_regressor":
        args = spec["args"]
        model = wa.RandomForestRegressor(**args.get("options", {})).fit(args["X"], args["y"])
        return {"predict": model.predict(args["X"]).tolist(), "feature_importances": model.feature_importances_.tolist()}
    if fn == "standard_scaler":
        scaler = wa.StandardScaler().fit(spec["args"]["X"])
        return {
            "mean": scaler.mean_.tolist(),
            "scale": scaler.scale_.tolist(),
            "transform": scaler.transform(spec["args"]["X"]).tolist(),
        }
    if fn == "score_saved_forest":
        model = wa.RandomForestClassifier.from_json(spec["args"]["model"])
        x = spec["args"]["X"]
        return {"predict": model.predict(x).tolist(), "proba": model.predict_proba(x).tolist()}
    if fn == "segment_audience":
        return wa.segment_audience(log, **spec.get("args", {})).to_dict()
    if fn == "conversion_predictor":
        args = spec["args"]
        forest = args["forest"]
        model = wa.ConversionPredictor(forest["n_estimators"], forest["max_depth"], args["seed"], args["test_fraction"])
        assert forest["seed"] == args["seed"]
        training = model.train(log)
        scores = model.predict(log)
        return {
            "training": training,
            "probabilities": [s["conversion_probability"] for s in scores],
            "segments": [s["segment"] for s in scores],
        }
    if fn == "attendance_predictor":
        args = spec["args"]
        model = wa.AttendancePredictor(args["forest"]["n_estimators"], seed=args["seed"], test_fraction=args["test_fraction"])
        assert args["forest"]["seed"] == args["seed"]
        return {"training": model.train(args["history"]), "prediction": model.predict(args["current"])}
    if fn == "kmeans":
        model = wa.KMeans(**spec["args"].get("options", {})).fit(spec["args"]["X"])
        return {"labels": model.labels_.tolist(), "inertia": model.inertia_}
    if fn == "channel_performance":
        args = dict(spec.get("args", {}))
        if "spend_csv" in args:
            args["spend"] = wa.read_spend_csv(args.pop("spend_csv").encode())
        return wa.channel_performance(log, **args).to_dict()
    if fn == "alert_rules":
        return wa.alert_rules(spec["args"]["name"])
    if fn == "alert_sequence":
        engine = wa.AlertEngine(**spec["args"]["options"])
        return [engine.evaluate(step["scorecard"], at=step.get("at")) for step in spec["args"]["evaluations"]]
    if fn == "ga4":
        import pyarrow as pa

        path = pathlib.Path(__file__).resolve().parents[2] / spec["args"]["fixture"]
        table = pa.ipc.open_file(pa.OSFile(str(path))).read_all()
        return wa.summary(wa.EventLog.from_ga4(table, **spec["args"]["options"])).to_dict()
    if fn == "campaign":
        root = pathlib.Path(__file__).resolve().parents[2]
        files = {}
        for kind, path in spec["args"]["files"]:
            files.setdefault(kind, []).append(root / path)
        web = wa.EventLog.from_records(spec["args"]["events"])
        campaign = wa.Campaign(**files, events=web, **spec["args"]["options"])
        metrics = {m["id"]: m["value"] for m in campaign.scorecard().to_dict()["metrics"]}
        return {"sources": campaign.sources, "persons": campaign.log.person_count, "metrics": metrics}
    if fn == "live_sequence":
        live = wa.LiveScorecard(**spec["args"]["options"])
        updates = []
        for step in spec["args"]["steps"]:
            if "advance" in step:
                update = live.advance(step["advance"])
            else:
                update = live.append(step["events"], now=step.get("now"))
            update["alerts"] = [[e["kind"], e["rule_id"]] for e in (update["alerts"] or {}).get("events", [])]
            updates.append(update)
        metrics = {m["id"]: m["value"] for m in live.scorecard().to_dict()["metrics"]}
        return {"updates": updates, "metrics": metrics}
    if fn == "analyze_experiment":
        return wa.analyze_experiment(spec["args"]["counts"], **spec["args"]["options"]).to_dict()
    if fn == "sample_size":
        return wa.sample_size(**spec["args"])
    if fn == "chart_of":
        result = getattr(wa, spec["args"]["of"])(log, **spec["args"]["options"])
        options = dict(spec["args"]["chart"])
        chart = result.chart(**{k: v for k, v in options.items() if k != "format"})
        return chart.svg if options.get("format") == "svg" else chart.spec
    if fn == "experiment":
        return wa.experiment(log, **spec["args"]).to_dict()
    if fn == "parquet":
        root = pathlib.Path(__file__).resolve().parents[2]
        parquet_log = wa.EventLog.from_parquet(root / spec["args"]["events"], root / spec["args"]["contacts"])
        return {
            "summary": wa.summary(parquet_log).to_dict(),
            "funnel": wa.funnel(parquet_log, ["page_view", "register", "attend"]).counts,
            "channels": wa.channel_performance(parquet_log).to_dict(),
        }
    if fn == "zoom_report":
        path = pathlib.Path(__file__).resolve().parents[2] / spec["args"]["fixture"]
        return wa.summary(wa.EventLog.from_zoom_report(path, spec["args"]["kind"], **spec["args"]["options"])).to_dict()
    if fn == "activecampaign_activity":
        path = pathlib.Path(__file__).resolve().parents[2] / spec["args"]["fixture"]
        return wa.summary(wa.read_activecampaign_activity(path, **spec["args"]["options"])).to_dict()
    if fn == "merge_states":
        root = pathlib.Path(__file__).resolve().parents[2]
        states = [(root / f).read_bytes() for f in spec["args"]["fixtures"]]
        return wa.merge_states(states, spend=spec["args"].get("spend")).to_dict()
    if fn == "read_ad_report":
        path = pathlib.Path(__file__).resolve().parents[2] / spec["args"]["fixture"]
        return wa.read_ad_report(path.read_bytes(), **spec["args"]["options"])
    if fn == "read_export":
        path = pathlib.Path(__file__).resolve().parents[2] / spec["args"]["fixture"]
        reader = {"hubspot_contacts": wa.read_hubspot_contacts, "activecampaign_report": wa.read_activecampaign_report}
        return reader[spec["args"]["kind"]](path, **spec["args"]["options"])
    if fn == "merge_and_resolve":
        merged = log
        for other in spec["args"]["others"]:
            merged = merged.merge(wa.EventLog.from_records(other["events"], other.get("contacts")))
        resolved, report = wa.resolve_identities(merged)
        return {
            "report": report,
            "summary": wa.summary(resolved).to_dict(),
            "audience": wa.audience(resolved, ["industry", "channel"]),
            "funnel": wa.funnel(resolved, spec["args"]["steps"]).counts,
        }
    if fn == "append_logs":
        updated = log
        for other in spec["args"]["others"]:
            updated = updated.append(wa.EventLog.from_records(other["events"], other.get("contacts")))
        return {
            "summary": wa.summary(updated).to_dict(),
            "audience": wa.audience(updated, ["industry", "channel"]),
            "funnel": wa.funnel(updated, spec["args"]["steps"]).counts,
        }
    if fn == "resolve_identities":
        resolved, report = wa.resolve_identities(log, **spec["args"]["options"])
        merged = wa.audience(resolved, ["industry", "channel"])
        return {"report": report, "summary": wa.summary(resolved).to_dict(), "audience": merged}
    if fn == "schedule_runs":
        return wa.schedule_runs(**spec["args"])
    if fn in ("dashboard", "report"):
        args = dict(spec["args"])
        if args.get("inputs") == "demo":
            args["inputs"] = demo.inputs_dict()
        if fn == "dashboard":
            return wa.dashboard(log, **args).to_dict()
        report = wa.report(log, **args)
        return {"report": report.to_dict(), "markdown": report.to_markdown()}
    if fn == "demo_inputs":
        return demo.inputs_dict()
    if fn == "demo_series_inputs":
        return wa.demo_series_inputs(**spec["args"]).to_dict()
    # Any other call of the contract over a log with options only.
    if callable(getattr(wa, fn, None)):
        result = getattr(wa, fn)(log, **spec.get("args", {}))
        return result.to_dict() if hasattr(result, "to_dict") else result
    raise AssertionError(f"unknown function {fn}")
