"""A chart of a result: a Vega-Lite v5 spec (data inline, the same JSON in every language) that
Jupyter, JupyterLab and VS Code draw with no extra package."""

from __future__ import annotations

import json
import os
from typing import Any

VEGA_LITE = "application/vnd.vegalite.v5+json"


class Chart:
    """`result.chart()`: `.spec` is the Vega-Lite v5 spec (a dict); a notebook draws it;
    `.save("funnel.json")` writes the spec; `.to_altair()` gives an altair chart when altair is
    installed."""

    __slots__ = ("spec",)

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    @property
    def title(self) -> str:
        """The chart's title."""
        title = self.spec.get("title")
        return str(title.get("text", "") if isinstance(title, dict) else title or "")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {VEGA_LITE: self.spec, "text/plain": repr(self)}

    def __repr__(self) -> str:
        rows = len(self.spec.get("data", {}).get("values", []))
        return f"Chart({self.title!r}, {rows} data rows)"

    def to_json(self) -> str:
        """The spec as JSON text."""
        return json.dumps(self.spec, ensure_ascii=False, indent=2)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the spec: `.json` (Vega-Lite v5, for any Vega-Lite renderer)."""
        target = os.fspath(path)
        if not target.endswith(".json"):
            from webinar_analytics._native import ParameterError

            error = ParameterError(f"invalid parameter `path`: {target!r}: charts save as .json (Vega-Lite v5)")
            error.code = "invalid_parameter"  # type: ignore[attr-defined]
            error.details = {"code": "invalid_parameter", "category": "parameter", "parameter": "path"}  # type: ignore[attr-defined]
            raise error
        with open(target, "w", encoding="utf-8") as f:
            f.write(self.to_json())

    def to_altair(self) -> Any:
        """The chart as an altair chart (altair must be installed)."""
        import altair as alt

        kind = alt.LayerChart if "layer" in self.spec else alt.VConcatChart if "vconcat" in self.spec else alt.Chart
        return kind.from_dict(self.spec)
