"""The base of every result class: a typed view over the core's result (plain data identical in
every language), whose main table converts to Arrow, polars or pandas without a Python object
per row. The classes of each analysis (`FunnelResult`, ...) are generated in `_types.py`."""

from __future__ import annotations

from abc import ABCMeta
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from webinar_analytics import _native

if TYPE_CHECKING:
    from webinar_analytics._chart import Chart

_Row = TypeVar("_Row")


class Result(metaclass=ABCMeta):
    """Every analysis result: typed attributes (`result.counts`), `result["counts"]`, `to_dict()`
    (the JSON every language shares) and `to_arrow()` / `to_polars()` / `to_pandas()` of its main
    table (or of the rows under `key`, e.g. `"assignments"`). Results pickle."""

    __slots__ = ("_native",)
    # Fields the result may leave out (their attribute is then `None`).
    _optional: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, native: _native.Result) -> None:
        object.__setattr__(self, "_native", native)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return getattr(self._native, name)
        except AttributeError:
            if name in type(self)._optional:
                return None
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._native[key]

    def __len__(self) -> int:
        """Number of rows of the main table."""
        return len(self._native)

    def __dir__(self) -> list[str]:
        return sorted(set(dir(self._native)) | set(_fields(type(self))))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Result):
            return bool(self.to_dict() == other.to_dict())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._native,))

    def __repr__(self) -> str:
        return repr(self._native).replace("Result(", f"{type(self).__name__}(", 1)

    def to_dict(self) -> Any:
        """Plain data, identical in every language."""
        return self._native.to_dict()

    def chart(self, lang: str = "en", title: str | None = None) -> Chart:
        """The result's chart (Vega-Lite v5, data inline, and the same chart as SVG): a notebook
        draws it. Funnels, retention matrices, trends, channel tables, scorecards, attendance,
        experiments, segmentations and dashboard widgets have one; other results raise
        `ParameterError`. `lang="es"` labels it in Spanish."""
        from webinar_analytics._chart import Chart

        request = {"result": self.to_dict(), "lang": lang, "title": title}
        return Chart(_native.call("chart", None, request), request)

    def _repr_html_(self) -> str:
        """The main table as HTML (a notebook shows it), or the result's fields."""
        import html

        rows = self._native.table(None)
        if not rows:
            data = self.to_dict()
            items = data.items() if isinstance(data, dict) else enumerate(data)
            body = "".join(
                f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(_short(v))}</td></tr>" for k, v in items
            )
            return f"<table><caption>{type(self).__name__}</caption>{body}</table>"
        columns = list(rows[0].keys()) if isinstance(rows[0], dict) else ["value"]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
        shown = rows[:50]
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_short(r.get(c) if isinstance(r, dict) else r))}</td>" for c in columns) + "</tr>"
            for r in shown
        )
        more = f"<p>{len(rows) - len(shown)} more rows</p>" if len(rows) > len(shown) else ""
        return (
            f'<div style="overflow-x:auto"><table><caption>{type(self).__name__}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</div>"
        )

    def to_arrow(self, key: str | None = None) -> _native.ArrowTable:
        """The main table (or the rows under `key`) as an Arrow table (`__arrow_c_stream__`, for
        `pyarrow.table`, polars, DuckDB): typed columns, times as UTC timestamps, days as dates."""
        return self._native.to_arrow(key)

    def to_polars(self, key: str | None = None) -> Any:
        """The main table (or the rows under `key`) as a polars `DataFrame`, through Arrow."""
        return self._native.to_polars(key)

    def to_pandas(self, key: str | None = None) -> Any:
        """The main table (or the rows under `key`) as a pandas `DataFrame`, through Arrow."""
        return self._native.to_pandas(key)


def _fields(cls: type) -> list[str]:
    """The typed fields a result class declares (its own and its bases')."""
    names: list[str] = []
    for klass in cls.__mro__:
        names.extend(getattr(klass, "__annotations__", {}))
    return [n for n in names if not n.startswith("_")]


class Rows(Result, Generic[_Row]):
    """A result that is a list of rows (`channel_performance`): indexable and iterable, each row
    a plain `dict`."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> _Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Row]: ...
    @overload
    def __getitem__(self, index: str) -> Any: ...
    def __getitem__(self, index: int | slice | str) -> Any:
        if isinstance(index, str):
            return self._native[index]
        rows: list[_Row] = self._native.to_dict()
        return rows[index]

    def __iter__(self) -> Iterator[_Row]:
        rows: list[_Row] = self._native.to_dict()
        return iter(rows)

    def to_dict(self) -> list[_Row]:
        """Plain data, identical in every language."""
        rows: list[_Row] = self._native.to_dict()
        return rows


Result.register(_native.Result)


def _short(value: Any) -> str:
    """A cell of an HTML table: numbers as they read, long values cut."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e15 else str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
