"""Optional comfort for notebooks and scripts: pandas frames and tqdm progress bars."""

from __future__ import annotations

from typing import Any, Iterable, Optional


def to_pandas(items: Iterable[Any]) -> Any:
    """A DataFrame of the items' JSON, one row per item, nested objects flattened with dots."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("to_pandas() needs pandas: pip install 'pancake-api[pandas]'") from e
    return pd.json_normalize([item.to_dict() for item in items])


def progress_bar(total: Optional[int], desc: str) -> Any:
    """A tqdm bar on stderr, or ``None`` when tqdm is not installed."""
    try:
        from tqdm.auto import tqdm
    except ImportError as e:
        raise ImportError("progress=True needs tqdm: pip install 'pancake-api[progress]'") from e
    return tqdm(total=total, desc=desc, unit=" items")
