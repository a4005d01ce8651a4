"""Progress of long calls (loads, model fits): `progress=True` draws a bar, tqdm's when tqdm is
installed (a line on stderr otherwise); `progress=callable` hears `(stage, done, total)` from the
calling thread about every 50 ms while the call runs (`total` 0: unknown)."""

from __future__ import annotations

import sys
from typing import Any, Callable, Union

#: What a `progress=` argument takes.
Progress = Union[bool, Callable[[str, int, int], Any], None]

_UNITS = {"read": "B", "load": "row", "sort": "step", "fit": "step"}


class Bar:
    """One bar per stage of a call: tqdm's where tqdm is installed, a stderr line otherwise."""

    def __init__(self) -> None:
        self._stage: str | None = None
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            try:
                from tqdm.auto import tqdm
            except ImportError:
                self._bar = None
            else:
                unit = _UNITS.get(stage, "it")
                self._bar = tqdm(total=total or None, desc=stage, unit=unit, unit_scale=unit == "B", leave=False)
        if self._bar is not None:
            self._bar.update(done - self._bar.n)
        else:
            shown = f"{done:,}/{total:,}" if total else f"{done:,}"
            print(f"\r{stage}: {shown}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        """Ends the current bar."""
        if self._bar is not None:
            self._bar.close()
        elif self._stage is not None:
            print(file=sys.stderr)
        self._bar = None
        self._stage = None
