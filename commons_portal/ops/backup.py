"""Backups and restores of the PostgreSQL database named by DATABASE_URL, with pg_dump / pg_restore.

    python -m commons_portal.ops.backup dump FILE
    python -m commons_portal.ops.backup restore FILE

The dump is in pg_dump's custom format (compressed, restorable table by table); the restore replaces
the objects of the target database (`--clean --if-exists`) in one transaction, so a failed restore
leaves the database as it was.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import environ


def _connection_args() -> tuple[list[str], dict[str, str]]:
    url = os.environ.get("DATABASE_URL", "")
    config = environ.Env.db_url_config(url) if url else {}
    if "postgresql" not in config.get("ENGINE", ""):
        raise SystemExit("DATABASE_URL doit désigner une base PostgreSQL (postgres://…) pour une sauvegarde.")
    args = ["-h", str(config.get("HOST") or "127.0.0.1"), "-p", str(config.get("PORT") or 5432)]
    if config.get("USER"):
        args += ["-U", config["USER"]]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return [*args, "-d", config["NAME"]], env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"{name} est introuvable : installez le paquet Debian postgresql-client.")
    return path


def dump(target: Path) -> Path:
    args, env = _connection_args()
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args]
    subprocess.run(command, env=env, check=True)  # noqa: S603
    return target


def restore(source: Path) -> None:
    if not source.exists():
        raise SystemExit(f"{source} n'existe pas.")
    args, env = _connection_args()
    subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env=env,
        check=True,
    )


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in {"dump", "restore"}:
        print(__doc__, file=sys.stderr)  # noqa: T201
        return 2
    path = Path(argv[2])
    if argv[1] == "dump":
        print(f"Sauvegarde écrite : {dump(path)}")  # noqa: T201
    else:
        restore(path)
        print(f"Base restaurée depuis {path}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
