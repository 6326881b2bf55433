"""``align app``: start the review app (Streamlit) on this machine."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import align
from align.errors import AlignError
from align.storage import ENV_DB

ENV_SAMPLE = "UN_ALIGN_SAMPLE"


def app_path() -> Path:
    """``app.py`` beside the ``align`` package (a source checkout or an editable install)."""
    return Path(align.__file__).resolve().parents[1] / "app.py"


def streamlit_command(args: argparse.Namespace) -> list[str]:
    """The ``streamlit run`` command line for ``args`` (safe defaults spelled out)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(app_path()),
        "--server.address", args.host,
        "--server.port", str(args.port),
        "--server.headless", "true",
        "--server.maxUploadSize", str(args.max_upload_mb),
        "--server.runOnSave", "false",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ]


def run(args: argparse.Namespace) -> int:
    app = app_path()
    if not app.is_file():
        raise AlignError(f"the review app is not installed beside the package ({app}): "
                         "run it from a source checkout")
    env = dict(os.environ)
    if args.db:
        env[ENV_DB] = str(Path(args.db).expanduser().resolve())
    if args.sample:
        env[ENV_SAMPLE] = "1"
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"align app: listening on {args.host}: anyone who can reach this machine can "
              "open the reviews", file=sys.stderr)
    print(f"align app: http://{'localhost' if args.host == '127.0.0.1' else args.host}:"
          f"{args.port}  (Ctrl+C stops it)", file=sys.stderr)
    try:
        return subprocess.call(streamlit_command(args), cwd=app.parent, env=env)
    except OSError as exc:
        raise AlignError(f"cannot start streamlit: {exc}") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "app", help="open the review app in the browser",
        description="Start the review app (Streamlit). It listens on this machine only "
                    "unless --host says otherwise.")
    p.add_argument("--sample", action="store_true",
                   help="open the bundled sample documents at start")
    p.add_argument("--db", metavar="PATH",
                   help="review database (default: review.sqlite3 in the user's data directory)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8501, help="port (default 8501)")
    p.add_argument("--max-upload-mb", type=int, default=50, metavar="MB",
                   help="largest file a user may upload, in MB (default 50)")
    p.set_defaults(func=run)
