"""A chart of a result: a Vega-Lite v5 spec (data inline, the same JSON in every language) that
Jupyter, JupyterLab and VS Code draw with no extra package, and the same chart as a static SVG
for where Vega-Lite is not drawn (GitHub, nbviewer, e-mail, reports)."""

from __future__ import annotations

import html
import json
import os
from typing import Any

VEGA_LITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
FORMATS = (".json", ".svg", ".html")


class Chart:
    """`result.chart()`: `.spec` is the Vega-Lite v5 spec (a dict) and `.svg` the same chart as a
    static SVG; a notebook shows the first it can draw. `.save("funnel.svg" | "funnel.html" |
    "funnel.json")`; `.to_altair()` gives an altair chart when altair is installed."""

    __slots__ = ("_svg", "_svg_request", "spec")

    def __init__(self, spec: dict[str, Any], svg_request: dict[str, Any] | None = None) -> None:
        self.spec = spec
        self._svg_request = svg_request
        self._svg: str | None = None

    @classmethod
    def of(cls, result: Any, lang: str = "en", title: str | None = None, of: str | None = None) -> Chart:
        """The chart of any result or part of one given as plain data (a dashboard widget, a
        funnel step's `time_to_convert`): `wa.Chart.of(step["time_to_convert"])`."""
        from webinar_analytics import _native

        data = result.to_dict() if hasattr(result, "to_dict") else result
        request = {"result": data, "lang": lang, "title": title, "of": of}
        return cls(_native.call("chart", None, request), request)

    @property
    def title(self) -> str:
        """The chart's title."""
        title = self.spec.get("title")
        return str(title.get("text", "") if isinstance(title, dict) else title or "")

    @property
    def svg(self) -> str:
        """The chart as a static SVG image (text), drawn by the library from the same data."""
        if self._svg is None:
            from webinar_analytics import _native

            if self._svg_request is None:
                raise ValueError("this chart was made from a spec alone; `result.chart()` gives one with an SVG")
            self._svg = _native.call("chart", None, {**self._svg_request, "format": "svg"})
        return self._svg

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {VEGA_LITE: self.spec, "text/plain": repr(self)}
        if self._svg_request is not None:
            bundle[SVG] = self.svg
        return bundle

    def __repr__(self) -> str:
        rows = sum(len(part.get("data", {}).get("values", [])) for part in [self.spec, *self.spec.get("vconcat", [])])
        return f"Chart({self.title!r}, {rows} data rows)"

    def to_json(self) -> str:
        """The spec as JSON text."""
        return json.dumps(self.spec, ensure_ascii=False, indent=2)

    def to_html(self) -> str:
        """A self-contained HTML page: the SVG, with the Vega-Lite spec embedded as data (no
        script is loaded from anywhere)."""
        spec = json.dumps(self.spec, ensure_ascii=False).replace("</", "<\\/")
        return (
            f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            f"content=\"width=device-width, initial-scale=1\"><title>{html.escape(self.title)}</title>"
            "<style>svg{max-width:100%;height:auto}</style></head><body>"
            f"{self.svg}<script type=\"application/json\" id=\"vega-lite-spec\">{spec}</script></body></html>\n"
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the chart by the file's extension: `.svg` (static image), `.html` (a page with
        the SVG), `.json` (the Vega-Lite v5 spec, for any Vega-Lite renderer)."""
        target = os.fspath(path)
        if not target.lower().endswith(FORMATS):
            from webinar_analytics._native import ParameterError

            error = ParameterError(f"invalid parameter `path`: {target!r}: charts save as .svg, .html or .json")
            error.code = "invalid_parameter"  # type: ignore[attr-defined]
            error.details = {"code": "invalid_parameter", "category": "parameter", "parameter": "path"}  # type: ignore[attr-defined]
            raise error
        lower = target.lower()
        text = self.svg if lower.endswith(".svg") else self.to_html() if lower.endswith(".html") else self.to_json()
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)

    def to_altair(self) -> Any:
        """The chart as an altair chart (altair must be installed)."""
        import altair as alt

        kind = alt.LayerChart if "layer" in self.spec else alt.VConcatChart if "vconcat" in self.spec else alt.Chart
        return kind.from_dict(self.spec)
