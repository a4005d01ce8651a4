"""The charts notebook (examples/charts.ipynb) executed as Jupyter runs it: every chart cell shows
a Vega-Lite v5 bundle and a static SVG, every result cell an HTML table."""

import pathlib

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "charts.ipynb"


def test_the_charts_notebook_shows_every_chart_and_table(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [(cell.source, out) for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [o for _, o in outputs if o.output_type == "error"]
    charts = [(s, out.data) for s, out in outputs if (".chart(" in s or "Chart.of(" in s) and "save(" not in s]
    assert len(charts) == 11
    for source, data in charts:
        assert data["application/vnd.vegalite.v5+json"]["$schema"].endswith("/vega-lite/v5.json"), source
        assert data["image/svg+xml"].startswith("<svg xmlns="), source
    # Every result's cell shows it as an HTML table.
    results = [(source, out.data) for source, out in outputs if " = wa." in source and "data" in out]
    assert len(results) == 10
    for source, data in results:
        assert "<table" in data["text/html"], source
