"""REST API + web UI server (`parallax serve`)."""

from __future__ import annotations

import os


def create_app(db: str | None = None, *, token: str | None = None, read_only: bool = False, repo=None):
    from parallax.api.app import create_app as _create

    return _create(db, token=token, read_only=read_only, repo=repo)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          read_only: bool = False) -> None:
    """Run the API and the web UI with uvicorn. The token defaults to env PARALLAX_TOKEN."""
    import uvicorn

    app = create_app(db, token=token or os.environ.get("PARALLAX_TOKEN") or None, read_only=read_only)
    uvicorn.run(app, host=host, port=port, log_level="info")
